# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoordinationRedundancyWizard(models.TransientModel):
    """Lists the current redundancy suggestions with what each would do; applies the ticked
    ones. Opened by ``coordination.redundancy.action_open_wizard()``."""

    _name = "coordination.redundancy.wizard"
    _description = "Eliminate Redundancies"

    line_ids = fields.One2many(
        "coordination.redundancy.wizard.line", "wizard_id", string="Suggestions"
    )
    minutes_saved = fields.Float(
        compute="_compute_selection", help="Minutes saved by the ticked suggestions."
    )
    preview = fields.Html(
        compute="_compute_selection", sanitize=False, help="What applying would do."
    )

    @api.depends("line_ids.is_selected", "line_ids.preview")
    def _compute_selection(self):
        for wizard in self:
            selected = wizard.line_ids.filtered("is_selected")
            wizard.minutes_saved = sum(selected.mapped("minutes_saved"))
            wizard.preview = Markup("").join(
                Markup("<h5>%s</h5>%s") % (line.redundancy_id.display_name, line.preview or "")
                for line in selected
            )

    def action_apply(self):
        self._coordination_ensure_one()
        suggestions = self.line_ids.filtered("is_selected").redundancy_id
        if not suggestions:
            raise UserError(_("Tick the suggestions to apply."))
        return suggestions._apply_suggestions()


class CoordinationRedundancyWizardLine(models.TransientModel):
    _name = "coordination.redundancy.wizard.line"
    _description = "Eliminate Redundancies: Suggestion"

    wizard_id = fields.Many2one(
        "coordination.redundancy.wizard", required=True, ondelete="cascade", index=True
    )
    redundancy_id = fields.Many2one(
        "coordination.redundancy",
        string="Suggestion",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    kind = fields.Selection(related="redundancy_id.kind")
    minutes_saved = fields.Float(related="redundancy_id.minutes_saved")
    merge_blocker = fields.Text(related="redundancy_id.merge_blocker")
    is_selected = fields.Boolean("Apply")
    preview = fields.Html(readonly=True)
