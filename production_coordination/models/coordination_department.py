# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


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

    @api.model_create_multi
    def create(self, vals_list):
        self._check_code_available(
            [
                (vals.get("code"), vals.get("company_id") or self.env.company.id)
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals or "company_id" in vals:
            self._check_code_available(
                [
                    (vals.get("code", dep.code), vals.get("company_id", dep.company_id.id))
                    for dep in self
                ]
            )
        return super().write(vals)

    def _check_code_available(self, pairs):
        """Refuse a (code, company) already taken, naming the department that has it.

        Checked before writing so the user gets a clear message; the SQL constraint stays
        the guarantee under concurrency.
        """
        pairs = [(code, company_id) for code, company_id in pairs if code]
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                raise ValidationError(
                    _("The department code %(code)s is used twice.", code=pair[0])
                )
            seen.add(pair)
        domain = expression.OR(
            [[("code", "=", code), ("company_id", "=", company_id)] for code, company_id in pairs]
        )
        clash = self.with_context(active_test=False).search(
            expression.AND([domain, [("id", "not in", self.ids)]]), limit=1
        )
        if clash:
            raise ValidationError(
                _(
                    "The department code %(code)s is already used by %(department)s "
                    "in %(company)s.",
                    code=clash.code,
                    department=clash.display_name,
                    company=clash.company_id.display_name,
                )
            )
