# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The media status report and the cost report as OCA report_xlsx reports, in the Print menu
of productions (project.project): the workbooks of `media.status.report._fill_workbook` and
`project.project._coordination_fill_cost_report`. Access is checked again here: an integrator
may call /report/xlsx/... directly."""

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.report.status_report_xlsx import (
    check_xlsx_report_call,
)


def existing_productions(env, projects):
    """These projects, refused (UserError naming the ids) when some do not exist."""
    missing = projects - projects.exists()
    if missing:
        raise UserError(env._("Productions %s do not exist.", ", ".join(map(str, missing.ids))))
    return projects


class ReportMediaStatusXlsx(models.AbstractModel):
    _name = "report.production_coordination_media.media_status_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Media Status Report (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        """The report of `data["project_ids"]` when given (a list of ids, empty: every open
        production), else of the productions printed."""
        check_xlsx_report_call(self, workbook, data, objs)
        if data and "project_ids" in data:
            project_ids = data["project_ids"]
        else:
            project_ids = existing_productions(self.env, objs).ids
        self.env["media.status.report"]._fill_workbook(workbook, project_ids)


class ReportMediaCostXlsx(models.AbstractModel):
    _name = "report.production_coordination_media.cost_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Production Cost Report (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        """The cost report of each production printed (its sheets named after it when there
        are several), every one checked before anything is written."""
        check_xlsx_report_call(self, workbook, data, objs)
        if not objs:
            raise UserError(self.env._("Choose the productions of the cost report."))
        productions = existing_productions(self.env, objs)
        for production in productions:
            production._coordination_check_cost_report()
        for production in productions:
            production._coordination_fill_cost_report(
                workbook, sheet_suffix=production.name if len(productions) > 1 else ""
            )
