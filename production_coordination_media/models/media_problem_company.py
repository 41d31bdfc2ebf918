# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resolution time of a problem per severity (its default due date), in the settings."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROBLEM_DAYS_FIELDS = {
    "low": "coordination_media_problem_days_low",
    "medium": "coordination_media_problem_days_medium",
    "high": "coordination_media_problem_days_high",
    "critical": "coordination_media_problem_days_critical",
}
MAX_PROBLEM_DAYS = 365


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    coordination_media_problem_days_low = fields.Integer("Low Problems (days)", default=14)
    coordination_media_problem_days_medium = fields.Integer("Medium Problems (days)", default=5)
    coordination_media_problem_days_high = fields.Integer("High Problems (days)", default=2)
    coordination_media_problem_days_critical = fields.Integer("Critical Problems (days)", default=0)

    @api.constrains(*PROBLEM_DAYS_FIELDS.values())
    def _check_coordination_media_problem_days(self):
        for company in self:
            for fname in PROBLEM_DAYS_FIELDS.values():
                if not 0 <= company[fname] <= MAX_PROBLEM_DAYS:
                    raise ValidationError(
                        self.env._(
                            "%(company)s: %(field)s must be between 0 and %(high)s, not "
                            "%(value)s.",
                            company=company.name,
                            field=self._fields[fname]._description_string(self.env),
                            high=MAX_PROBLEM_DAYS,
                            value=company[fname],
                        )
                    )

    def _coordination_problem_days(self, severity):
        """The days allowed to resolve a problem of `severity` (0: the same day)."""
        self.ensure_one()
        fname = PROBLEM_DAYS_FIELDS.get(severity)
        return self[fname] if fname else 0


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    coordination_media_problem_days_low = fields.Integer(
        related="company_id.coordination_media_problem_days_low", readonly=False
    )
    coordination_media_problem_days_medium = fields.Integer(
        related="company_id.coordination_media_problem_days_medium", readonly=False
    )
    coordination_media_problem_days_high = fields.Integer(
        related="company_id.coordination_media_problem_days_high", readonly=False
    )
    coordination_media_problem_days_critical = fields.Integer(
        related="company_id.coordination_media_problem_days_critical", readonly=False
    )
