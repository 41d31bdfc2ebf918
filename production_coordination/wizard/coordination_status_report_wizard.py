# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from ..models.coordination_const import STATUS_REPORT_XLSX
from ..models.coordination_utils import ensure_one_record


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
        """The filters as chosen: read through sudo, since the many2many would hide the
        companies and departments the user may not see (and the report would silently cover
        others); `coordination.dashboard._get_scope` then refuses them."""
        ensure_one_record(self)
        wizard = self.sudo()
        return {
            "company_ids": wizard.company_ids.ids,
            "warehouse_id": wizard.warehouse_id.id or False,
            "department_ids": wizard.department_ids.ids,
        }

    def action_download_xlsx(self):
        # Refuse early: the download would be refused.
        Dashboard = self.env["coordination.dashboard"]
        scope = Dashboard._get_scope(self._filters())
        Dashboard._check_status_report_access(scope, _("download the status report"))
        prepared = self.env["coordination.status.report.export"]._request(scope, "xlsx")
        if prepared:
            return prepared
        return self.env.ref(STATUS_REPORT_XLSX).report_action(
            None, data={"filters": self._filters()}, config=False
        )

    def action_print_pdf(self):
        Dashboard = self.env["coordination.dashboard"]
        scope = Dashboard._get_scope(self._filters())
        Dashboard._check_status_report_access(scope, _("print the status report"))
        prepared = self.env["coordination.status.report.export"]._request(scope, "pdf")
        if prepared:
            return prepared
        return self.env.ref("production_coordination.action_report_status").report_action(self)

    @api.model
    def _report_data(self, wizard):
        return self.env["coordination.status.report"]._collect(wizard._filters())
