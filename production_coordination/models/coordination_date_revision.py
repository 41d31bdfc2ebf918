# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class CoordinationDateRevision(models.Model):
    """One change of the completion date promised for a manufacturing order."""

    _name = "coordination.date.revision"
    _description = "Committed Date Revision"
    _inherit = ["coordination.protected.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    production_id = fields.Many2one(
        "mrp.production",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="production_id.company_id", store=True, index=True, readonly=True
    )
    date_old = fields.Datetime("Previous Date", readonly=True)
    date_new = fields.Datetime("New Date", required=True, readonly=True)
    delta_days = fields.Float("Moved (days)", compute="_compute_delta_days", store=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", "Changed By", default=lambda self: self.env.user, readonly=True
    )

    def _coordination_protected_fields(self):
        """A revision is written once, by Revise Committed Date, in its author's name (see
        coordination.protected.mixin)."""
        return self._coordination_all_fields(_("Revise Committed Date on the manufacturing order"))

    @api.depends("date_old", "date_new")
    def _compute_delta_days(self):
        for revision in self:
            if revision.date_old and revision.date_new:
                delta = revision.date_new - revision.date_old
                revision.delta_days = round(delta.total_seconds() / 86400, 2)
            else:
                revision.delta_days = 0.0
