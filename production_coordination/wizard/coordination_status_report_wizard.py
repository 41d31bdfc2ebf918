# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from urllib.parse import urlencode

from odoo import api, fields, models


class CoordinationStatusReportWizard(models.TransientModel):
    """Filters of the departmental status report; the PDF is printed on this record."""

    _name = "coordination.status.report.wizard"
    _description = "Departmental Status Report"

    company_ids = fields.Many2many(
        "res.company", string="Companies", default=lambda self: self.env.companies, required=True
    )
    warehouse_id = fields.Many2one("stock.warehouse", domain="[('company_id', 'in', company_ids)]")
    department_ids = fields.Many2many(
        "coordination.department",
        string="Departments",
        domain="[('company_id', 'in', company_ids)]",
        help="Empty: all the departments you may see.",
    )

    def _filters(self):
        self.ensure_one()
        return {
            "company_ids": self.company_ids.ids,
            "warehouse_id": self.warehouse_id.id or False,
            "department_ids": self.department_ids.ids,
        }

    def action_download_xlsx(self):
        self._coordination_ensure_one()
        self.env["coordination.dashboard"]._get_scope(self._filters())  # refuse early
        return {
            "type": "ir.actions.act_url",
            "url": "/production_coordination/status_report.xlsx?"
            + urlencode({"filters": json.dumps(self._filters())}),
            "target": "download",
        }

    def action_print_pdf(self):
        self._coordination_ensure_one()
        self.env["coordination.dashboard"]._get_scope(self._filters())
        return self.env.ref("production_coordination.action_report_status").report_action(self)

    @api.model
    def _report_data(self, wizard):
        return self.env["coordination.status.report"]._collect(wizard._filters())
