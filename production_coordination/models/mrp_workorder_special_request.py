# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .coordination_special_request import UNFULFILLED_STATES


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    coordination_special_request_text = fields.Char(
        "Special Requests",
        compute="_compute_coordination_special_request_text",
        help="The special customer requests of the order that concern this work order's "
        "department and are not fulfilled yet.",
    )

    @api.depends_context("uid")
    @api.depends("production_id", "coordination_department_id")
    def _compute_coordination_special_request_text(self):
        # One query for all displayed work orders; the user reads the requests their record
        # rules show (those of their departments and of the orders handed to them).
        requests = self.env["coordination.special.request"].search(
            [
                ("production_id", "in", self.production_id.ids),
                ("state", "in", UNFULFILLED_STATES),
            ]
        )
        by_production = {}
        for request in requests:
            by_production.setdefault(request.production_id.id, []).append(request)
        for workorder in self:
            department = workorder.coordination_department_id
            workorder.coordination_special_request_text = " · ".join(
                request.summary
                for request in by_production.get(workorder.production_id.id, [])
                if not department or department in request.department_ids
            )
