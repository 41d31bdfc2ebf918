# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError

from .media_production_day import MediaProductionDay as BaseMediaProductionDay

# A change of these day fields moves its production's next date (media.priority).
PRIORITY_DAY_FIELDS = {"date_call", "state", "project_id", "day_type"}


class MediaProductionDay(models.Model):
    _name = "media.production.day"
    _inherit = ["media.production.day", "media.priority.trigger.mixin"]

    _media_priority_fields = frozenset(PRIORITY_DAY_FIELDS)

    @api.depends(
        *BaseMediaProductionDay._compute_has_pending_changes._depends, "booking_ids.hold_state"
    )
    def _compute_has_pending_changes(self):
        # A pencil confirmed joins the call sheet (only confirmed bookings are on it).
        return super()._compute_has_pending_changes()

    def _check_publishable(self):
        """Refuse when a day's confirmed bookings have conflicts, listing them.

        Pencils are not on the call sheet: their conflicts do not hold a day back, nor does
        another production's pencil on a person or equipment this day has confirmed (a
        confirmed booking keeps it). Checked again in SQL under the locks of the people and
        equipment booked, as before (see media.booking._get_blocking_conflicts)."""
        bookings = self.booking_ids
        bookings._lock_resources()
        (bookings | bookings._conflict_neighbors()).modified(["date_call"])
        blocking = bookings.filtered(
            lambda b: b.hold_state == "confirmed"
        )._get_blocking_conflicts()
        blocked = self.filtered(lambda day: any(b.id in blocking for b in day.booking_ids))
        if blocked:
            # Worded outside the translated call (the .pot extraction evaluates its strings).
            details = "\n".join(
                f"{day.display_name}:\n"
                + "\n".join(
                    f"{booking.resource_name}: {line}"
                    for booking in day.booking_ids
                    for line in blocking.get(booking.id, [])
                )
                for day in blocked
            )
            raise UserError(self.env._("Resolve the conflicts before publishing:\n%s", details))
