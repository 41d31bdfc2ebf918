# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The departmental status report as an OCA report_xlsx report (Print menu of departments;
the dashboard's and the wizard's XLSX buttons): the workbook of
`coordination.status.report._fill_workbook`."""

import json

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.misc import xlsxwriter


def check_xlsx_report_call(report, workbook, data, objs):
    """`generate_xlsx_report` is public (callable over RPC), but only the XLSX report engine
    can give it a workbook: anything else is refused, naming the method."""
    if not (
        isinstance(workbook, xlsxwriter.Workbook)
        and (data is None or isinstance(data, dict))
        and isinstance(objs, models.BaseModel)
    ):
        method = f"{report._name}.generate_xlsx_report"
        raise UserError(
            report.env._(
                "%s is run by the XLSX report engine (with a workbook, the report data and "
                "the records printed); print the report instead.",
                method,
            )
        )


class ReportStatusXlsx(models.AbstractModel):
    _name = "report.production_coordination.status_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Departmental Status Report (XLSX)"

    def get_workbook_options(self):
        return self.env["coordination.status.report"]._xlsx_workbook_options()

    def generate_xlsx_report(self, workbook, data, objs):
        """The report of `data["filters"]` (the dashboard's filters: a mapping, or its JSON)
        when given, else of the departments printed (their companies, those departments).
        Who may see it, and which departments, is checked again here (`_collect`): an
        integrator may call /report/xlsx/... directly."""
        check_xlsx_report_call(self, workbook, data, objs)
        self.env["coordination.status.report"]._fill_workbook(
            workbook, self._report_filters(data, objs)
        )

    @api.model
    def _report_filters(self, data, departments):
        data = data or {}
        if "filters" in data:
            filters = data["filters"]
            if isinstance(filters, str):
                try:
                    filters = json.loads(filters)
                except ValueError as error:
                    raise UserError(
                        self.env._("The report filters are not valid JSON (%s).", error)
                    ) from error
            return filters
        if not departments:
            return {}
        # sudo: the companies of the departments named, even those the user may not read
        # (the scope then refuses them, naming them).
        return {
            "company_ids": departments.sudo().exists().company_id.ids,
            "department_ids": departments.ids,
        }
