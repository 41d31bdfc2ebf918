# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import fields, http
from odoo.http import content_disposition, request

from ..models.coordination_status_report import XLSX_MIMETYPE


class StatusReportController(http.Controller):
    @http.route("/production_coordination/status_report.xlsx", type="http", auth="user")
    def status_report_xlsx(self, filters="{}", **kwargs):
        """The status report as XLSX, for the dashboard's filters (checked by the report)."""
        content = request.env["coordination.status.report"]._build_xlsx(json.loads(filters))
        name = f"status-report-{fields.Date.context_today(request.env.user)}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(name)),
            ],
        )
