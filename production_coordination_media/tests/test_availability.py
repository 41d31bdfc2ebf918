# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who is free before booking (media.booking.get_availability): read-only (a read replica
serves it), the conflicts a booking would have, worded as the stored ones, for coordinators
only, bad input named."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.production_coordination.tests.common import read_only_transaction

from .common import MONDAY, MediaCase


def _utc(moment):
    return fields.Datetime.to_string(moment)


class TestAvailability(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = cls._day_of(cls.production_a, MONDAY)
        # The other production shoots from 13:00: Ana and the camera package are booked there;
        # Ben is unavailable that week; a third production, archived, books Carl (no conflict).
        other = cls._day_of(cls.production_b, MONDAY + timedelta(hours=6))
        cls.ana_elsewhere = cls._book_on(other, cls.ana)
        cls._book_on(other, cls.camera_package)
        cls.env["media.crew.unavailability"].create(
            {
                "crew_member_id": cls.ben.id,
                "date_from": MONDAY.date(),
                "date_to": MONDAY.date() + timedelta(days=2),
                "reason": "Festival",
            }
        )
        archived = cls.env["project.project"].create(
            {"name": "Old Spot", "is_media_production": True}
        )
        cls._book_on(cls._day_of(archived, MONDAY), cls.carl)
        archived.active = False

    @classmethod
    def _day_of(cls, production, start):
        return cls.env["media.production.day"].create(
            {
                "project_id": production.id,
                "date_call": start,
                "date_wrap": start + timedelta(hours=10),
                "tz": "UTC",
            }
        )

    @classmethod
    def _book_on(cls, day, resource):
        field = "equipment_id" if resource._name == "maintenance.equipment" else "crew_member_id"
        kind = "equipment" if field == "equipment_id" else "crew"
        return cls.env["media.booking"].create(
            {"day_id": day.id, "resource_type": kind, field: resource.id}
        )

    def _availability(self, user, start, hours):
        with read_only_transaction(self.env):
            return (
                self.env["media.booking"]
                .with_user(user)
                .get_availability(self.day.id, _utc(start), _utc(start + timedelta(hours=hours)))
            )

    def test_free_and_busy_with_the_conflicts_text(self):
        result = self._availability(self.coordinator, MONDAY, 10)
        crew = {row["id"]: row for row in result["crew"]}
        self.assertTrue(crew[self.carl.id]["is_free"], "an archived production holds nobody")
        self.assertTrue(crew[self.dora.id]["is_free"])
        self.assertFalse(crew[self.ana.id]["is_free"])
        [overlap] = crew[self.ana.id]["conflicts"]
        self.assertIn(self.ana_elsewhere.day_id.display_name, overlap)
        [unavailable] = crew[self.ben.id]["conflicts"]
        self.assertIn("Festival", unavailable)
        # The same sentences as a booking made now would store (which then also says who
        # keeps the person: see test_media_holds).
        booking = self._book_on(self.day, self.ana)
        self.assertTrue(booking.conflict_description.startswith(overlap))
        [package] = [r for r in result["equipment"] if r["id"] == self.camera_package.id]
        self.assertFalse(package["is_free"])
        # Free ones first.
        frees = [row["is_free"] for row in result["crew"]]
        self.assertEqual(frees, sorted(frees, reverse=True))

    def test_morning_before_the_other_shoot_is_free_maintenance_is_not(self):
        result = self._availability(self.coordinator, MONDAY, 6)  # 7:00 to 13:00
        crew = {row["id"]: row for row in result["crew"]}
        self.assertTrue(crew[self.ana.id]["is_free"], "back to back is no conflict")
        self.assertFalse(crew[self.ben.id]["is_free"], "unavailable all day")
        request = self.env["maintenance.request"].create(
            {
                "name": "Sensor cleaning",
                "equipment_id": self.camera_package.id,
                "maintenance_type": "corrective",
                "request_date": MONDAY.date() - timedelta(days=3),
            }
        )
        [package] = [
            r
            for r in self._availability(self.coordinator, MONDAY, 6)["equipment"]
            if r["id"] == self.camera_package.id
        ]
        self.assertEqual(len(package["conflicts"]), 1)
        self.assertIn(request.name, package["conflicts"][0])

    def test_part_day_unavailability(self):
        # Dora is away from 12:00 on Monday (the day's time zone: UTC): the morning is free,
        # a call that runs past noon is not.
        self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": self.dora.id,
                "date_from": MONDAY.date(),
                "date_to": MONDAY.date(),
                "hour_from": 12.0,
                "hour_to": 24.0,
                "reason": "Dentist",
            }
        )
        morning = self._availability(self.coordinator, MONDAY, 5)  # 7:00 to 12:00
        crew = {row["id"]: row for row in morning["crew"]}
        self.assertTrue(crew[self.dora.id]["is_free"], "back from noon: the morning is free")
        day = self._availability(self.coordinator, MONDAY, 6)  # 7:00 to 13:00
        crew = {row["id"]: row for row in day["crew"]}
        self.assertFalse(crew[self.dora.id]["is_free"])
        self.assertIn("Dentist", crew[self.dora.id]["conflicts"][0])

    def test_query_count_does_not_grow_with_crew(self):
        Booking = self.env["media.booking"].with_user(self.coordinator)
        call, wrap = _utc(MONDAY), _utc(MONDAY + timedelta(hours=10))
        Booking.get_availability(self.day.id, call, wrap)  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            Booking.get_availability(self.day.id, call, wrap)
        for n in range(5):
            self._crew(f"Extra {n}", self.role_ac)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            Booking.get_availability(self.day.id, call, wrap)

    def test_marked_read_only(self):
        self.assertTrue(type(self.env["media.booking"]).get_availability._readonly)

    def test_only_coordinators_and_bad_input(self):
        call, wrap = _utc(MONDAY), _utc(MONDAY + timedelta(hours=10))
        with self.assertRaises(AccessError):
            self.env["media.booking"].with_user(self.crew_user).get_availability(
                self.day.id, call, wrap
            )
        Booking = self.env["media.booking"].with_user(self.coordinator)
        for day_id in (None, "1", 0, -1, True, 10**9, [self.day.id]):
            with self.assertRaises(UserError, msg=repr(day_id)):
                Booking.get_availability(day_id, call, wrap)
        for value in (None, 7, "tomorrow", "2031-13-40 07:00:00", [call]):
            with self.assertRaises(UserError, msg=repr(value)):
                Booking.get_availability(self.day.id, value, wrap)
            with self.assertRaises(UserError, msg=repr(value)):
                Booking.get_availability(self.day.id, call, value)
        for start, end in ((wrap, call), (call, call), (call, _utc(MONDAY + timedelta(days=9)))):
            with self.assertRaises(UserError):
                Booking.get_availability(self.day.id, start, end)

    def test_turnaround_both_ways(self):
        """Dora wraps Sunday at 23:00 and is called Tuesday at 04:00 elsewhere: with 10 hours of
        rest required, a Monday 07:00–17:00 call would cut both rests short."""
        self.env.company.coordination_media_min_rest_hours = 10
        sunday = self._day_of(self.production_b, MONDAY - timedelta(hours=18))  # 13:00–23:00
        self._book_on(sunday, self.dora)
        tuesday = self._day_of(self.production_b, MONDAY + timedelta(hours=21))  # 04:00
        self._book_on(tuesday, self.dora)
        crew = {row["id"]: row for row in self._availability(self.coordinator, MONDAY, 6)["crew"]}
        # 07:00–13:00: eight hours after Sunday's wrap, fifteen before Tuesday's call.
        self.assertFalse(crew[self.dora.id]["is_free"])
        turnarounds = [text for text in crew[self.dora.id]["conflicts"] if "turnaround" in text]
        self.assertEqual(len(turnarounds), 1)
        self.assertIn("8.0 h rest after the wrap", turnarounds[0])
        crew = {row["id"]: row for row in self._availability(self.coordinator, MONDAY, 18)["crew"]}
        # 07:00–01:00: and only three hours before Tuesday's call.
        turnarounds = [text for text in crew[self.dora.id]["conflicts"] if "turnaround" in text]
        self.assertEqual(len(turnarounds), 2)
        self.assertIn("3.0 h rest before the call", turnarounds[1])
        # A company that asks no minimum rest: no turnaround.
        self.env.company.coordination_media_min_rest_hours = 0
        crew = {row["id"]: row for row in self._availability(self.coordinator, MONDAY, 6)["crew"]}
        self.assertFalse([text for text in crew[self.dora.id]["conflicts"] if "turnaround" in text])
