# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The replan's preview is computed without writing (a read replica serves it): in a read-only
transaction it gives exactly the dates that applying then writes with Odoo's planning, for
MOs whose work has started, split, cancelled, and in a second company."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import GROUP_MANAGER, MONDAY_8, ScheduleCase, read_only_transaction


@freeze_time(MONDAY_8)
class TestReplanPreview(ScheduleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.normal = cls._make_mo(date_start=MONDAY_8)
        cls.normal.button_plan()
        cls.urgent = cls._make_mo(date_start=MONDAY_8)
        cls.urgent.button_plan()
        cls.urgent.priority = "1"
        cls._run_rank_jobs()  # the ranks, as the job runner sets them after these writes
        cls.Replan = cls.env["coordination.replan"]

    def _preview(self, user, workcenters, env=None):
        """get_preview as `user`, in a read-only transaction."""
        env = env or self.env
        with read_only_transaction(env):
            return env["coordination.replan"].with_user(user).get_preview(workcenters.ids)

    def _assert_preview_is_applied(self, workcenters, user=None, env=None):
        """Preview read-only, apply (Odoo's planning), compare every MO and work order."""
        env = env or self.env
        user = user or self.coordinator
        preview = self._preview(user, workcenters, env)
        self.assertTrue(preview)
        env["coordination.replan"].with_user(user)._replan(workcenters.with_user(user), apply=True)
        env.invalidate_all()
        Production, Workorder = env["mrp.production"], env["mrp.workorder"]
        for change in preview:
            production = Production.browse(change["production_id"])
            self.assertEqual(
                (production.date_start, production.date_finished),
                (change["date_start_new"], change["date_finished_new"]),
                production.name,
            )
            self.assertEqual(len(change["workorders"]), change["workorder_count"])
            for planned in change["workorders"]:
                workorder = Workorder.browse(planned["id"])
                self.assertEqual(
                    (workorder.date_start, workorder.date_finished, workorder.workcenter_id.id),
                    (planned["date_start"], planned["date_finished"], planned["workcenter_id"]),
                    workorder.display_name,
                )
        return preview

    def test_preview_writes_nothing_and_is_what_apply_writes(self):
        preview = self._assert_preview_is_applied(self.wc_saw)
        self.assertEqual(
            [(c["production_id"], c["is_later"]) for c in preview],
            [(self.urgent.id, False), (self.normal.id, True)],
        )
        self.assertEqual(preview[0]["production_name"], self.urgent.name)
        self.assertEqual(
            (preview[1]["date_start_new"], preview[1]["date_finished_new"]),
            (datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 13, 50)),
        )
        # The slots were taken once each: no overlap.
        productions = self.urgent | self.normal
        self.assertFalse(productions.workorder_ids._get_conflicted_workorder_ids())

    def test_followers_on_other_work_centers(self):
        # The bench: assembly and the inspection after it move, cutting and drilling stay.
        preview = self._assert_preview_is_applied(self.wc_bench)
        self.assertEqual([c["workorder_count"] for c in preview], [2, 2])

    def test_started_work_stays_and_the_rest_follows(self):
        self._wo(self.normal, "Cut").with_user(self.alice).button_start()
        paused = self._make_mo(date_start=MONDAY_8)
        paused.button_plan()
        self._log_time(self._wo(paused, "Cut"), 10)
        preview = self._assert_preview_is_applied(self.workcenters)
        moved = {wo["id"] for change in preview for wo in change["workorders"]}
        self.assertNotIn(self._wo(self.normal, "Cut").id, moved)
        self.assertNotIn(self._wo(paused, "Cut").id, moved)
        self.assertIn(self._wo(self.normal, "Drill").id, moved)

    def test_split_and_cancelled_orders(self):
        double = self._make_mo(qty=2, date_start=MONDAY_8)
        double.button_plan()
        halves = double._split_productions({double: [1, 1]})
        self.assertEqual(len(halves), 2)
        cancelled = self._make_mo(date_start=MONDAY_8)
        cancelled.button_plan()
        cancelled.action_cancel()
        preview = self._assert_preview_is_applied(self.workcenters)
        productions = {change["production_id"] for change in preview}
        self.assertLessEqual(set(halves.ids), productions)
        self.assertNotIn(cancelled.id, productions)

    def test_alternative_work_center(self):
        spare = self.env["mrp.workcenter"].create(
            {"name": "T-Saw 2", "resource_calendar_id": self.calendar.id}
        )
        self.wc_saw.alternative_workcenter_ids = spare
        preview = self._assert_preview_is_applied(self.wc_saw)
        used = {wo["workcenter_id"] for change in preview for wo in change["workorders"]}
        self.assertIn(spare.id, used, "the second cut goes to the free saw")

    def test_second_company(self):
        company = self.env["res.company"].create({"name": "Second Replan Plant"})
        calendar = self.calendar.copy({"company_id": company.id})
        saw = self.env["mrp.workcenter"].create(
            {"name": "B-Saw", "resource_calendar_id": calendar.id, "company_id": company.id}
        )
        bom = self._make_bom(
            self.product,
            [(self.component, 1)],
            [{"name": "Cut", "workcenter_id": saw.id, "time_cycle_manual": 60}],
            company_id=company.id,
        )
        coordinator = self._user("pcr_coordinator_b", GROUP_MANAGER, "Bo B", company=company)
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        productions = env["mrp.production"].create(
            [
                {
                    "product_id": self.product.id,
                    "bom_id": bom.id,
                    "product_qty": 1,
                    "company_id": company.id,
                    "date_start": MONDAY_8,
                }
                for _n in range(2)
            ]
        )
        productions.action_confirm()
        for production in productions:
            production.button_plan()
        productions[1].priority = "1"
        self._run_rank_jobs()  # the ranks, as the job runner sets them after these writes
        preview = self._assert_preview_is_applied(saw, user=coordinator, env=env)
        self.assertEqual([c["production_id"] for c in preview], productions[::-1].ids)
        # The first company's coordinator does not see the second company's work center.
        with self.assertRaises(AccessError):
            self._preview(self.coordinator, saw)

    def test_supervisors_preview_their_work_centers_only_coordinators_apply(self):
        preview = self._preview(self.sup_cut, self.wc_saw)
        self.assertEqual(len(preview), 2)
        self.assertEqual(preview, self._preview(self.coordinator, self.wc_saw))
        for user in (self.alice, self.plain):
            with self.assertRaises(AccessError):
                self._preview(user, self.wc_saw)
        with self.assertRaises(AccessError):
            self.Replan.with_user(self.sup_cut)._replan(self.wc_saw, apply=True)
        self.assertEqual(self.normal.date_start, MONDAY_8)

    def test_entry_points_marked_read_only(self):
        # /web/dataset/call_kw routes them to a read replica (Odoo's _call_kw_readonly).
        self.assertTrue(type(self.Replan).get_preview._readonly)
        self.assertTrue(type(self.env["coordination.redundancy"]).get_previews._readonly)
        wizard = type(self.env["coordination.replan.wizard"])
        self.assertFalse(getattr(wizard.action_apply, "_readonly", False))
        self.assertFalse(getattr(wizard.action_preview, "_readonly", False))

    def test_bad_input(self):
        Replan = self.Replan.with_user(self.coordinator)
        for value in ([], None, "1", [0], [-3], [True], ["x"], [1.5], {"id": 1}, [10**9]):
            with self.assertRaises(UserError, msg=repr(value)):
                Replan.get_preview(value)
        # A work center of another database's size: unknown, named.
        with self.assertRaises(UserError) as caught:
            Replan.get_preview([self.wc_saw.id, 10**9])
        self.assertIn(str(10**9), caught.exception.args[0])

    def test_unknown_calendar_is_odoo_error(self):
        self.wc_saw.resource_calendar_id = False
        with self.assertRaises(UserError):
            self._preview(self.coordinator, self.wc_saw)
        self.wc_drill.write({"alternative_workcenter_ids": [Command.link(self.wc_saw.id)]})
        with self.assertRaises(UserError):
            self._preview(self.coordinator, self.wc_drill)
