# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .const import PHASES


class MediaProductionPhase(models.Model):
    """The planned dates of one phase of a production (shown on the phase calendar)."""

    _name = "media.production.phase"
    _description = "Production Phase Dates"
    _order = "date_start, id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain=[("is_media_production", "=", True)],
    )
    # Media productions always have a company (see project.project): so do their phases.
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    phase = fields.Selection(PHASES, required=True)
    date_start = fields.Date("Start", required=True)
    date_end = fields.Date("End", required=True)
    note = fields.Char()
    is_current = fields.Boolean(compute="_compute_is_current")

    _sql_constraints = [
        ("phase_uniq", "unique(project_id, phase)", "Each phase has one set of dates."),
    ]

    @api.depends("project_id.coordination_phase", "phase")
    def _compute_is_current(self):
        for line in self:
            line.is_current = line.project_id.coordination_phase == line.phase

    @api.depends("project_id", "phase")
    def _compute_display_name(self):
        labels = dict(self._fields["phase"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.project_id.name} – {labels.get(line.phase, '')}"

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for line in self:
            if line.date_end < line.date_start:
                raise ValidationError(
                    _(
                        "The %(phase)s phase of %(production)s ends before it starts.",
                        phase=line.display_name,
                        production=line.project_id.name,
                    )
                )
