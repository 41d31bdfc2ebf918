# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.production_coordination.tests.browser import TourMixin

from .common import MEDIA_COORDINATOR, MediaCase


def today_at(hour, days=0):
    """Today (UTC, the test users' time zone) at `hour`, `days` later."""
    now = datetime.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return now + timedelta(days=days)


class MediaDashboardCase(MediaCase):
    """Days, bookings, calls and deliverables around today (the dashboard looks at today)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.production_a.coordination_coordinator_id = cls.coordinator
        cls.production_b.coordination_phase = "production"
        cls.Dashboard = cls.env["media.dashboard"]

    def _dashboard(self, user, filters=None):
        return self.Dashboard.with_user(user).get_dashboard_data(filters)

    @staticmethod
    def _tile(data, key):
        return next(tile for tile in data["tiles"] if tile["key"] == key)

    def _today(self):
        """Today as the dashboard counts it for the test users (UTC). Not the superuser's
        today: the demo's is Europe/Brussels, already tomorrow from 23:00 UTC."""
        return fields.Date.context_today(self.coordinator.with_user(self.coordinator))

    def _opened(self, user, tile):
        """The records a tile opens, as the user sees them."""
        action = tile["action"]
        return self.env[action["res_model"]].with_user(user).search(action["domain"])


@tagged("post_install", "-at_install")
class TestMediaDashboard(MediaDashboardCase):
    def setUp(self):
        super().setUp()
        # Tomorrow: Ana and the camera on A (the camera also on B at the same time: a
        # conflict), published and sent (Ana has not confirmed).
        self.day_a = self._day(self.production_a, start=today_at(8, 1))
        self.ana_a = self._book(self.day_a, self.ana)
        self.camera_a = self._book(self.day_a, self.camera_package)
        self.day_a.action_publish()
        self.day_a.action_send_call_sheet()
        self.day_b = self._day(self.production_b, start=today_at(9, 1))
        self.camera_b = self._book(self.day_b, self.camera_package)
        self.ben_b = self._book(self.day_b, self.ben)
        # Out of the window or not counted: a day in 8 days, a prep day, a cancelled day,
        # a day yesterday.
        self.later = self._day(self.production_a, start=today_at(8, 8))
        self._book(self.later, self.ana)
        self.prep = self._day(self.production_a, start=today_at(8, 2), day_type="prep")
        self.cancelled = self._day(self.production_b, start=today_at(8, 3))
        self._book(self.cancelled, self.ana)
        self.cancelled.action_cancel()
        self.yesterday = self._day(self.production_b, start=today_at(8, -1))
        self._book(self.yesterday, self.ana)
        today = self._today()
        Deliverable = self.env["media.deliverable"]
        self.due, self.review, self.overdue, self.delivered, self.far = Deliverable.create(
            [
                {"project_id": self.production_a.id, "name": "Rough cut", "date_due": today},
                {
                    "project_id": self.production_b.id,
                    "name": "Grade",
                    "state": "review",
                    "date_due": today + timedelta(days=20),
                },
                {
                    "project_id": self.production_b.id,
                    "name": "Trailer",
                    "date_due": today - timedelta(days=2),
                },
                {
                    "project_id": self.production_a.id,
                    "name": "Stills",
                    "state": "delivered",
                    "date_due": today - timedelta(days=2),
                },
                {
                    "project_id": self.production_a.id,
                    "name": "Master",
                    "date_due": today + timedelta(days=30),
                },
            ]
        )
        self.env.flush_all()

    def test_tiles_open_exactly_what_they_count(self):
        data = self._dashboard(self.coordinator)
        self.assertEqual(data["role"], "coordinator")
        expected = {
            "shoot_days": self.day_a | self.day_b,
            "unconfirmed": self.day_a.recipient_ids,
            "conflicts": self.camera_a | self.camera_b,
            "deliverables_due": self.due,
            "deliverables_review": self.review,
            "deliverables_overdue": self.overdue,
        }
        self.assertTrue(set(expected) <= {tile["key"] for tile in data["tiles"]})
        self.assertEqual(len(self.day_a.recipient_ids), 1)
        ours = self.production_a | self.production_b  # demo data may add its own
        for key, records in expected.items():
            tile = self._tile(data, key)
            with self.subTest(tile=key):
                opened = self._opened(self.coordinator, tile)
                self.assertEqual(opened.filtered(lambda r: r.project_id in ours), records)
                self.assertEqual(tile["count"], len(opened))
        # Every tile, including those other parts add: the count is what the action opens.
        for tile in data["tiles"]:
            with self.subTest(tile=tile["key"]):
                self.assertEqual(len(self._opened(self.coordinator, tile)), tile["count"])
        # The days list: crew, unconfirmed calls and conflicts of each shoot day.
        rows = {row["id"]: row for row in data["days"]}
        self.assertLessEqual({self.day_a.id, self.day_b.id}, set(rows))
        self.assertFalse({self.later.id, self.prep.id, self.cancelled.id} & set(rows))
        self.assertEqual((rows[self.day_a.id]["crew"], rows[self.day_a.id]["unconfirmed"]), (1, 1))
        self.assertEqual(rows[self.day_b.id]["conflicts"], 1)
        # Productions by phase: every phase, each opening its productions.
        phases = {row["key"]: row for row in data["phases"]}
        self.assertEqual(len(phases), 6)
        for phase in phases.values():
            opened = self.env["project.project"].search(phase["action"]["domain"])
            self.assertEqual(len(opened), phase["count"])
        self.assertIn(
            self.production_b,
            self.env["project.project"].search(phases["production"]["action"]["domain"]),
        )
        self.assertFalse(data["my_days"])

    def test_crew_sees_only_their_own_next_days(self):
        data = self._dashboard(self.crew_user)
        self.assertEqual(data["role"], "crew")
        self.assertFalse(data["see_costs"])
        self.assertEqual({tile["key"] for tile in data["tiles"]}, {"my_days", "my_unconfirmed"})
        # Ana: tomorrow on A (not the day in 8 days, the cancelled day or yesterday).
        self.assertEqual([row["id"] for row in data["my_days"]], self.ana_a.ids)
        self.assertEqual(self._opened(self.crew_user, self._tile(data, "my_days")), self.ana_a)
        self.assertEqual(
            self._opened(self.crew_user, self._tile(data, "my_unconfirmed")),
            self.day_a.recipient_ids,
        )
        self.assertFalse(data["phases"] or data["days"] or data["productions"])
        # Ben is called on B, not A: he sees his day only, no call to confirm.
        ben = self._dashboard(self.other_crew_user)
        self.assertEqual([row["id"] for row in ben["my_days"]], self.ben_b.ids)
        self.assertEqual(self._tile(ben, "my_unconfirmed")["count"], 0)
        # Not a cost in sight.
        for row in data["my_days"]:
            self.assertFalse({"cost", "rate", "amount", "budget"} & set(row))
        # A pencil says so: held for her, not a call yet.
        self.assertFalse(data["my_days"][0]["pencil"])
        self.ana_a.hold_state = "hold"
        data = self._dashboard(self.crew_user)
        self.assertTrue(data["my_days"][0]["pencil"])

    def test_filters_are_remembered_per_user(self):
        other = new_test_user(self.env, "pcm_dash_other", groups=MEDIA_COORDINATOR, tz="UTC")
        Dashboard = self.Dashboard.with_user(self.coordinator)
        self.assertTrue(Dashboard.set_dashboard_filters({"mine": True}))
        data = Dashboard.get_dashboard_data()
        self.assertTrue(data["filters"]["mine"])
        # Mine: production A only (Mia coordinates A).
        self.assertEqual(self._opened(self.coordinator, self._tile(data, "shoot_days")), self.day_a)
        self.assertEqual(self._tile(data, "deliverables_overdue")["count"], 0)
        self.assertEqual(self._tile(data, "deliverables_due")["count"], 1)
        # Another coordinator keeps the defaults.
        self.assertFalse(self._dashboard(other)["filters"]["mine"])
        # Filters saved before a company was left fall back to the defaults.
        self.coordinator.sudo().media_dashboard_filters = {
            "company_ids": [self.env.company.id + 1000]
        }
        data = Dashboard.get_dashboard_data()
        self.assertEqual(data["filters"]["company_ids"], Dashboard.env.companies.ids)

    def test_bad_filters_are_refused_with_the_key_named(self):
        Dashboard = self.Dashboard.with_user(self.coordinator)
        for filters in (
            "all",
            [1],
            {"surprise": 1},
            {"company_ids": "1"},
            {"company_ids": [True]},
            {"company_ids": [-1]},
            {"company_ids": [2**31]},
            {"company_ids": [1.5]},
            {"mine": "yes"},
            {"mine": 1},
        ):
            for call in (Dashboard.get_dashboard_data, Dashboard.set_dashboard_filters):
                with self.subTest(filters=filters, call=call.__name__):
                    with self.assertRaises(UserError) as caught:
                        call(filters)
                    self.assertNotIsInstance(caught.exception, AccessError)
        # An unknown company id: not one of the user's.
        with self.assertRaises(AccessError) as caught:
            Dashboard.get_dashboard_data({"company_ids": [2**31 - 7]})
        self.assertIn(str(2**31 - 7), caught.exception.args[0])
        # Saved filters of the wrong form are refused on write, naming the key.
        with self.assertRaises(ValidationError) as caught:
            self.coordinator.with_user(self.coordinator).media_dashboard_filters = {"mine": 3}
        self.assertIn("mine", caught.exception.args[0])
        self.assertFalse(self.coordinator.media_dashboard_filters)

    def test_only_media_users_use_it(self):
        factory = new_test_user(
            self.env, "pcm_dash_factory", groups="production_coordination.group_coordination_user"
        )
        with self.assertRaises(AccessError):
            self._dashboard(factory)
        with self.assertRaises(AccessError):
            self.Dashboard.with_user(factory).set_dashboard_filters({})


@tagged("post_install", "-at_install")
class TestMediaDashboardCosts(MediaDashboardCase):
    """Budget burn, over budget, rentals due back: for those who see costs, never crew."""

    def setUp(self):
        super().setUp()
        day = self._day(self.production_a, start=today_at(8, 1))
        self.ana_booking = self._book(day, self.ana)
        self.env["media.crew.rate"].create(
            {"crew_member_id": self.ana.id, "rate_type": "day", "amount": 500}
        )
        self.env["media.budget.line"].create(
            {"project_id": self.production_a.id, "category": "crew", "amount": 100}
        )
        vendor = self.env["res.partner"].create({"name": "Dash Rentals"})
        today = self._today()
        Rental = self.env["media.rental"]
        self.due, self.overdue, self.later, self.returned = Rental.create(
            [
                {
                    "project_id": self.production_a.id,
                    "partner_id": vendor.id,
                    "name": name,
                    "date_pickup": today - timedelta(days=5),
                    "date_return": today + timedelta(days=offset),
                }
                for name, offset in (("Dolly", 2), ("Crane", -1), ("Jib", 10), ("Lens", 1))
            ]
        )
        (self.due | self.overdue | self.later | self.returned).write({"state": "out"})
        self.requested = Rental.create(
            {
                "project_id": self.production_a.id,
                "partner_id": vendor.id,
                "name": "Technocrane",
                "date_pickup": today + timedelta(days=3),
                "date_return": today + timedelta(days=4),
            }
        )
        self.returned.write({"state": "returned", "date_returned": today})
        self.env.flush_all()

    def test_cost_and_rental_tiles(self):
        data = self._dashboard(self.coordinator, {"mine": True})
        self.assertTrue(data["see_costs"])
        expected = {
            "over_budget": self.production_a,
            "rentals_due": self.due | self.overdue,
            "rentals_overdue": self.overdue,
            "rentals_requested": self.requested,
        }
        for key, records in expected.items():
            with self.subTest(tile=key):
                tile = self._tile(data, key)
                self.assertEqual(self._opened(self.coordinator, tile), records)
                self.assertEqual(tile["count"], len(records))
        [row] = [row for row in data["productions"] if row["id"] == self.production_a.id]
        self.assertTrue(row["over_budget"])
        self.assertEqual(row["burn"], self.production_a.coordination_budget_burn)
        self.assertGreater(row["burn"], 100)

    def test_crew_never_sees_costs(self):
        data = self._dashboard(self.crew_user)
        self.assertFalse(data["see_costs"])
        keys = {tile["key"] for tile in data["tiles"]}
        self.assertFalse(
            keys & {"over_budget", "rentals_due", "rentals_overdue", "rentals_requested"}
        )
        self.assertFalse(data["productions"])
        # No figure of money anywhere in what crew receive: no key about costs (but the flag
        # saying so), and not Ana's day rate (500) as a value (record ids and domains aside).
        for key, value in self._walk(data):
            with self.subTest(key=key):
                if key != "see_costs":
                    self.assertNotRegex(key, r"(^|_)(costs?|budget|burn|rates?|amount)(_|$)")
                if key not in {"id", "ids", "res_id", "domain"}:
                    self.assertNotEqual(value, 500)
                    if isinstance(value, str):  # nor worded in a label: "500", "$ 500.00"
                        self.assertNotRegex(value, r"(?<![\d/-])500(?:[.,]\d+)?(?![\d/-])")

    @classmethod
    def _walk(cls, data, key=""):
        """(key, value) of every leaf of a dashboard answer (lists keep their key)."""
        if isinstance(data, dict):
            for sub_key, value in data.items():
                yield from cls._walk(value, str(sub_key))
        elif isinstance(data, list | tuple) and key != "domain":
            for value in data:
                yield from cls._walk(value, key)
        else:
            yield key, data


@tagged("post_install", "-at_install")
class TestMediaDashboardCompanies(MediaDashboardCase):
    def test_second_company_is_separate(self):
        company_b = self.env["res.company"].create({"name": "Media Co B"})
        production = self.env["project.project"].create(
            {"name": "B Feature", "is_media_production": True, "company_id": company_b.id}
        )
        day = self._day(production, start=today_at(8, 1))
        # A coordinator of both companies sees B's day only with B chosen.
        both = new_test_user(
            self.env,
            "pcm_dash_both",
            groups=MEDIA_COORDINATOR,
            company_id=self.env.company.id,
            company_ids=[(6, 0, (self.env.company | company_b).ids)],
            tz="UTC",
        )
        both = both.with_context(allowed_company_ids=(self.env.company | company_b).ids)
        Dashboard = self.Dashboard.with_user(both).with_context(
            allowed_company_ids=(self.env.company | company_b).ids
        )
        data = Dashboard.get_dashboard_data({"company_ids": self.env.company.ids})
        days = (
            self.env["media.production.day"]
            .with_user(both)
            .search(self._tile(data, "shoot_days")["action"]["domain"])
        )
        self.assertNotIn(day, days)
        data = Dashboard.get_dashboard_data({"company_ids": company_b.ids})
        self.assertEqual(self._tile(data, "shoot_days")["count"], 1)
        self.assertEqual({c["id"] for c in data["options"]["companies"]}, set(both.company_ids.ids))
        # A coordinator of the first company only may not ask for B.
        with self.assertRaises(AccessError):
            self._dashboard(self.coordinator, {"company_ids": company_b.ids})


@tagged("post_install", "-at_install")
class TestMediaDashboardQueries(MediaDashboardCase):
    """The data call reads a constant number of queries, whatever the number of productions."""

    def _populate(self, count):
        productions = self.env["project.project"].create(
            [
                {
                    "name": f"Q Production {index}",
                    "is_media_production": True,
                    "coordination_phase": "production",
                }
                for index in range(count)
            ]
        )
        location = self.env["media.location"].create({"name": f"Q Studio {count}"})
        days = self.env["media.production.day"].create(
            [
                {
                    "project_id": production.id,
                    "date_call": today_at(6 + index % 4, index % 7),
                    "date_wrap": today_at(16, index % 7),
                    "tz": "UTC",
                    "location_id": location.id,
                }
                for index, production in enumerate(productions)
            ]
        )
        crew = [self.ana, self.ben, self.carl, self.dora]
        today = self._today()
        self.env["media.booking"].create(
            [
                {"day_id": day.id, "resource_type": "crew", "crew_member_id": crew[i % 4].id}
                for i, day in enumerate(days)
            ]
        )
        self.env["media.deliverable"].create(
            [
                {
                    "project_id": production.id,
                    "name": "Cut",
                    "date_due": today + timedelta(days=index % 10 - 5),
                }
                for index, production in enumerate(productions)
            ]
        )
        self.env.flush_all()

    def _queries(self, user):
        """The queries of one data call of the user (caches warm: xml ids, groups)."""
        Dashboard = self.Dashboard.with_user(user)
        Dashboard.get_dashboard_data()
        self.env.invalidate_all()
        Dashboard.get_dashboard_data()
        self.env.invalidate_all()
        with self.assertQueryCount(DATA_CALL_QUERIES[user.login]):
            Dashboard.get_dashboard_data()

    def test_data_call_queries_do_not_grow_with_productions(self):
        # The same budget at 10 and 200 productions. (The cost engine reads the locations'
        # day fees of the productions listed when no other part read them before: 29 or 30.)
        # The demo's productions are set aside: their rates, purchases and bills change which
        # reads the cost engine makes for the productions listed (32 or 34 with them listed),
        # not how the count grows.
        others = self.env["project.project"].search(
            [
                ("is_media_production", "=", True),
                ("id", "not in", (self.production_a | self.production_b).ids),
            ]
        )
        others.active = False
        self._populate(10)
        self._queries(self.coordinator)
        self._queries(self.crew_user)
        self._populate(190)
        self._queries(self.coordinator)
        self._queries(self.crew_user)


# Measured: the coordinator's tiles, phases, days and productions; the crew user's own days.
# Issue 18: +3 for the problem log (open problems by severity, their count, past due), +1 for
# the equipment to repair, +2 for the review rounds (its two tiles' counts).
DATA_CALL_QUERIES = {"pcm_media_coordinator": 36, "pcm_crew_ana": 11}


@tagged("post_install", "-at_install")
class TestMediaDashboardUi(TourMixin, MediaDashboardCase, HttpCase):
    def setUp(self):
        super().setUp()
        # Mia's feature and another coordinator's commercial both book the camera tomorrow.
        self.production_a.name = "Dash Feature"
        self.production_b.name = "Dash Commercial"
        self.camera_package.name = "Dash camera"
        day_a = self._day(self.production_a, start=today_at(8, 1))
        self._book(day_a, self.ana)
        self._book(day_a, self.camera_package)
        day_a.action_publish()
        day_a.action_send_call_sheet()
        day_b = self._day(self.production_b, start=today_at(9, 1))
        self._book(day_b, self.camera_package)
        self.env.flush_all()

    def test_coordinator_opens_a_tile_and_filters(self):
        self.start_tour_or_fail(
            "/odoo/media-dashboard",
            "production_coordination_media_dashboard",
            self.coordinator.login,
        )
        self.assertTrue(self.coordinator.media_dashboard_filters["mine"])

    def test_crew_sees_their_own_days_on_a_phone(self):
        self.start_tour_or_fail(
            "/odoo/media-dashboard",
            "production_coordination_media_dashboard_crew",
            self.crew_user.login,
            phone=True,
        )
