# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MEDIA_COORDINATOR, MONDAY
from .test_media_equipment import MediaEquipmentCase


@tagged("post_install", "-at_install")
class TestEquipmentSecurity(MediaEquipmentCase):
    """Check-out and check-in, performance and recommendations: each role, another company,
    bad input."""

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
            "pcm_equipment_coordinator_b",
            groups=MEDIA_COORDINATOR,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.camera_package.company_id = cls.company_a
        cls.start = MONDAY.date()

    def setUp(self):
        super().setUp()
        self.booking = self._book(self._day(self.production_a), self.camera_package)

    def test_another_company_neither_checks_nor_reads(self):
        booking_b = self.booking.with_user(self.coordinator_b)
        with self.assertRaises(AccessError):
            booking_b.action_check_out()
        self.booking.with_user(self.coordinator).action_check_out()
        self._check_in(self.booking, "faulty", "Broken")
        request = self.booking.maintenance_request_id
        with self.assertRaises(AccessError):
            request.with_user(self.coordinator_b).read(["coordination_booking_id"])
        # A request of the other company cannot point at this company's booking.
        team_b = self.env["maintenance.team"].create(
            {"name": "Team B", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.env["maintenance.request"].with_user(self.coordinator_b).create(
                {
                    "name": "Borrowed",
                    "company_id": self.company_b.id,
                    "maintenance_team_id": team_b.id,
                    "coordination_booking_id": self.booking.id,
                }
            )
        # Performance: the other company's equipment is not computed for them.
        Performance = self.env["media.equipment.performance"].with_user(self.coordinator_b)
        performance = Performance.create(
            {
                "date_from": self.start,
                "date_to": self.start + timedelta(days=9),
                "equipment_ids": [Command.set(self.camera_package.ids)],
            }
        )
        with self.assertRaises(AccessError) as caught:
            performance.action_compute()
        self.assertIn(str(self.camera_package.id), str(caught.exception))
        self.assertFalse(performance.sudo().line_ids)
        performance.sudo().equipment_ids = False
        performance.action_compute()
        self.assertNotIn(self.camera_package.id, performance.sudo().line_ids.equipment_id.ids)

    def test_faulty_check_in_in_a_company_without_maintenance_team(self):
        production = self.env["project.project"].create(
            {"name": "B doc", "is_media_production": True, "company_id": self.company_b.id}
        )
        equipment = self.env["maintenance.equipment"].create(
            {"name": "B camera", "coordination_is_bookable": True, "company_id": self.company_b.id}
        )
        booking = self._book(self._day(production), equipment).with_user(self.coordinator_b)
        booking.action_check_out()
        with self.assertRaises(UserError) as caught:
            booking._check_in("faulty", "Broken")
        self.assertIn("Other Films", str(caught.exception))
        self.assertFalse(booking.date_checked_in)
        self.env["maintenance.team"].create({"name": "Team B", "company_id": self.company_b.id})
        booking._check_in("faulty", "Broken")
        self.assertEqual(booking.maintenance_request_id.maintenance_team_id.name, "Team B")

    def test_crew_users(self):
        crew_booking = self._book(self.booking.day_id, self.ana)
        Booking = self.env["media.booking"].with_user(self.crew_user)
        # Their own booking: still not equipment; the equipment booking: not theirs to check.
        with self.assertRaises(AccessError):
            Booking.browse(crew_booking.id).action_check_out()
        with self.assertRaises(AccessError):
            Booking.browse(self.booking.id).action_check_out()
        with self.assertRaises(AccessError):
            self.env["media.booking.checkin"].with_user(self.crew_user).create(
                {"booking_ids": [Command.set(crew_booking.ids)], "condition": "ok"}
            )
        with self.assertRaises(AccessError):
            self.env["media.recommendation"].with_user(self.crew_user).search([])
        with self.assertRaises(AccessError):
            self.env["media.equipment.performance"].with_user(self.crew_user).search([])
        tiles = self.env["media.dashboard"].with_user(self.crew_user).get_dashboard_data()
        self.assertNotIn("equipment_repair", [t["key"] for t in tiles["tiles"]])

    def test_bad_input(self):
        Wizard = self.env["media.booking.checkin"].with_user(self.coordinator)
        with self.assertRaises(UserError):
            Wizard.create({"condition": "ok"}).action_check_in()
        with self.assertRaises(ValidationError):
            Wizard.create({"booking_ids": [Command.set(self.booking.ids)], "condition": "lost"})
        self.booking.with_user(self.coordinator).action_check_out()
        wizard = Wizard.create(
            {"booking_ids": [Command.set(self.booking.ids)], "condition": "faulty"}
        )
        with self.assertRaises(ValidationError):
            wizard.action_check_in()  # faulty without a note
        self.assertFalse(self.booking.date_checked_in)
        self.assertFalse(self.booking.maintenance_request_id)
        Performance = self.env["media.equipment.performance"].with_user(self.coordinator)
        with self.assertRaises(ValidationError):
            Performance.create({"date_from": self.start, "date_to": self.start - timedelta(1)})
        with self.assertRaises(ValidationError):
            self.env["res.company"].browse(self.company_a.id).write(
                {"coordination_recommendation_utilisation_low": 90.0}
            )
