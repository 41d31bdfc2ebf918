# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportStatus(models.AbstractModel):
    _name = "report.production_coordination.report_status"
    _description = "Departmental Status Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["coordination.status.report.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "coordination.status.report.wizard",
            "docs": wizards,
            "reports": {wizard.id: wizard._report_data(wizard) for wizard in wizards},
        }
