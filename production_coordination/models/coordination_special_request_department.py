# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models

LINE_STATES = [
    ("new", "To Acknowledge"),
    ("acknowledged", "Acknowledged"),
    ("fulfilled", "Fulfilled"),
]


class CoordinationSpecialRequestDepartment(models.Model):
    """How far one department concerned is with a special request."""

    _name = "coordination.special.request.department"
    _description = "Special Request: Department Progress"
    _inherit = ["coordination.protected.mixin"]
    _order = "request_id, department_id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "coordination.special.request", required=True, index=True, ondelete="cascade"
    )
    department_id = fields.Many2one(
        "coordination.department", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    state = fields.Selection(LINE_STATES, string="Status", required=True, default="new")
    acknowledged_by_id = fields.Many2one("res.users", "Acknowledged By")
    date_acknowledged = fields.Datetime("Acknowledged On")
    fulfilled_by_id = fields.Many2one("res.users", "Fulfilled By")
    date_fulfilled = fields.Datetime("Fulfilled On")
    note = fields.Text()

    _sql_constraints = [
        (
            "request_department_uniq",
            "unique(request_id, department_id)",
            "A department appears once per special request.",
        )
    ]

    def _coordination_protected_fields(self):
        return self._coordination_all_fields(
            _("the Acknowledge and Fulfilled buttons of the special request")
        )
