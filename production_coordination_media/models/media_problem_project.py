# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .media_problem import UNRESOLVED_STATES


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    coordination_problem_ids = fields.One2many("media.problem", "project_id", string="Problems")
    coordination_problem_count = fields.Integer(
        "Open Problems",
        compute="_compute_coordination_problem_count",
        help="Its problems not resolved yet (open or in progress).",
    )

    def _compute_coordination_problem_count(self):
        counts = dict(
            self.env["media.problem"]._read_group(
                [("project_id", "in", self.ids), ("state", "in", UNRESOLVED_STATES)],
                ["project_id"],
                ["__count"],
            )
        )
        for project in self:
            project.coordination_problem_count = counts.get(project, 0)

    def action_coordination_open_problems(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_problem_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, "search_default_unresolved": 1}
        return action
