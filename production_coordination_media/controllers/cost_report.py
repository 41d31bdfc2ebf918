# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from odoo.addons.production_coordination.models.coordination_status_report import XLSX_MIMETYPE


class CostReportController(http.Controller):
    @http.route(
        "/production_coordination_media/cost_report/<int:project_id>.xlsx",
        type="http",
        auth="user",
        readonly=True,
    )
    def cost_report_xlsx(self, project_id, **kwargs):
        """The cost report of a production (XLSX), for media coordinators. A production the
        user may not read, or a user who may not read costs, gets a plain-text 403; a project
        that is not a media production (or does not exist) a 400, naming the problem."""
        try:
            project = request.env["project.project"].browse(project_id).exists()
            if not project:
                raise UserError(request.env._("Production %s does not exist.", project_id))
            content = project._coordination_cost_report_xlsx()
            name = project._coordination_cost_report_name()
        except UserError as error:  # AccessError too
            return request.make_response(
                error.args[0],
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403 if isinstance(error, AccessError) else 400,
            )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(name)),
            ],
        )
