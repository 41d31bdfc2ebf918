# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MEDIA_COORDINATOR, MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaCompanies(MediaCase):
    """A production belongs to one company, and so do its phases, deliverables, days and
    bookings: the media coordinators of another company neither read nor change them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Films"})
        cls.coordinator.write(
            {"company_id": cls.company_a.id, "company_ids": [Command.set(cls.company_a.ids)]}
        )
        cls.coordinator_b = new_test_user(
            cls.env,
            "pcm_coordinator_b",
            groups=MEDIA_COORDINATOR,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
            name="Bo Coordinator",
        )

    def _production_of_a(self):
        """Made as a coordinator of the first company does it in the web client: without
        saying which company."""
        Project = self.env["project.project"].with_user(self.coordinator)
        return Project.create(
            {
                "name": "Harbor Lives",
                "is_media_production": True,
                "coordination_phase_ids": [
                    Command.create(
                        {
                            "phase": "production",
                            "date_start": MONDAY.date(),
                            "date_end": MONDAY.date() + timedelta(days=9),
                        }
                    )
                ],
                "coordination_deliverable_ids": [Command.create({"name": "Festival cut"})],
            }
        )

    def test_a_production_always_has_a_company(self):
        production = self._production_of_a()
        self.assertEqual(production.company_id, self.company_a)
        self.assertEqual(production.coordination_phase_ids.company_id, self.company_a)
        self.assertEqual(production.coordination_deliverable_ids.company_id, self.company_a)
        with self.assertRaises(ValidationError) as caught:
            production.with_user(self.coordinator).company_id = False
        self.assertIn(production.name, str(caught.exception))
        # A project without company becomes a production only once it has one.
        project = self.env["project.project"].create({"name": "Shared project"})
        self.assertFalse(project.company_id)
        with self.assertRaises(ValidationError):
            project.is_media_production = True

    def test_productions_made_without_company_get_their_creators(self):
        production = self._production_of_a()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE project_project SET company_id = NULL WHERE id = %s", [production.id]
        )
        self.env.cr.execute(
            "UPDATE media_deliverable SET company_id = NULL WHERE project_id = %s",
            [production.id],
        )
        self.env.invalidate_all()
        self.env["project.project"]._coordination_install_media_companies()
        self.assertEqual(production.company_id, self.company_a)
        self.assertEqual(production.coordination_deliverable_ids.company_id, self.company_a)

    def test_another_company_neither_reads_nor_changes_a_production(self):
        production = self._production_of_a()
        phase = production.coordination_phase_ids
        deliverable = production.coordination_deliverable_ids
        self.env.invalidate_all()
        env_b = self.env(user=self.coordinator_b)
        self.assertFalse(env_b["project.project"].search([("id", "=", production.id)]))
        self.assertFalse(env_b["media.production.phase"].search([("id", "=", phase.id)]))
        self.assertFalse(env_b["media.deliverable"].search([("id", "=", deliverable.id)]))
        for record in (production, phase, deliverable):
            with self.assertRaises(AccessError):
                env_b[record._name].browse(record.id).read(["display_name"])
        with self.assertRaises(AccessError):
            env_b["media.deliverable"].browse(deliverable.id).write({"state": "delivered"})
        with self.assertRaises(AccessError):
            env_b["media.production.phase"].browse(phase.id).write({"note": "Moved"})
        with self.assertRaises(AccessError):
            env_b["media.production.day"].create(
                {
                    "project_id": production.id,
                    "date_call": MONDAY,
                    "date_wrap": MONDAY + timedelta(hours=8),
                }
            )
        self.assertEqual(deliverable.state, "todo")
        self.assertFalse(production.coordination_day_ids)

    def test_budgets_rates_and_rentals_stay_in_their_company(self):
        production = self._production_of_a()
        line = self.env["media.budget.line"].create(
            {"project_id": production.id, "category": "crew", "amount": 100}
        )
        rate = self.env["media.crew.rate"].create({"crew_member_id": self.ana.id, "amount": 300})
        rental = self.env["media.rental"].create(
            {
                "name": "Crane",
                "project_id": production.id,
                "partner_id": self.env["res.partner"].create({"name": "Grip A"}).id,
                "date_pickup": MONDAY.date(),
                "date_return": MONDAY.date(),
            }
        )
        self.assertEqual((line.company_id, rental.company_id), (self.company_a, self.company_a))
        self.env.invalidate_all()
        env_b = self.env(user=self.coordinator_b)
        for record in (line, rate, rental):
            self.assertFalse(env_b[record._name].search([("id", "=", record.id)]))
            with self.assertRaises(AccessError):
                env_b[record._name].browse(record.id).read(["display_name"])
        with self.assertRaises(AccessError):
            env_b["media.rental"].browse(rental.id).action_request()
        self.assertFalse(rental.purchase_line_id)
        # check_company: a rental of A's production for B's day.
        production_b = env_b["project.project"].create(
            {"name": "B production", "is_media_production": True}
        )
        day_b = env_b["media.production.day"].create(
            {
                "project_id": production_b.id,
                "date_call": MONDAY,
                "date_wrap": MONDAY + timedelta(hours=8),
            }
        )
        with self.assertRaises(UserError):
            rental.day_ids = day_b

    def test_every_media_record_checks_its_company(self):
        """Records of one company never point at another company's (Odoo's check_company)."""
        production = self._production_of_a()
        location_b = self.env["media.location"].create(
            {"name": "Other pier", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.env["media.production.day"].create(
                {
                    "project_id": production.id,
                    "location_id": location_b.id,
                    "date_call": MONDAY,
                    "date_wrap": MONDAY + timedelta(hours=8),
                }
            )
        contact_b = self.env["res.partner"].create(
            {"name": "Harbour master B", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.env["media.location"].create(
                {"name": "Pier A", "company_id": self.company_a.id, "contact_id": contact_b.id}
            )
        member_b = self.env["media.crew.member"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Crew B"}).id,
                "company_id": self.company_b.id,
            }
        )
        day = self._day(production)
        with self.assertRaises(UserError):
            self.env["media.call.sheet.recipient"].create(
                {"day_id": day.id, "crew_member_id": member_b.id}
            )
        scene_b = self.env["project.task"].create(
            {
                "name": "Scene of B",
                "project_id": self.env["project.project"]
                .create({"name": "B project", "company_id": self.company_b.id})
                .id,
            }
        )
        with self.assertRaises(UserError):
            day.task_ids = scene_b

    def test_a_double_booking_with_another_company_does_not_name_its_production(self):
        """A freelancer (no company) booked by two companies at the same time: both see the
        conflict; neither reads the other's production in it."""
        production_b = (
            self.env["project.project"]
            .with_user(self.coordinator_b)
            .create({"name": "Secret Pilot", "is_media_production": True})
        )
        self.assertEqual(production_b.company_id, self.company_b)
        self.carl.company_id = False
        day_a = self._day(self.production_a)
        day_b = (
            self.env["media.production.day"]
            .with_user(self.coordinator_b)
            .create(
                {
                    "project_id": production_b.id,
                    "date_call": MONDAY + timedelta(hours=2),
                    "date_wrap": MONDAY + timedelta(hours=9),
                    "tz": "UTC",
                }
            )
        )
        booking_a = self._book(day_a, self.carl)
        booking_b = (
            self.env["media.booking"]
            .with_user(self.coordinator_b)
            .create({"day_id": day_b.id, "crew_member_id": self.carl.id})
        )
        self.assertEqual((booking_a.conflict_count, booking_b.conflict_count), (1, 1))
        self.assertNotIn("Secret Pilot", booking_a.conflict_description)
        self.assertNotIn(self.production_a.name, booking_b.conflict_description)


@tagged("post_install", "-at_install")
class TestClosedProductions(MediaCase):
    """Archived and wrapped productions hold nobody: their bookings leave the conflict checks
    of the other productions (and come back when they are reopened), and nobody adds days or
    bookings to them."""

    def setUp(self):
        super().setUp()
        self.day_a = self._day(self.production_a)
        self.day_b = self._day(self.production_b, start=MONDAY + timedelta(hours=4))
        self.carl_a = self._book(self.day_a, self.carl)
        self.carl_b = self._book(self.day_b, self.carl)
        self.camera_a = self._book(self.day_a, self.camera_package)
        self.camera_b = self._book(self.day_b, self.camera_package)
        self.bookings = self.carl_a | self.carl_b | self.camera_a | self.camera_b
        self.assertEqual(self.bookings.mapped("conflict_count"), [1, 1, 1, 1])

    def _as_coordinator(self, records):
        return records.with_user(self.coordinator)

    def test_wrapped_production_frees_its_crew_and_equipment(self):
        self._as_coordinator(self.production_a).coordination_phase = "wrapped"
        self.assertEqual(self.bookings.mapped("conflict_count"), [0, 0, 0, 0])
        self.assertEqual(self.day_b.conflict_count, 0)
        self.assertEqual(self.production_b.coordination_conflict_count, 0)
        # Reopened (back in post-production), it holds them again.
        self._as_coordinator(self.production_a).coordination_phase = "post_production"
        self.assertEqual(self.bookings.mapped("conflict_count"), [1, 1, 1, 1])
        self.assertEqual(self.production_b.coordination_conflict_count, 2)

    def test_archived_production_frees_its_crew_and_equipment(self):
        self._as_coordinator(self.production_b).action_archive()
        self.assertEqual(self.carl_a.conflict_count, 0)
        self.assertEqual(self.camera_a.conflict_count, 0)
        self.assertEqual(self.day_a.conflict_count, 0)
        self._as_coordinator(self.production_b).action_unarchive()
        self.assertEqual(self.bookings.mapped("conflict_count"), [1, 1, 1, 1])
        self.assertEqual(self.day_a.conflict_count, 2)

    def test_no_new_days_or_bookings_on_a_closed_production(self):
        Day = self.env["media.production.day"].with_user(self.coordinator)
        Booking = self.env["media.booking"].with_user(self.coordinator)
        self._as_coordinator(self.production_a).coordination_phase = "wrapped"
        self._as_coordinator(self.production_b).action_archive()
        for production in (self.production_a, self.production_b):
            with self.assertRaises(UserError) as caught:
                Day.create(
                    {
                        "project_id": production.id,
                        "date_call": MONDAY + timedelta(days=3),
                        "date_wrap": MONDAY + timedelta(days=3, hours=8),
                    }
                )
            self.assertIn(production.name, str(caught.exception))
        for day in (self.day_a, self.day_b):
            with self.assertRaises(UserError) as caught:
                Booking.create({"day_id": day.id, "crew_member_id": self.dora.id})
            self.assertIn(day.project_id.name, str(caught.exception))
        # Nor are days or bookings moved onto them.
        open_day = self._day(self.production_a.copy({"coordination_phase": "production"}))
        with self.assertRaises(UserError):
            Day.browse(open_day.id).project_id = self.production_a
        open_booking = self._book(open_day, self.dora)
        with self.assertRaises(UserError):
            Booking.browse(open_booking.id).day_id = self.day_a
        self.assertFalse((self.day_a | self.day_b).booking_ids.crew_member_id & self.dora)
