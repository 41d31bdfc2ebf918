# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .common import MONDAY, MediaCase


class TestMediaDates(MediaCase):
    def test_calls_at_the_ends_of_the_calendar_are_refused(self):
        for start, tz in (
            (datetime(9999, 12, 31, 23, 0), "Europe/Paris"),
            (datetime(1900, 1, 1, 7, 0), "UTC"),
        ):
            with self.assertRaises(ValidationError) as error:
                self._day(self.production_a, start=start, hours=0.5, tz=tz)
            self.assertIn(format_date(self.env, start.date()), error.exception.args[0])
        day = self._day(self.production_a, tz="Europe/Paris")
        booking = self._book(day, self.ana)
        with self.assertRaises(ValidationError):
            day.date_wrap = datetime(9999, 12, 31, 23, 30)
        # A day moved within the years planned moves its bookings with it.
        day.write(
            {
                "date_call": MONDAY + timedelta(days=7),
                "date_wrap": MONDAY + timedelta(days=7, hours=10),
            }
        )
        self.assertEqual(booking.date_call, MONDAY + timedelta(days=7))
        self.assertEqual(day.date, (MONDAY + timedelta(days=7)).date())

    def test_single_record_actions_refuse_no_record(self):
        for model, method in (
            ("maintenance.equipment", "action_coordination_open_schedule"),
            ("media.crew.member", "action_open_schedule"),
            ("media.booking", "action_open_day"),
            ("media.production.day", "action_open_recipients"),
            ("media.production.day", "action_open_revision_wizard"),
            ("media.revision.wizard", "action_confirm"),
            ("project.project", "action_coordination_open_days"),
            ("project.project", "action_coordination_open_bookings"),
            ("project.project", "action_coordination_open_conflicts"),
        ):
            with self.subTest(model=model, method=method), self.assertRaises(UserError):
                getattr(self.env[model], method)()
        with self.assertRaises(UserError):
            (self.production_a | self.production_b).action_coordination_open_days()
