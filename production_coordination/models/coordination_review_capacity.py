# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The free capacity of the work centers as a production review places an order's work.

Plain Python, no query: ``coordination.production.review`` reads the working intervals and the
planned work once, then places each operation here, week by week.
"""

from collections import defaultdict
from datetime import timedelta

from .coordination_const import EPSILON

# Weeks past the load horizon a review may look for free capacity (then: not feasible).
MAX_EXTRA_WEEKS = 52


class ReviewCapacity:
    """The free capacity of work centers per week, consumed as the review places work."""

    def __init__(self, intervals, weeks, planned, now):
        self.now = now
        self.intervals = defaultdict(lambda: defaultdict(list))
        self.available = defaultdict(float)
        for workcenter_id, rows in intervals.items():
            for begin, stop, week in rows:
                self.intervals[workcenter_id][week].append((begin, stop))
                self.available[workcenter_id, week] += (stop - begin).total_seconds() / 60
        self.weeks = weeks
        self.used = defaultdict(float)
        for (_company_id, workcenter_id, week), (minutes, _count) in planned.items():
            self.used[workcenter_id, week] += minutes

    def _week_intervals(self, workcenter_id, week):
        """The working intervals of a week; past the horizon, the last week of the horizon's
        shifted (time off is not known that far)."""
        horizon = self.weeks.get(workcenter_id) or []
        if not horizon or week <= horizon[-1]:
            return self.intervals[workcenter_id][week]
        last = horizon[-1]
        shift = week - last
        return [
            (begin + shift, stop + shift) for begin, stop in self.intervals[workcenter_id][last]
        ]

    def _available(self, workcenter_id, week):
        horizon = self.weeks.get(workcenter_id) or []
        if not horizon or week <= horizon[-1]:
            return self.available[workcenter_id, week]
        return sum(
            (stop - begin).total_seconds() / 60
            for begin, stop in self._week_intervals(workcenter_id, week)
        )

    def place(self, workcenter_id, minutes, start):
        """Place ``minutes`` of work on the work center from ``start``: (when the work starts,
        when it finishes, the last week found full before it could start, or None); (None,
        None, week) when no capacity is found within a year past the horizon."""
        horizon = self.weeks.get(workcenter_id)
        if not horizon or minutes <= EPSILON:
            return start, start + timedelta(minutes=minutes), None
        start_day = start.date()
        week = max(horizon[0], start_day - timedelta(days=start_day.weekday()))
        last_week = horizon[-1] + timedelta(weeks=MAX_EXTRA_WEEKS)
        remaining, full_until, cursor, began = minutes, None, start, None
        while week <= last_week:
            intervals = [
                (max(begin, cursor), stop)
                for begin, stop in self._week_intervals(workcenter_id, week)
                if stop > cursor
            ]
            after_start = sum((stop - begin).total_seconds() / 60 for begin, stop in intervals)
            available = self._available(workcenter_id, week)
            used = self.used[workcenter_id, week]
            free = min(available - used, after_start)
            if free <= 1:
                # Full only when the capacity is used up: a week whose working time is over
                # before the start (a component arriving Friday evening) is just passed.
                if remaining == minutes and available - used <= 1:
                    full_until = week
                week += timedelta(weeks=1)
                continue
            take = min(free, remaining)
            # The work already placed this week comes first (after the start).
            offset = max(0.0, after_start - (available - used))
            began = began or _walk(intervals, offset)
            finish = _walk(intervals, offset + take)
            self.used[workcenter_id, week] += take
            remaining -= take
            if remaining <= EPSILON:
                return began, finish, full_until
            cursor = finish
            week += timedelta(weeks=1)
        return None, None, full_until


def _walk(intervals, minutes):
    """The moment ``minutes`` of working time into ``intervals`` ([(begin, stop)])."""
    for begin, stop in intervals:
        length = (stop - begin).total_seconds() / 60
        if minutes <= length + EPSILON:
            return begin + timedelta(minutes=minutes)
        minutes -= length
    return intervals[-1][1] if intervals else None
