# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The availability grid in a browser, as the media coordinator, on a desktop and a phone."""

from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.production_coordination.tests.browser import TourMixin

from .common import MediaCase


@tagged("post_install", "-at_install")
class TestMediaGridUi(TourMixin, MediaCase, HttpCase):
    def _prepare(self):
        today = fields.Date.today()
        person = self._crew("Tour Grid Person", self.role_dop)
        day_a = self._day(
            self.production_a, start=datetime.combine(today + timedelta(days=2), time(8))
        )
        day_b = self._day(
            self.production_b, start=datetime.combine(today + timedelta(days=3), time(8))
        )
        self._book(day_a, person)
        self._book(day_b, person, hold_state="hold")
        self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": person.id,
                "date_from": today + timedelta(days=4),
                "date_to": today + timedelta(days=4),
            }
        )
        self.env.flush_all()

    def test_grid(self):
        self._prepare()
        self.start_tour_or_fail(
            "/odoo/media-availability", "production_coordination_media_grid", self.coordinator.login
        )

    def test_grid_on_a_phone(self):
        self._prepare()
        self.start_tour_or_fail(
            "/odoo/media-availability",
            "production_coordination_media_grid_phone",
            self.coordinator.login,
            phone=True,
        )
