# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A blocking problem not resolved holds the call sheets of its days: they are not published,
revised or sent until it is resolved."""

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .media_problem import UNRESOLVED_STATES


class MediaProductionDay(models.Model):
    _inherit = "media.production.day"  # pylint: disable=consider-merging-classes-inherited

    problem_ids = fields.Many2many(
        "media.problem",
        "media_problem_media_production_day_rel",
        "media_production_day_id",
        "media_problem_id",
        string="Problems",
        copy=False,
    )
    problem_count = fields.Integer(compute="_compute_problem_count")
    blocking_problem_text = fields.Char(
        "Blocked By",
        compute="_compute_blocking_problem_text",
        help="The blocking problems not resolved that hold its call sheet.",
    )

    def _compute_problem_count(self):
        for day in self:
            day.problem_count = len(day.problem_ids)

    def _compute_blocking_problem_text(self):
        blocked = self.filtered("id")._blocking_problems()
        for day in self:
            day.blocking_problem_text = ", ".join(
                blocked.get(day, day.problem_ids.browse()).mapped("name")
            )

    def _blocking_problems(self):
        """{day: its blocking problems not resolved}, whoever may read them: a day is held by
        them even when the user cannot see them (sudo, for this check only)."""
        problems = (
            self.env["media.problem"]
            .sudo()
            .search(
                [
                    ("day_ids", "in", self.ids),
                    ("is_blocking", "=", True),
                    ("state", "in", UNRESOLVED_STATES),
                ]
            )
        )
        return {
            day: problems.filtered(lambda p, day=day: day in p.day_ids) for day in self if problems
        }

    def _check_not_blocked(self):
        blocked = {day: problems for day, problems in self._blocking_problems().items() if problems}
        if blocked:
            # Worded outside the translated call (the .pot extraction evaluates its strings).
            details = "\n".join(
                f"{day.display_name}: {', '.join(problems.mapped('name'))}"
                for day, problems in blocked.items()
            )
            raise UserError(
                _("A blocking problem holds the call sheet; resolve it first:\n%s", details)
            )

    def _check_publishable(self):
        self._check_not_blocked()
        return super()._check_publishable()

    def action_send_call_sheet(self):
        self._check_coordinator(_("send call sheets"))
        self._check_not_blocked()
        return super().action_send_call_sheet()

    def action_open_problems(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_problem_action"
        )
        action["domain"] = [("day_ids", "in", self.ids)]
        action["context"] = {
            "default_project_id": self.project_id.id,
            "default_day_ids": [self.id],
        }
        return action
