# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged

from .common import FULL_WEEK, MONDAY_8, WEEKS, ScheduleCase


@freeze_time(MONDAY_8)
class TestScheduleLoad(ScheduleCase):
    def test_load_per_workcenter_and_week(self):
        # Half efficiency: Odoo doubles the expected time of the bench; its calendar stays whole.
        self.wc_bench.time_efficiency = 50
        Leave = self.env["resource.calendar.leaves"]
        # The saw is off on Wednesday of week 2; everybody on Friday morning of week 3.
        Leave.create(
            {
                "name": "Saw maintenance",
                "calendar_id": self.calendar.id,
                "resource_id": self.wc_saw.resource_id.id,
                "date_from": datetime(2026, 12, 2, 0, 0),
                "date_to": datetime(2026, 12, 2, 23, 59, 59),
            }
        )
        Leave.create(
            {
                "name": "Stocktaking",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 12, 11, 8, 0),
                "date_to": datetime(2026, 12, 11, 12, 0),
            }
        )
        # Unplanned: week 1, late (counts now), week 2 (40 pieces), past the horizon.
        week_1 = self._make_mo(qty=2, date_start=datetime(2026, 11, 24, 9, 0))
        late = self._make_mo(date_start=datetime(2026, 11, 16, 10, 0))
        self._make_mo(qty=40, date_start=datetime(2026, 11, 30, 8, 0))
        self._make_mo(date_start=datetime(2027, 2, 1, 8, 0))
        # Not counted: a draft MO, a cancelled one, a finished work order.
        self._make_mo(confirm=False, date_start=datetime(2026, 11, 24, 9, 0))
        self._make_mo(date_start=datetime(2026, 11, 24, 9, 0)).action_cancel()
        self._wo(late, "Cut").button_finish()
        # Time already logged is done: 15 of the 120 minutes of cutting.
        self._log_time(self._wo(week_1, "Cut"), 15)
        # Planned by Odoo from Friday 15:00 of week 3: the assembly (180 min) starts at 16:30,
        # runs 30 minutes that week and 150 the next Monday.
        planned = self._make_mo(date_start=datetime(2026, 12, 11, 15, 0))
        planned.button_plan()
        self.assertEqual(self._wo(planned, "Assemble").date_start, datetime(2026, 12, 11, 16, 30))
        self.assertEqual(
            self._wo(planned, "Assemble").date_finished, datetime(2026, 12, 14, 10, 30)
        )

        self.env["coordination.workcenter.load"].with_user(self.coordinator).with_context(
            queue_job__no_delay=True
        ).action_refresh()

        rows = self._load(self.sup_cut)
        self.assertEqual(len(rows), 4 * 8)
        # (planned minutes, work orders), by hand: cycle minutes x pieces (x 2 on the bench).
        planned_work = {
            (self.wc_saw, WEEKS[0]): (120 - 15, 1),
            (self.wc_drill, WEEKS[0]): (60 + 30, 2),
            (self.wc_bench, WEEKS[0]): (360 + 180, 2),
            (self.wc_inspect, WEEKS[0]): (40 + 20, 2),
            (self.wc_saw, WEEKS[1]): (2400, 1),
            (self.wc_drill, WEEKS[1]): (1200, 1),
            (self.wc_bench, WEEKS[1]): (7200, 1),
            (self.wc_inspect, WEEKS[1]): (800, 1),
            (self.wc_saw, WEEKS[2]): (60, 1),
            (self.wc_drill, WEEKS[2]): (30, 1),
            (self.wc_bench, WEEKS[2]): (30, 1),
            (self.wc_bench, WEEKS[3]): (150, 1),
            (self.wc_inspect, WEEKS[3]): (20, 1),
        }
        # 40 hours a week, minus the saw's Wednesday and everybody's Friday morning.
        available = {(self.wc_saw, WEEKS[1]): FULL_WEEK - 8 * 60}
        for workcenter in self.workcenters:
            available[workcenter, WEEKS[2]] = FULL_WEEK - 4 * 60
        computed, expected = {}, {}
        for (workcenter, week), row in rows.items():
            computed[workcenter.name, week] = (
                row.planned_minutes,
                row.workorder_count,
                row.available_minutes,
                row.is_overloaded,
            )
            minutes, count = planned_work.get((workcenter, week), (0, 0))
            capacity = available.get((workcenter, week), FULL_WEEK)
            expected[workcenter.name, week] = (minutes, count, capacity, minutes > capacity)
        self.assertEqual(computed, expected)
        # Overloaded: the saw in week 2 (40 hours of cutting, 32 available), the bench.
        overloaded = self.env["coordination.workcenter.load"].search(
            [("is_overloaded", "=", True), ("workcenter_id", "in", self.workcenters.ids)]
        )
        self.assertEqual(
            sorted((row.workcenter_id.name, row.date_week) for row in overloaded),
            [("T-Bench", WEEKS[1]), ("T-Saw", WEEKS[1])],
        )
        saw_week_2 = rows[self.wc_saw, WEEKS[1]]
        self.assertEqual(saw_week_2.load_percent, 125.0)
        self.assertEqual((saw_week_2.planned_hours, saw_week_2.available_hours), (40.0, 32.0))

    def test_at_the_weekend_the_horizon_starts_next_week(self):
        self._make_mo(date_start=datetime(2026, 11, 16, 10, 0))  # late: due now
        with freeze_time(datetime(2026, 11, 28, 10, 0)):  # Saturday: no working time left
            self.env["coordination.workcenter.load"].with_user(self.coordinator).with_context(
                queue_job__no_delay=True
            ).action_refresh()
        saw = sorted(
            (week, row.planned_minutes, row.available_minutes)
            for (workcenter, week), row in self._load(self.sup_cut).items()
            if workcenter == self.wc_saw
        )
        self.assertEqual(len(saw), 8)
        self.assertEqual(saw[0], (date(2026, 11, 30), 60, FULL_WEEK))
        self.assertEqual(saw[-1][0], date(2027, 1, 18))

    def test_rows_carry_the_department_of_their_work_center(self):
        self.env["coordination.workcenter.load"].with_user(self.coordinator).with_context(
            queue_job__no_delay=True
        ).action_refresh()
        rows = self._load(self.sup_asm)
        departments = {
            wc.name: dep.code for (wc, _week), row in rows.items() for dep in row.department_id
        }
        self.assertEqual(
            departments,
            {"T-Saw": "TCUT", "T-Drill": "TCUT", "T-Bench": "TASM", "T-Inspect": "TQC"},
        )
        # Grouped by department: what the pivot view shows.
        groups = (
            self.env["coordination.workcenter.load"]
            .with_user(self.sup_asm)
            ._read_group(
                [("workcenter_id", "in", self.workcenters.ids)],
                ["department_id"],
                ["available_minutes:sum"],
            )
        )
        self.assertEqual(
            {department.code: minutes for department, minutes in groups},
            {"TCUT": 2 * 8 * FULL_WEEK, "TASM": 8 * FULL_WEEK, "TQC": 8 * FULL_WEEK},
        )

    def test_refresh_queries_do_not_grow_with_work_orders(self):
        Load = self.env["coordination.workcenter.load"]
        self._make_mo()
        Load._refresh(self.company)

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Load._refresh(self.company)
            return self.env.cr.sql_log_count - before

        few = queries()
        for day in range(8):
            self._make_mo(qty=3, date_start=MONDAY_8 + timedelta(days=day))
        self._make_mo().button_plan()
        many = queries()
        self.assertEqual(many, few)
        rows = self._load(self.env.user)
        self.assertEqual(sum(row.workorder_count for row in rows.values()), 4 * 10)

    def test_staff_cannot_read_the_load(self):
        self.env["coordination.workcenter.load"]._refresh(self.company)
        with self.assertRaises(AccessError):
            self.env["coordination.workcenter.load"].with_user(self.alice).search([])


@freeze_time(MONDAY_8)
class TestReplanByPriority(ScheduleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Planned first, so it holds the first slots: Cut 8-9, Drill 9-9:30, Assemble 9:30-11,
        # Inspect 11-11:20. The urgent one gets what is left: 9:00 to 13:50.
        cls.normal = cls._make_mo(date_start=MONDAY_8)
        cls.normal.button_plan()
        cls.urgent = cls._make_mo(date_start=MONDAY_8)
        cls.urgent.button_plan()
        cls.urgent.priority = "1"
        cls._run_rank_jobs()  # the ranks, as the job runner sets them after these writes

    def _dates(self, production):
        production.invalidate_recordset()
        return (production.date_start, production.date_finished)

    def _wizard(self, user, workcenters):
        action = workcenters.with_user(user).action_coordination_replan()
        return self.env[action["res_model"]].with_user(user).browse(action["res_id"])

    def test_replan_moves_the_lower_ranked_mo_later(self):
        self.assertLess(self.urgent.coordination_rank, self.normal.coordination_rank)
        self.assertEqual(self._dates(self.normal), (MONDAY_8, datetime(2026, 11, 23, 11, 20)))
        self.assertEqual(
            self._dates(self.urgent),
            (datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 13, 50)),
        )
        wizard = self._wizard(self.coordinator, self.wc_saw)
        # The preview: the urgent MO is planned first and gets the earlier slots.
        preview = [
            (
                line.production_id,
                line.date_start_old,
                line.date_finished_old,
                line.date_start_new,
                line.date_finished_new,
                line.is_later,
            )
            for line in wizard.line_ids
        ]
        self.assertEqual(
            preview,
            [
                (
                    self.urgent,
                    datetime(2026, 11, 23, 9, 0),
                    datetime(2026, 11, 23, 13, 50),
                    MONDAY_8,
                    datetime(2026, 11, 23, 11, 20),
                    False,
                ),
                (
                    self.normal,
                    MONDAY_8,
                    datetime(2026, 11, 23, 11, 20),
                    datetime(2026, 11, 23, 9, 0),
                    datetime(2026, 11, 23, 13, 50),
                    True,
                ),
            ],
        )
        self.assertEqual(wizard.later_count, 1)
        self.assertEqual(wizard.line_ids.mapped("workorder_count"), [4, 4])
        # Nothing moved yet.
        self.assertEqual(self._dates(self.normal), (MONDAY_8, datetime(2026, 11, 23, 11, 20)))
        self.assertEqual(self._wo(self.normal, "Cut").date_start, MONDAY_8)

        messages = len(self.normal.message_ids)
        wizard.action_apply()

        self.assertEqual(
            [self._dates(p) for p in (self.urgent, self.normal)],
            [(line.date_start_new, line.date_finished_new) for line in wizard.line_ids],
        )
        self.assertEqual(
            [
                (self._wo(production, name).date_start, self._wo(production, name).date_finished)
                for production in (self.urgent, self.normal)
                for name in ("Cut", "Assemble")
            ],
            [
                (MONDAY_8, datetime(2026, 11, 23, 9, 0)),
                (datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 11, 0)),
                (datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 10, 0)),
                (datetime(2026, 11, 23, 11, 0), datetime(2026, 11, 23, 13, 30)),
            ],
        )
        self.assertEqual(len(self.normal.message_ids), messages + 1)
        self.assertEqual(self.normal.message_ids[0].subtype_id, self.env.ref("mail.mt_note"))
        # One slot per work order on the work center calendars, no overlap left.
        leaves = (self.urgent | self.normal).workorder_ids.leave_id
        self.assertEqual(len(leaves), 8)
        self.assertFalse((self.urgent | self.normal).workorder_ids._get_conflicted_workorder_ids())

    def test_started_work_orders_never_move(self):
        # The normal MO's cutting started at 8:00; a third MO has time logged on its cutting.
        cut = self._wo(self.normal, "Cut")
        cut.with_user(self.alice).button_start()
        paused = self._make_mo(date_start=MONDAY_8)
        paused.button_plan()
        paused_cut = self._wo(paused, "Cut")
        self._log_time(paused_cut, 10)
        slots = {wo: (wo.date_start, wo.date_finished) for wo in cut | paused_cut}
        self.assertEqual(slots[cut], (MONDAY_8, datetime(2026, 11, 23, 9, 0)))

        wizard = self._wizard(self.coordinator, self.wc_saw)
        self.assertEqual(wizard.line_ids.production_id, self.urgent)
        wizard.action_apply()

        self.assertEqual({wo: (wo.date_start, wo.date_finished) for wo in cut | paused_cut}, slots)
        self.assertEqual(cut.state, "progress")
        # The urgent MO outranks the started one but cuts after it.
        self.assertEqual(self._wo(self.urgent, "Cut").date_start, datetime(2026, 11, 23, 9, 0))

    def test_preview_from_the_menu(self):
        with Form(self.env["coordination.replan.wizard"].with_user(self.coordinator)) as form:
            form.workcenter_ids.add(self.wc_bench)
        wizard = form.record
        wizard.action_preview()
        # The assembly and what follows it (the inspection) move; cutting and drilling stay:
        # the urgent MO assembles right after its drilling (10:30-12:00), inspects after lunch.
        self.assertEqual(wizard.line_ids.production_id, self.urgent | self.normal)
        self.assertEqual(wizard.line_ids.mapped("workorder_count"), [2, 2])
        self.assertEqual(wizard.line_ids.mapped("is_later"), [False, True])
        self.assertEqual(
            wizard.line_ids.mapped("date_finished_new"),
            [datetime(2026, 11, 23, 13, 20), datetime(2026, 11, 23, 14, 50)],
        )
        self.assertEqual(self._wo(self.normal, "Cut").date_start, MONDAY_8)

    def test_supervisor_cannot_apply(self):
        wizard = self._wizard(self.sup_asm, self.wc_saw)
        self.assertEqual(len(wizard.line_ids), 2)  # the preview is for everyone
        before = [self._dates(p) for p in (self.urgent, self.normal)]
        with self.assertRaises(AccessError):
            wizard.action_apply()
        self.assertEqual([self._dates(p) for p in (self.urgent, self.normal)], before)


@tagged("post_install", "-at_install")
class TestScheduleDemo(TransactionCase):
    """The demo shows an overloaded week and a replan worth previewing (with demo data only)."""

    def test_demo_overloaded_week_and_replan(self):
        module = self.env["ir.module.module"].search([("name", "=", "production_coordination")])
        batch = self.env.ref("production_coordination.production_week_batch_1", False)
        if not module.demo:
            self.assertFalse(batch)
            return
        coordinator = self.env.ref("production_coordination.user_coordinator")
        assembly = self.env.ref("mrp.mrp_workcenter_3")
        Load = self.env["coordination.workcenter.load"].with_user(coordinator)
        Load.with_context(queue_job__no_delay=True).action_refresh()
        week = Load.search(
            [("workcenter_id", "=", assembly.id), ("date_week", "<=", batch.date_start.date())],
            order="date_week desc",
            limit=1,
        )
        self.assertTrue(week.is_overloaded)
        self.assertGreater(week.planned_minutes, 60 * 45 - 1)
        laser = self.env.ref("production_coordination.workcenter_laser")
        action = laser.with_user(coordinator).action_coordination_replan()
        wizard = self.env[action["res_model"]].with_user(coordinator).browse(action["res_id"])
        normal = self.env.ref("production_coordination.production_planned_normal")
        urgent = self.env.ref("production_coordination.production_planned_urgent")
        line_of = {line.production_id: line for line in wizard.line_ids}
        # The normal order, planned first today, gets later; the urgent one now ends before it.
        # (Whether the urgent one itself ends earlier than before depends on the other demo
        # orders on the Laser Cutter, hence on the day of the week the demo was installed.)
        self.assertTrue(line_of[normal].is_later)
        self.assertLess(line_of[urgent].date_finished_new, line_of[normal].date_finished_new)
        self.assertTrue(urgent.coordination_rank and normal.coordination_rank)
        self.assertLess(urgent.coordination_rank, normal.coordination_rank)
