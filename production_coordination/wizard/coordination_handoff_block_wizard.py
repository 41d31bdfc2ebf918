# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.coordination_protected_mixin import check_action_access
from ..models.coordination_utils import ensure_one_record


class CoordinationHandoffBlockWizard(models.TransientModel):
    _name = "coordination.handoff.block.wizard"
    _description = "Block or Unblock Handoffs"

    handoff_ids = fields.Many2many("coordination.handoff", required=True)
    mode = fields.Selection([("block", "Block"), ("unblock", "Unblock")], required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        ensure_one_record(self)
        # Read through sudo: the many2many hides the legs the user may not read, and blocking
        # what is left would report success for legs it never touched.
        handoffs = self.sudo().handoff_ids.with_env(self.env)
        block = self.mode == "block"
        check_action_access(
            handoffs, "read", _("block these handoffs") if block else _("unblock these handoffs")
        )
        if not handoffs:
            raise UserError(_("Choose the handoffs to block or unblock."))
        if block:
            handoffs._block(self.reason)
        else:
            handoffs._unblock(self.reason)
        return {"type": "ir.actions.act_window_close"}
