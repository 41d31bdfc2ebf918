# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""The problem log's tiles on the media dashboard: the open problems (one tile, in the tone of
the worst severity open, its help counting them by severity) and the problems past due."""

from odoo import _, api, fields, models

from .const import PROBLEM_SEVERITIES
from .media_problem import UNRESOLVED_STATES

PCM = "production_coordination_media."
# The tile's tone for the worst severity open.
SEVERITY_TONES = {"critical": "danger", "high": "danger", "medium": "warning", "low": "info"}


class MediaDashboard(models.AbstractModel):
    _inherit = "media.dashboard"

    @api.model
    def _get_windows(self):
        windows = super()._get_windows()
        windows["problem"] = (
            "media.problem",
            [(PCM + "media_problem_view_list", "list"), (PCM + "media_problem_view_form", "form")],
            PCM + "media_problem_view_search",
        )
        return windows

    @api.model
    def _get_tile_specs(self, scope):
        specs = super()._get_tile_specs(scope)
        if scope["role"] != "crew":
            specs += self._problem_tile_specs(scope)
        return specs

    @api.model
    def _problem_tile_specs(self, scope):
        """Two tiles, three queries: the open problems grouped by severity (for the tone and
        the help), their count, the count past due."""
        unresolved = self._child_domain(scope) + [("state", "in", UNRESOLVED_STATES)]
        counts = dict(self.env["media.problem"]._read_group(unresolved, ["severity"], ["__count"]))
        labels = dict(
            self.env["media.problem"]._fields["severity"]._description_selection(self.env)
        )
        worst = next(
            (key for key, _label in reversed(PROBLEM_SEVERITIES) if counts.get(key)), "low"
        )
        by_severity = ", ".join(
            f"{counts[key]} {labels[key].lower()}"
            for key, _label in reversed(PROBLEM_SEVERITIES)
            if counts.get(key)
        )
        return [
            {
                "key": "problems_open",
                "label": _("Open problems"),
                "window": "problem",
                "domain": unresolved,
                "tone": SEVERITY_TONES[worst],
                "icon": "fa-bug",
                "help": _("Problems not resolved yet: %s.", by_severity)
                if by_severity
                else _("Problems not resolved yet."),
                "sequence": 65,
            },
            {
                "key": "problems_overdue",
                "label": _("Problems past due"),
                "window": "problem",
                "domain": unresolved + [("date_due", "<", fields.Date.to_string(scope["today"]))],
                "tone": "danger",
                "icon": "fa-fire",
                "help": _("Problems not resolved after their due date (escalated once)."),
                "sequence": 66,
            },
        ]
