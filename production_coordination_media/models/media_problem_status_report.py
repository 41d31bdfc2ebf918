# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""The problem log in the media status report: a Problems sheet (XLSX) and section (PDF)."""

from odoo import _, api, fields, models

from .media_problem import UNRESOLVED_STATES


class MediaStatusReport(models.AbstractModel):
    _inherit = "media.status.report"

    @api.model
    def _collect(self, project_ids=None):
        """Adds ``problems``: the problems of the productions, not resolved first (two
        queries whatever their number)."""
        data = super()._collect(project_ids)
        today = fields.Date.context_today(self)
        problems = self.env["media.problem"].search(
            [("project_id", "in", [row["id"] for row in data["productions"]])]
        )
        problems.project_id.fetch(["name"])
        problem_fields = self.env["media.problem"]._fields
        labels = {
            name: dict(problem_fields[name]._description_selection(self.env))
            for name in ("category", "severity", "state", "root_cause")
        }
        yes = _("Yes")
        rows = [
            {
                "production": problem.project_id.name,
                "name": problem.name,
                "category": labels["category"].get(problem.category, ""),
                "severity": labels["severity"].get(problem.severity, ""),
                "blocking": yes if problem.is_blocking else "",
                "owner": problem.user_id.name or "",
                "due": problem.date_due or False,
                "state": labels["state"].get(problem.state, ""),
                "root_cause": labels["root_cause"].get(problem.root_cause, ""),
                "hours": problem.resolve_hours if problem.date_resolved else False,
                "overdue": bool(
                    problem.state in UNRESOLVED_STATES
                    and problem.date_due
                    and problem.date_due < today
                ),
                "unresolved": problem.state in UNRESOLVED_STATES,
            }
            for problem in problems
        ]
        rows.sort(key=lambda row: not row["unresolved"])
        data["problems"] = rows
        return data

    @api.model
    def _get_xlsx_tables(self, data):
        tables = super()._get_xlsx_tables(data)
        tables.append(
            {
                "name": _("Problems"),
                "columns": [
                    (_("Production"), "production", 28, None),
                    (_("Problem"), "name", 32, None),
                    (_("Category"), "category", 14, None),
                    (_("Severity"), "severity", 10, None),
                    (_("Blocking"), "blocking", 9, None),
                    (_("Owner"), "owner", 18, None),
                    (_("Due"), "due", 12, "date"),
                    (_("Status"), "state", 12, None),
                    (_("Root cause"), "root_cause", 18, None),
                    (_("Hours to resolve"), "hours", 10, "integer"),
                ],
                "rows": data["problems"],
                "highlight": "overdue",
            }
        )
        return tables
