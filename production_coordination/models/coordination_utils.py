# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers of both addons: date arithmetic that never leaves Python's range of dates, the check
of dates users plan with, and the one-record check of buttons."""

import math
from datetime import datetime, timedelta

import pytz

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# Computed dates stay within these. Python's datetimes stop at years 1 and 9999 (Odoo accepts
# any of them, 9999-12-31 included); a day of margin leaves room for time zone conversions and
# for the minutes added when dates are compared.
DATE_MIN = datetime(1, 1, 2)
DATE_MAX = datetime(9999, 12, 30)


def clamp_date(moment):
    """`moment` (naive) brought within [DATE_MIN, DATE_MAX]."""
    return min(max(moment, DATE_MIN), DATE_MAX)


def add_delta(moment, delta):
    """`moment + delta` (a timedelta), DATE_MAX or DATE_MIN where it would overflow."""
    moment = clamp_date(moment)
    if delta >= timedelta(0):
        return moment + delta if delta <= DATE_MAX - moment else DATE_MAX
    return moment + delta if -delta <= moment - DATE_MIN else DATE_MIN


def add_hours(moment, hours):
    """`moment` plus `hours` (a float of any size, negative too), within [DATE_MIN, DATE_MAX]:
    where `moment + timedelta(hours=hours)` would raise OverflowError, the nearest bound."""
    moment = clamp_date(moment)
    if math.isnan(hours):
        return moment
    room = (DATE_MAX - moment) if hours >= 0 else (moment - DATE_MIN)
    if abs(hours) * 3600 >= room.total_seconds():
        return DATE_MAX if hours >= 0 else DATE_MIN
    return moment + timedelta(hours=hours)


def add_days(moment, days):
    """`moment` plus `days` (a float of any size), within [DATE_MIN, DATE_MAX]."""
    return add_hours(moment, days * 24)


def to_timezone(moment, tz):
    """A naive UTC datetime as an aware one in `tz` (a name or a pytz zone), within range."""
    zone = pytz.timezone(tz) if isinstance(tz, str) else tz
    return pytz.utc.localize(clamp_date(moment)).astimezone(zone)


def check_plan_date(env, value, field_label, past_days, future_days):
    """Refuse a date users plan with that is more than `past_days` before or `future_days`
    after now (1900, 9999-12-31: typing errors, and dates no calendar computation can take)."""
    if not value:
        return
    value = fields.Datetime.to_datetime(value)
    now = fields.Datetime.now()
    earliest, latest = add_days(now, -past_days), add_days(now, future_days)
    if not earliest <= value <= latest:
        raise ValidationError(
            env._(
                "%(field)s must be between %(earliest)s and %(latest)s (%(value)s was given).",
                field=field_label,
                earliest=format_date(env, earliest.date()),
                latest=format_date(env, latest.date()),
                value=format_date(env, value.date()),
            )
        )


def ensure_one_record(records):
    """`records.ensure_one()` for buttons and RPC calls: a UserError naming the model instead of
    Python's "Expected singleton" ValueError (empty or several records)."""
    if len(records) != 1:
        raise UserError(
            records.env._(
                "This action works on one %(model)s at a time (%(count)s given).",
                model=records._description,
                count=len(records),
            )
        )
    return records
