# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from ..models.media_status_report import XLSX_MIMETYPE


class MediaStatusReportController(http.Controller):
    @http.route(
        "/production_coordination_media/status_report.xlsx",
        type="http",
        auth="user",
        readonly=True,
    )
    def media_status_report_xlsx(self, project_ids="", **kwargs):
        """The media status report as XLSX: the productions of `project_ids` (comma-separated
        ids), every open one when empty. Bad ids get a plain-text 400 naming them, a user who
        may not see the report a 403. Read-only: served by the read replica when there is one."""
        try:
            try:
                ids = [int(value) for value in project_ids.split(",") if value.strip()]
            except ValueError as error:
                raise UserError(
                    _("The report's productions must be record ids, not %s.", project_ids[:80])
                ) from error
            content = request.env["media.status.report"]._build_xlsx(ids)
        except UserError as error:  # AccessError, MissingError and ValidationError too
            return request.make_response(
                error.args[0],
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403 if isinstance(error, AccessError) else 400,
            )
        name = f"media-status-{fields.Date.context_today(request.env.user)}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(name)),
            ],
        )
