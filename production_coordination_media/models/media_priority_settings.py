# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coordination_media_weight_tier = fields.Float(
        related="company_id.coordination_media_weight_tier", readonly=False
    )
    coordination_media_weight_urgency = fields.Float(
        related="company_id.coordination_media_weight_urgency", readonly=False
    )
    coordination_media_weight_phase = fields.Float(
        related="company_id.coordination_media_weight_phase", readonly=False
    )
    coordination_media_weight_value = fields.Float(
        related="company_id.coordination_media_weight_value", readonly=False
    )
    coordination_media_weight_pin = fields.Float(
        related="company_id.coordination_media_weight_pin", readonly=False
    )
    coordination_media_min_rest_hours = fields.Float(
        related="company_id.coordination_media_min_rest_hours", readonly=False
    )
