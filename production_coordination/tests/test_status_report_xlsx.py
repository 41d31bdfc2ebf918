# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The departmental status report as an OCA report_xlsx report: in the Print menu of
departments (the report of those departments), behind the dashboard's and the wizard's XLSX
buttons (their filters), the same workbook as `coordination.status.report._build_xlsx`, and
the same access checks, made again by the report (an integrator may call /report/xlsx/...)."""

import io
import zipfile

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import MONDAY_14, DashboardCase

REPORT = "production_coordination.status_report_xlsx"
ACTION = "production_coordination.action_report_status_xlsx"


def workbook_values(content):
    """{sheet: rows of cell values} and the parts of the file (the chart among them)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheets = {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in book.worksheets
    }
    parts = sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())
    return sheets, parts


class TestStatusReportXlsx(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = new_test_user(cls.env, "pcx_outsider", groups="base.group_user")

    def _render(self, user, ids=None, data=None):
        content, report_format = (
            self.env["ir.actions.report"].with_user(user)._render(REPORT, ids, data or {})
        )
        self.assertEqual(report_format, "xlsx")
        return content

    def _build(self, user, filters):
        return self.env["coordination.status.report"].with_user(user)._build_xlsx(filters)

    def test_in_the_print_menu_of_departments_for_coordination_users(self):
        report = self.env.ref(ACTION)
        self.assertEqual((report.report_type, report.report_name), ("xlsx", REPORT))
        Actions = self.env["ir.actions.actions"]
        for user, shown in (
            (self.coordinator, True),
            (self.sup_cut, True),
            (self.alice, True),
            (self.outsider, False),
        ):
            with self.subTest(user=user.login):
                bindings = Actions.with_user(user).get_bindings("coordination.department")
                ids = [action["id"] for action in bindings.get("report", [])]
                self.assertEqual(report.id in ids, shown)

    @freeze_time(MONDAY_14)
    def test_departments_printed_give_the_report_of_those_departments(self):
        company = self.cutting.company_id
        for user, departments in (
            (self.sup_cut, self.cutting),
            (self.alice, self.cutting),
            (self.coordinator, self.cutting | self.assembly),
        ):
            with self.subTest(user=user.login):
                filters = {"company_ids": company.ids, "department_ids": departments.ids}
                printed = workbook_values(self._render(user, departments.ids))
                self.assertEqual(printed, workbook_values(self._build(user, filters)))
                self.assertIn("xl/charts/chart1.xml", printed[1])
                self.assertEqual(
                    list(printed[0]),
                    ["Summary", "Orders", "Departments"]
                    if user != self.coordinator
                    else ["Summary", "Orders", "Departments", "Shortages", "Vendor deliveries"],
                )

    @freeze_time(MONDAY_14)
    def test_the_report_checks_access_again(self):
        # A supervisor printing another department, staff printing one not theirs: refused,
        # naming it, before anything is written.
        for user in (self.sup_cut, self.alice):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as caught:
                self._render(user, self.assembly.ids)
            self.assertIn(self.assembly.name, str(caught.exception))
        # Outside the Coordination app, even for the default filters.
        for ids, data in ((self.cutting.ids, {}), (None, {"filters": {}})):
            with self.subTest(ids=ids), self.assertRaises(AccessError):
                self._render(self.outsider, ids, data)
        # An archived department, one that does not exist: a UserError naming it.
        self.quality.active = False
        with self.assertRaises(UserError) as caught:
            self._render(self.coordinator, self.quality.ids)
        self.assertIn(self.quality.name, str(caught.exception))
        self.env.cr.execute("SELECT max(id) FROM coordination_department")
        unknown = self.env.cr.fetchone()[0] + 1000
        with self.assertRaises(UserError) as caught:
            self._render(self.coordinator, [unknown])
        self.assertIn(str(unknown), str(caught.exception))
        # Filters in the data: checked as the dashboard's (bad JSON, unknown key).
        for filters, key in (("{nope", "JSON"), ({"colour": 1}, "colour")):
            with self.subTest(filters=filters), self.assertRaises(UserError) as caught:
                self._render(self.coordinator, None, {"filters": filters})
            self.assertNotIsInstance(caught.exception, AccessError)
            self.assertIn(key, str(caught.exception))

    @freeze_time(MONDAY_14)
    def test_buttons_return_the_report_of_their_filters(self):
        """The dashboard's and the wizard's XLSX buttons: the report action with the filters
        in its data, printed as the user asking (the same workbook as `_build_xlsx`)."""
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.sup_cut)
            .create({"department_ids": [Command.set(self.cutting.ids)]})
        )
        dashboard = self.env["coordination.dashboard"].with_user(self.coordinator)
        for user, action, filters in (
            (self.sup_cut, wizard.action_download_xlsx(), wizard._filters()),
            (self.coordinator, dashboard.action_status_report_xlsx(self.filters), self.filters),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(
                    (action["type"], action["report_name"]), ("ir.actions.report", REPORT)
                )
                self.assertNotIn("active_ids", action["context"])
                self.assertEqual(
                    workbook_values(self._render(user, None, action["data"])),
                    workbook_values(self._build(user, filters)),
                )
        # Refused before the action is returned: another department's supervisor.
        other = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.sup_cut)
            .create({"department_ids": [Command.set(self.assembly.ids)]})
        )
        with self.assertRaises(AccessError):
            other.action_download_xlsx()
