# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import float_round, formatLang


class ReportMediaStatus(models.AbstractModel):
    _name = "report.production_coordination_media.report_media_status"
    _description = "Media Status Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        """The productions' report, for media coordinators and producers only (it shows
        costs): checked here, so no other way of rendering it shows them to anyone else."""
        Report = self.env["media.status.report"]
        report = Report._collect(list(docids or []))
        return {
            "doc_ids": docids,
            "doc_model": "project.project",
            "docs": self.env["project.project"].browse(docids),
            "report": report,
            "format_amount": self._format_amount,
        }

    @api.model
    def _format_amount(self, value, digits=0):
        if value is None or value is False:
            return ""
        return formatLang(
            self.env, float_round(value, precision_digits=digits) or 0.0, digits=digits
        )
