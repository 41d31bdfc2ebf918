# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Explained priority, rank and completion forecast of manufacturing orders, in batches.

Score = urgency + components + expedite + star + customer + age (see README, "Priority").
A handful of set-based queries for any number of MOs, written back with one UPDATE per table.
Ranks are per company, 1 = do first.
"""

import bisect
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import tz_or_utc
from .coordination_const import OPEN_MO_STATES
from .coordination_format import format_number
from .coordination_material_forecast import EXPECTED, LATE, READY, SHORT
from .coordination_sql import bulk_update, commit_read_committed
from .coordination_utils import add_days, add_delta, add_hours, clamp_date

# The MOs to refresh just before the commit (precommit data key).
PENDING_KEY = "production_coordination.priority_refresh"
# Slack (working hours) at which urgency is 0; a slack of -SCALE gives twice the weight.
URGENCY_SCALE_HOURS = 80.0
AGE_SCALE_DAYS = 30.0
# The working-time clock reads the calendars this far around now; beyond, it extrapolates at the
# calendar's average rate (a committed date in 1900 or 9999 costs no centuries of intervals).
CLOCK_PAST_DAYS = 366
CLOCK_FUTURE_DAYS = 2 * 366
READINESS_FACTOR = {READY: 1.0, EXPECTED: 0.6, LATE: 0.25, SHORT: 0.0}
# What the refresh writes on each MO (the last one: when), in SQL (see coordination_sql.py).
SCORE_FIELDS = [
    "coordination_readiness",
    "coordination_date_components",
    "coordination_date_forecast",
    "coordination_delay_days",
    "coordination_is_delayed",
    "coordination_slack_hours",
    "coordination_score_urgency",
    "coordination_score_components",
    "coordination_score_expedite",
    "coordination_score_star",
    "coordination_score_customer",
    "coordination_score_age",
    "coordination_priority_score",
    "coordination_partner_id",
    "coordination_date_scored",
]


class CoordinationPriority(models.AbstractModel):
    _name = "coordination.priority"
    _description = "Priority and Completion Forecast Engine"

    @api.model
    def _refresh(self, productions, forecast=None):
        """Recompute the scores of these MOs, then have the ranks of their companies refreshed.

        Set-based whatever the number of MOs: the MOs' own columns (1 query), the component
        forecast (3), the work-order aggregates (2), the customers (1), the companies (1), the
        calendars (1 per calendar), one UPDATE for the scores, the reservations to move of
        their components (1 read, up to 3 writes). Nothing is read record by record.

        ``forecast``: the `_forecast_productions` of these MOs when the caller has computed it
        (the components are not netted again). With the context key
        ``coordination_keep_forecast`` (only inputs the netting does not
        read changed: expedite, star, committed date, customer request, pin), MOs scored before
        keep the components' readiness and date of their last refresh: their components are not
        netted again (the forecast reads every open demand of those components).

        Netting later: with the context key ``coordination_net_later`` (a user's write that
        changes the netting: start date, work orders, reservations, cancel, done; see
        mrp.production), MOs scored before keep their last components' forecast here and get a
        netting request (``coordination_netting_requests``): the company's rank job nets their
        components again within seconds, before it reranks (`_net_requested`). The user's
        transaction reads no other MO's demand. ``coordination_net_now`` (the rank job),
        ``coordination_rerank_now`` and ``coordination_rerank_skip`` override it.

        The ranks: one rerank job per company (`_rerank_later`, a job already waiting is
        reused), run within seconds by queue_job; with the context key
        ``coordination_rerank_now`` (pins, the inline scheduled refresh), `_rerank` in this
        transaction (one query and two UPDATEs per company, all its open MOs); with
        ``coordination_rerank_skip`` (a chunk of the scheduled refresh, whose rerank follows
        its chunks), none.
        """
        if not productions.ids:
            return
        self.env.flush_all()
        mos = self._load(productions.ids)
        open_mos = [mo for mo in mos.values() if mo["state"] in OPEN_MO_STATES]
        closed_ids = [mo["id"] for mo in mos.values() if mo["state"] not in OPEN_MO_STATES]
        companies = self.env["res.company"].browse({mo["company_id"] for mo in mos.values()})
        context = self.env.context
        scored_before = all(mo["coordination_date_scored"] for mo in open_mos)
        keep_forecast = (
            context.get("coordination_keep_forecast") and not closed_ids and scored_before
        )
        # The netting changes, but in a user's write: the rank job nets these MOs (see above).
        net_later = (
            context.get("coordination_net_later")
            and forecast is None
            and not keep_forecast
            and scored_before
            and not context.get("coordination_net_now")
            and not context.get("coordination_rerank_now")
            and not context.get("coordination_rerank_skip")
        )
        keys, suggestions = set(), []
        if forecast is not None:
            # Computed for them by the caller (the scheduled refresh's planning job, which
            # also stored the reservations to move).
            keep_forecast = True
        elif keep_forecast or net_later:
            # Only inputs the netting does not read changed (expedite, star, committed date,
            # customer request, pin): the components' forecast of the last refresh stands, and
            # the other MOs sharing the components are not read.
            forecast = {
                mo["id"]: {
                    "readiness": mo["coordination_readiness"],
                    "date_expected": mo["coordination_date_components"],
                    "shortages": {},
                }
                for mo in open_mos
            }
        else:
            # Closed MOs too: the netting of their components changes with them.
            forecast, keys, suggestions = self.env[
                "coordination.material.forecast"
            ]._forecast_productions_and_moves(productions)
        values = self._compute_scores(open_mos, companies, forecast=forecast)
        now = fields.Datetime.now()
        rows = [
            (production_id, *[vals[name] for name in SCORE_FIELDS[:-1]], now)
            for production_id, vals in values.items()
        ]
        bulk_update(self.env["mrp.production"], SCORE_FIELDS, rows, log_access=False)
        if closed_ids:
            self.env.cr.execute(
                SQL(
                    """UPDATE mrp_production SET coordination_rank = NULL,
                              coordination_priority_score = NULL, coordination_is_delayed = FALSE
                        WHERE id = ANY(%s)""",
                    closed_ids,
                )
            )
        productions.invalidate_recordset(SCORE_FIELDS + ["coordination_rank"])
        if net_later:
            self._request_netting(productions.ids)
        elif not keep_forecast:
            self.env["coordination.reservation.suggestion"]._sync(
                keys, suggestions, productions.ids
            )
        self._notify_delays(mos, values)
        if self.env.context.get("coordination_rerank_now"):
            self._rerank(companies)
        elif not self.env.context.get("coordination_rerank_skip"):
            # The company's ranks are not this MO's alone: a background job reranks them
            # (coordination_priority_rank_job.py), so that this transaction reads no other MO
            # and locks no other MO's row.
            self._rerank_later(companies)
        # Refreshed now: no need to do it again before the commit for what happened so far.
        pending = self.env.cr.precommit.data.get(PENDING_KEY)
        if pending and not keep_forecast:
            # (netted here, or a netting request counted for the rank job)
            pending.difference_update(productions.ids)

    @api.model
    def _request_netting(self, production_ids):
        """Count a netting request on these MOs: the rank job of their company nets their
        components again (`_net_requested`). An increment, so that a request made while the
        job runs is not lost when the job subtracts what it read."""
        self.env.cr.execute(
            SQL(
                """UPDATE mrp_production
                      SET coordination_netting_requests =
                          COALESCE(coordination_netting_requests, 0) + 1
                    WHERE id = ANY(%s)""",
                list(production_ids),
            )
        )
        self.env["mrp.production"].browse(production_ids).invalidate_recordset(
            ["coordination_netting_requests"]
        )

    @api.model
    def _net_requested(self, company):
        """Net again the components of the company's MOs with netting requests, refresh their
        scores and reservations to move (no rerank: the caller's), and subtract the requests
        read (one more counted meanwhile stays for the next job).

        :return: the number of MOs netted
        """
        self.env.cr.execute(
            SQL(
                """SELECT id, coordination_netting_requests FROM mrp_production
                    WHERE company_id = %s AND coordination_netting_requests > 0""",
                company.id,
            )
        )
        requests = self.env.cr.fetchall()
        if not requests:
            return 0
        productions = self.env["mrp.production"].browse([row[0] for row in requests])
        self.with_context(
            coordination_net_now=True,
            coordination_keep_forecast=False,
            coordination_rerank_now=False,
            coordination_rerank_skip=True,
        )._refresh(productions)
        self.env.cr.execute(
            SQL(
                """UPDATE mrp_production p
                      SET coordination_netting_requests = p.coordination_netting_requests - r.n
                     FROM unnest(%s::int[], %s::int[]) AS r(id, n)
                    WHERE p.id = r.id""",
                [row[0] for row in requests],
                [row[1] for row in requests],
            ),
            log_exceptions=False,
        )
        productions.invalidate_recordset(["coordination_netting_requests"])
        return len(requests)

    @api.model
    def _load(self, production_ids):
        """{id: {column: value}}: the MO columns the scores need, in one query."""
        self.env.cr.execute(
            SQL(
                """
                SELECT id, company_id, state, date_start, date_finished, create_date, priority,
                       coordination_date_committed, coordination_is_expedited,
                       coordination_delay_notified,
                       coordination_readiness, coordination_date_components,
                       coordination_date_scored,
                       EXISTS(SELECT 1 FROM coordination_special_request r
                               WHERE r.production_id = mrp_production.id
                                 AND r.state != 'cancel') AS has_special_request
                  FROM mrp_production
                 WHERE id = ANY(%s)
                """,
                list(production_ids),
            )
        )
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _compute_scores(self, mos, companies, forecast=None):
        """{production id: {field: value}} for open MOs (rows of `_load`); ``forecast``: their
        `_forecast_productions` when already computed."""
        if not mos:
            return {}
        now = fields.Datetime.now()
        ids = [mo["id"] for mo in mos]
        if forecast is None:
            forecast = self.env["coordination.material.forecast"]._forecast_productions(
                self.env["mrp.production"].browse(ids)
            )
        work = self._work_aggregates(ids)
        customers, priority_partners = self._customers(ids)
        company_of = {company.id: company for company in companies}
        lead_days = self._purchase_lead_days(mos, company_of, forecast)
        clocks = self._working_clocks(mos, company_of, work)
        values = {}
        for mo in mos:
            production_id = mo["id"]
            company = company_of[mo["company_id"]]
            info = forecast[production_id]
            planned_start, planned_end, remaining = work.get(
                production_id, (mo["date_start"], mo["date_finished"], 0.0)
            )
            planned_start = planned_start or mo["date_start"]
            planned_end = planned_end or mo["date_finished"] or planned_start
            components_date = info["date_expected"]
            if info["readiness"] == SHORT and production_id in lead_days:
                components_date = add_days(now, lead_days[production_id])
            # The planned end, later if components arrive after the planned start, and never
            # before the remaining work can be done from now (or from the components' arrival).
            clock = clocks[production_id]
            forecast_end = planned_end
            if components_date and planned_start and components_date > planned_start:
                forecast_end = add_delta(planned_end, components_date - planned_start)
            earliest_start = max(now, components_date or now)
            forecast_end = clamp_date(
                max(forecast_end, clock.add(earliest_start, remaining / 60.0))
            )
            committed = mo["coordination_date_committed"]
            delay = (forecast_end - committed).total_seconds() / 86400 if committed else 0.0
            slack = clock.between(now, committed) - remaining / 60.0 if committed else None
            partner = customers.get(production_id)
            is_priority_customer = partner in priority_partners
            parts = {
                "coordination_score_urgency": company.coordination_weight_urgency
                * (
                    max(0.0, min(2.0, 1.0 - slack / URGENCY_SCALE_HOURS))
                    if slack is not None
                    else 0.0
                ),
                "coordination_score_components": company.coordination_weight_components
                * READINESS_FACTOR[info["readiness"]],
                "coordination_score_expedite": company.coordination_weight_expedite
                * bool(mo["coordination_is_expedited"]),
                "coordination_score_star": company.coordination_weight_star
                * (mo["priority"] == "1"),
                "coordination_score_customer": company.coordination_weight_customer
                * bool(mo["has_special_request"] or is_priority_customer),
                "coordination_score_age": company.coordination_weight_age
                * min(1.0, (now - mo["create_date"]).total_seconds() / 86400 / AGE_SCALE_DAYS),
            }
            values[production_id] = {
                "coordination_readiness": info["readiness"],
                "coordination_date_components": components_date,
                "coordination_date_forecast": forecast_end,
                "coordination_delay_days": round(delay, 2),
                "coordination_is_delayed": bool(committed and delay > 0),
                "coordination_slack_hours": round(slack, 2) if slack is not None else 0.0,
                **{k: round(v, 2) for k, v in parts.items()},
                "coordination_priority_score": round(sum(parts.values()), 2),
                "coordination_partner_id": partner,
            }
        return values

    @api.model
    def _work_aggregates(self, production_ids):
        """{production id: (planned start, planned end, remaining expected minutes)}."""
        self.env.cr.execute(
            SQL(
                """
                SELECT production_id, MIN(date_start), MAX(date_finished),
                       SUM(GREATEST(duration_expected - COALESCE(duration, 0), 0))
                           FILTER (WHERE state NOT IN ('done', 'cancel'))
                  FROM mrp_workorder
                 WHERE production_id = ANY(%s) AND state != 'cancel'
                 GROUP BY production_id
                """,
                production_ids,
            )
        )
        return {
            production_id: (start, end, remaining or 0.0)
            for production_id, start, end, remaining in self.env.cr.fetchall()
        }

    @api.model
    def _customers(self, production_ids):
        """({production id: partner id}, {priority partner ids}): the customer behind each MO —
        the procurement group of the moves its products go to (a sales order's delivery), else
        the MO's own procurement group — and which of them are flagged as priority customers."""
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, partner.id, partner.coordination_is_priority_customer
                  FROM mrp_production p
                  LEFT JOIN procurement_group own ON own.id = p.procurement_group_id
                  LEFT JOIN LATERAL (
                        SELECT dest_group.partner_id
                          FROM stock_move fin
                          JOIN stock_move_move_rel rel ON rel.move_orig_id = fin.id
                          JOIN stock_move dest ON dest.id = rel.move_dest_id
                          JOIN procurement_group dest_group ON dest_group.id = dest.group_id
                         WHERE fin.production_id = p.id AND dest_group.partner_id IS NOT NULL
                         ORDER BY dest.id
                         LIMIT 1
                       ) delivered ON TRUE
                  JOIN res_partner partner
                    ON partner.id = COALESCE(delivered.partner_id, own.partner_id)
                 WHERE p.id = ANY(%s)
                """,
                production_ids,
            )
        )
        customers, priority_partners = {}, set()
        for production_id, partner_id, is_priority in self.env.cr.fetchall():
            customers[production_id] = partner_id
            if is_priority:
                priority_partners.add(partner_id)
        return customers, priority_partners

    @api.model
    def _purchase_lead_days(self, mos, company_of, forecast):
        """{production id: days} for MOs short of components: the longest vendor lead time of
        the missing products (plus the company's purchase lead time), when they are bought."""
        short = {pid: info["shortages"] for pid, info in forecast.items() if info["shortages"]}
        product_ids = list({p for shortages in short.values() for p in shortages})
        if not product_ids:
            return {}
        self.env.cr.execute(
            SQL(
                """
                SELECT pp.id, MIN(si.delay)
                  FROM product_product pp
                  JOIN product_supplierinfo si ON si.product_tmpl_id = pp.product_tmpl_id
                       AND (si.product_id IS NULL OR si.product_id = pp.id)
                 WHERE pp.id = ANY(%s)
                 GROUP BY pp.id
                """,
                product_ids,
            )
        )
        delays = dict(self.env.cr.fetchall())
        result = {}
        for mo in mos:
            missing = short.get(mo["id"])
            if not missing:
                continue
            known = [delays[p] for p in missing if p in delays]
            if len(known) == len(missing):
                po_lead = company_of[mo["company_id"]].po_lead or 0.0
                result[mo["id"]] = max(known) + po_lead
        return result

    @api.model
    def _working_clocks(self, mos, company_of, work):
        """{production id: _WorkingHours} on the calendar of the MO's first open work order's
        work center (its company's calendar without work orders): one per calendar, each
        covering from the earliest committed date to the latest the remaining work may reach,
        within CLOCK_PAST_DAYS and CLOCK_FUTURE_DAYS (plus the remaining work) of now."""
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (wo.production_id) wo.production_id, res.calendar_id
                  FROM mrp_workorder wo
                  JOIN mrp_workcenter wc ON wc.id = wo.workcenter_id
                  JOIN resource_resource res ON res.id = wc.resource_id
                 WHERE wo.production_id = ANY(%s) AND wo.state NOT IN ('done', 'cancel')
                 ORDER BY wo.production_id, wo.sequence, wo.id
                """,
                [mo["id"] for mo in mos],
            )
        )
        calendar_of = dict(self.env.cr.fetchall())
        now = fields.Datetime.now()
        by_calendar = defaultdict(list)
        for mo in mos:
            calendar_id = (
                calendar_of.get(mo["id"]) or company_of[mo["company_id"]].resource_calendar_id.id
            )
            by_calendar[calendar_id].append(mo)
        clocks = {}
        for calendar_id, calendar_mos in by_calendar.items():
            dates = [now] + [
                mo["coordination_date_committed"]
                for mo in calendar_mos
                if mo["coordination_date_committed"]
            ]
            remaining_hours = max(
                (work.get(mo["id"], (None, None, 0.0))[2] / 60.0 for mo in calendar_mos),
                default=0.0,
            )
            # A 40-hour week gives 40 working hours in 7 days: leave room for 5 times that.
            room_days = min(14 + remaining_hours * 5 / 24 * 7 / 5, CLOCK_FUTURE_DAYS)
            start = max(min(dates), now - timedelta(days=CLOCK_PAST_DAYS))
            end = add_days(min(max(dates), now + timedelta(days=CLOCK_FUTURE_DAYS)), room_days)
            clock = _WorkingHours(self.env["resource.calendar"].browse(calendar_id), start, end)
            for mo in calendar_mos:
                clocks[mo["id"]] = clock
        return clocks

    # Delays ---------------------------------------------------------------------------------

    @api.model
    def _notify_delays(self, mos, values):
        """One activity for the responsible and the coordinator when an MO's forecast passes its
        committed date; answered when it comes back."""
        activity_type = self.env.ref("production_coordination.mail_activity_type_delay")
        Production = self.env["mrp.production"].sudo()
        delayed = {pid for pid, vals in values.items() if vals["coordination_is_delayed"]}
        notified = {pid for pid, mo in mos.items() if mo["coordination_delay_notified"]}
        newly = Production.browse(sorted(delayed - notified))
        recovered = Production.browse(sorted(notified - delayed))
        activity_values = []
        for production in newly:
            days = format_number(self.env, production.coordination_delay_days, 1)
            users = production.user_id | production._coordination_get_coordinator()
            for user in users:
                activity_values.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id("mrp.production"),
                        "res_id": production.id,
                        "automated": True,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(self),
                        "summary": _(
                            "%(production)s forecast %(days)s days after its committed date",
                            production=production.name,
                            days=days,
                        ),
                    }
                )
        # sudo: the refresh runs for whoever changed an MO (a buyer, a supervisor); the delay
        # activities go to the MOs' responsibles and coordinator, whom that user may not reach.
        self.env["mail.activity"].sudo().create(activity_values)
        if recovered:
            recovered.sudo().activity_feedback(
                ["production_coordination.mail_activity_type_delay"],
                feedback=_("The forecast is back before the committed date."),
            )
        if newly or recovered:
            self.env.cr.execute(
                SQL(
                    "UPDATE mrp_production SET coordination_delay_notified = id = ANY(%s) "
                    "WHERE id = ANY(%s)",
                    newly.ids,
                    (newly | recovered).ids,
                )
            )
            (newly | recovered).invalidate_recordset(["coordination_delay_notified"])

    @api.model
    def _rerank(self, companies, commit_every=0, on_chunk=commit_read_committed):
        """Rank the open MOs of these companies: score, with the coordinators' overrides.

        Writes only the ranks that changed (and those MOs' work orders), after reading and
        ordering everything: the rows are locked only for the two UPDATEs.

        :param int commit_every: (the rank job, run by the job runner) write and commit the
            ranks by this many MOs at a time: each MO row is held for one short UPDATE. Between
            two commits, a screen may show two MOs with the same rank for a moment; the
            order is whole once the job ends, and a failure leaves the earlier ranks consistent
            enough for the next job (which reads everything again) to finish.
        :param on_chunk: called with the cursor after each chunk (the commit; the bench times
            the chunks with it)
        :return: the number of MOs whose rank changed
        """
        moved = 0
        for company in companies:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT id, coordination_rank, coordination_rank_override
                      FROM mrp_production
                     WHERE company_id = %s AND state IN %s
                     ORDER BY coordination_priority_score DESC NULLS LAST,
                              coordination_date_committed ASC NULLS LAST, date_start, id
                    """,
                    company.id,
                    OPEN_MO_STATES,
                )
            )
            rows = self.env.cr.fetchall()
            order = [row[0] for row in rows if not row[2]]
            for production_id, _rank, override in sorted(
                (row for row in rows if row[2]), key=lambda row: row[2]
            ):
                order.insert(min(override, len(order) + 1) - 1, production_id)
            old = {row[0]: row[1] for row in rows}
            changed = [(pid, rank) for rank, pid in enumerate(order, start=1) if old[pid] != rank]
            if not changed:
                continue
            moved += len(changed)
            size = commit_every or len(changed)
            for start in range(0, len(changed), size):
                self._write_ranks(changed[start : start + size])
                if commit_every:
                    on_chunk(self.env.cr)
        return moved

    @api.model
    def _write_ranks(self, changed):
        """Write these ``[(production id, rank)]`` on the MOs and their work orders."""
        # (log_exceptions=False: a concurrent write on one of these MOs makes PostgreSQL
        # refuse the UPDATE; the rerank job or the request is retried, as expected.)
        bulk_update(
            self.env["mrp.production"],
            ["coordination_rank"],
            changed,
            log_access=False,
            log_exceptions=False,
        )
        changed_ids = [pid for pid, _rank in changed]
        self.env.cr.execute(
            SQL(
                """
                UPDATE mrp_workorder wo SET coordination_rank = p.coordination_rank
                  FROM mrp_production p
                 WHERE wo.production_id = p.id AND p.id = ANY(%s)
                """,
                changed_ids,
            ),
            log_exceptions=False,
        )
        self.env["mrp.production"].browse(changed_ids).invalidate_recordset(["coordination_rank"])
        self.env["mrp.workorder"].invalidate_model(["coordination_rank"])


class _WorkingHours:
    """Working hours on one calendar between datetimes (naive UTC), from intervals fetched once
    over a window; outside the window, at the average rate of the window (so any date, year 1
    or 9999, has an answer). Without a calendar, every hour is a working hour."""

    def __init__(self, calendar, start, end):
        self.calendar = calendar
        if not calendar:
            return
        self.start, self.end = start - timedelta(days=1), end + timedelta(days=1)
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(self.start),
            pytz.utc.localize(self.end),
            tz=tz_or_utc(calendar.tz),
        )[False]
        self.starts, self.ends, self.cumulated = [], [], [0.0]
        for begin, stop, _meta in intervals:
            self.starts.append(begin.astimezone(pytz.utc).replace(tzinfo=None))
            self.ends.append(stop.astimezone(pytz.utc).replace(tzinfo=None))
            self.cumulated.append(self.cumulated[-1] + (stop - begin).total_seconds() / 3600)
        # Working hours per hour of the window: how the clock extrapolates beyond it.
        self.rate = self.cumulated[-1] / ((self.end - self.start).total_seconds() / 3600)

    def _until(self, moment):
        """Working hours from the start of the window until `moment` (negative before it)."""
        if moment < self.start:
            return -(self.start - moment).total_seconds() / 3600 * self.rate
        if moment > self.end:
            return self.cumulated[-1] + (moment - self.end).total_seconds() / 3600 * self.rate
        index = bisect.bisect_right(self.starts, moment)
        if index == 0:
            return 0.0
        hours = self.cumulated[index - 1]
        begin, stop = self.starts[index - 1], self.ends[index - 1]
        return hours + (min(moment, stop) - begin).total_seconds() / 3600

    def between(self, start, end):
        if not self.calendar:
            return (end - start).total_seconds() / 3600
        return self._until(end) - self._until(start)

    def add(self, start, hours):
        """The moment `hours` working hours after `start` (DATE_MAX at the latest)."""
        if hours <= 0:
            return start
        if not self.calendar or not self.rate:
            return add_hours(start, hours)
        target = self._until(start) + hours
        if target <= 0 or target > self.cumulated[-1]:
            # Before or after the window: at its average rate.
            edge, edge_hours = (self.start, 0.0) if target <= 0 else (self.end, self.cumulated[-1])
            return add_hours(edge, (target - edge_hours) / self.rate)
        index = bisect.bisect_left(self.cumulated, target)
        begin = self.starts[index - 1]
        return clamp_date(begin + timedelta(hours=target - self.cumulated[index - 1]))
