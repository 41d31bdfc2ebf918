# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaGrid(MediaCase):
    """The availability grid: booked / held / unavailable / free per person and day,
    utilisation, a constant number of queries."""

    def setUp(self):
        super().setUp()
        self.day_a = self._day(self.production_a)
        self.day_b = self._day(self.production_b, start=MONDAY + timedelta(days=1))
        self._book(self.day_a, self.ana)
        self._book(self.day_b, self.ana, hold_state="hold")
        self._book(self.day_b, self.carl)
        self._book(self.day_a, self.camera_package)
        self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": self.carl.id,
                "date_from": MONDAY.date() + timedelta(days=2),
                "date_to": MONDAY.date() + timedelta(days=4),
            }
        )
        self.Grid = self.env["media.availability.grid"].with_user(self.coordinator)

    def _grid(self, **kwargs):
        start = MONDAY.date()
        return self.Grid.get_grid(
            str(start), str(start + timedelta(days=kwargs.pop("days", 5) - 1)), **kwargs
        )

    def _rows(self, grid, kind="crew"):
        return {
            row["id"]: row
            for group in grid["groups"]
            if group["kind"] == kind
            for row in group["rows"]
        }

    def test_cells_and_utilisation(self):
        grid = self._grid()
        self.assertEqual(len(grid["dates"]), 5)
        crew = self._rows(grid)
        self.assertEqual(crew[self.ana.id]["cells"], ["booked", "held", "free", "free", "free"])
        self.assertEqual(crew[self.ana.id]["utilisation"], 20)  # 1 of 5 days
        self.assertEqual(
            crew[self.carl.id]["cells"],
            ["free", "booked", "unavailable", "unavailable", "unavailable"],
        )
        self.assertEqual(crew[self.carl.id]["utilisation"], 50)  # 1 of 2 available days
        self.assertEqual(crew[self.dora.id]["utilisation"], 0)
        equipment = self._rows(grid, "equipment")
        self.assertEqual(equipment[self.camera_package.id]["cells"][0], "booked")
        # Per department: Ana and Carl are both in the camera department.
        [camera] = [
            g for g in grid["groups"] if g["kind"] == "crew" and g["name"] == self.camera.name
        ]
        self.assertTrue({self.ana.id, self.carl.id} <= {row["id"] for row in camera["rows"]})
        booked = sum(row["booked"] for row in camera["rows"])
        available = sum(row["days"] - row["unavailable"] for row in camera["rows"])
        self.assertEqual(camera["utilisation"], round(100 * booked / available))

    def test_part_day_off_and_conflicts_marked(self):
        """A few hours off leave the day bookable (counted available), a day in conflict is
        marked on the cell."""
        self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": self.dora.id,
                "date_from": MONDAY.date(),
                "date_to": MONDAY.date(),
                "hour_from": 14.0,
                "hour_to": 16.0,
            }
        )
        # Ana is also called the Monday on another production, at the same hours: a conflict.
        clash = self._day(self.production_b)
        self._book(clash, self.ana)
        crew = self._rows(self._grid())
        self.assertEqual(crew[self.dora.id]["cells"][0], "partial")
        self.assertEqual(crew[self.dora.id]["partial"], 1)
        self.assertEqual(crew[self.dora.id]["unavailable"], 0)
        self._book(self.day_a, self.dora)
        crew = self._rows(self._grid())
        self.assertEqual(crew[self.dora.id]["cells"][0], "booked")
        self.assertEqual(crew[self.dora.id]["utilisation"], 20)  # 1 of 5 days, none lost
        self.assertEqual(crew[self.ana.id]["conflicts"], [0])
        self.assertEqual(crew[self.carl.id]["conflicts"], [])
        # Carl's whole days off stay unavailable.
        self.assertEqual(crew[self.carl.id]["cells"][2:], ["unavailable"] * 3)

    def test_one_department(self):
        grid = self._grid(department_id=self.sound.id)
        crew = self._rows(grid)
        self.assertIn(self.ben.id, crew)
        self.assertNotIn(self.ana.id, crew)

    def test_cancelled_days_and_wrapped_productions_hold_nobody(self):
        self.production_a.coordination_phase = "wrapped"
        crew = self._rows(self._grid())
        self.assertEqual(crew[self.ana.id]["cells"][0], "free")

    def test_bad_input(self):
        for args in (("2031-13-01", "2031-03-05"), ("nope", "2031-03-05"), (None, "2031-03-05")):
            with self.assertRaises(UserError):
                self.Grid.get_grid(*args)
        with self.assertRaises(UserError):
            self.Grid.get_grid("2031-03-05", "2031-03-01")
        with self.assertRaises(UserError):
            self.Grid.get_grid("2031-01-01", "2031-06-01")
        for department in ("camera", 10**9, True, -1):
            with self.assertRaises(UserError):
                self.Grid.get_grid("2031-03-01", "2031-03-05", department_id=department)

    def test_crew_user_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["media.availability.grid"].with_user(self.crew_user).get_grid(
                "2031-03-01", "2031-03-05"
            )

    def test_second_company_is_not_shown(self):
        other = self.env["res.company"].create({"name": "Grid Other Studio"})
        stranger = self.env["media.crew.member"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Grid Stranger"}).id,
                "company_id": other.id,
                "role_id": self.role_dop.id,
            }
        )
        self.assertNotIn(stranger.id, self._rows(self._grid()))

    def test_constant_query_count(self):
        """The same queries for the crew over 5 days as with 40 more people booked over 30 days."""
        self._grid()  # warm the caches of the ORM (fields, views)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=11):
            rows_before = len(self._rows(self._grid()))
        partners = self.env["res.partner"].create([{"name": f"Grid crew {n}"} for n in range(40)])
        members = self.env["media.crew.member"].create(
            [
                {"partner_id": partner.id, "role_id": (self.role_dop, self.role_sound)[n % 2].id}
                for n, partner in enumerate(partners)
            ]
        )
        days = [self._day(self.production_a, start=MONDAY + timedelta(days=n)) for n in range(1, 8)]
        self.env["media.booking"].create(
            [
                {
                    "day_id": day.id,
                    "crew_member_id": member.id,
                    "hold_state": ("hold", "confirmed")[n % 2],
                }
                for n, member in enumerate(members)
                for day in days[: n % 7]
            ]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=11):
            grid = self._grid(days=30)
        self.assertEqual(len(self._rows(grid)), rows_before + 40)
