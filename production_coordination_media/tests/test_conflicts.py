# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
from datetime import timedelta
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import users

from .common import MONDAY, MediaCase


class TestConflicts(MediaCase):
    """Double bookings across productions, unavailable dates, maintenance and location dates
    are stored on the bookings, the days and the productions, and follow every change."""

    @users("pcm_media_coordinator")
    def test_person_booked_twice_across_productions(self):
        day_a = self._day(self.production_a)
        day_b = self._day(self.production_b, start=MONDAY + timedelta(hours=6))
        booking_a = self._book(day_a, self.ana)
        self.assertEqual(booking_a.conflict_count, 0)
        booking_b = self._book(day_b, self.ana)
        self.assertEqual((booking_a.conflict_count, booking_b.conflict_count), (1, 1))
        self.assertIn(day_b.display_name, booking_a.conflict_description)
        self.assertIn(day_a.display_name, booking_b.conflict_description)
        self.assertEqual((day_a.conflict_count, day_b.conflict_count), (1, 1))
        self.assertEqual(self.production_a.coordination_conflict_count, 1)
        # The production says what clashes, day by day (not only how many).
        self.assertIn(
            f"{day_a.day_label} – Mon 3 Mar: {day_a.conflict_description}",
            self.production_a.coordination_conflict_description,
        )
        self.assertEqual(self.production_b.coordination_conflict_count, 1)

        # Moving the other production's day to Tuesday moves its bookings and clears both.
        day_b.write(
            {
                "date_call": MONDAY + timedelta(days=1),
                "date_wrap": MONDAY + timedelta(days=1, hours=10),
            }
        )
        self.assertEqual(booking_b.date_call, MONDAY + timedelta(days=1))
        self.assertEqual((booking_a.conflict_count, booking_b.conflict_count), (0, 0))
        self.assertFalse(booking_a.conflict_description)
        self.assertEqual(self.production_a.coordination_conflict_count, 0)
        self.assertEqual(self.production_b.coordination_conflict_count, 0)

    @users("pcm_media_coordinator")
    def test_a_day_counts_its_bookings_in_conflict(self):
        # Ana on three productions at once: on each day one booking clashes, twice. The days,
        # the productions and the dashboard's tile count bookings, so the figures add up.
        third = self.env["project.project"].create(
            {"name": "Test Music Video", "is_media_production": True}
        )
        days = (
            self._day(self.production_a)
            | self._day(self.production_b, start=MONDAY + timedelta(hours=1))
            | self._day(third, start=MONDAY + timedelta(hours=2))
        )
        bookings = self.env["media.booking"].browse([self._book(day, self.ana).id for day in days])
        self._book(days[0], self.carl)
        self.assertEqual(bookings.mapped("conflict_count"), [2, 2, 2])
        self.assertEqual(days.mapped("conflict_count"), [1, 1, 1])
        self.assertEqual(len(days[0].conflict_description.splitlines()), 2)
        productions = self.production_a | self.production_b | third
        self.assertEqual(productions.mapped("coordination_conflict_count"), [1, 1, 1])
        in_conflict = self.env["media.booking"].search_count(
            [("day_id", "in", days.ids), ("conflict_count", ">", 0)]
        )
        self.assertEqual(in_conflict, sum(days.mapped("conflict_count")))

    @users("pcm_media_coordinator")
    def test_back_to_back_bookings_do_not_conflict(self):
        day_a = self._day(self.production_a, hours=6)
        day_b = self._day(self.production_b, start=MONDAY + timedelta(hours=6), hours=4)
        bookings = self._book(day_a, self.carl) | self._book(day_b, self.carl)
        self.assertEqual(bookings.mapped("conflict_count"), [0, 0])
        # One minute of overlap is a conflict.
        bookings[1].date_call -= timedelta(minutes=1)
        self.assertEqual(bookings.mapped("conflict_count"), [1, 1])

    @users("pcm_media_coordinator")
    def test_equipment_booked_twice(self):
        day_a = self._day(self.production_a)
        day_b = self._day(self.production_b, start=MONDAY + timedelta(hours=2))
        first = self._book(day_a, self.camera_package)
        second = self._book(day_b, self.camera_package)
        self.assertEqual((first.conflict_count, second.conflict_count), (1, 1))
        self.assertEqual(first.department_id, self.camera)
        second.unlink()
        self.assertEqual(first.conflict_count, 0)
        self.assertEqual(self.production_a.coordination_conflict_count, 0)

    def test_unavailable_date_entered_by_the_crew_member(self):
        day = self._day(self.production_a, start=MONDAY + timedelta(days=2))
        booking = self._book(day, self.ana)
        self.assertEqual(booking.conflict_count, 0)
        # Ana enters her own unavailable dates (she cannot read the coordinator's bookings).
        period = (
            self.env["media.crew.unavailability"]
            .with_user(self.crew_user)
            .create({"date_from": MONDAY.date(), "date_to": MONDAY.date() + timedelta(days=4)})
        )
        self.assertEqual(period.crew_member_id, self.ana)
        self.assertEqual(booking.conflict_count, 1)
        self.assertEqual(day.conflict_count, 1)
        period.with_user(self.crew_user).date_to = MONDAY.date() + timedelta(days=1)
        self.assertEqual(booking.conflict_count, 0)

    def test_equipment_under_maintenance(self):
        day = self._day(self.production_a)
        booking = self._book(day, self.camera_package)
        request = self.env["maintenance.request"].create(
            {
                "name": "Sensor cleaning",
                "equipment_id": self.camera_package.id,
                "maintenance_type": "corrective",
                "request_date": MONDAY.date() - timedelta(days=3),
            }
        )
        self.assertEqual(booking.conflict_count, 1)
        self.assertIn(request.name, booking.conflict_description)
        request.stage_id = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        self.assertEqual(booking.conflict_count, 0)
        # A preventive maintenance the evening before is no conflict; during the shoot it is.
        preventive = self.env["maintenance.request"].create(
            {
                "name": "Firmware update",
                "equipment_id": self.camera_package.id,
                "maintenance_type": "preventive",
                "schedule_date": MONDAY - timedelta(hours=10),
                "duration": 3,
            }
        )
        self.assertEqual(booking.conflict_count, 0)
        preventive.schedule_date = MONDAY + timedelta(hours=8)
        self.assertEqual(booking.conflict_count, 1)

    @users("pcm_media_coordinator")
    def test_location_outside_its_available_dates(self):
        location = self.env["media.location"].create(
            {
                "name": "Test pier",
                "date_available_from": MONDAY.date() + timedelta(days=1),
                "date_available_to": MONDAY.date() + timedelta(days=3),
            }
        )
        day = self._day(self.production_a, location_id=location.id)
        booking = self._book(day, self.carl)
        self.assertEqual(day.conflict_count, 1)
        self.assertIn(location.name, day.conflict_description)
        self.assertEqual(booking.conflict_count, 0)
        self.assertEqual(self.production_a.coordination_conflict_count, 1)
        location.date_available_from = MONDAY.date()
        self.assertEqual(day.conflict_count, 0)
        self.assertEqual(self.production_a.coordination_conflict_count, 0)

    @users("pcm_media_coordinator")
    def test_cancelled_day_frees_its_bookings(self):
        day_a = self._day(self.production_a)
        day_b = self._day(self.production_b)
        booking_a = self._book(day_a, self.carl)
        self._book(day_b, self.carl)
        self.assertEqual(booking_a.conflict_count, 1)
        day_b.action_cancel()
        self.assertEqual(booking_a.conflict_count, 0)
        day_b.action_restore()
        self.assertEqual(day_b.state, "draft")
        self.assertEqual(booking_a.conflict_count, 1)

    def _double_booked(self, size, start):
        """`size` crew members each booked on two overlapping days of two productions."""
        crew = self.env["media.crew.member"].create(
            [
                {
                    "partner_id": self.env["res.partner"].create({"name": f"Crew {size}-{i}"}).id,
                    "role_id": self.role_ac.id,
                }
                for i in range(size)
            ]
        )
        day_a = self._day(self.production_a, start=start)
        day_b = self._day(self.production_b, start=start + timedelta(hours=2))
        Booking = self.env["media.booking"]
        bookings = Booking.create(
            [
                {"day_id": day.id, "crew_member_id": member.id}
                for day in (day_a, day_b)
                for member in crew
            ]
        )
        self.assertEqual(set(bookings.mapped("conflict_count")), {1})
        return bookings.filtered(lambda b: b.day_id == day_b)

    def _queries_to_move(self, bookings, start, hours):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        bookings.write({"date_call": start + timedelta(hours=hours)})
        self.env.flush_all()
        count = self.env.cr.sql_log_count - before
        self.assertEqual(set(bookings.mapped("conflict_count")), {1})
        return count

    def _queries_to_detect(self, bookings):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        conflicts = bookings._get_conflicts()
        count = self.env.cr.sql_log_count - before
        self.assertEqual({len(lines) for lines in conflicts.values()}, {1})
        self.assertEqual(len(conflicts), len(bookings))
        return count

    @users("pcm_media_coordinator")
    def test_query_count_does_not_grow_with_bookings(self):
        small_start, large_start = MONDAY + timedelta(days=10), MONDAY + timedelta(days=20)
        small = self._double_booked(3, small_start)
        large = self._double_booked(24, large_start)
        self._queries_to_detect(small)  # warm-up: caches filled once per registry
        self.assertEqual(self._queries_to_detect(small), self._queries_to_detect(large))
        self._queries_to_move(small, small_start, 3)
        self.assertEqual(
            self._queries_to_move(small, small_start, 4),
            self._queries_to_move(large, large_start, 4),
        )

    @users("pcm_media_coordinator")
    def test_publish_checks_conflicts_again(self):
        """Publishing does not trust the stored counts: a double booking they missed (a booking
        made at the same moment in another production) is found and refused."""
        day_a = self._day(self.production_a)
        day_b = self._day(self.production_b, start=MONDAY + timedelta(hours=3))
        booking_a = self._book(day_a, self.ana)
        booking_b = self._book(day_b, self.ana)
        self.env.flush_all()
        # What the other transaction left behind: stored counts that do not know each other.
        self.env.cr.execute(
            "UPDATE media_booking SET conflict_count = 0 WHERE id IN %s",
            [(booking_a.id, booking_b.id)],
        )
        self.env.cr.execute(
            "UPDATE media_production_day SET conflict_count = 0 WHERE id IN %s",
            [(day_a.id, day_b.id)],
        )
        self.env.invalidate_all()
        self.assertEqual(day_a.conflict_count, 0)
        with self.assertRaises(UserError) as caught:
            day_a.action_publish()
        self.assertIn(day_a.display_name, str(caught.exception))
        self.assertEqual(day_a.state, "draft")
        self.assertFalse(day_a.revision_ids)


class TestConflictFigureMigration(MediaCase):
    def test_figures_of_a_database_made_before_are_counted_again(self):
        """18.0.1.1.0's post-migrate: a figure stored by the line count is counted again."""
        third = self.env["project.project"].create(
            {"name": "Test Music Video", "is_media_production": True}
        )
        days = (
            self._day(self.production_a)
            | self._day(self.production_b, start=MONDAY + timedelta(hours=1))
            | self._day(third, start=MONDAY + timedelta(hours=2))
        )
        for day in days:
            self._book(day, self.ana)
        self.env.flush_all()
        cr = self.env.cr
        # As 18.0.1.0.0 stored them: two lines on each day.
        cr.execute("UPDATE media_production_day SET conflict_count = 2 WHERE id IN %s", [days._ids])
        cr.execute(
            "UPDATE project_project SET coordination_conflict_count = 2 WHERE id IN %s",
            [(self.production_a | self.production_b | third)._ids],
        )
        self.env.invalidate_all()
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pcm_post_migrate_1_1", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(days.mapped("conflict_count"), [1, 1, 1])
        self.assertEqual(third.coordination_conflict_count, 1)
        self.assertEqual(self.production_a.coordination_conflict_count, 1)
