# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Moving a booking on the booking timelines (OCA web_timeline, by crew member, equipment or
department across productions)."""

from datetime import datetime

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
    check_action_group,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .media_production_day import MEDIA_COORDINATOR

# The rows a booking may be dropped on: its resource, or its department.
MOVE_GROUP_FIELDS = ("crew_member_id", "equipment_id", "department_id")


class MediaBooking(models.Model):
    _inherit = "media.booking"

    def coordination_timeline_move(self, vals):
        """Move this booking as the timeline's drag says: `vals` holds the new call
        (`date_call`) and wrap (`date_wrap`), and the value of the field the timeline groups
        by: another crew member (crew bookings), piece of equipment (equipment bookings) or
        department moves the booking to them; any other field must stay as it is.

        A booking stays on its production's days: a call on another date moves it to the day
        of the same production on that date (the first one that is not cancelled and takes
        these times), and is refused when the production has none, and for bookings of
        archived or wrapped productions and of cancelled days. The conflicts of the
        booking and of its neighbours are checked again at once (`write`). Media coordinators
        only; returns True."""
        ensure_one_record(self)
        check_action_group(
            self.env, [MEDIA_COORDINATOR], _("move bookings"), _("media coordinators")
        )
        check_action_access(self, "write", _("move this booking"))
        self._coordination_check_movable()
        values = self._coordination_read_move(vals)
        day = self._coordination_move_day(values["date_call"], values["date_wrap"])
        if day != self.day_id:
            values["day_id"] = day.id
        self.write(values)
        return True

    def _coordination_check_movable(self):
        """Bookings of archived or wrapped productions hold nobody, those of cancelled days
        stay with their day: neither moves (UserError)."""
        production, day = self.project_id, self.day_id
        if production._coordination_is_closed():
            raise UserError(
                _(
                    "%(production)s is archived or wrapped: reopen it (restore it or set its "
                    "phase back) before moving %(booking)s.",
                    production=production.display_name,
                    booking=self.display_name,
                )
            )
        if day.state == "cancelled":
            raise UserError(
                _(
                    "%(day)s is cancelled: %(booking)s stays with it (restore the day first).",
                    day=day.display_name,
                    booking=self.display_name,
                )
            )

    def _coordination_read_move(self, vals):
        """The values to write for a timeline move (call, wrap, the row's field); UserError for
        anything else."""
        if not isinstance(vals, dict):
            raise UserError(_("Moving a booking takes its new values (a dictionary)."))
        values = {}
        for name in ("date_call", "date_wrap"):
            value = vals.get(name)
            try:
                moment = fields.Datetime.to_datetime(value) if value else None
            except (TypeError, ValueError):
                moment = None
            if moment is None or not isinstance(value, str | datetime):
                raise UserError(
                    _(
                        "%(field)s is not a date and time: %(value)r.",
                        field=self._fields[name]._description_string(self.env),
                        value=value,
                    )
                )
            values[name] = moment
        for name, value in vals.items():
            if name in ("date_call", "date_wrap"):
                continue
            field = self._fields.get(name) if isinstance(name, str) else None
            if field is None or field.type != "many2one":
                raise self._coordination_move_refusal(field or name)
            if value is not False and (
                not isinstance(value, int) or isinstance(value, bool) or value < 1
            ):
                raise UserError(
                    _(
                        "%(field)s: unknown record %(value)r.",
                        field=field._description_string(self.env),
                        value=value,
                    )
                )
            if (value or False) == self[name].id:
                continue  # the row it stays in
            if name not in MOVE_GROUP_FIELDS:
                raise self._coordination_move_refusal(field)
            resource = {"crew_member_id": "crew", "equipment_id": "equipment"}.get(name)
            if resource and self.resource_type != resource:
                raise UserError(
                    _(
                        "%(who)s is booked as %(type)s: it cannot move to the row of a "
                        "%(field)s.",
                        who=self.resource_name,
                        type=dict(self._fields["resource_type"]._description_selection(self.env))[
                            self.resource_type
                        ],
                        field=field._description_string(self.env),
                    )
                )
            if resource and not value:
                raise UserError(
                    _(
                        "A booking needs its %(field)s: drop %(who)s on one.",
                        field=field._description_string(self.env),
                        who=self.display_name,
                    )
                )
            values[name] = value
        return values

    def _coordination_move_refusal(self, field):
        label = field._description_string(self.env) if hasattr(field, "type") else repr(field)
        return UserError(
            _(
                "Moving %(booking)s on the timeline changes its times and its person, equipment "
                "or department only, not %(field)s.",
                booking=self.display_name,
                field=label,
            )
        )

    def _coordination_move_day(self, date_call, date_wrap):
        """The day of this booking's production these times fall on: its own day when they
        still do, else the production's (not cancelled) day on the call's date."""
        day = self.day_id
        if date_wrap <= date_call or self._fits_day(day, date_call, date_wrap):
            return day  # the write's constraints say what is wrong, if anything
        date = day._localize(date_call).date()
        days = self.env["media.production.day"].search(
            [
                ("project_id", "=", day.project_id.id),
                ("date", "=", date),
                ("state", "!=", "cancelled"),
                ("id", "!=", day.id),
            ],
            order="date_call, id",
        )
        for other in days:
            if self._fits_day(other, date_call, date_wrap):
                return other
        if days:
            return days[0]  # on that date, but the wrap is not: the constraint says so
        raise UserError(
            _(
                "%(production)s has no production day on %(date)s: a booking moves to another "
                "day of its production only (add the day first, or drop %(who)s on %(day)s's "
                "date).",
                production=day.project_id.display_name,
                date=format_date(self.env, date),
                who=self.resource_name,
                day=day.display_name,
            )
        )
