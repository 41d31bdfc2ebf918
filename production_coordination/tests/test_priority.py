# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from .common import GROUP_MANAGER, MONDAY_8
from .common_priority import PriorityCase


class TestPriorityScore(PriorityCase):
    @freeze_time(MONDAY_8)
    def test_urgency_from_slack_in_working_hours(self):
        self._stock(10)
        soon = self._make_mo(committed=datetime(2026, 11, 23, 16, 0))
        later = self._make_mo(committed=datetime(2026, 12, 14, 16, 0))
        none = self._make_mo()
        # 8:00 to 16:00 with a lunch break: 7 working hours of slack.
        self.assertEqual(soon.coordination_slack_hours, 7.0)
        self.assertAlmostEqual(soon.coordination_score_urgency, 50 * (1 - 7 / 80), places=1)
        self.assertEqual(later.coordination_score_urgency, 0.0)  # 112 h of slack
        self.assertEqual(none.coordination_score_urgency, 0.0)
        self.assertEqual(self._ranks(soon, later, none), [1, 2, 3])
        # Past the committed date the slack is negative and the urgency grows past the weight.
        with freeze_time(datetime(2026, 11, 25, 8, 0)):
            soon._coordination_refresh_priority()
            # Monday 16:00 to Wednesday 8:00: 1 + 8 working hours late.
            self.assertEqual(soon.coordination_slack_hours, -9.0)
            self.assertAlmostEqual(soon.coordination_score_urgency, 50 * (1 + 9 / 80), places=1)

    @freeze_time(MONDAY_8)
    def test_ready_components_rank_before_short_ones(self):
        self._stock(1)
        first = self._make_mo()  # takes the only plate
        second = self._make_mo()
        self.assertEqual(first.coordination_readiness, "ready")
        self.assertEqual(second.coordination_readiness, "short")
        self.assertEqual(first.coordination_score_components, 15.0)
        self.assertEqual(second.coordination_score_components, 0.0)
        self.assertEqual(self._ranks(first, second), [1, 2])
        # Odoo agrees (checked on two MOs only: its computation runs per MO).
        self.assertEqual(
            (first | second).mapped("components_availability_state"), ["available", "unavailable"]
        )

    @freeze_time(MONDAY_8)
    def test_expedite_star_customer_and_age(self):
        self._stock(10)
        old, plain, starred, requested, expedited = (self._make_mo() for _i in range(5))
        for production, age in (
            (old, 15),
            (plain, 0),
            (starred, 0),
            (requested, 0),
            (expedited, 0),
        ):
            self.env.cr.execute(
                "UPDATE mrp_production SET create_date = %s WHERE id = %s",
                [MONDAY_8 - timedelta(days=age), production.id],
            )
        self.env.invalidate_all()
        starred.priority = "1"
        # A special customer request on the order (the free-text flag before 18.0.1.2.0).
        self.env["coordination.special.request"].create(
            {
                "name": "Logo engraved on the lid",
                "category": "specification",
                "production_id": requested.id,
                "department_ids": [
                    Command.create(
                        {"name": "P-Engraving", "code": "PENG", "company_id": self.company.id}
                    )
                ],
            }
        )
        expedited.with_user(self.coordinator)._coordination_expedite("Trade show")
        old._coordination_refresh_priority()
        self.assertEqual(old.coordination_score_age, 2.5)  # 15 of 30 days
        self.assertEqual(starred.coordination_score_star, 20.0)
        self.assertEqual(requested.coordination_score_customer, 15.0)
        self.assertEqual(expedited.coordination_score_expedite, 100.0)
        self.assertEqual(self._ranks(expedited, starred, requested, old, plain), [1, 2, 3, 4, 5])
        # A priority customer counts like a special request.
        partner = self.env["res.partner"].create(
            {"name": "VIP", "coordination_is_priority_customer": True}
        )
        plain.procurement_group_id.partner_id = partner
        plain.move_finished_ids.move_dest_ids = self.env["stock.move"].create(
            {
                "name": "Delivery",
                "product_id": self.product.id,
                "product_uom_qty": 1,
                "location_id": self.warehouse.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "group_id": plain.procurement_group_id.id,
            }
        )
        plain._coordination_refresh_priority()
        self.assertEqual(plain.coordination_partner_id, partner)
        self.assertEqual(plain.coordination_score_customer, 15.0)

    @freeze_time(MONDAY_8)
    def test_weights_are_company_settings(self):
        self._stock(10)
        production = self._make_mo()
        self.company.coordination_weight_components = 40
        production._coordination_refresh_priority()
        self.assertEqual(production.coordination_score_components, 40.0)

    @freeze_time(MONDAY_8)
    def test_override_rank_with_reason(self):
        self._stock(10)
        first, second, third = (self._make_mo() for _i in range(3))
        first.priority = "1"
        self.assertEqual(self._ranks(first, second, third), [1, 2, 3])
        action = third.with_user(self.coordinator).action_coordination_override_rank()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        ) as wizard:
            wizard.rank = 1
            wizard.reason = "Sample for the trade show"
        wizard.record.action_apply()
        self.assertEqual(self._ranks(third, first, second), [1, 2, 3])
        self.assertEqual(third.coordination_rank_override_reason, "Sample for the trade show")
        self.assertIn("Sample for the trade show", third.message_ids[0].body)
        with self.assertRaises(UserError):
            third.with_user(self.coordinator)._coordination_set_rank_override(2, " ")
        third.with_user(self.coordinator).action_coordination_remove_rank_override()
        self.assertEqual(self._ranks(first, second, third), [1, 2, 3])

    @freeze_time(MONDAY_8)
    def test_rank_override_refuses_finished_orders_and_absurd_ranks(self):
        self._stock(10)
        first, second, third = (self._make_mo() for _i in range(3))
        done = self._make_mo()
        with Form(done) as form:
            form.qty_producing = 1
        done.button_mark_done()
        cancelled = self._make_mo()
        cancelled.action_cancel()
        for production in (done, cancelled):
            with self.assertRaises(UserError) as caught:
                production.with_user(self.coordinator)._coordination_set_rank_override(
                    1, "Trade show"
                )
            self.assertIn(production.name, str(caught.exception))
            self.assertFalse(production.coordination_rank_override)
        # Three open orders: ranks 1 to 3 only.
        for rank in (0, -2, 4, 10**6, "1", True):
            with self.assertRaises(UserError) as caught:
                third.with_user(self.coordinator)._coordination_set_rank_override(
                    rank, "Trade show"
                )
            self.assertIn(third.name, str(caught.exception))
        self.assertFalse(third.coordination_rank_override)
        third.with_user(self.coordinator)._coordination_set_rank_override(3, "Last on purpose")
        self.assertEqual(self._ranks(first, second, third), [1, 2, 3])
        self.assertEqual(third.coordination_rank_override, 3)

    @freeze_time(MONDAY_8)
    def test_a_pinned_rank_is_not_silently_taken(self):
        """A second pin on a rank another order holds, or over a colleague's pin, is refused
        with who pinned what; the first pin stays."""
        self._stock(10)
        first, second, third = (self._make_mo() for _i in range(3))
        colleague = new_test_user(
            self.env,
            "pcp_colleague",
            groups=f"{GROUP_MANAGER},mrp.group_mrp_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
            name="Cleo Colleague",
        )
        third.with_user(self.coordinator)._coordination_set_rank_override(1, "Trade show")
        with self.assertRaises(UserError) as caught:
            second.with_user(colleague)._coordination_set_rank_override(1, "Customer visit")
        self.assertIn(third.name, str(caught.exception))
        self.assertIn("Cora Coordinator", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            third.with_user(colleague)._coordination_set_rank_override(2, "Customer visit")
        self.assertIn("Cora Coordinator", str(caught.exception))
        self.assertEqual(self._ranks(third, first, second), [1, 2, 3])
        self.assertEqual(third.coordination_rank_override_by_id, self.coordinator)
        # Her own pin she moves; once it is removed, the colleague pins where he likes.
        third.with_user(self.coordinator)._coordination_set_rank_override(2, "Trade show")
        self.assertEqual(self._ranks(first, third, second), [1, 2, 3])
        third.with_user(colleague).action_coordination_remove_rank_override()
        second.with_user(colleague)._coordination_set_rank_override(1, "Customer visit")
        self.assertEqual(self._ranks(second, first, third), [1, 2, 3])

    def test_only_coordinators_override_and_revise(self):
        production = self._make_mo()
        for call in (
            lambda p: p.action_coordination_override_rank(),
            lambda p: p._coordination_set_rank_override(1, "Because"),
            lambda p: p.action_coordination_remove_rank_override(),
            lambda p: p.action_coordination_revise_date(),
            lambda p: p._coordination_revise_committed_date(datetime(2027, 1, 1), "Because"),
        ):
            with self.assertRaises(AccessError):
                call(production.with_user(self.supervisor))


class TestPriorityRefresh(PriorityCase):
    def test_refresh_touches_only_the_changed_mo(self):
        self._stock(10)
        with freeze_time(MONDAY_8):
            first, second = self._make_mo(), self._make_mo()
            (first | second)._coordination_refresh_priority()
        with freeze_time(MONDAY_8 + timedelta(hours=1)):
            first.priority = "1"
        self.assertEqual(first.coordination_date_scored, MONDAY_8 + timedelta(hours=1))
        self.assertEqual(second.coordination_date_scored, MONDAY_8)
        self.assertEqual(self._ranks(first, second), [1, 2])

    def test_work_order_changes_refresh_once_before_commit(self):
        production = self._make_mo()
        pending = self.env.cr.precommit.data.get("production_coordination.priority_refresh")
        self.assertFalse(pending)
        production._coordination_refresh_priority_later()
        production._coordination_refresh_priority_later()
        self.assertEqual(
            self.env.cr.precommit.data["production_coordination.priority_refresh"],
            set(production.ids),
        )
        self.env.cr.precommit.run()
        self.assertFalse(self.env.cr.precommit.data.get("production_coordination.priority_refresh"))

    def test_refresh_queries_do_not_grow_with_the_number_of_mos(self):
        self._stock(100)

        def queries(productions):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            productions._coordination_refresh_priority()
            return self.env.cr.sql_log_count - before

        few = self.env["mrp.production"].concat(*(self._make_mo() for _i in range(3)))
        many = few | self.env["mrp.production"].concat(*(self._make_mo() for _i in range(9)))
        self.assertEqual(queries(many), queries(few))

    def test_priority_board_reads_in_constant_queries(self):
        self._stock(100)
        for _i in range(3):
            self._make_mo()
        view = self.env.ref("production_coordination.mrp_production_view_list_priority")
        Production = self.env["mrp.production"].with_user(self.coordinator)
        arch = etree.fromstring(Production.get_views([(view.id, "list")])["views"]["list"]["arch"])
        fields_spec = {
            name: {"fields": {"display_name": {}}}
            if Production._fields[name].type == "many2one"
            else {}
            for name in arch.xpath("/list/field/@name")
        }
        domain = [("state", "in", ("confirmed", "progress", "to_close"))]

        def read_board():
            self.env.invalidate_all()
            Production.web_search_read(domain, fields_spec, limit=80, order="coordination_rank, id")

        read_board()  # warm the caches
        with self.assertQueryCount(6):
            read_board()
        for _i in range(20):
            self._make_mo()
        with self.assertQueryCount(6):
            read_board()


class TestCompletionDates(PriorityCase):
    @freeze_time(MONDAY_8)
    def test_forecast_pushed_by_late_components_and_short_lead_time(self):
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "scheduled_date": MONDAY_8 + timedelta(days=3),
                "move_ids": [
                    Command.create(
                        {
                            "name": "Plates",
                            "product_id": self.component.id,
                            "product_uom_qty": 1,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                            "date": MONDAY_8 + timedelta(days=3),
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        late = self._make_mo(date_start=MONDAY_8)
        self.assertEqual(late.coordination_readiness, "late")
        self.assertEqual(late.coordination_date_components, MONDAY_8 + timedelta(days=3))
        shift = late.coordination_date_forecast - late.date_finished
        self.assertEqual(shift, timedelta(days=3))

        self.env["product.supplierinfo"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Plate Co"}).id,
                "product_tmpl_id": self.component.product_tmpl_id.id,
                "delay": 5,
            }
        )
        short = self._make_mo(date_start=MONDAY_8)
        self.assertEqual(short.coordination_readiness, "short")
        self.assertEqual(short.coordination_date_components, MONDAY_8 + timedelta(days=5))

    def _receipt(self, qty, date):
        suppliers = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": suppliers.id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "scheduled_date": date,
                "move_ids": [
                    Command.create(
                        {
                            "name": "Plates",
                            "product_id": self.component.id,
                            "product_uom_qty": qty,
                            "location_id": suppliers.id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                            "date": date,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        return receipt

    @freeze_time(MONDAY_8)
    def test_a_late_delivery_is_never_ready(self):
        """Components on a receipt due before now that has not come (a late vendor) are not on
        hand: the order that needs them now reads "late", one that needs them next week
        "expected"; in stock they are "ready" again."""
        self._receipt(2, MONDAY_8 - timedelta(days=3))
        now = self._make_mo(date_start=MONDAY_8)
        later = self._make_mo(date_start=MONDAY_8 + timedelta(days=7))
        self.assertEqual(now.coordination_readiness, "late")
        self.assertEqual(later.coordination_readiness, "expected")
        self._stock(2)
        (now | later)._coordination_refresh_priority()
        self.assertEqual(now.coordination_readiness, "ready")

    def test_committed_date_defaults_to_deadline_and_revision_needs_a_reason(self):
        production = self._make_mo()
        deadline = datetime(2026, 12, 1, 12, 0)
        production.move_finished_ids.date_deadline = deadline
        self.assertEqual(production.coordination_date_committed, deadline)
        follower = self.env["res.partner"].create({"name": "Follower", "email": "f@example.com"})
        production.message_subscribe(follower.ids)
        production = production.with_user(self.coordinator)
        with self.assertRaises(UserError):
            production._coordination_revise_committed_date(datetime(2026, 12, 8, 12), "  ")
        action = production.action_coordination_revise_date()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        ) as wizard:
            wizard.date_new = datetime(2026, 12, 8, 12, 0)
            wizard.reason = "Customer accepts a week later"
        wizard.record.action_apply()
        self.assertEqual(production.coordination_date_committed, datetime(2026, 12, 8, 12, 0))
        revision = production.coordination_date_revision_ids
        self.assertEqual(
            (revision.date_old, revision.date_new, revision.reason, revision.user_id),
            (
                deadline,
                datetime(2026, 12, 8, 12),
                "Customer accepts a week later",
                self.coordinator,
            ),
        )
        self.assertEqual(revision.delta_days, 7.0)
        message = production.message_ids[0]
        self.assertIn("Customer accepts a week later", message.body)
        self.assertIn(follower, message.partner_ids)

    def test_one_delay_activity_closed_when_back_on_time(self):
        self._stock(10)
        activity_type = self.env.ref("production_coordination.mail_activity_type_delay")
        self.company.coordination_user_id = self.coordinator
        with freeze_time(MONDAY_8):
            production = self._make_mo(committed=MONDAY_8 + timedelta(days=5))
            production.user_id = self.supervisor
            self.assertFalse(production.coordination_is_delayed)
        with freeze_time(MONDAY_8 + timedelta(days=6)):
            for _run in range(3):
                self.env["mrp.production"]._cron_refresh_priorities()
            self.assertTrue(production.coordination_is_delayed)
            activities = production.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(activities.user_id, self.supervisor | self.coordinator)
            self.assertEqual(len(activities), 2)
            production.with_user(self.coordinator)._coordination_revise_committed_date(
                MONDAY_8 + timedelta(days=20), "New promise"
            )
            self.assertFalse(production.coordination_is_delayed)
            self.assertFalse(
                production.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            )
