# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MediaCrewRate(models.Model):
    """What a crew member costs a production: per day or per hour, for one of their roles or
    (no role) for any role. A booking takes the rate of its role, else the one without role.
    Only media coordinators read rates (crew users have no access to this model)."""

    _name = "media.crew.rate"
    _description = "Crew Rate"
    _order = "crew_member_id, role_id, id"
    _check_company_auto = True

    crew_member_id = fields.Many2one(
        "media.crew.member",
        string="Crew Member",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    role_id = fields.Many2one(
        "media.role",
        string="Role",
        check_company=True,
        help="Leave empty for the rate of every role of this crew member without a rate of "
        "its own.",
    )
    company_id = fields.Many2one(related="crew_member_id.company_id", store=True, index=True)
    rate_type = fields.Selection(
        [("day", "Per day"), ("hour", "Per hour")],
        string="Rate Per",
        required=True,
        default="day",
    )
    amount = fields.Monetary("Rate", required=True, currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )

    _sql_constraints = [
        (
            "crew_role_uniq",
            "unique NULLS NOT DISTINCT (crew_member_id, role_id)",
            "A crew member has one rate per role (and one without role).",
        ),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        for rate in self:
            if rate.amount < 0:
                raise ValidationError(
                    self.env._(
                        "%(crew)s: the Rate cannot be negative (%(amount)s).",
                        crew=rate.crew_member_id.name,
                        amount=rate.amount,
                    )
                )

    def _compute_display_name(self):
        for rate in self:
            rate.display_name = " – ".join(
                filter(None, [rate.crew_member_id.name, rate.role_id.name])
            )
