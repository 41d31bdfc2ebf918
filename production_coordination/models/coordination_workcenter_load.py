# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load versus capacity per work center and week, regenerated in batch for the next weeks.

Planned minutes: the remaining expected work of open work orders (expected duration minus the
time already logged), in the week of the work order's planned start (spread by working time
when it runs over several weeks), or of its MO's start while it is not planned: unplanned demand
shows as overload, since Odoo's planning never fills a week past its capacity. Open work whose
start has passed counts in the current week.

Available minutes: the working time left on each work center's calendar, leaves (time off,
public holidays) removed, from now on for the current week. Expected durations already include
the work center's efficiency (Odoo divides cycle times by it), so the calendar is not scaled
again: a week Odoo planned full is exactly at 100 %.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.tools import SQL, float_round, format_date
from odoo.tools.translate import LazyTranslate

from ..tools import tz_name, tz_or_utc
from .coordination_const import MANAGER_GROUP, OPEN_MO_STATES
from .coordination_protected_mixin import check_action_access, check_action_group

_lt = LazyTranslate(__name__)

HORIZON_WEEKS = 8


class CoordinationWorkcenterLoad(models.Model):
    _name = "coordination.workcenter.load"
    _description = "Work Center Load per Week"
    _inherit = ["coordination.protected.mixin"]
    _order = "date_week, department_id, workcenter_id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    department_id = fields.Many2one(
        "coordination.department",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        check_company=True,
        help="The department that runs the work center.",
    )
    date_week = fields.Date(
        "Week",
        required=True,
        readonly=True,
        help="Monday of the week, in the time zone of the work center's calendar.",
    )
    planned_minutes = fields.Float(
        "Planned (min)",
        readonly=True,
        help="Expected minutes of the open work orders starting this week, minus the time "
        "already logged on them (unplanned work orders: the week their MO starts).",
    )
    available_minutes = fields.Float(
        "Available (min)",
        readonly=True,
        help="Working minutes on the work center's calendar this week, time off removed "
        "(this week: from the last refresh on).",
    )
    planned_hours = fields.Float("Planned (h)", digits=(16, 1), readonly=True)
    available_hours = fields.Float("Available (h)", digits=(16, 1), readonly=True)
    load_percent = fields.Float(
        "Load (%)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Planned minutes over available minutes. Grouped (a department, a week, the "
        "total): their planned minutes over their available minutes, never the busiest work "
        "center nor an average of percentages.",
    )
    is_overloaded = fields.Boolean(
        "Overloaded",
        readonly=True,
        index=True,
        help="More work planned than the calendar allows this week.",
    )
    workorder_count = fields.Integer("Work Orders", readonly=True)

    _sql_constraints = [
        (
            "workcenter_week_uniq",
            "unique(company_id, workcenter_id, date_week)",
            "The load of a work center is computed once per week and company.",
        ),
    ]

    @api.depends("workcenter_id", "date_week")
    def _compute_display_name(self):
        for load in self:
            load.display_name = _(
                "%(workcenter)s, week of %(week)s",
                workcenter=load.workcenter_id.display_name,
                week=format_date(self.env, load.date_week),
            )

    def _coordination_protected_fields(self):
        return self._coordination_all_fields(_("Refresh (or the daily refresh)"))

    # Grouped figures --------------------------------------------------------------------------

    def _read_group_select(self, aggregate_spec, query):
        """A group's load is its planned minutes over its available minutes, whatever
        aggregate is asked for (the pivot, the graph, the dashboard and the status report all
        read it this way, so they show the same figure): rounded as the rows are."""
        if aggregate_spec.split(":")[0] != "load_percent":
            return super()._read_group_select(aggregate_spec, query)
        planned = self._field_to_sql(self._table, "planned_minutes", query)
        available = self._field_to_sql(self._table, "available_minutes", query)
        return SQL(
            "COALESCE(ROUND((100 * SUM(%s) / NULLIF(SUM(%s), 0))::numeric, 1), 0)::float",
            planned,
            available,
        )

    @api.model
    def _get_load(self, domain, groupby=()):
        """[{groupby values..., planned_hours, available_hours, load_percent}] of the rows of
        `domain` grouped by `groupby` (read with the user's rights, one query): the figures
        the dashboard, the pivot and the status report share."""
        aggregates = ["planned_hours:sum", "available_hours:sum", "load_percent:avg"]
        result = []
        for row in self._read_group(domain, groupby, aggregates, order=", ".join(groupby)):
            values = dict(zip(groupby, row[: len(groupby)], strict=True))
            planned, available, load = row[len(groupby) :]
            values.update(
                planned_hours=round(planned or 0.0, 1),
                available_hours=round(available or 0.0, 1),
                load_percent=load or 0.0,
            )
            result.append(values)
        return result

    # Refresh ----------------------------------------------------------------------------------

    @api.model
    def _cron_refresh_workcenter_load(self):
        """Rebuild every company's rows in one batch, inline; a company that makes it fail is
        skipped (its rows stay as they were) and reported (``coordination.batch``). The
        scheduled action enqueues jobs instead (``_cron_enqueue_refresh``)."""
        return self.env["coordination.batch"]._run_isolated(
            self.env["res.company"].search([]),
            self._refresh,
            _lt("Refresh the load of the work centers"),
        )

    def action_refresh(self):
        """Rebuild the rows of the current companies in the background, one job per company
        (coordinators: it rewrites every row as superuser, see coordination_refresh_job.py);
        the user is notified when it is done."""
        check_action_group(
            self.env, [MANAGER_GROUP], _("refresh the work center load"), _("coordinators")
        )
        # sudo: only queue managers create jobs; the job runs as this user and notifies them.
        self.sudo()._coordination_enqueue_refresh(self.env.companies)
        return self._coordination_refresh_notification(self.env.companies)

    def action_replan(self):
        """Replan by priority the work centers of the selected rows."""
        check_action_access(self, "read", _("replan by priority"))
        return self.workcenter_id.action_coordination_replan()

    @api.model
    def _refresh(self, companies):
        """Regenerate the rows of these companies: one per work center and week, from the
        current week on (the next one once the current week has no working time left).
        The rows are derived data nobody edits: they are rebuilt as superuser whoever asks, like
        the daily scheduled action does.

        Set-based: one grouped query for the planned minutes, one calendar computation per
        calendar for the available minutes, whatever the number of work orders.
        """
        Load = self.sudo()
        Load.env.flush_all()
        now = fields.Datetime.now()
        workcenters = Load.env["mrp.workcenter"].search(
            [("company_id", "in", [*companies.ids, False])]
        )
        intervals = Load._work_intervals(workcenters, now)
        weeks = Load._weeks(workcenters, intervals, now)
        available = defaultdict(float)
        for workcenter_id, workcenter_intervals in intervals.items():
            for begin, stop, week in workcenter_intervals:
                available[workcenter_id, week] += (stop - begin).total_seconds() / 60
        planned = Load._planned_minutes(workcenters, companies, weeks, intervals, now)
        departments = Load.env["coordination.department"]._get_workcenter_departments(
            workcenters, companies
        )
        vals_list = []
        for company in companies:
            for workcenter in workcenters.filtered(
                lambda wc, c=company: wc.company_id in (c, c.browse())
            ):
                for week in weeks[workcenter.id]:
                    minutes, count = planned.get((company.id, workcenter.id, week), (0.0, 0))
                    minutes = round(minutes, 2)
                    capacity = round(available.get((workcenter.id, week), 0.0), 2)
                    department = departments.get((workcenter.id, company.id))
                    vals_list.append(
                        {
                            "company_id": company.id,
                            "workcenter_id": workcenter.id,
                            "department_id": department.id if department else False,
                            "date_week": week,
                            "planned_minutes": minutes,
                            "available_minutes": capacity,
                            "planned_hours": round(minutes / 60, 2),
                            "available_hours": round(capacity / 60, 2),
                            # Rounded half up, as PostgreSQL rounds the grouped figure.
                            "load_percent": float_round(
                                100 * minutes / capacity, precision_digits=1
                            )
                            if capacity
                            else 0.0,
                            "is_overloaded": minutes > capacity,
                            "workorder_count": count,
                        }
                    )
        Load.search([("company_id", "in", companies.ids)]).unlink()
        return Load.create(vals_list)

    @api.model
    def _work_intervals(self, workcenters, now):
        """{work center id: [(start, stop, week)]}: the working intervals left on each work
        center's calendar from now to the end of the horizon, leaves removed, in naive UTC,
        with the Monday of their week in the calendar's time zone. One calendar computation per
        calendar, for all its work centers."""
        result = defaultdict(list)
        for calendar, calendar_workcenters in workcenters.grouped("resource_calendar_id").items():
            if not calendar:
                continue
            tz = tz_or_utc(calendar.tz)
            today = pytz.utc.localize(now).astimezone(tz).date()
            monday = today - timedelta(days=today.weekday())
            end = tz.localize(
                datetime.combine(monday + timedelta(weeks=HORIZON_WEEKS + 1), time.min)
            )
            intervals = calendar._work_intervals_batch(
                pytz.utc.localize(now), end, resources=calendar_workcenters.resource_id, tz=tz
            )
            for workcenter in calendar_workcenters:
                for begin, stop, _meta in intervals[workcenter.resource_id.id]:
                    day = begin.astimezone(tz).date()
                    result[workcenter.id].append(
                        (
                            begin.astimezone(pytz.utc).replace(tzinfo=None),
                            stop.astimezone(pytz.utc).replace(tzinfo=None),
                            day - timedelta(days=day.weekday()),
                        )
                    )
        return result

    @api.model
    def _weeks(self, workcenters, intervals, now):
        """{work center id: [Monday of the first week, ... of the last week]}, in the time zone
        of each work center's calendar. The first week is the current one, or the next one
        when no working time is left this week (at the weekend)."""
        weeks = {}
        for workcenter in workcenters:
            tz = tz_or_utc(workcenter.resource_calendar_id.tz)
            today = pytz.utc.localize(now).astimezone(tz).date()
            monday = today - timedelta(days=today.weekday())
            if not any(week == monday for _start, _stop, week in intervals.get(workcenter.id, ())):
                monday += timedelta(weeks=1)
            weeks[workcenter.id] = [monday + timedelta(weeks=n) for n in range(HORIZON_WEEKS)]
        return weeks

    @api.model
    def _planned_minutes(self, workcenters, companies, weeks, intervals, now):
        """{(company id, work center id, week): (remaining minutes, work orders)} from one
        grouped query. A planned work order running over several weeks is spread over them by
        its working time in each; work that should have started already counts this week."""
        if not workcenters or not companies:
            return {}
        horizon_end = now + timedelta(weeks=HORIZON_WEEKS, days=2)
        # The calendars' time zones PostgreSQL is given: known ones only (see tz_name).
        known_tzs = [
            tz for tz in set(workcenters.resource_calendar_id.mapped("tz")) if tz_name(tz) == tz
        ]
        # Work orders within a week are summed; those running over several weeks
        # (`spanning_id`) come one per row.
        self.env.cr.execute(
            SQL(
                """
                SELECT workcenter_id, company_id, week, spanning_id,
                       MIN(date_start), MAX(date_finished), SUM(remaining), COUNT(*)
                  FROM (
                    SELECT wo.workcenter_id, p.company_id, wo.date_start, wo.date_finished,
                           date_trunc('week', timezone(z.tz,
                               COALESCE(wo.date_start, p.date_start) AT TIME ZONE 'UTC'))::date
                               AS week,
                           CASE WHEN date_trunc('week', timezone(z.tz,
                                         wo.date_finished AT TIME ZONE 'UTC'))
                                   > date_trunc('week', timezone(z.tz,
                                         wo.date_start AT TIME ZONE 'UTC'))
                                THEN wo.id END AS spanning_id,
                           GREATEST(wo.duration_expected - COALESCE(wo.duration, 0), 0)
                               AS remaining
                      FROM mrp_workorder wo
                      JOIN mrp_production p ON p.id = wo.production_id
                      JOIN mrp_workcenter wc ON wc.id = wo.workcenter_id
                 LEFT JOIN resource_calendar cal ON cal.id = wc.resource_calendar_id
                CROSS JOIN LATERAL (SELECT CASE WHEN cal.tz = ANY(%s) THEN cal.tz
                                                ELSE 'UTC' END AS tz) z
                     WHERE wo.workcenter_id = ANY(%s) AND p.company_id = ANY(%s)
                       AND wo.state NOT IN ('done', 'cancel') AND p.state IN %s
                       AND COALESCE(wo.date_start, p.date_start) < %s
                  ) AS open_work
                 GROUP BY workcenter_id, company_id, week, spanning_id
                """,
                known_tzs,
                workcenters.ids,
                companies.ids,
                OPEN_MO_STATES,
                horizon_end,
            )
        )
        planned = defaultdict(lambda: [0.0, 0])

        def add(company_id, workcenter_id, week, minutes, count):
            horizon = weeks[workcenter_id]
            week = max(week, horizon[0])
            if week <= horizon[-1]:
                planned[company_id, workcenter_id, week][0] += minutes
                planned[company_id, workcenter_id, week][1] += count

        for row in self.env.cr.fetchall():
            workcenter_id, company_id, week, spanning_id, start, end, minutes, count = row
            shares = defaultdict(float)
            if spanning_id:
                for begin, stop, interval_week in intervals.get(workcenter_id, ()):
                    overlap = (min(stop, end) - max(begin, start, now)).total_seconds()
                    if overlap > 0:
                        shares[interval_week] += overlap
            total = sum(shares.values())
            if not total:
                add(company_id, workcenter_id, week, minutes, count)
                continue
            for interval_week, share in shares.items():
                add(company_id, workcenter_id, interval_week, minutes * share / total, 1)
        return {key: tuple(value) for key, value in planned.items()}
