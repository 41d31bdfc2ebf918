# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CoordinationHandoffBlockWizard(models.TransientModel):
    _name = "coordination.handoff.block.wizard"
    _description = "Block or Unblock Handoffs"

    handoff_ids = fields.Many2many("coordination.handoff", required=True)
    mode = fields.Selection([("block", "Block"), ("unblock", "Unblock")], required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        self._coordination_ensure_one()
        if self.mode == "block":
            self.handoff_ids._block(self.reason)
        else:
            self.handoff_ids._unblock(self.reason)
        return {"type": "ir.actions.act_window_close"}
