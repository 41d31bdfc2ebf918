# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Moving bookings on the booking timelines: the call and wrap move, the conflicts of the
booking and its neighbours are checked again at once, a call on another date goes to the
production's day on that date (refused without one); media coordinators only."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import users

from .common import MONDAY, MediaCase

TUESDAY = MONDAY + timedelta(days=1)
WEDNESDAY = MONDAY + timedelta(days=2)


def at(day, hour, minute=0):
    return day.replace(hour=hour, minute=minute)


def move_vals(call, wrap, **group):
    return {
        "date_call": fields.Datetime.to_string(call),
        "date_wrap": fields.Datetime.to_string(wrap),
        **group,
    }


class TestBookingTimeline(MediaCase):
    """Ana on the documentary Monday morning, on the commercial Monday afternoon."""

    def setUp(self):
        super().setUp()
        self.day_a = self._day(self.production_a, start=at(MONDAY, 7), hours=11)
        self.day_b = self._day(self.production_b, start=at(MONDAY, 7), hours=11)
        self.morning = self._book(
            self.day_a, self.ana, date_call=at(MONDAY, 7), date_wrap=at(MONDAY, 12)
        )
        self.afternoon = self._book(
            self.day_b, self.ana, date_call=at(MONDAY, 13), date_wrap=at(MONDAY, 18)
        )

    def _state(self, booking):
        booking = booking.sudo()
        return (booking.day_id, booking.date_call, booking.date_wrap, booking.crew_member_id)

    def _assert_refused(self, booking, vals, exception=UserError):
        """Refused with exactly `exception` (a UserError is ours, a ValidationError the
        booking's own rules), nothing changed."""
        before = self._state(booking)
        with self.assertRaises(exception) as caught:
            booking.coordination_timeline_move(vals)
        self.assertIs(type(caught.exception), exception)
        booking.invalidate_recordset()
        self.assertEqual(self._state(booking), before)

    @users("pcm_media_coordinator")
    def test_move_checks_the_conflicts_again_at_once(self):
        morning, afternoon = self.morning.with_env(self.env), self.afternoon.with_env(self.env)
        self.assertEqual((morning.conflict_count, afternoon.conflict_count), (0, 0))
        self.assertIs(
            morning.coordination_timeline_move(move_vals(at(MONDAY, 13), at(MONDAY, 18))), True
        )
        self.assertEqual((morning.date_call, morning.date_wrap), (at(MONDAY, 13), at(MONDAY, 18)))
        self.assertEqual(morning.day_id, self.day_a)
        # Both bookings, and both days, show the clash at once.
        self.assertEqual((morning.conflict_count, afternoon.conflict_count), (1, 1))
        self.assertIn(self.day_b.display_name, morning.conflict_description)
        self.assertIn(self.day_a.display_name, afternoon.conflict_description)
        self.assertEqual((self.day_a.conflict_count, self.day_b.conflict_count), (1, 1))
        # Back to the morning: both clear.
        morning.coordination_timeline_move(move_vals(at(MONDAY, 7), at(MONDAY, 12)))
        self.assertEqual((morning.conflict_count, afternoon.conflict_count), (0, 0))
        self.assertFalse(afternoon.conflict_description)

    @users("pcm_media_coordinator")
    def test_move_to_another_day_of_the_production(self):
        tuesday = self._day(self.production_a, start=at(TUESDAY, 7), hours=11)
        morning = self.morning.with_env(self.env)
        morning.coordination_timeline_move(move_vals(at(TUESDAY, 8), at(TUESDAY, 16)))
        self.assertEqual(morning.day_id, tuesday)
        self.assertEqual(morning.date, TUESDAY.date())
        self.assertEqual((morning.date_call, morning.date_wrap), (at(TUESDAY, 8), at(TUESDAY, 16)))
        self.assertEqual(self.day_a.booking_ids, self.env["media.booking"])

    @users("pcm_media_coordinator")
    def test_refused_on_a_date_without_a_day_of_the_production(self):
        # The commercial shoots on Wednesday, the documentary does not.
        self._day(self.production_b, start=at(WEDNESDAY, 7), hours=11)
        self._assert_refused(
            self.morning.with_env(self.env), move_vals(at(WEDNESDAY, 8), at(WEDNESDAY, 12))
        )
        # A cancelled day takes no booking either.
        cancelled = self._day(self.production_a, start=at(WEDNESDAY, 7), hours=11)
        cancelled.action_cancel()
        self._assert_refused(
            self.morning.with_env(self.env), move_vals(at(WEDNESDAY, 8), at(WEDNESDAY, 12))
        )

    @users("pcm_media_coordinator")
    def test_refused_in_a_closed_production_or_on_a_cancelled_day(self):
        morning = self.morning.with_env(self.env)
        vals = move_vals(at(MONDAY, 8), at(MONDAY, 11))
        # Archived, then wrapped: the production's bookings hold nobody, they do not move.
        self.production_a.sudo().active = False
        self._assert_refused(morning, vals)
        self.production_a.sudo().write({"active": True, "coordination_phase": "wrapped"})
        self._assert_refused(morning, vals)
        self.production_a.sudo().coordination_phase = "production"
        # Its day cancelled: it stays with the cancelled day.
        self.day_a.action_cancel()
        self._assert_refused(morning, vals)
        self.assertFalse(morning.conflict_count)

    @users("pcm_media_coordinator")
    def test_night_shoot_past_midnight_stays_on_its_day(self):
        night = self._day(self.production_a, start=at(TUESDAY, 18), hours=10)
        booking = self._book(night, self.carl)
        booking.coordination_timeline_move(move_vals(at(TUESDAY, 20), at(WEDNESDAY, 3)))
        self.assertEqual(booking.day_id, night)
        # A wrap before the call: the booking's own rule says so.
        self._assert_refused(
            booking, move_vals(at(TUESDAY, 20), at(TUESDAY, 19)), exception=ValidationError
        )

    @users("pcm_media_coordinator")
    def test_move_to_another_row(self):
        morning = self.morning.with_env(self.env)
        # To Carl's row: Carl is booked instead of Ana.
        morning.coordination_timeline_move(
            move_vals(at(MONDAY, 7), at(MONDAY, 12), crew_member_id=self.carl.id)
        )
        self.assertEqual(morning.crew_member_id, self.carl)
        # Same row of its department: fine; another department: the booking goes there.
        morning.coordination_timeline_move(
            move_vals(at(MONDAY, 7), at(MONDAY, 12), department_id=morning.department_id.id)
        )
        morning.coordination_timeline_move(
            move_vals(at(MONDAY, 7), at(MONDAY, 12), department_id=self.sound.id)
        )
        self.assertEqual(morning.department_id, self.sound)
        # No person, equipment for a person, another production: refused.
        for group in (
            {"crew_member_id": False},
            {"equipment_id": self.camera_package.id},
            {"project_id": self.production_b.id},
            {"user_id": self.crew_user.id},
            {"surprise": 1},
        ):
            with self.subTest(group=group):
                self._assert_refused(morning, move_vals(at(MONDAY, 7), at(MONDAY, 12), **group))
        # Equipment does not go to a person's row.
        kit = self._book(self.day_a, self.camera_package)
        self._assert_refused(
            kit,
            move_vals(at(MONDAY, 7), at(MONDAY, 12), crew_member_id=self.ana.id),
        )

    def test_only_media_coordinators_move(self):
        for user in (self.crew_user, self.other_crew_user):
            with self.subTest(user=user.login):
                self._assert_refused(
                    self.morning.with_user(user),
                    move_vals(at(MONDAY, 8), at(MONDAY, 12)),
                    exception=AccessError,
                )

    @users("pcm_media_coordinator")
    def test_bad_values(self):
        morning = self.morning.with_env(self.env)
        for vals in (
            None,
            [],
            {},
            {"date_call": "2031-03-03 08:00:00"},
            {"date_call": "monday", "date_wrap": "2031-03-03 12:00:00"},
            {"date_call": 5, "date_wrap": 6},
            move_vals(at(MONDAY, 8), at(MONDAY, 12), crew_member_id="1"),
            move_vals(at(MONDAY, 8), at(MONDAY, 12), crew_member_id=-3),
        ):
            with self.subTest(vals=vals):
                self._assert_refused(morning, vals)
        with self.assertRaises(UserError):
            (morning | self.afternoon).coordination_timeline_move(
                move_vals(at(MONDAY, 8), at(MONDAY, 12))
            )
