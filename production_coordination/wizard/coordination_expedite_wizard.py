# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.coordination_protected_mixin import check_action_access
from ..models.coordination_utils import ensure_one_record


class CoordinationExpediteWizard(models.TransientModel):
    _name = "coordination.expedite.wizard"
    _description = "Expedite Manufacturing Orders"

    production_ids = fields.Many2many("mrp.production", required=True)
    mode = fields.Selection(
        [("expedite", "Expedite"), ("unexpedite", "Un-expedite")], required=True
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        ensure_one_record(self)
        # Read through sudo: the many2many hides the orders the user may not read.
        productions = self.sudo().production_ids.with_env(self.env)
        check_action_access(productions, "read", _("expedite these manufacturing orders"))
        if not productions:
            raise UserError(_("Choose the manufacturing orders to expedite."))
        productions._coordination_expedite(self.reason, expedite=self.mode == "expedite")
        return {"type": "ir.actions.act_window_close"}
