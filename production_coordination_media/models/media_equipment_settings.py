# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The thresholds of the equipment and method recommendations (see media.recommendation)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Field: (lowest, highest) value allowed.
RECOMMENDATION_LIMITS = {
    "coordination_recommendation_window_days": (7, 3650),
    "coordination_recommendation_failures": (0, 1000),
    "coordination_recommendation_mtbf_days": (0, 3650),
    "coordination_recommendation_utilisation_high": (0.0, 100.0),
    "coordination_recommendation_utilisation_low": (0.0, 100.0),
    "coordination_recommendation_turned_away": (1, 1000),
    "coordination_recommendation_problems": (1, 1000),
}


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    coordination_recommendation_window_days = fields.Integer(
        "Recommendation Period (days)",
        default=90,
        help="The recommendations look at this many days up to today.",
    )
    coordination_recommendation_failures = fields.Integer(
        "Failures to Repair or Replace",
        default=1,
        help="Repair or replace equipment with more failures than this in the period.",
    )
    coordination_recommendation_mtbf_days = fields.Integer(
        "Lowest MTBF (days)",
        default=30,
        help="Repair or replace equipment that failed in the period and whose mean time "
        "between failures is under this many days.",
    )
    coordination_recommendation_utilisation_high = fields.Float(
        "High Utilisation (%)",
        default=85.0,
        help="Rent or buy more of equipment booked more than this share of its available days.",
    )
    coordination_recommendation_utilisation_low = fields.Float(
        "Low Utilisation (%)",
        default=10.0,
        help="Retire or sell equipment booked less than this share of its available days.",
    )
    coordination_recommendation_turned_away = fields.Integer(
        "Bookings Turned Away",
        default=1,
        help="Rent or buy more of equipment when at least this many bookings were turned away "
        "by conflicts in the period.",
    )
    coordination_recommendation_problems = fields.Integer(
        "Recurring Problems",
        default=3,
        help="Recommend a change of method when at least this many problems of the period have "
        "the same root cause.",
    )

    @api.constrains(*RECOMMENDATION_LIMITS)
    def _check_coordination_recommendation_settings(self):
        self._coordination_check_ranges(
            [(fname, low, high) for fname, (low, high) in RECOMMENDATION_LIMITS.items()]
        )
        for company in self:
            if (
                company.coordination_recommendation_utilisation_low
                >= company.coordination_recommendation_utilisation_high
            ):
                raise ValidationError(
                    _(
                        "%(company)s: the Low Utilisation (%(low)s %%) must be under the High "
                        "Utilisation (%(high)s %%).",
                        company=company.name,
                        low=company.coordination_recommendation_utilisation_low,
                        high=company.coordination_recommendation_utilisation_high,
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    coordination_recommendation_window_days = fields.Integer(
        related="company_id.coordination_recommendation_window_days", readonly=False
    )
    coordination_recommendation_failures = fields.Integer(
        related="company_id.coordination_recommendation_failures", readonly=False
    )
    coordination_recommendation_mtbf_days = fields.Integer(
        related="company_id.coordination_recommendation_mtbf_days", readonly=False
    )
    coordination_recommendation_utilisation_high = fields.Float(
        related="company_id.coordination_recommendation_utilisation_high", readonly=False
    )
    coordination_recommendation_utilisation_low = fields.Float(
        related="company_id.coordination_recommendation_utilisation_low", readonly=False
    )
    coordination_recommendation_turned_away = fields.Integer(
        related="company_id.coordination_recommendation_turned_away", readonly=False
    )
    coordination_recommendation_problems = fields.Integer(
        related="company_id.coordination_recommendation_problems", readonly=False
    )
