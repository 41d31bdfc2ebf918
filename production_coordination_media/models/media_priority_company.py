# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.production_coordination.models.res_company import MAX_WEIGHT

MEDIA_WEIGHT_FIELDS = {
    "tier": "coordination_media_weight_tier",
    "urgency": "coordination_media_weight_urgency",
    "phase": "coordination_media_weight_phase",
    "value": "coordination_media_weight_value",
    "pin": "coordination_media_weight_pin",
}
MAX_REST_HOURS = 48.0


class ResCompany(models.Model):
    _inherit = "res.company"

    # Weights of the media production priority (see media.priority, README "Media priority").
    coordination_media_weight_tier = fields.Float("Client Tier Weight", default=30.0)
    coordination_media_weight_urgency = fields.Float("Next Date Urgency Weight", default=40.0)
    coordination_media_weight_phase = fields.Float("Phase Weight", default=20.0)
    coordination_media_weight_value = fields.Float("Contract Value Weight", default=10.0)
    coordination_media_weight_pin = fields.Float("Pin Weight", default=100.0)
    coordination_media_min_rest_hours = fields.Float(
        "Minimum Rest (hours)",
        default=10.0,
        help="Turnaround: a crew member's call less than this many hours after their previous "
        "wrap is a conflict.",
    )

    @api.constrains(*MEDIA_WEIGHT_FIELDS.values(), "coordination_media_min_rest_hours")
    def _check_coordination_media_settings(self):
        self._coordination_check_ranges(
            [(fname, 0.0, MAX_WEIGHT) for fname in MEDIA_WEIGHT_FIELDS.values()]
            + [("coordination_media_min_rest_hours", 0.0, MAX_REST_HOURS)]
        )

    def _coordination_media_weights(self):
        self.ensure_one()
        return {key: self[fname] for key, fname in MEDIA_WEIGHT_FIELDS.items()}

    def write(self, vals):
        res = super().write(vals)
        if set(MEDIA_WEIGHT_FIELDS.values()) & vals.keys():
            self.env["media.priority"]._refresh(self)
        if "coordination_media_min_rest_hours" in vals:
            # The turnaround conflicts of the company's crew bookings change.
            # sudo: every booking of the company, also in productions the user cannot read.
            self.env["media.booking"].sudo().search(
                [("company_id", "in", self.ids), ("crew_member_id", "!=", False)]
            ).modified(["date_call"])
        return res
