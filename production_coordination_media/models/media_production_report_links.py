# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily production report on its shoot day, and its figures in the production's
actuals."""

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"


class MediaProductionDay(models.Model):
    _inherit = "media.production.day"  # pylint: disable=consider-merging-classes-inherited

    production_report_ids = fields.One2many(
        "media.production.report", "day_id", string="Production Report", groups=MEDIA_COORDINATOR
    )

    def action_open_production_report(self):
        """The day's production report, made on first opening (lines from its bookings)."""
        ensure_one_record(self)
        self._check_coordinator(_("write production reports"))
        if self.day_type != "shoot" or self.state == "cancelled":
            raise UserError(
                _(
                    "%s: a production report is for a shoot day that is not cancelled.",
                    self.display_name,
                )
            )
        report = self.production_report_ids[:1] or self.env["media.production.report"].create(
            {"day_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": report.display_name,
            "res_model": "media.production.report",
            "res_id": report.id,
            "view_mode": "form",
        }


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    # Actuals from the production reports sent (draft ones do not count yet).
    coordination_reported_day_count = fields.Integer(
        "Days Reported", compute="_compute_coordination_report_actuals", groups=MEDIA_COORDINATOR
    )
    coordination_scenes_shot_count = fields.Integer(
        "Scenes Shot",
        compute="_compute_coordination_report_actuals",
        groups=MEDIA_COORDINATOR,
        help="The scenes shot on the days whose production report was sent.",
    )
    coordination_scenes_planned_count = fields.Integer(
        "Scenes Planned (Reported Days)",
        compute="_compute_coordination_report_actuals",
        groups=MEDIA_COORDINATOR,
    )
    coordination_overtime_hours = fields.Float(
        "Overtime (hours)",
        compute="_compute_coordination_report_actuals",
        groups=MEDIA_COORDINATOR,
        help="The departments' overtime past the booked wrap, from the production reports sent.",
    )

    def _compute_coordination_report_actuals(self):
        groups = self.env["media.production.report"]._read_group(
            [("project_id", "in", self.ids), ("state", "=", "sent")],
            ["project_id"],
            ["__count", "scenes_shot_count:sum", "scenes_planned_count:sum", "overtime_hours:sum"],
        )
        actuals = {project: rest for project, *rest in groups}
        for project in self:
            count, shot, planned, overtime = actuals.get(project, (0, 0, 0, 0.0))
            project.coordination_reported_day_count = count
            project.coordination_scenes_shot_count = shot
            project.coordination_scenes_planned_count = planned
            project.coordination_overtime_hours = overtime
