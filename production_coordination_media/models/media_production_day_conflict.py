# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A production day's conflicts: its location unavailable that day, its bookings that clash.
The count is stored (the dashboard and the productions board add it up); the details are
worded when read, in the reader's language."""

from odoo import _, api, fields, models
from odoo.tools import format_date


class MediaProductionDay(models.Model):
    _inherit = "media.production.day"

    conflict_count = fields.Integer(
        "Conflicts",
        compute="_compute_conflicts",
        store=True,
        help="The day's bookings that clash (each once), plus one when the location is not "
        "available that day: the figure the dashboard and the productions board add up.",
    )
    # In the reader's language: worded at display (not stored), from the bookings' conflicts.
    conflict_description = fields.Text(
        "Conflict Details", compute="_compute_conflict_description", compute_sudo=True
    )

    def _is_location_unavailable(self):
        """Whether the day (not cancelled) is outside its location's available dates."""
        self.ensure_one()
        location = self.location_id
        return bool(
            self.state != "cancelled"
            and location
            and self.date
            and (
                (location.date_available_from and self.date < location.date_available_from)
                or (location.date_available_to and self.date > location.date_available_to)
            )
        )

    @api.depends(
        "state",
        "date",
        "location_id.date_available_from",
        "location_id.date_available_to",
        "booking_ids.conflict_count",
    )
    def _compute_conflicts(self):
        for day in self:
            count = 0
            if day.state != "cancelled":
                count = int(day._is_location_unavailable()) + len(
                    day.booking_ids.filtered("conflict_count")
                )
            day.conflict_count = count

    @api.depends(
        "conflict_count",
        "location_id.name",
        "booking_ids.conflict_description",
        "booking_ids.resource_name",
    )
    @api.depends_context("lang")
    def _compute_conflict_description(self):
        """The day's conflicts worded in the reader's language: its location, then each
        booking's conflicts after the person or equipment they concern."""
        # The bookings' conflicts worded at once for all these days (a list page).
        in_conflict = self.booking_ids.filtered("conflict_count")
        descriptions = dict(
            zip(in_conflict, in_conflict.mapped("conflict_description"), strict=True)
        )
        for day in self:
            lines = []
            if day.conflict_count:
                location = day.location_id
                if day._is_location_unavailable():
                    lines.append(
                        _(
                            "%(location)s is not available on %(date)s (available "
                            "%(date_from)s – %(date_to)s).",
                            location=location.name,
                            date=format_date(self.env, day.date),
                            date_from=format_date(self.env, location.date_available_from) or "…",
                            date_to=format_date(self.env, location.date_available_to) or "…",
                        )
                    )
                for booking in day.booking_ids.filtered("conflict_count"):
                    lines += [
                        f"{booking.resource_name}: {line}"
                        for line in (descriptions.get(booking) or "").splitlines()
                    ]
            day.conflict_description = "\n".join(lines) or False
