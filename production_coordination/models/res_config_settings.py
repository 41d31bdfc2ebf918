# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coordination_user_id = fields.Many2one(
        related="company_id.coordination_user_id",
        readonly=False,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("production_coordination.group_coordination_manager").ids,
            )
        ],
    )

    coordination_weight_urgency = fields.Float(
        related="company_id.coordination_weight_urgency", readonly=False
    )
    coordination_weight_components = fields.Float(
        related="company_id.coordination_weight_components", readonly=False
    )
    coordination_weight_expedite = fields.Float(
        related="company_id.coordination_weight_expedite", readonly=False
    )
    coordination_weight_star = fields.Float(
        related="company_id.coordination_weight_star", readonly=False
    )
    coordination_weight_customer = fields.Float(
        related="company_id.coordination_weight_customer", readonly=False
    )
    coordination_weight_age = fields.Float(
        related="company_id.coordination_weight_age", readonly=False
    )

    # Redundancies -----------------------------------------------------------------------------
    coordination_redundancy_days = fields.Integer(
        related="company_id.coordination_redundancy_days", readonly=False
    )
    coordination_digest_weekday = fields.Selection(
        related="company_id.coordination_digest_weekday", readonly=False
    )
    coordination_digest_user_ids = fields.Many2many(
        related="company_id.coordination_digest_user_ids", readonly=False
    )
    coordination_digest_partner_ids = fields.Many2many(
        related="company_id.coordination_digest_partner_ids", readonly=False
    )
    coordination_digest_supervisors = fields.Boolean(
        related="company_id.coordination_digest_supervisors", readonly=False
    )
