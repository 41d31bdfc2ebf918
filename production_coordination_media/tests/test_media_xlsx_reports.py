# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The media status report and the cost report as OCA report_xlsx reports: in the Print menu
of productions for media coordinators, the same workbooks as `_build_xlsx` and
`_coordination_cost_report_xlsx`, the same access checks, made again by the reports (an
integrator may call /report/xlsx/... directly)."""

import io
import zipfile

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .test_media_cost_report import CostReportCase

# The reports say when they were made: the same second for the two workbooks compared.
NOW = "2026-12-01 10:00:00"
STATUS = "production_coordination_media.media_status_xlsx"
COST = "production_coordination_media.cost_report_xlsx"


def sheets(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in book.worksheets
    }


@tagged("post_install", "-at_install")
class TestMediaXlsxReports(CostReportCase):
    def _render(self, user, report, ids=None, data=None):
        content, report_format = (
            self.env["ir.actions.report"].with_user(user)._render(report, ids, data or {})
        )
        self.assertEqual(report_format, "xlsx")
        return content

    def test_in_the_print_menu_of_productions_for_media_coordinators(self):
        reports = self.env.ref(
            "production_coordination_media.action_report_media_status_xlsx"
        ) | self.env.ref("production_coordination_media.action_report_cost_xlsx")
        Actions = self.env["ir.actions.actions"]
        for user, shown in ((self.coordinator, True), (self.crew_user, False)):
            with self.subTest(user=user.login):
                bindings = Actions.with_user(user).get_bindings("project.project")
                ids = {action["id"] for action in bindings.get("report", [])}
                self.assertEqual(set(reports.ids) <= ids, shown)
                self.assertFalse(set(reports.ids) & ids and not shown)

    @freeze_time(NOW)
    def test_status_report_of_the_productions_printed(self):
        Report = self.env["media.status.report"].with_user(self.coordinator)
        both = self.production_a | self.production_b
        for ids in (self.production_a.ids, both.ids):
            with self.subTest(ids=ids):
                content = self._render(self.coordinator, STATUS, ids)
                self.assertEqual(sheets(content), sheets(Report._build_xlsx(ids)))
                self.assertIn(
                    "xl/charts/chart1.xml", zipfile.ZipFile(io.BytesIO(content)).namelist()
                )
        # No production (the media dashboard's filters found none open): every open one, as
        # `_build_xlsx` without ids.
        action = Report._xlsx_action(self.env["project.project"])
        self.assertEqual(action["data"], {"project_ids": []})
        self.assertEqual(
            sheets(self._render(self.coordinator, STATUS, None, action["data"])),
            sheets(Report._build_xlsx([])),
        )

    @freeze_time(NOW)
    def test_cost_report_of_the_productions_printed(self):
        production = self.production_a.with_user(self.coordinator)
        single = sheets(self._render(self.coordinator, COST, production.ids))
        self.assertEqual(single, sheets(production._coordination_cost_report_xlsx()))
        self.assertEqual(list(single), ["Budget", "Costs", "Per Day"])
        # Several productions: each one's sheets, named after it.
        both = (self.production_a | self.production_b).with_user(self.coordinator)
        several = sheets(self._render(self.coordinator, COST, both.ids))
        self.assertEqual(
            list(several),
            [f"{sheet} - {p.name}"[:31] for p in both for sheet in ("Budget", "Costs", "Per Day")],
        )
        self.assertEqual(several[f"Budget - {production.name}"[:31]], single["Budget"])

    def test_the_reports_check_access_again(self):
        task_project = self.env["project.project"].create({"name": "Not media"})
        self.env.cr.execute("SELECT max(id) FROM project_project")
        unknown = self.env.cr.fetchone()[0] + 1000
        for report in (STATUS, COST):
            with self.subTest(report=report):
                # Crew users never get them: they show costs.
                with self.assertRaises(AccessError):
                    self._render(self.crew_user, report, self.production_a.ids)
                # A project that is no media production, one that does not exist: named.
                for ids, named in (
                    ((self.production_a | task_project).ids, task_project.display_name),
                    ([self.production_a.id, unknown], str(unknown)),
                ):
                    with self.assertRaises(UserError) as caught:
                        self._render(self.coordinator, report, ids)
                    self.assertNotIsInstance(caught.exception, AccessError)
                    self.assertTrue(
                        named in str(caught.exception)
                        or str(task_project.id) in str(caught.exception)
                    )
        # Bad ids in the data: named.
        with self.assertRaises(UserError) as caught:
            self._render(self.coordinator, STATUS, None, {"project_ids": "1,2"})
        self.assertIn("1,2", str(caught.exception))
        with self.assertRaises(UserError):
            self._render(self.coordinator, COST)  # nothing to print
