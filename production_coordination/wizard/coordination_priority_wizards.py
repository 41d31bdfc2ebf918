# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CoordinationRankOverrideWizard(models.TransientModel):
    _name = "coordination.rank.override.wizard"
    _description = "Override the Rank of a Manufacturing Order"

    production_id = fields.Many2one("mrp.production", required=True)
    current_rank = fields.Integer("Rank Now", related="production_id.coordination_rank")
    rank = fields.Integer("New Rank", required=True, default=1)
    reason = fields.Text(required=True)

    def action_apply(self):
        self._coordination_ensure_one()
        self.production_id._coordination_set_rank_override(self.rank, self.reason)
        return {"type": "ir.actions.act_window_close"}


class CoordinationDateRevisionWizard(models.TransientModel):
    _name = "coordination.date.revision.wizard"
    _description = "Revise the Committed Date of a Manufacturing Order"

    production_id = fields.Many2one("mrp.production", required=True)
    date_current = fields.Datetime(related="production_id.coordination_date_committed")
    date_forecast = fields.Datetime(related="production_id.coordination_date_forecast")
    date_new = fields.Datetime("New Committed Date", required=True)
    reason = fields.Text(required=True)

    @api.onchange("production_id")
    def _onchange_production_id(self):
        # Suggest the forecast: the date the coordinator is most likely to commit to.
        if not self.date_new:
            self.date_new = self.production_id.coordination_date_forecast

    def action_apply(self):
        self._coordination_ensure_one()
        self.production_id._coordination_revise_committed_date(self.date_new, self.reason)
        return {"type": "ir.actions.act_window_close"}
