# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from ..models import coordination_dashboard_cache
from ..models.coordination_dashboard_cache import CACHE_SECONDS
from .common import GROUP_MANAGER, MONDAY_14, DashboardCase
from .test_dashboard import DATA_CALL_QUERIES

# The cached data call: the filters checked against the user's rights (companies, departments),
# the filter options (departments, warehouses) and the change marker; no figure recomputed.
# A filter on departments costs one more query (they exist, are active), cached or not. One
# query less without demo data (the user's time zone, for the day, is already read). One for
# the overdue meeting action items (counted outside the cache).
CACHED_CALL_QUERIES = 11
# The materials part (low-stock tiles, delivery tile, shortage rows and their names).
MATERIALS_QUERIES = 8
FIGURES = ("tiles", "departments", "load_total", "top_orders", "blockers", "shortages")


@tagged("post_install", "-at_install")
class TestDashboardCache(DashboardCase):
    def setUp(self):
        super().setUp()
        self.cache = self.env["coordination.dashboard.cache"]
        self.cache._clear()
        self.addCleanup(self.cache._clear)

    @staticmethod
    def _figures(data):
        return {key: data[key] for key in FIGURES}

    def _tiles(self, user=None, filters=None):
        return {tile["key"]: tile["count"] for tile in self._data(user, filters)["tiles"]}

    @freeze_time(MONDAY_14)
    def test_cached_call_queries_and_age(self):
        cold = self._data()
        with self.assertQueryCount(CACHED_CALL_QUERIES):
            cached = self._data()
        self.assertEqual(cached, cold)
        self.assertEqual(cached["generated"], "2026-11-23 14:00:00")
        # A second coordinator of the same company shares the production figures (once their
        # own rights are loaded: the record rules as they apply to them); the materials part
        # is theirs: which low-stock tasks a user may read depends on the projects and tasks
        # they follow (Odoo's rules on tasks).
        other = new_test_user(
            self.env, "pcd_coordinator_2", groups=GROUP_MANAGER, company_id=self.company.id
        )
        self._data(other, {"department_ids": self.cutting.ids})
        with self.assertQueryCount(CACHED_CALL_QUERIES + MATERIALS_QUERIES):
            self.assertEqual(self._figures(self._data(other)), self._figures(cold))
        # Kept CACHE_SECONDS at most.
        with freeze_time(MONDAY_14 + timedelta(seconds=CACHE_SECONDS - 1)):
            self.assertEqual(self._data()["generated"], "2026-11-23 14:00:00")
        with freeze_time(MONDAY_14 + timedelta(seconds=CACHE_SECONDS)):
            self.assertEqual(self._data()["generated"], "2026-11-23 14:00:30")

    @freeze_time(MONDAY_14)
    def test_cache_is_bounded_in_size(self):
        filters = [
            {"department_ids": departments.ids}
            for departments in (self.cutting, self.assembly, self.quality)
        ]
        with patch.object(coordination_dashboard_cache, "CACHE_SIZE", 2):
            for each in filters:
                self._data(filters=each)
            self.assertEqual(len(coordination_dashboard_cache._entries), 2)
            with self.assertQueryCount(CACHED_CALL_QUERIES + 1):
                self._data(filters=filters[2])
            with self.assertQueryCount(DATA_CALL_QUERIES + 1):
                self._data(filters=filters[0])  # the oldest was dropped

    @freeze_time(MONDAY_14)
    def test_cached_figures_change_after_a_write(self):
        before = self._tiles()
        with self.assertQueryCount(CACHED_CALL_QUERIES):
            self.assertEqual(self._tiles(), before)
        # The coordinator expedites an order, then reloads.
        self.plain_mo.with_user(self.coordinator)._coordination_expedite("Customer call")
        tiles = self._tiles()
        self.assertEqual(tiles["expedited"], before["expedited"] + 1)
        # A supervisor blocks a leg: the tile and the department's row follow.
        self._leg(self.plain_mo, self.cutting).with_user(self.sup_cut)._block("Jig missing")
        data = self._data()
        tiles = {tile["key"]: tile["count"] for tile in data["tiles"]}
        self.assertEqual(tiles["blocked"], before["blocked"] + 1)
        cutting = next(row for row in data["departments"] if row["id"] == self.cutting.id)
        self.assertEqual((cutting["blocked"], cutting["in_progress"]), (2, 3))
        self.assertIn(self.plain_mo.name, [row["production"] for row in data["blockers"]])
        # The engines write some figures in SQL (ranks, delays): those show as well.
        self.env.cr.execute(
            "UPDATE mrp_production SET coordination_is_expedited = FALSE WHERE id = %s",
            [self.expedited.id],
        )
        self.assertEqual(self._tiles()["expedited"], before["expedited"])
        # A closed low-stock task leaves the buyer's tile.
        self.shortages[0].state = "1_done"
        self.assertEqual(self._tiles()["low_stock"], before["low_stock"] - 1)

    @freeze_time(MONDAY_14)
    def test_users_of_other_departments_or_companies_never_share_figures(self):
        elsewhere = self.env["res.company"].create({"name": "Dash Elsewhere"})
        self.coordinator.company_ids = [Command.link(elsewhere.id)]
        calls = [
            (self.alice, {}),  # Cutting staff
            (self.anna, {}),  # Assembly staff, same groups as Alice
            (self.quentin, {}),  # Quality staff, fewer groups
            (self.sup_cut, {}),
            (self.coordinator, {}),
            (self.coordinator, {"department_ids": self.assembly.ids}),
            (self.coordinator, {"company_ids": elsewhere.ids}),
        ]
        alone = []
        for user, filters in calls:
            self.cache._clear()
            alone.append(self._figures(self._data(user, filters)))
        self.assertNotEqual(alone[0], alone[1])
        self.assertNotEqual(alone[4], alone[6])
        self.cache._clear()
        for _round in range(2):  # first computed and kept, then read from the cache
            for (user, filters), figures in zip(calls, alone, strict=True):
                self.assertEqual(
                    self._figures(self._data(user, filters)), figures, (user.login, filters)
                )
