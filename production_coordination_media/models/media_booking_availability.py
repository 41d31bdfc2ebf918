# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who and what is free before booking: the crew and equipment of a production day's company
from a call time to a wrap time, each with the conflicts a booking would have (the conflict
engine's checks, asked for a time range instead of stored bookings). Read-only: a read replica
serves it."""

from collections import defaultdict
from datetime import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)

from .media_booking import live_production

# The longest range asked for at once: a week (a production day is at most a day or two).
MAX_AVAILABILITY_HOURS = 7 * 24


class MediaBooking(models.Model):
    _inherit = "media.booking"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    @api.readonly
    def get_availability(self, day_id, date_call, date_wrap):
        """The crew members and the bookable equipment of the day's company (and shared ones)
        from `date_call` to `date_wrap` (UTC, ``YYYY-MM-DD HH:MM:SS``), free or not, with the
        conflicts a booking then would have: booked elsewhere at that time (in a live
        production, a day not cancelled), unavailable that date, under maintenance. Computed
        with three queries whatever the number of people and bookings; never writes.

        For those who may book on the day (AccessError otherwise); UserError naming the value
        for an unknown day or a time that is not one.

        :return: {"crew": [...], "equipment": [...]}, each item {"id", "name", "is_free",
            "conflicts": [sentence, ...]}, free ones first, then by name
        """
        day = self._read_availability_day(day_id)
        date_call = self._read_availability_time(date_call, "date_call")
        date_wrap = self._read_availability_time(date_wrap, "date_wrap")
        if not date_call < date_wrap or (date_wrap - date_call).total_seconds() > (
            MAX_AVAILABILITY_HOURS * 3600
        ):
            raise UserError(
                _(
                    "The wrap time must come after the call time, at most %(hours)s hours "
                    "later: %(call)s – %(wrap)s.",
                    hours=MAX_AVAILABILITY_HOURS,
                    call=date_call,
                    wrap=date_wrap,
                )
            )
        companies = [False, day.company_id.id]
        crew = self.env["media.crew.member"].search([("company_id", "in", companies)])
        equipment = self.env["maintenance.equipment"].search(
            [("coordination_is_bookable", "=", True), ("company_id", "in", companies)]
        )
        self._flush_conflict_fields()
        overlaps = self.env.execute_query(
            SQL(
                """
                SELECT b.crew_member_id, b.equipment_id, b.id
                  FROM media_booking b
                  JOIN media_production_day d ON d.id = b.day_id
                  JOIN project_project p ON p.id = d.project_id
                 WHERE (b.crew_member_id = ANY(%(crew)s) OR b.equipment_id = ANY(%(equipment)s))
                   AND d.state != 'cancelled'
                   AND %(live)s
                   AND tsrange(LEAST(b.date_call, b.date_wrap), GREATEST(b.date_call, b.date_wrap))
                    && tsrange(%(call)s, %(wrap)s)
                 ORDER BY b.date_call, b.id
                """,
                crew=crew.ids,
                equipment=equipment.ids,
                live=live_production("p"),
                call=date_call,
                wrap=date_wrap,
            )
        )
        # Unavailable that date: all day, or for hours (the day's local time) that overlap.
        self.env["media.crew.unavailability"].flush_model(["hour_from", "hour_to"])
        tz = pytz.timezone(day._tz_name())
        unavailable = self.env.execute_query(
            SQL(
                """
                SELECT u.crew_member_id, u.id
                  FROM media_crew_unavailability u
                 WHERE u.crew_member_id = ANY(%(crew)s)
                   AND %(date)s BETWEEN u.date_from AND u.date_to
                   AND (COALESCE(u.hour_from, 0) <= 0 AND COALESCE(u.hour_to, 24) >= 24
                        OR tsrange(%(call)s, %(wrap)s)
                           && tsrange(%(date)s + u.hour_from * INTERVAL '1 hour',
                                      %(date)s + u.hour_to * INTERVAL '1 hour'))
                 ORDER BY u.date_from, u.id
                """,
                crew=crew.ids,
                date=day.date,
                call=pytz.utc.localize(date_call).astimezone(tz).replace(tzinfo=None),
                wrap=pytz.utc.localize(date_wrap).astimezone(tz).replace(tzinfo=None),
            )
        )
        maintenance = self.env.execute_query(
            SQL(
                """
                SELECT r.equipment_id, r.id
                  FROM maintenance_request r
                  LEFT JOIN maintenance_stage s ON s.id = r.stage_id
                 WHERE r.equipment_id = ANY(%(equipment)s)
                   AND NOT COALESCE(r.archive, FALSE)
                   AND NOT COALESCE(s.done, FALSE)
                   AND tsrange(%(call)s, %(wrap)s) && %(out_of_service)s
                 ORDER BY r.id
                """,
                equipment=equipment.ids,
                call=date_call,
                wrap=date_wrap,
                out_of_service=self._maintenance_range_sql("r"),
            )
        )
        conflicts = self._word_availability(day, overlaps, unavailable, maintenance)
        return {
            "crew": self._availability_rows(crew, conflicts["crew"]),
            "equipment": self._availability_rows(equipment, conflicts["equipment"]),
        }

    @api.model
    def _read_availability_day(self, day_id):
        if not isinstance(day_id, int) or isinstance(day_id, bool) or day_id < 1:
            raise UserError(_("Unknown production day: %r.", day_id))
        day = self.env["media.production.day"].browse(day_id).exists()
        if not day:
            raise UserError(_("Unknown production day: %r.", day_id))
        action = _("see who is free for a booking")
        check_action_access(day, "read", action)
        check_action_access(self.browse(), "create", action)
        return day

    @api.model
    def _read_availability_time(self, value, name):
        label = self._fields[name]._description_string(self.env)
        try:
            moment = fields.Datetime.to_datetime(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if not isinstance(moment, datetime):
            raise UserError(
                _("%(field)s is not a date and time: %(value)r.", field=label, value=value)
            )
        return moment

    @api.model
    def _word_availability(self, day, overlaps, unavailable, maintenance):
        """{"crew": {id: [sentence]}, "equipment": {id: [sentence]}}"""
        # sudo: the other bookings may be in productions the user cannot read; only their
        # times and day names are worded, and another company's day is not named (as for the
        # stored conflicts, `_word_overlap`).
        others = self.browse([booking_id for _crew, _equipment, booking_id in overlaps]).sudo()
        periods = (
            self.env["media.crew.unavailability"]
            .sudo()
            .browse([period_id for _crew, period_id in unavailable])
        )
        requests = (
            self.env["maintenance.request"]
            .sudo()
            .browse([request_id for _equipment, request_id in maintenance])
        )
        times = {}

        def when(value, tz):
            if (value, tz) not in times:
                times[value, tz] = self._format_conflict_time(value, tz)
            return times[value, tz]

        result = {"crew": defaultdict(list), "equipment": defaultdict(list)}
        by_id = {other.id: other for other in others}
        for crew_id, equipment_id, booking_id in overlaps:
            other = by_id[booking_id]
            sentence = self._word_overlap(other, other.company_id == day.company_id, when)
            if crew_id:
                result["crew"][crew_id].append(sentence)
            else:
                result["equipment"][equipment_id].append(sentence)
        by_id = {period.id: period for period in periods}
        for crew_id, period_id in unavailable:
            result["crew"][crew_id].append(self._word_unavailability(by_id[period_id]))
        by_id = {request.id: request for request in requests}
        for equipment_id, request_id in maintenance:
            result["equipment"][equipment_id].append(self._word_maintenance(by_id[request_id]))
        return result

    @api.model
    def _availability_rows(self, records, conflicts):
        rows = [
            {
                "id": record.id,
                "name": record.display_name,
                "is_free": not conflicts.get(record.id),
                "conflicts": conflicts.get(record.id, []),
            }
            for record in records
        ]
        return sorted(rows, key=lambda row: (not row["is_free"], row["name"], row["id"]))
