"""Benchmark: how our costs grow with the number of open MOs in one company.

Run by `make bench` inside `odoo-bin shell` (the `env` global is Odoo's); `BENCH_ONLY=growth`
runs it alone. One company per size (BENCH_SIZES, default "2000,10000,100000"), generated once
and reused: two departments, a product with 5 components (two short) and 2 operations, the
first BENCH_ORM_MOS (default 200) MOs made through the ORM with a little trouble (1 in 10 past
its committed date, 1 in 50 blocked, 1 in 100 expedited), the rest SQL copies of them (see
benchdata.py), then ranked by the ORM.

Measured on each company, each in a fresh transaction rolled back afterwards (nothing measured
is committed), cold record cache:
  - the shortage scan of the company (as the scheduled action: superuser);
  - the priority refresh of all its open MOs (as the scheduled action);
  - the dashboard's data call (computed: the process's cache of figures emptied first; and
    again, read from that cache), the handoff board as the web client opens it (kanban grouped by
    department, "Active" filter, first 40 cards a column), the priority board's first 80 rows
    and the XLSX status report (as a coordinator);
  - the load refresh of the company (`coordination.workcenter.load._refresh`);
  - one coordinator's Expedite on the MO ranked in the middle (one write: what each user's
    write on an MO costs, the refresh and the company's ranks it triggers included).
Deferred work (`cr.precommit`, e.g. the refresh before the commit) is run inside the measure.
For each: wall time, queries, memory and locks.
  - memory: `tracemalloc` peak above the start of the measure (Python objects the measure
    allocates: record caches, fetched rows, the workbook), in a second run of the measure since
    tracemalloc slows Python down; and the growth of the process's peak resident memory during
    the first run (VmHWM, reset through /proc/self/clear_refs before each measure), which also
    sees the C side (libpq result buffers, xlsxwriter) but not memory reused from earlier.
    `resource.getrusage().ru_maxrss` is not used: it is the high-water mark of the whole
    process, which cannot be reset, so a small measure after a big one always reads 0.
  - locks: a second connection samples pg_locks every 5 ms for the bench's backend; from the
    first sample where it holds a write lock on mrp_production, mrp_workorder,
    coordination_handoff or stock_move (RowExclusiveLock: it has written rows of the table;
    RowShareLock: SELECT ... FOR UPDATE) to the end of the measure, those row locks are held
    (until the commit that would follow). Advisory locks (the scan's) are reported apart. The
    transaction lasts the whole measure.
Prints a table, a growth verdict per measure (from the smallest to the largest size:
exponent of the log-log slope: flat < 0.2, sublinear < 0.8, linear <= 1.2, worse above)
and the figures as JSON (last line).
"""

import itertools
import json
import math
import os
import sys
import threading
import time
import tracemalloc
from datetime import timedelta

import psycopg2
from lxml import etree

from odoo import SUPERUSER_ID, Command, fields, sql_db

sys.path.insert(0, os.environ.get("BENCH_DIR", "tests/bench"))
import benchdata  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "2000,10000,100000").split(",") if s]
ORM_MOS = int(os.environ.get("BENCH_ORM_MOS", "200"))
TRACEMALLOC = os.environ.get("BENCH_TRACEMALLOC", "1") == "1"
BATCH = 100
TAG = "GROWTH"
QUIET = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "coordination_defer_priority": True,
}
OPEN = ("draft", "confirmed", "progress", "to_close")
LOCKED_TABLES = ("mrp_production", "mrp_workorder", "coordination_handoff", "stock_move")


# Data, generated once -----------------------------------------------------------------------


def ensure_coordinator(env):
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", "growth_coordinator")])
    if not user:
        user = Users.create(
            {
                "name": "Growth Coordinator",
                "login": "growth_coordinator",
                "password": "growth_coordinator",
                "email": "growth_coordinator@example.com",
                "groups_id": [
                    Command.link(env.ref("production_coordination.group_coordination_manager").id),
                    Command.link(env.ref("mrp.group_mrp_user").id),
                ],
            }
        )
    return user


def ensure_company(env, size, coordinator):
    name = f"{TAG} {size}"
    company = env["res.company"].search([("name", "=", name)])
    if not company:
        print(f"  creating company {name}", flush=True)
        company = env["res.company"].create({"name": name})
    coordinator.company_ids = [Command.link(company.id)]
    env.user.company_ids = [Command.link(company.id)]
    cenv = env(context=dict(env.context, allowed_company_ids=company.ids, **QUIET))
    warehouse = cenv["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if not warehouse:
        warehouse = cenv["stock.warehouse"].create(
            {"name": name, "code": f"G{len(str(size))}", "company_id": company.id}
        )
    # No reservation at confirmation (as bench_dashboard.py): not what is measured, and slow.
    warehouse.manu_type_id.reservation_method = "manual"
    product = cenv["product.product"].search([("default_code", "=", f"{TAG}-{size}-FG")])
    if not product:
        product = benchdata.create_catalog(cenv, TAG, size, company, warehouse, "G")
    Production = cenv["mrp.production"]
    bom = cenv["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)])
    existing = benchdata.count_productions(env.cr, company.id)
    while existing < min(size, ORM_MOS):
        count = min(BATCH, min(size, ORM_MOS) - existing)
        productions = Production.create(
            [
                {
                    "product_id": product.id,
                    "bom_id": bom.id,
                    "product_qty": 1 + (existing + i) % 3,
                    "company_id": company.id,
                    "picking_type_id": warehouse.manu_type_id.id,
                    # spread over the 8 weeks the load looks at
                    "date_start": fields.Datetime.now() + timedelta(hours=(existing + i) % 1000),
                }
                for i in range(count)
            ]
        )
        productions.action_confirm()
        benchdata.make_trouble(productions, coordinator)
        # (ranked here, not by a job: no job runner in the bench)
        productions.with_context(coordination_rerank_now=True)._coordination_refresh_priority()
        env.cr.commit()
        existing += count
        print(f"  {name}: {existing}/{size} MOs (ORM)", flush=True)
    if existing < size:
        benchdata.replicate(env.cr, company.id, size)
        cenv.invalidate_all()
        start = time.perf_counter()
        cenv["mrp.production"].search([("company_id", "=", company.id)]).with_context(
            coordination_defer_priority=False, coordination_rerank_now=True
        )._coordination_refresh_priority()
        env.cr.commit()
        print(f"  {name}: ranked in {time.perf_counter() - start:.1f} s", flush=True)
    return company, warehouse


# Probes -----------------------------------------------------------------------------------


class LockSampler(threading.Thread):
    """Samples, from its own connection, the locks one backend holds, every `interval` s."""

    def __init__(self, dbname, pid, interval=0.005):
        super().__init__(daemon=True)
        _dsn, info = sql_db.connection_info_for(dbname)
        self.conn = psycopg2.connect(**info)
        self.conn.autocommit = True
        self.pid = pid
        self.interval = interval
        self.stop = threading.Event()
        self.first_write_lock = None
        self.first_advisory = None
        self.modes = set()
        self.samples = 0

    def run(self):
        with self.conn.cursor() as cr:
            while not self.stop.is_set():
                cr.execute(
                    """SELECT l.locktype, coalesce(c.relname, ''), l.mode
                         FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
                        WHERE l.pid = %s AND l.granted
                          AND (l.locktype = 'advisory'
                               OR (c.relname = ANY(%s) AND l.mode <> 'AccessShareLock'))""",
                    [self.pid, list(LOCKED_TABLES)],
                )
                now = time.perf_counter()
                self.samples += 1
                for locktype, relname, mode in cr.fetchall():
                    if locktype == "advisory":
                        self.first_advisory = self.first_advisory or now
                    else:
                        self.first_write_lock = self.first_write_lock or now
                        self.modes.add(f"{relname}:{mode.replace('Lock', '')}")
                time.sleep(self.interval)
        self.conn.close()


def _vm(key):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def _fresh(env):
    env.cr.rollback()
    env.invalidate_all()  # cold record cache, as each request; the registry's caches stay warm


class FirstWrite:
    """The moment the cursor first sends an UPDATE (or SELECT ... FOR UPDATE): when a measure
    whose setup has already written rows starts locking rows of its own (pg_locks shows the
    setup's table locks from the start)."""

    def __init__(self, cr):
        self.cr, self.at = cr, None
        self.execute = cr.execute

    def __enter__(self):
        def execute(query, params=None, log_exceptions=True):
            text = str(getattr(query, "code", query)).upper()
            if self.at is None and (
                text.lstrip().startswith("UPDATE") or " FOR UPDATE" in text or "KEY UPDATE" in text
            ):
                self.at = time.perf_counter()
            return self.execute(query, params, log_exceptions)

        self.cr.execute = execute
        return self

    def __exit__(self, *exc):
        del self.cr.execute


def probe(env, func, setup=None):
    """One run of ``func`` in a fresh transaction (after ``setup``, not measured), rolled
    back: time, queries, peak RSS growth and locks."""
    _fresh(env)
    if setup:
        setup()
        env.cr.precommit.run()
        env.flush_all()
    env.cr.execute("SELECT pg_backend_pid()")
    sampler = LockSampler(env.cr.dbname, env.cr.fetchone()[0])
    rss_reset = _reset_peak_rss()
    rss = _vm("VmRSS")
    sampler.start()
    time.sleep(0.02)  # the first sample is taken
    queries = env.cr.sql_log_count
    with FirstWrite(env.cr) as first_write:
        start = time.perf_counter()
        func()
        env.cr.precommit.run()  # what the commit would do first (deferred refreshes)
        env.flush_all()
        end = time.perf_counter()
    time.sleep(0.01)  # a last sample before the rollback
    sampler.stop.set()
    sampler.join()
    first_lock = first_write.at if setup else sampler.first_write_lock
    row = {
        "seconds": round(end - start, 4),
        "queries": env.cr.sql_log_count - queries,
        "rss_mib": round((_vm("VmHWM") - rss) / 2**20, 1) if rss_reset else None,
        "lock_seconds": round(end - first_lock, 3) if first_lock else 0.0,
        "lock_tables": sorted(sampler.modes),
        "advisory_seconds": round(end - sampler.first_advisory, 3)
        if sampler.first_advisory
        else 0.0,
        "lock_samples": sampler.samples,
    }
    if setup:
        row["first_write_at"] = first_write.at  # (measure_rank_job's; not printed)
    env.cr.rollback()
    return row


def measure(env, label, size, func, setup=None):
    """Time, queries, peak RSS growth and locks in one run; tracemalloc peak in a second."""
    row = {"what": label, "mos": size, **probe(env, func, setup)}
    row.pop("first_write_at", None)
    if TRACEMALLOC:
        _fresh(env)
        if setup:
            setup()
            env.cr.precommit.run()
            env.flush_all()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        func()
        env.cr.precommit.run()
        env.flush_all()
        row["tracemalloc_mib"] = round((tracemalloc.get_traced_memory()[1] - base) / 2**20, 1)
        tracemalloc.stop()
    env.cr.rollback()
    print(f"  BENCH_ROW {json.dumps(row)}", flush=True)  # kept when a later size fails
    return row


def measure_rank_job(env, label, size, company, cenv):
    """The rerank job after an Expedite, as the job runner runs it: the MOs with netting
    requests netted and committed, then the ranks that moved written and committed by chunks of
    ``RANK_COMMIT_ROWS`` (``coordination.priority._rerank(commit_every=...)``). Rolled back here,
    so each chunk's commit is a timestamp: the lock a chunk holds is the time from its first
    UPDATE to its commit. Time, queries: the whole job; locks: the longest chunk."""
    from odoo.addons.production_coordination.models.coordination_priority_rank_job import (
        RANK_COMMIT_ROWS,
    )

    senv = env(user=SUPERUSER_ID, context=dict(env.context, allowed_company_ids=company.ids))
    priority = senv["coordination.priority"]
    marks = []

    def job():
        started = time.perf_counter()
        netted = priority._net_requested(company)
        marks.append((started, time.perf_counter(), netted))
        priority._rerank(
            company,
            commit_every=RANK_COMMIT_ROWS,
            on_chunk=lambda _cr: marks.append(time.perf_counter()),
        )

    def setup():
        # An Expedite (reranks) and a start date moved by an hour (a netting request), as a
        # user's write leaves them for the job.
        _expedite_middle(cenv, company)
        production = cenv["mrp.production"].search(
            [("company_id", "=", company.id), ("state", "=", "confirmed")], limit=1
        )
        production.date_start += timedelta(hours=1)
        env.cr.precommit.run()
        env.flush_all()

    row = probe(env, job, setup)
    first_write_at = row.pop("first_write_at")
    started, netted_at, netted = marks[0]
    # Each chunk: from the previous commit (or the netting's) to its own.
    bounds = [netted_at, *marks[1:]]
    chunks = [end - begin for begin, end in itertools.pairwise(bounds)]
    row.update(
        {
            "what": label,
            "mos": size,
            "netted": netted,
            # From the netting's first UPDATE to its commit (it reads first, then writes only
            # its MOs' scores and reservations to move).
            "net_seconds": round(netted_at - started, 3),
            "net_lock_seconds": round(netted_at - first_write_at, 3)
            if first_write_at and first_write_at < netted_at
            else 0.0,
            "chunks": len(chunks),
            "chunk_lock_seconds_max": round(max(chunks), 3) if chunks else 0.0,
        }
    )
    # The longest lock the job's transactions hold: the netting's commit or one chunk's.
    row["lock_seconds"] = max(row["net_lock_seconds"], row["chunk_lock_seconds_max"])
    print(f"  BENCH_ROW {json.dumps(row)}", flush=True)
    return row


def measure_chunks(env, label, size, company):
    """The scheduled priority refresh as queue_job jobs (``_cron_enqueue_priority_refresh``):
    the company's planning job (nets the components once, enqueues the chunks), each chunk of
    open MOs with its forecast, then the company's rerank, each in its own transaction as the
    job runner runs them (rolled back here: each job sees the data as generated). Time and
    queries: the sum; locks: the longest a job holds; memory: the largest job's."""
    from odoo.addons.production_coordination.models.mrp_production_priority_job import (
        PRIORITY_CHUNK_SIZE,
    )

    senv = env(user=SUPERUSER_ID, context=dict(env.context, allowed_company_ids=company.ids))
    Production = senv["mrp.production"]
    company = company.with_env(senv)
    plan = probe(env, company._coordination_plan_priority_refresh_job)
    # The forecast the planning job hands its chunks (computed again here, not measured).
    productions = Production.search(
        [("company_id", "=", company.id), ("state", "in", OPEN)], order="id"
    )
    forecast = senv["coordination.material.forecast"]._forecast_productions(productions)
    env.cr.rollback()
    ids = productions.ids
    chunks = [ids[i : i + PRIORITY_CHUNK_SIZE] for i in range(0, len(ids), PRIORITY_CHUNK_SIZE)]

    def run_chunk(chunk):
        Production.browse(chunk)._coordination_refresh_priority_job(
            forecast={str(production_id): forecast[production_id] for production_id in chunk}
        )

    rows = [probe(env, lambda chunk=chunk: run_chunk(chunk)) for chunk in chunks]
    rerank = probe(env, lambda: senv["coordination.priority"]._rerank_company_job(company))
    jobs = [plan, *rows, rerank]
    row = {
        "what": label,
        "mos": size,
        "seconds": round(sum(r["seconds"] for r in jobs), 4),
        "queries": sum(r["queries"] for r in jobs),
        "rss_mib": max((r["rss_mib"] or 0) for r in jobs),
        "lock_seconds": max(r["lock_seconds"] for r in jobs),
        "lock_tables": sorted({t for r in jobs for t in r["lock_tables"]}),
        "advisory_seconds": 0.0,
        "lock_samples": sum(r["lock_samples"] for r in jobs),
        "jobs": len(jobs),
        "plan_seconds": plan["seconds"],
        "plan_lock_seconds": plan["lock_seconds"],
        "chunk_seconds_max": max(r["seconds"] for r in rows),
        "chunk_seconds_sum": round(sum(r["seconds"] for r in rows), 4),
        "chunk_lock_seconds_max": max(r["lock_seconds"] for r in rows),
        "rerank_seconds": rerank["seconds"],
        "rerank_lock_seconds": rerank["lock_seconds"],
    }
    if TRACEMALLOC:
        peaks = []
        for func in (
            company._coordination_plan_priority_refresh_job,
            lambda: run_chunk(chunks[0]),
            lambda: senv["coordination.priority"]._rerank_company_job(company),
        ):
            _fresh(env)
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            func()
            peaks.append((tracemalloc.get_traced_memory()[1] - base) / 2**20)
            tracemalloc.stop()
            env.cr.rollback()
        row["tracemalloc_mib"] = round(max(peaks), 1)
    print(f"  BENCH_ROW {json.dumps(row)}", flush=True)
    return row


def _kanban_specification(env, model, view_type):
    Model = env[model]
    arch = Model.get_views([(False, view_type)])["views"][view_type]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        field = Model._fields.get(node.get("name"))
        if field:
            spec[field.name] = (
                {"fields": {"display_name": {}}}
                if field.type in ("many2one", "many2many", "one2many")
                else {}
            )
    return spec


def handoff_board(cenv, company):
    """The Handoff Board as the web client opens it: kanban grouped by department, "Active"."""
    Handoff = cenv["coordination.handoff"]
    domain = [("state", "in", ("ready", "in_progress", "blocked"))]
    spec = _kanban_specification(cenv, "coordination.handoff", "kanban")
    groups = Handoff.web_read_group(domain, ["department_id"], ["department_id"])["groups"]
    for group in groups:
        department = group["department_id"] and group["department_id"][0]
        Handoff.web_search_read(
            domain + [("department_id", "=", department)], spec, limit=40, order="sequence, id"
        )


PRIORITY_BOARD = {
    "coordination_rank": {},
    "name": {},
    "product_id": {"fields": {"display_name": {}}},
    "coordination_date_committed": {},
    "coordination_date_forecast": {},
    "coordination_slack_hours": {},
    "coordination_readiness": {},
    "coordination_route_summary": {},
    "coordination_current_state": {},
    "coordination_priority_score": {},
}


def _expedite_middle(cenv, company):
    """Expedite the open MO ranked in the middle of the company (the search is measured too:
    what the button costs, its record's read aside)."""
    Production = cenv["mrp.production"]
    count = Production.search_count([("company_id", "=", company.id), ("state", "in", OPEN)])
    production = Production.search(
        [
            ("company_id", "=", company.id),
            ("state", "in", OPEN),
            ("coordination_rank", ">=", count // 2),
            ("coordination_is_expedited", "=", False),
        ],
        order="coordination_rank",
        limit=1,
    )
    production._coordination_expedite("Bench: customer call")


class ReadyWorkorder:
    """A ready work order of an MO's first leg (found in the setup, not measured), started as
    the shop floor's Start button does (measured): Odoo's own start, the route, the MO's score
    and the netting request its rank job will net."""

    def __init__(self, cenv, company):
        self.cenv, self.company, self.workorder = cenv, company, None

    def find(self):
        self.cenv.cr.execute(
            """SELECT wo.id FROM coordination_handoff leg
                 JOIN mrp_workorder wo ON wo.coordination_handoff_id = leg.id
                WHERE leg.company_id = %s AND leg.state = 'ready'
                  AND wo.state IN ('ready', 'waiting', 'pending')
                  AND NOT EXISTS (SELECT 1 FROM coordination_handoff prev
                                   WHERE prev.production_id = leg.production_id
                                     AND prev.sequence < leg.sequence)
                LIMIT 1""",
            [self.company.id],
        )
        self.workorder = self.cenv["mrp.workorder"].browse(self.cenv.cr.fetchone()[0])

    def start(self):
        self.workorder.action_coordination_start()


def bench_size(env, size, coordinator):
    company, _warehouse = ensure_company(env, size, coordinator)
    context = dict(env.context, allowed_company_ids=company.ids)
    senv = env(user=SUPERUSER_ID, context=context)
    cenv = env(user=coordinator, context=context)
    filters = {"company_ids": company.ids}
    Production = senv["mrp.production"]
    ready = ReadyWorkorder(cenv, company)
    measures = [
        ("shortage scan", lambda: senv["coordination.material.scan"]._scan(company)),
        (
            # inline, as the scheduled action _cron_refresh_priorities: ranked at the end
            "priority refresh, all open MOs",
            lambda: Production.search([("company_id", "=", company.id), ("state", "in", OPEN)])
            .with_context(coordination_rerank_now=True)
            ._coordination_refresh_priority(),
        ),
        # Computed (the process's cache of figures emptied first), then read from that cache
        # (what the next coordinator opening the same dashboard gets while nothing changed).
        (
            "dashboard data call",
            lambda: (
                cenv["coordination.dashboard.cache"]._clear(),
                cenv["coordination.dashboard"].get_dashboard_data(filters),
            ),
        ),
        (
            "dashboard data call, cached",
            lambda: cenv["coordination.dashboard"].get_dashboard_data(filters),
        ),
        ("handoff board (kanban)", lambda: handoff_board(cenv, company)),
        (
            "priority board, first 80 rows",
            lambda: cenv["mrp.production"].web_search_read(
                [("state", "in", ("confirmed", "progress", "to_close"))],
                PRIORITY_BOARD,
                limit=80,
                order="coordination_rank, id",
            ),
        ),
        (
            "XLSX status report",
            lambda: cenv["coordination.status.report"]._build_xlsx(filters),
        ),
        ("load refresh", lambda: senv["coordination.workcenter.load"]._refresh(company)),
        # One user's write that changes one MO's priority: its refresh, and the company's
        # rerank it enqueues (the job, measured apart: what the job runner then runs).
        ("expedite one MO (coordinator)", lambda: _expedite_middle(cenv, company)),
    ]
    # (label, func, setup): measured after the setup, in the same transaction.
    after = [
        (
            "rerank job after an Expedite",
            lambda: senv["coordination.priority"]._rerank_company_job(company),
            lambda: _expedite_middle(cenv, company),
        ),
        ("start a work order (shop floor)", ready.start, ready.find),
    ]
    cenv["coordination.dashboard"].get_dashboard_data(filters)  # registry caches (views, rules)
    env.cr.rollback()
    only = os.environ.get("BENCH_MEASURES")

    def wanted(label):
        return not only or any(word in label for word in only.split(","))

    rows = [measure(env, label, size, func) for label, func in measures if wanted(label)]
    rows += [
        measure(env, label, size, func, setup) for label, func, setup in after if wanted(label)
    ]
    if wanted("rerank job as the runner"):
        rows.append(measure_rank_job(env, "rerank job as the runner (chunks)", size, company, cenv))
    if wanted("priority refresh as jobs"):
        rows.append(measure_chunks(env, "priority refresh as jobs (chunks)", size, company))
    return rows


def growth(values, sizes):
    """Exponent of the log-log slope from the smallest to the largest size, and its word."""
    (n1, v1), (n2, v2) = (sizes[0], values[0]), (sizes[-1], values[-1])
    if n1 == n2 or not v1 or not v2:
        return None, "flat" if not v2 else "n/a"
    slope = math.log(v2 / v1) / math.log(n2 / n1)
    word = (
        "flat"
        if slope < 0.2
        else "sublinear"
        if slope < 0.8
        else "linear"
        if slope <= 1.2
        else "WORSE than linear"
    )
    return round(slope, 2), word


def main(env):
    coordinator = ensure_coordinator(env)
    env.cr.commit()
    results = []
    for size in SIZES:
        results.extend(bench_size(env, size, coordinator))
    print()
    header = (
        f"{'measure':<32} {'MOs':>7} {'seconds':>8} {'queries':>7} {'tracemalloc':>11} "
        f"{'RSS+':>6} {'lock s':>7}  locked"
    )
    print(header)
    for row in results:
        print(
            f"{row['what']:<32} {row['mos']:>7} {row['seconds']:>8.3f} {row['queries']:>7} "
            f"{row.get('tracemalloc_mib', '-'):>11} {row['rss_mib']!s:>6} "
            f"{row['lock_seconds']:>7.3f}  {', '.join(row['lock_tables']) or '-'}"
        )
    print()
    verdicts = {}
    for label in dict.fromkeys(row["what"] for row in results):
        rows = sorted((r for r in results if r["what"] == label), key=lambda r: r["mos"])
        sizes = [r["mos"] for r in rows]
        if len(sizes) < 2:
            continue
        verdicts[label] = {}
        parts = []
        for key in ("seconds", "queries", "tracemalloc_mib", "lock_seconds"):
            if key not in rows[0]:
                continue
            slope, word = growth([r[key] for r in rows], sizes)
            verdicts[label][key] = [slope, word]
            parts.append(f"{key} {word}" + (f" ({slope})" if slope is not None else ""))
        print(f"{label}, {sizes[0]} -> {sizes[-1]} MOs: " + "; ".join(parts))
    print("BENCH_JSON " + json.dumps({"results": results, "growth": verdicts}))


main(env)  # noqa: F821
