# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The first slot when every internal attendee of a meeting is free in their working hours."""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.resource.models.utils import Intervals

# How far ahead a slot is looked for, and the grid the proposed start is on.
HORIZON_DAYS = 21
SLOT_MINUTES = 15


class CoordinationMeetingSlot(models.AbstractModel):
    _name = "coordination.meeting.slot"
    _description = "Coordination Meeting Slot Finder"

    @api.model
    def _user_zone(self, user):
        """The user's time zone (their preference, else their working hours'); UserError
        naming the user and the zone when Odoo does not know it."""
        calendar = self._user_calendar(user)
        name = user.tz or calendar.tz or "UTC"
        try:
            return pytz.timezone(name)
        except pytz.UnknownTimeZoneError:
            raise UserError(
                self.env._(
                    "The time zone “%(tz)s” of %(user)s is unknown: set a valid time zone in "
                    "their preferences before planning a meeting with them.",
                    tz=name,
                    user=user.name,
                )
            ) from None

    @api.model
    def _user_calendar(self, user):
        """The user's working hours, else their company's (as superuser: a colleague's
        working hours, possibly of a company the planner does not work for)."""
        user = user.sudo()
        return user.resource_calendar_id or user.company_id.resource_calendar_id

    @api.model
    def _first_slot(self, users, duration_hours, date_from=None, horizon_days=HORIZON_DAYS):
        """The first start (naive UTC, on a quarter hour, not before `date_from`, default
        now) of `duration_hours` within the working hours of every one of `users` (each on
        their calendar, read in their own time zone) and outside their calendar events
        (accepted, tentative or awaiting an answer; shown as busy). UserError when there is
        none within `horizon_days`."""
        if duration_hours <= 0:
            raise UserError(self.env._("A meeting lasts more than zero hours."))
        users = users.filtered(lambda user: not user.share)
        start = self._round_up(date_from or fields.Datetime.now())
        stop = start + timedelta(days=horizon_days)
        start_utc, stop_utc = pytz.utc.localize(start), pytz.utc.localize(stop)
        free = Intervals([(start_utc, stop_utc, self.env["resource.calendar"])])
        busy = self._busy_intervals(users, start, stop)
        for user in users:
            zone = self._user_zone(user)
            calendar = self._user_calendar(user)
            if not calendar:
                raise UserError(
                    self.env._("%s has no working hours: set their company's.", user.name)
                )
            work = calendar._work_intervals_batch(start_utc, stop_utc, tz=zone)[False]
            free &= work - busy[user.partner_id.id]
        duration = timedelta(hours=duration_hours)
        for begin, end, _records in free:
            begin = self._round_up(begin.astimezone(pytz.utc).replace(tzinfo=None))
            if begin + duration <= end.astimezone(pytz.utc).replace(tzinfo=None):
                return begin
        raise UserError(
            self.env._(
                "%(attendees)s have no common free slot of %(hours)s h in their working hours "
                "in the next %(days)s days: choose a time by hand or fewer attendees.",
                attendees=", ".join(users.mapped("name")),
                hours=duration_hours,
                days=horizon_days,
            )
        )

    @api.model
    def _busy_intervals(self, users, start, stop):
        """{partner id: Intervals} of the users' calendar events between start and stop
        (naive UTC), in one query. Read as superuser: only the times of the events are used
        (free/busy), never what they are about, and other people's private events count."""
        Attendee = self.env["calendar.attendee"].sudo()
        attendees = Attendee.search_fetch(
            [
                ("partner_id", "in", users.partner_id.ids),
                ("state", "!=", "declined"),
                ("event_id.active", "=", True),
                ("event_id.show_as", "=", "busy"),
                ("event_id.start", "<", stop),
                ("event_id.stop", ">", start),
            ],
            ["partner_id", "event_id"],
        )
        attendees.event_id.fetch(["start", "stop", "allday", "start_date", "stop_date"])
        users_by_partner = {user.partner_id.id: user for user in users}
        spans = defaultdict(list)
        empty = self.env["calendar.event"]
        for attendee in attendees:
            event = attendee.event_id
            if event.allday:
                # A day off in the attendee's own time zone.
                zone = self._user_zone(users_by_partner[attendee.partner_id.id])
                begin = zone.localize(datetime.combine(event.start_date, time.min))
                end = zone.localize(datetime.combine(event.stop_date + timedelta(days=1), time.min))
            else:
                begin = pytz.utc.localize(event.start)
                end = pytz.utc.localize(event.stop)
            spans[attendee.partner_id.id].append((begin, end, empty))
        return defaultdict(
            lambda: Intervals([]),
            {partner_id: Intervals(items) for partner_id, items in spans.items()},
        )

    @staticmethod
    def _round_up(moment):
        """Up to the next quarter hour (naive datetime)."""
        extra = timedelta(
            minutes=moment.minute % SLOT_MINUTES,
            seconds=moment.second,
            microseconds=moment.microsecond,
        )
        return moment - extra + timedelta(minutes=SLOT_MINUTES) if extra else moment
