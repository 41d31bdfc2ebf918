# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo import Command

from .common import RouteCase

MONDAY_8 = datetime(2026, 11, 23, 8, 0)
WEEK = date(2026, 11, 23)


@freeze_time(MONDAY_8)
class TestLoadFigures(RouteCase):
    """A department's load and the total are planned ÷ available hours, the same on the
    dashboard, in the load pivot and in the status report. Cutting runs two work centers of
    different capacity: the saw (40 h a week, 30 h planned: 75 %) and the drill (three mornings,
    12 h, 15 h planned: 125 %). Cutting is 45 h of 52 h: 86.5 %, not its busiest work center's
    125 % nor the 100 % average of the two."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mornings = cls.env["resource.calendar"].create(
            {
                "name": "Mornings UTC",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Morning {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 12,
                        }
                    )
                    for day in range(3)
                ],
            }
        )
        cls.wc_drill.resource_calendar_id = cls.mornings
        # 30 pieces this week: 30 × 60 min on the saw, 30 × 30 on the drill, 30 × 90 on the
        # bench (Assembly), 30 × 20 on the inspection table (Quality).
        cls._make_mo(qty=30, date_start=datetime(2026, 11, 23, 9, 0))
        cls.departments = cls.cutting | cls.assembly | cls.quality
        cls.filters = {"department_ids": cls.departments.ids}
        cls.env["coordination.workcenter.load"].with_user(cls.coordinator).with_context(
            queue_job__no_delay=True
        ).action_refresh()

    def _pivot(self, groupby):
        """What the pivot asks for (its measures with their aggregators), as the coordinator."""
        Load = self.env["coordination.workcenter.load"].with_user(self.coordinator)
        measures = [
            f"{name}:{Load._fields[name].aggregator}"
            for name in ("planned_hours", "available_hours", "load_percent")
        ]
        groups = Load.read_group(
            [("department_id", "in", self.departments.ids)], measures, groupby, lazy=False
        )
        # The pivot's week starts on the language's first day of the week: the column that
        # holds the Monday of the rows.
        return [
            group
            for group in groups
            if group["__range"]["date_week:week"]["from"]
            <= WEEK.isoformat()
            < group["__range"]["date_week:week"]["to"]
        ]

    def test_figures_agree_on_dashboard_pivot_and_report(self):
        Load = self.env["coordination.workcenter.load"]
        rows = Load.search([("workcenter_id", "in", (self.wc_saw | self.wc_drill).ids)])
        first_week = {row.workcenter_id: row for row in rows if row.date_week == WEEK}
        self.assertEqual(first_week[self.wc_saw].load_percent, 75.0)
        self.assertEqual(first_week[self.wc_drill].load_percent, 125.0)

        expected = {
            "T-Cutting": (45.0, 52.0, 86.5),
            "T-Assembly": (45.0, 40.0, 112.5),
            "T-Quality": (10.0, 40.0, 25.0),
        }
        expected_total = (100.0, 132.0, 75.8)

        def figures(row):
            return (row["planned_hours"], row["available_hours"], row["load_percent"])

        # Dashboard.
        data = (
            self.env["coordination.dashboard"]
            .with_user(self.coordinator)
            .get_dashboard_data(self.filters)
        )
        self.assertEqual({row["name"]: figures(row) for row in data["departments"]}, expected)
        self.assertEqual(figures(data["load_total"]), expected_total)

        # Pivot: a row per department, the total row.
        pivot = self._pivot(["department_id", "date_week:week"])
        self.assertEqual({group["department_id"][1]: figures(group) for group in pivot}, expected)
        (total,) = self._pivot(["date_week:week"])
        self.assertEqual(figures(total), expected_total)

        # Status report: its data, the XLSX's Summary sheet.
        report = self.env["coordination.status.report"].with_user(self.coordinator)
        collected = report._collect(self.filters)
        self.assertEqual({row["name"]: figures(row) for row in collected["departments"]}, expected)
        self.assertEqual(figures(collected["load_total"]), expected_total)
        summary = openpyxl.load_workbook(io.BytesIO(report._build_xlsx(self.filters)))["Summary"]
        cells = {
            row[0].value: (row[2].value, row[3].value, round(row[4].value * 100, 1))
            for row in summary.iter_rows()
            if row[0].value in (*expected, "All departments")
        }
        self.assertEqual(cells, {**expected, "All departments": expected_total})

    def test_pivot_groups_never_take_the_busiest_work_center(self):
        # Grouped by work center within Cutting: each its own figure.
        pivot = self._pivot(["workcenter_id", "date_week:week"])
        by_workcenter = {group["workcenter_id"][1]: group["load_percent"] for group in pivot}
        self.assertEqual(by_workcenter["T-Saw"], 75.0)
        self.assertEqual(by_workcenter["T-Drill"], 125.0)
        # Whatever aggregate a caller asks for, a group's load is its planned over available.
        Load = self.env["coordination.workcenter.load"].with_user(self.sup_cut)
        for aggregate in ("max", "min", "sum", "avg"):
            ((load,),) = Load._read_group(
                [("department_id", "=", self.cutting.id), ("date_week", "=", WEEK)],
                [],
                [f"load_percent:{aggregate}"],
            )
            self.assertEqual(load, 86.5, aggregate)

    def test_chart_draws_available_beside_planned(self):
        Chart = self.env["coordination.workcenter.load.chart"].with_user(self.sup_cut)
        groups = Chart._read_group(
            [("department_id", "=", self.cutting.id), ("date_week", "=", WEEK)],
            ["series"],
            ["hours:sum"],
        )
        self.assertEqual(dict(groups), {"planned": 45.0, "available": 52.0})
