# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GROUP_MANAGER, GROUP_SUPERVISOR, PURCHASE_USER, DashboardCase

# Queries of an agenda (any number of MOs, purchase orders, low-stock tasks).
AGENDA_QUERIES = 29
# A Monday, before the working day of the test calendar (8-12, 13-17 UTC).
MONDAY = datetime(2026, 12, 7, 6, 0)


@tagged("post_install", "-at_install")
class MeetingCase(DashboardCase):
    """The dashboard's six MOs (late, at risk, blocked at Cutting, overdue at Cutting, ...)
    with a responsible each, on the company's UTC 8-12/13-17 calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id = cls.calendar
        cls.productions = (
            cls.overdue | cls.late | cls.at_risk | cls.blocked | cls.expedited | cls.plain_mo
        )
        cls.productions.user_id = cls.anna
        cls.buyer = cls._user("pcmt_buyer", PURCHASE_USER, "Bea Buyer")
        cls.late_line.order_id.user_id = cls.buyer
        cls.shortages.user_ids = cls.buyer
        cls.vendor = cls.late_line.order_id.partner_id
        cls.vendor.email = "orders@dash-vendor.example.com"
        cls.shortages.coordination_vendor_id = cls.vendor

    def _open(self, records, user=None):
        records = records.with_user(user or self.coordinator)
        action = records.action_coordination_plan_meeting()
        return records.env["coordination.meeting.wizard"].browse(action["res_id"])

    def _plan(self, wizard):
        action = wizard.action_plan()
        return wizard.env["coordination.meeting"].browse(action["res_id"])

    def _event(self, user, start, hours, state="accepted"):
        event = self.env["calendar.event"].create(
            {
                "name": f"Busy {user.name}",
                "start": start,
                "stop": start + timedelta(hours=hours),
                "partner_ids": [Command.set(user.partner_id.ids)],
            }
        )
        event.attendee_ids.state = state
        return event


@tagged("post_install", "-at_install")
class TestMeetingPlan(MeetingCase):
    @freeze_time(MONDAY)
    def test_plan_from_mo(self):
        """Plan Meeting on a blocked MO: the supervisor of the department holding it and the
        responsible are proposed, each asked to bring their part; the agenda names the problem
        with a link; planning creates the event, the meeting and its link."""
        wizard = self._open(self.blocked)
        self.assertEqual(wizard.kind, "coordination")
        lines = {line.partner_id: line for line in wizard.attendee_ids}
        self.assertEqual(
            set(lines),
            {self.coordinator.partner_id, self.sup_cut.partner_id, self.anna.partner_id},
        )
        self.assertIn(self.blocked.name, lines[self.sup_cut.partner_id].to_bring)
        self.assertIn("Saw blade broken", lines[self.sup_cut.partner_id].to_bring)
        self.assertIn(self.blocked.name, lines[self.anna.partner_id].to_bring)
        self.assertIn(f'href="/odoo/mrp.production/{self.blocked.id}"', wizard.agenda)
        self.assertIn("Saw blade broken", wizard.agenda)
        # Everybody is free: the first working hour of the day.
        self.assertEqual(wizard.date_start, datetime(2026, 12, 7, 8, 0))

        meeting = self._plan(wizard)
        self.assertEqual(meeting.state, "planned")
        self.assertEqual(meeting.link_ids.mapped("res_id"), self.blocked.ids)
        event = meeting.event_id
        self.assertEqual(event.start, datetime(2026, 12, 7, 8, 0))
        self.assertEqual(event.res_model, "coordination.meeting")
        self.assertEqual(event.res_id, meeting.id)
        self.assertEqual(set(event.partner_ids), set(lines))
        bring = {a.partner_id: a.coordination_to_bring for a in event.attendee_ids}
        self.assertIn("Saw blade broken", bring[self.sup_cut.partner_id])
        self.assertIn("Saw blade broken", meeting.agenda)
        # The invitation says what to bring.
        invitation = self.env["mail.message"].search(
            [
                ("model", "=", "calendar.event"),
                ("res_id", "=", event.id),
                ("partner_ids", "in", self.sup_cut.partner_id.id),
            ]
        )
        self.assertEqual(len(invitation), 1)
        self.assertIn("asked to bring", str(invitation.body))
        self.assertIn("Saw blade broken", str(invitation.body))

    @freeze_time(MONDAY)
    def test_weekly_from_dashboard(self):
        """The dashboard's Plan meeting: every late, at-risk, blocked and overdue MO, the late
        purchase order and the critical low-stock task are on the agenda; the supervisors of
        the departments holding blocked or overdue legs, the MOs' responsible and the buyer
        are invited; the vendor is not (an internal meeting)."""
        action = (
            self.env["coordination.dashboard"]
            .with_user(self.coordinator)
            .action_plan_meeting({"department_ids": self.departments.ids})
        )
        wizard = self.env["coordination.meeting.wizard"].browse(action["res_id"])
        for record in (
            self.late,
            self.at_risk,
            self.blocked,
            self.overdue,
            self.late_line.order_id,
            self.shortages[0],
        ):
            self.assertIn(f'href="/odoo/{record._name}/{record.id}"', wizard.agenda)
        self.assertNotIn(f'href="/odoo/mrp.production/{self.plain_mo.id}"', wizard.agenda)
        self.assertNotIn(f'/odoo/project.task/{self.shortages[1].id}"', wizard.agenda)
        partners = wizard.attendee_ids.partner_id
        self.assertLessEqual(
            self.sup_cut.partner_id | self.anna.partner_id | self.buyer.partner_id, partners
        )
        self.assertNotIn(self.vendor, partners)
        self.assertNotIn(self.sup_qc.partner_id, partners)
        meeting = self._plan(wizard)
        self.assertEqual(len(meeting.link_ids), 6)

    @freeze_time(MONDAY)
    def test_vendor_meeting(self):
        """From a low-stock task: its buyer and its vendor, who is asked for the earliest
        delivery date; from the late purchase order: the buyer and the vendor, asked for the
        confirmed dates of the late line."""
        wizard = self._open(self.shortages[0])
        self.assertEqual(wizard.kind, "vendor")
        lines = {line.partner_id: line.to_bring for line in wizard.attendee_ids}
        self.assertIn(self.vendor, lines)
        self.assertIn("Dash bolt", lines[self.vendor])
        self.assertIn(self.buyer.partner_id, lines)

        order = self.late_line.order_id
        wizard = self._open(order)
        lines = {line.partner_id: line.to_bring for line in wizard.attendee_ids}
        self.assertIn(order.name, lines[self.vendor])
        self.assertIn(order.name, lines[self.buyer.partner_id])
        self.assertIn("Dash bolt", wizard.agenda)
        # The vendor has no working hours: only internal attendees decide the slot.
        self.assertEqual(wizard.date_start, datetime(2026, 12, 7, 8, 0))
        meeting = self._plan(wizard)
        self.assertIn(self.vendor, meeting.partner_ids)

    @freeze_time(MONDAY)
    def test_customer_meeting(self):
        """From a sales order: the customer and the salesperson, and the MOs made for it."""
        salesman = self._user("pcmt_sales", "sales_team.group_sale_salesman", "Sam Sales")
        coordinator = self._user(
            "pcmt_coord_sales", f"{GROUP_MANAGER},sales_team.group_sale_salesman_all_leads", "Cleo"
        )
        customer = self.env["res.partner"].create({"name": "Bench Buyer Ltd"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": salesman.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        wizard = self._open(order, coordinator)
        self.assertEqual(wizard.kind, "customer")
        lines = {line.partner_id: line.to_bring for line in wizard.attendee_ids}
        self.assertIn(order.name, lines[customer])
        self.assertIn(order.name, lines[salesman.partner_id])
        self.assertIn(f"/odoo/sale.order/{order.id}", wizard.agenda)

    @freeze_time(MONDAY)
    def test_special_request_meeting(self):
        """From a special request: a customer meeting with the customer, the supervisors of
        the departments concerned; its MO comes to the agenda and the meeting's records."""
        customer = self.env["res.partner"].create({"name": "Blue Film Ltd"})
        request = self.env["coordination.special.request"].create(
            {
                "name": "Pallets wrapped in blue film",
                "category": "packaging",
                "partner_id": customer.id,
                "department_ids": [Command.set(self.cutting.ids)],
                "production_id": self.blocked.id,
            }
        )
        wizard = self._open(request)
        self.assertEqual(wizard.kind, "customer")
        lines = {line.partner_id: line.to_bring for line in wizard.attendee_ids}
        self.assertIn(request.name, lines[customer])
        self.assertIn(request.name, lines[self.sup_cut.partner_id])
        self.assertIn("Saw blade broken", lines[self.sup_cut.partner_id])
        self.assertIn(f"/odoo/coordination.special.request/{request.id}", wizard.agenda)
        meeting = self._plan(wizard)
        self.assertEqual(
            {(link.res_model, link.res_id) for link in meeting.link_ids},
            {(request._name, request.id), ("mrp.production", self.blocked.id)},
        )

    def test_agenda_query_count(self):
        """The agenda of many records is read in as many queries as that of a few."""
        Agenda = self.env["coordination.meeting.agenda"].with_user(self.coordinator)
        more = self.productions | self._make_mo() | self._make_mo()
        self._leg(more[-1], self.cutting)._block("Jammed")
        tasks = self.shortages
        orders = self.late_line.order_id
        self.env.flush_all()

        def build(records_list):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            agenda = Agenda._build(records_list)
            return agenda, self.cr.sql_log_count - before

        build([self.late | self.blocked, orders, tasks[:1]])  # the registry's caches filled
        few, few_queries = build([self.late | self.blocked, orders, tasks[:1]])
        self.env.invalidate_all()
        with self.assertQueryCount(AGENDA_QUERIES):
            Agenda._build([more, orders, tasks])
        many, many_queries = build([more, orders, tasks])
        self.assertEqual(many_queries, few_queries)
        self.assertEqual(len(many["items"]), len(more) + 3)
        self.assertEqual(len(few["items"]), 4)


@tagged("post_install", "-at_install")
class TestMeetingSlot(MeetingCase):
    @freeze_time(MONDAY)
    def test_busy_attendees(self):
        """The first slot when all internal attendees are free: their events (accepted,
        tentative or not answered) push it; declined ones and other people's do not."""
        self._event(self.sup_cut, datetime(2026, 12, 7, 8, 0), 2)
        self._event(self.anna, datetime(2026, 12, 7, 9, 30), 1.5, state="needsAction")
        self._event(self.coordinator, datetime(2026, 12, 7, 11, 30), 3, state="declined")
        self._event(self.sup_asm, datetime(2026, 12, 7, 11, 30), 3)  # not invited
        wizard = self._open(self.blocked)
        self.assertEqual(wizard.date_start, datetime(2026, 12, 7, 11, 0))
        # Two hours do not fit before lunch: after it.
        wizard.duration = 2
        wizard.action_propose_slot()
        self.assertEqual(wizard.date_start, datetime(2026, 12, 7, 13, 0))
        # The whole afternoon taken: the next morning.
        self._event(self.anna, datetime(2026, 12, 7, 13, 0), 4)
        wizard.action_propose_slot()
        self.assertEqual(wizard.date_start, datetime(2026, 12, 8, 8, 0))

    @freeze_time(MONDAY)
    def test_time_zones(self):
        """Each attendee's working hours are read in their own time zone: a supervisor in
        Berlin (UTC+1) works 7-11 and 12-16 UTC, so with one in UTC the common hours are 8-11
        and 13-16 UTC; with one in Tokyo there are none (the coordinator then chooses); an
        unknown time zone is refused with an error naming it."""
        self.sup_cut.tz = "Europe/Berlin"
        self._event(self.sup_cut, datetime(2026, 12, 7, 7, 0), 3)  # 8-11 in Berlin
        wizard = self._open(self.blocked)
        self.assertEqual(wizard.date_start, datetime(2026, 12, 7, 10, 0))
        wizard.duration = 1.5
        wizard.action_propose_slot()
        self.assertEqual(wizard.date_start, datetime(2026, 12, 7, 13, 0))

        self.sup_cut.tz = "Asia/Tokyo"
        wizard.action_propose_slot()
        self.assertFalse(wizard.date_start)
        self.assertIn(self.sup_cut.name, wizard.slot_note)
        with self.assertRaises(UserError):
            wizard.action_plan()

        # A zone Odoo's list no longer has (the field refuses it: written below the ORM).
        self.env.cr.execute(
            "UPDATE res_partner SET tz = 'Mars/Olympus_Mons' WHERE id = %s",
            [self.sup_cut.partner_id.id],
        )
        self.env.invalidate_all()
        with self.assertRaises(UserError) as caught:
            self._open(self.blocked)
        self.assertIn("Mars/Olympus_Mons", str(caught.exception))
        self.assertIn(self.sup_cut.name, str(caught.exception))


@tagged("post_install", "-at_install")
class TestMeetingBadInput(MeetingCase):
    @freeze_time(MONDAY)
    def test_without_attendees(self):
        """A meeting without attendees, without a start or of no duration is refused with the
        reason; nothing is created."""
        wizard = self._open(self.blocked)
        counts = (
            self.env["calendar.event"].search_count([]),
            self.env["coordination.meeting"].search_count([]),
        )
        wizard.attendee_ids = [Command.clear()]
        with self.assertRaises(UserError) as caught:
            wizard.action_plan()
        self.assertIn("attendees", str(caught.exception))
        wizard.attendee_ids = [Command.create({"partner_id": self.sup_cut.partner_id.id})]
        wizard.date_start = False
        with self.assertRaises(UserError):
            wizard.action_plan()
        wizard.date_start = MONDAY
        wizard.duration = 0
        with self.assertRaises(UserError):
            wizard.action_plan()
        with self.assertRaises(UserError):
            wizard.action_propose_slot()
        self.assertEqual(
            counts,
            (
                self.env["calendar.event"].search_count([]),
                self.env["coordination.meeting"].search_count([]),
            ),
        )

    @freeze_time(MONDAY)
    def test_forged_records(self):
        """Records of a model a meeting cannot be about, or deleted since, are refused."""
        wizard = self._open(self.blocked)
        wizard.record_refs = [["res.users", self.sup_cut.id]]
        with self.assertRaises(UserError):
            wizard.action_plan()
        wizard.record_refs = [["mrp.production", 10**9]]
        with self.assertRaises(UserError):
            wizard.action_plan()

    @freeze_time(MONDAY)
    def test_minutes_refused(self):
        """Posting minutes that are empty, or with an action item lacking an owner or a
        deadline, is refused; nothing is posted."""
        meeting = self._plan(self._open(self.blocked))
        activities = self.blocked.activity_ids
        messages = self.blocked.message_ids
        with self.assertRaises(UserError):
            meeting.action_post_minutes()
        meeting.minutes = "<p>Blade ordered.</p>"
        meeting.action_ids = [
            Command.create({"name": "Fit the new blade", "link_id": meeting.link_ids.id})
        ]
        with self.assertRaises(UserError) as caught:
            meeting.action_post_minutes()
        self.assertIn("Fit the new blade", str(caught.exception))
        self.assertEqual(meeting.state, "planned")
        self.assertFalse(meeting.action_ids.activity_id)
        self.assertEqual(self.blocked.activity_ids, activities)
        self.assertEqual(self.blocked.message_ids, messages)


@tagged("post_install", "-at_install")
class TestMeetingMinutes(MeetingCase):
    @freeze_time(MONDAY)
    def test_minutes_and_action_items(self):
        """Posting the minutes: each action item an activity on its record (owner, deadline),
        the minutes on every linked record; overdue action items on the dashboard until
        done."""
        wizard = self._open(self.blocked | self.late)
        meeting = self._plan(wizard)
        blocked_link, late_link = meeting.link_ids.sorted(
            lambda link: link.res_id != self.blocked.id
        )
        meeting.minutes = "<p>Blade ordered, arrives Tuesday.</p>"
        meeting.action_ids = [
            Command.create(
                {
                    "name": "Fit the new blade",
                    "link_id": blocked_link.id,
                    "user_id": self.sup_cut.id,
                    "date_deadline": date(2026, 12, 8),
                }
            ),
            Command.create(
                {
                    "name": "Call the customer",
                    "link_id": late_link.id,
                    "user_id": self.anna.id,
                    "date_deadline": date(2026, 12, 9),
                }
            ),
        ]
        meeting.action_post_minutes()
        self.assertEqual(meeting.state, "done")
        blade, call = meeting.action_ids.sorted("date_deadline")
        self.assertEqual(blade.activity_id.res_model, "mrp.production")
        self.assertEqual(blade.activity_id.res_id, self.blocked.id)
        self.assertEqual(blade.activity_id.user_id, self.sup_cut)
        self.assertEqual(blade.activity_id.date_deadline, date(2026, 12, 8))
        self.assertEqual(call.activity_id.res_id, self.late.id)
        for production in self.blocked | self.late:
            self.assertTrue(
                production.message_ids.filtered(lambda m: "arrives Tuesday" in str(m.body))
            )
        self.assertEqual(blade.state, "open")

        def tile(user):
            self.env.invalidate_all()
            data = self.env["coordination.dashboard"].with_user(user).get_dashboard_data({})
            return next(t for t in data["tiles"] if t["key"] == "meeting_actions_overdue")

        self.assertEqual(tile(self.coordinator)["count"], 0)
        with freeze_time(datetime(2026, 12, 9, 8, 0)):
            self.assertEqual(tile(self.coordinator)["count"], 1)
            self.assertEqual(tile(self.sup_cut)["count"], 1)  # an attendee
            self.assertEqual(tile(self.bob)["count"], 0)  # neither attendee nor owner
            self.assertTrue(blade.with_user(self.sup_cut).is_overdue)
            with self.assertRaises(UserError):
                blade.unlink()  # posted: an activity on its record
            blade.activity_id.with_user(self.sup_cut).action_done()
            self.assertEqual(blade.state, "done")
            self.assertEqual(tile(self.coordinator)["count"], 0)

    @freeze_time(MONDAY)
    def test_roles(self):
        """Coordinators plan and post; supervisors and staff plan nothing and read only the
        meetings they attend (or own an action item of), never write them."""
        for user in (self.sup_cut, self.anna, self.buyer):
            with self.assertRaises(AccessError):
                self._open(self.blocked, user)
        with self.assertRaises(AccessError):
            self.env["coordination.dashboard"].with_user(self.sup_cut).action_plan_meeting({})
        with self.assertRaises(AccessError):
            self.env["coordination.meeting.wizard"].with_user(self.sup_cut).create(
                {"name": "x", "company_id": self.company.id}
            )
        attended = self._plan(self._open(self.blocked))  # sup_cut, anna
        other = self._plan(self._open(self.shortages[0]))  # the buyer
        Meeting = self.env["coordination.meeting"]
        self.assertEqual(Meeting.with_user(self.sup_cut).search([]), attended)
        self.assertEqual(Meeting.with_user(self.buyer).search([]), other)
        self.assertFalse(Meeting.with_user(self.sup_asm).search([]))
        self.assertEqual(
            self.env["coordination.meeting.link"].with_user(self.sup_cut).search([]),
            attended.link_ids,
        )
        with self.assertRaises(AccessError):
            attended.with_user(self.sup_cut).minutes = "<p>mine</p>"
        attended.minutes = "<p>Done.</p>"
        with self.assertRaises(AccessError):
            attended.with_user(self.sup_cut).action_post_minutes()
        with self.assertRaises(AccessError):
            other.with_user(self.sup_cut).read(["agenda"])
        # The organizer's protected fields change only through the actions.
        with self.assertRaises(AccessError):
            attended.write({"state": "done"})
        supervisor = self._user("pcmt_sup", GROUP_SUPERVISOR, "Sue Supervisor")
        self.assertFalse(Meeting.with_user(supervisor).search([]))


@tagged("post_install", "-at_install")
class TestMeetingMultiCompany(MeetingCase):
    @freeze_time(MONDAY)
    def test_other_company(self):
        """A coordinator of one company cannot plan about another's records; a meeting is
        about one company's records; a meeting of another company is not shown; a link to a
        record of another company is refused."""
        other = self.env["res.company"].create({"name": "Other Plant"})
        other.resource_calendar_id = self.calendar.copy({"company_id": other.id})
        product = self._make_product("Other bench", company_id=other.id)
        foreign = (
            self.env["mrp.production"]
            .with_company(other)
            .create({"product_id": product.id, "company_id": other.id})
        )
        with self.assertRaises(AccessError):
            self._open(foreign)
        both = self._user(
            "pcmt_both",
            GROUP_MANAGER,
            "Bo Both",
            company_ids=[Command.set((self.company | other).ids)],
        )
        records = (
            (self.blocked | foreign)
            .with_user(both)
            .with_context(allowed_company_ids=(self.company | other).ids)
        )
        with self.assertRaises(UserError):
            records.action_coordination_plan_meeting()
        with self.assertRaises(UserError):
            self.env["coordination.dashboard"].with_user(both).with_context(
                allowed_company_ids=(self.company | other).ids
            ).action_plan_meeting({"company_ids": (self.company | other).ids})
        meeting = self._plan(self._open(self.blocked))
        with self.assertRaises(ValidationError):
            meeting.link_ids.sudo().create(
                {
                    "meeting_id": meeting.id,
                    "res_model": "mrp.production",
                    "res_id": foreign.id,
                    "name": foreign.name,
                }
            )
        foreign_meeting = self._plan(
            self._open(foreign.with_context(allowed_company_ids=other.ids), both)
        )
        self.assertEqual(foreign_meeting.company_id, other)
        self.assertNotIn(
            foreign_meeting, self.env["coordination.meeting"].with_user(self.coordinator).search([])
        )


@tagged("post_install", "-at_install")
class TestMeetingDemo(TransactionCase):
    def test_demo_meeting(self):
        """The demo has the weekly coordination meeting planned from the dashboard's problems:
        every record it is about is linked on its agenda, and attendees are asked to bring
        something; without demo data there is none."""
        module = self.env["ir.module.module"].search([("name", "=", "production_coordination")])
        meeting = self.env["coordination.meeting"].search(
            [("kind", "=", "coordination"), ("state", "=", "planned")], order="id", limit=1
        )
        if not module.demo:
            self.assertFalse(meeting)
            return
        self.assertEqual(meeting.user_id, self.env.ref("base.user_admin"))
        self.assertTrue(meeting.event_id)
        self.assertTrue(meeting.link_ids)
        for link in meeting.link_ids:
            self.assertIn(f'href="/odoo/{link.res_model}/{link.res_id}"', meeting.agenda)
        self.assertIn("mrp.production", meeting.link_ids.mapped("res_model"))
        self.assertTrue(any(meeting.attendee_ids.mapped("coordination_to_bring")))
