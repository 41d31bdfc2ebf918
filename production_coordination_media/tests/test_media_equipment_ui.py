# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.production_coordination.tests.browser import TourMixin

from .test_media_equipment import MediaEquipmentCase


@tagged("post_install", "-at_install")
class TestEquipmentUi(TourMixin, MediaEquipmentCase, HttpCase):
    def test_coordinator_checks_equipment_out_and_in_faulty(self):
        booking = self._book(self._day(self.production_a), self.camera_package)
        self.env.flush_all()
        self.start_tour_or_fail(
            f"/odoo/action-production_coordination_media.media_booking_action/{booking.id}",
            "production_coordination_media_equipment_checkin",
            self.coordinator.login,
        )
        self.assertEqual(booking.checkin_condition, "faulty")
        self.assertEqual(booking.checkin_note, "Lens mount cracked")
        self.assertEqual(booking.maintenance_request_id.coordination_project_id, self.production_a)
