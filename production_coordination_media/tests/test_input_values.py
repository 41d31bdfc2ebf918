# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What media coordinators and crew enter: refused with a ValidationError naming the field."""

from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import users

from .common import MONDAY, MediaCase


class TestMediaInputValues(MediaCase):
    @users("pcm_media_coordinator")
    def test_equipment_day_rate_cannot_be_negative(self):
        Equipment = self.env["maintenance.equipment"]
        for rate in (-1, -0.01, float("nan"), "cheap"):
            with self.subTest(rate=rate), self.assertRaises(ValidationError) as caught:
                Equipment.create({"name": "Dolly", "coordination_day_rate": rate})
            self.assertIn("Day Rate", str(caught.exception))
        dolly = Equipment.create({"name": "Dolly", "coordination_day_rate": 0})
        with self.assertRaises(ValidationError):
            dolly.coordination_day_rate = -250
        dolly.coordination_day_rate = 250
        self.assertEqual(dolly.coordination_day_rate, 250)

    @users("pcm_media_coordinator")
    def test_booking_times_fall_on_its_day(self):
        day = self._day(self.production_a.with_env(self.env))  # Monday 7:00-17:00 UTC
        for call, wrap in (
            (MONDAY + timedelta(days=2), MONDAY + timedelta(days=2, hours=4)),  # Wednesday
            (MONDAY - timedelta(days=1), MONDAY),  # the Sunday before
            (MONDAY, MONDAY + timedelta(days=3)),  # wraps three days later
            (MONDAY + timedelta(hours=3), MONDAY + timedelta(hours=1)),  # wrap before call
        ):
            with self.subTest(call=call, wrap=wrap), self.assertRaises(ValidationError) as caught:
                self._book(day, self.carl, date_call=call, date_wrap=wrap)
            self.assertIn("wrap", str(caught.exception).lower())
        booking = self._book(day, self.carl, date_call=MONDAY - timedelta(hours=2))
        with self.assertRaises(ValidationError):
            booking.date_call = MONDAY + timedelta(days=1, hours=3)
        # An overnight wrap is on the day.
        booking.date_wrap = MONDAY + timedelta(hours=20)
        self.assertEqual(booking.date_wrap.date(), date(2031, 3, 4))
        # A night shoot: a call after midnight within the day's own times.
        night = self._day(
            self.production_b.with_env(self.env),
            start=MONDAY + timedelta(hours=13),  # 20:00 to 06:00
            hours=10,
        )
        self._book(night, self.dora, date_call=MONDAY + timedelta(hours=18))  # 01:00

    @users("pcm_media_coordinator")
    def test_another_time_zone_keeps_the_bookings_on_the_day(self):
        day = self._day(self.production_a.with_env(self.env), start=MONDAY.replace(hour=1))
        self._book(day, self.carl, date_call=MONDAY.replace(hour=0))
        # In Los Angeles, 01:00 UTC is the Sunday before: the booking at 00:00 UTC is too, but
        # the day's date moves with its call and its bookings stay on it.
        day.tz = "America/Los_Angeles"
        self.assertEqual(day.date, date(2031, 3, 2))
        day.tz = "UTC"

    @users("pcm_media_coordinator")
    def test_reversed_dates_are_refused(self):
        """Unavailable dates, location availability and phase dates (already checked: this
        guards them)."""
        cases = (
            (
                "media.crew.unavailability",
                {
                    "crew_member_id": self.carl.id,
                    "date_from": "2031-03-05",
                    "date_to": "2031-03-04",
                },
            ),
            (
                "media.location",
                {
                    "name": "Quay",
                    "date_available_from": "2031-03-05",
                    "date_available_to": "2031-03-01",
                },
            ),
            (
                "media.production.phase",
                {
                    "project_id": self.production_a.id,
                    "phase": "production",
                    "date_start": "2031-03-05",
                    "date_end": "2031-03-01",
                },
            ),
        )
        for model, vals in cases:
            with self.subTest(model=model), self.assertRaises(ValidationError):
                self.env[model].create(vals)

    @users("pcm_media_coordinator")
    def test_wrong_values_name_the_field(self):
        day = self._day(self.production_a.with_env(self.env))
        for field, value in (
            ("day_type", "party"),
            ("tz", "Atlantis/Capital"),
            ("date_call", "yesterday"),
            ("date_wrap", 12),
            ("date_call", []),
            ("date_wrap", {}),
            ("day_type", 0),
            ("location_id", "the quay"),
            ("task_ids", "all"),
            ("weather_note", {"rain": True}),
            ("note", "a\x00b"),
            ("project_id", False),
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError) as caught:
                day.write({field: value})
            self.assertIn(f"({field})", str(caught.exception))
