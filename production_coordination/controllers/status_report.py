# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from ..models.coordination_status_report import XLSX_MIMETYPE


class StatusReportController(http.Controller):
    @http.route(
        "/production_coordination/status_report.xlsx", type="http", auth="user", readonly=True
    )
    def status_report_xlsx(self, filters="{}", **kwargs):
        """The status report as XLSX, for the dashboard's filters (a JSON object, checked by
        the report). Filters that are not valid JSON or not allowed get a plain-text 400
        (403 when refused by access rights) naming the problem. Read-only: served by the read
        replica when the server has one."""
        try:
            try:
                values = json.loads(filters)
            except ValueError as error:
                raise UserError(
                    _("The report filters are not valid JSON (%(error)s).", error=error)
                ) from error
            content = request.env["coordination.status.report"]._build_xlsx(values)
        except UserError as error:  # AccessError, MissingError and ValidationError too
            return request.make_response(
                error.args[0],
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403 if isinstance(error, AccessError) else 400,
            )
        name = f"status-report-{fields.Date.context_today(request.env.user)}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(name)),
            ],
        )
