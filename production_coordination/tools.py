# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Small helpers shared by both addons."""

import pytz


def tz_name(name):
    """`name` when it is a time zone pytz knows (the choices of Odoo's time zone fields),
    else "UTC": a time zone stored before it was checked, or a calendar's or user's time zone
    written over RPC (Odoo does not check those), never stops a computation."""
    return name if name and name in pytz.all_timezones_set else "UTC"


def tz_or_utc(name):
    """The pytz time zone of `name`, UTC when it is unknown (see `tz_name`)."""
    return pytz.timezone(tz_name(name))
