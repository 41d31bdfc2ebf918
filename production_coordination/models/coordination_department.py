# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CoordinationDepartment(models.Model):
    """A production department: the unit work is handed off between."""

    _name = "coordination.department"
    _description = "Production Department"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code shown on boards and reports, unique per company.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="Accepts handoffs for the department and reports its progress.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "coordination_department_member_rel",
        "department_id",
        "user_id",
        string="Members",
        check_company=True,
        domain="[('share', '=', False)]",
    )
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Each department code must be unique within a company.",
        ),
    ]

    @api.depends("member_ids")
    def _compute_member_count(self):
        for department in self:
            department.member_count = len(department.member_ids)
