# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CoordinationExpediteWizard(models.TransientModel):
    _name = "coordination.expedite.wizard"
    _description = "Expedite Manufacturing Orders"

    production_ids = fields.Many2many("mrp.production", required=True)
    mode = fields.Selection(
        [("expedite", "Expedite"), ("unexpedite", "Un-expedite")], required=True
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self._coordination_ensure_one()
        self.production_ids._coordination_expedite(self.reason, expedite=self.mode == "expedite")
        return {"type": "ir.actions.act_window_close"}
