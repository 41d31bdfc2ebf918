# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The booking timelines in a browser: by person, as the media coordinator who plans with it;
My Schedule, as a crew user who reads it."""

from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.production_coordination.tests.browser import TourMixin

from .common import MediaCase


@tagged("post_install", "-at_install")
class TestBookingTimelineUi(TourMixin, MediaCase, HttpCase):
    def test_media_coordinator_moves_a_booking_into_a_conflict(self):
        """Camille on a documentary day in the morning and a commercial day in the afternoon,
        ten days ahead (never in the current week). The coordinator drags the morning onto the
        afternoon: the booking moves and both turn red, the clash on hover."""
        date = fields.Date.today() + timedelta(days=10)
        doc, ad = self.env["project.project"].create(
            [
                {"name": "Tour Documentary", "is_media_production": True},
                {"name": "Tour Advert", "is_media_production": True},
            ]
        )
        camille = self._crew("Tour Camille", self.role_dop)
        doc_day = self._day(doc, start=datetime.combine(date, time(7)), hours=5)
        ad_day = self._day(ad, start=datetime.combine(date, time(13)), hours=5)
        morning, afternoon = self._book(doc_day, camille), self._book(ad_day, camille)
        self.assertEqual((morning.conflict_count, afternoon.conflict_count), (0, 0))
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo/action-production_coordination_media.media_booking_action_person",
            "production_coordination_media_booking_timeline",
            self.coordinator.login,
        )
        self.env.invalidate_all()
        self.assertEqual(morning.day_id, doc_day)
        self.assertTrue(morning.date_call < afternoon.date_wrap)
        self.assertTrue(morning.date_wrap > afternoon.date_call)
        self.assertEqual((morning.conflict_count, afternoon.conflict_count), (1, 1))

    def test_crew_user_reads_her_schedule_on_the_timeline(self):
        """Ana's booking ten days ahead: My Schedule's timeline opens on it, read-only; she
        opens it."""
        date = fields.Date.today() + timedelta(days=10)
        doc = self.env["project.project"].create(
            {"name": "Tour Documentary", "is_media_production": True}
        )
        day = self._day(doc, start=datetime.combine(date, time(7)), hours=10)
        booking = self._book(day, self.ana)
        plan = (booking.date_call, booking.date_wrap)
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo/my-schedule",
            "production_coordination_media_my_schedule_timeline",
            self.crew_user.login,
        )
        self.env.invalidate_all()
        self.assertEqual((booking.date_call, booking.date_wrap), plan)
