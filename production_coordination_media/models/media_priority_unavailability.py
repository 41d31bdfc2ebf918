# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unavailability for part of a day: from an hour to an hour (local time of the production
day), on each date of the period. Without hours (0 to 24), the whole day, as before."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_duration


class MediaCrewUnavailability(models.Model):
    _inherit = "media.crew.unavailability"

    hour_from = fields.Float(
        "From Hour",
        default=0.0,
        help="Unavailable from this hour (local time of the production day) on each date; "
        "0 to 24 is the whole day.",
    )
    hour_to = fields.Float("To Hour", default=24.0)
    is_whole_day = fields.Boolean(compute="_compute_is_whole_day")

    @api.depends("hour_from", "hour_to")
    def _compute_is_whole_day(self):
        for period in self:
            period.is_whole_day = period.hour_from <= 0 and period.hour_to >= 24

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for period in self:
            if not 0 <= period.hour_from < period.hour_to <= 24:
                raise ValidationError(
                    self.env._(
                        "The unavailable hours of %(crew)s must be within the day, the end "
                        "after the start (%(field_from)s %(start)s, %(field_to)s %(end)s).",
                        crew=period.crew_member_id.name,
                        field_from=self._fields["hour_from"]._description_string(self.env),
                        field_to=self._fields["hour_to"]._description_string(self.env),
                        start=period.hour_from,
                        end=period.hour_to,
                    )
                )

    def write(self, vals):
        if {"hour_from", "hour_to"} & vals.keys():
            # Like the dates: lock the crew member, so concurrent bookings see the change.
            self.env["media.booking"]._lock_resources(crew_member_ids=self.crew_member_id.ids)
        return super().write(vals)

    def _hours_label(self):
        self.ensure_one()
        if self.is_whole_day:
            return ""
        return f"{format_duration(self.hour_from)}–{format_duration(self.hour_to)}"
