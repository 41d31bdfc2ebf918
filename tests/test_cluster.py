"""A cluster on this machine: two Odoo servers (``--workers=2`` each, cron worker and job runner
included) on one PostgreSQL database, queue_job loaded server-wide in both, and a round-robin
load balancer in front of them (`RoundRobinProxy`, a TCP proxy on 127.0.0.1), as a company that
has outgrown one Odoo server runs it. The database is a copy of the demo test database.

What queue_job 18.0.1.7.0 (the version that loads on this Odoo source) does there, read in its
code (``jobrunner/runner.py``, ``controllers/main.py``, ``models/queue_job.py``) and shown here:

- Both servers start a job runner; one wins the database's advisory lock
  (``pg_try_advisory_lock(2293787760715711918)``) and dispatches every job of the database, the
  other tries again every 5 s (it takes over when the winner's session ends).
- The runner asks Odoo to run a job with ``GET /queue_job/runjob?db=…&job_uuid=…`` on
  ``[queue_job] host``/``port``, here the load balancer: jobs run on both servers. ``runjob``
  runs a job only if it is ``enqueued`` (row locked, set ``started``, committed), so one
  dispatch runs a job at most once; the job's own work is one transaction.
- A server killed while it runs a job leaves the job ``started``: nothing in 18.0.1.7.0 tells a
  dead job from a running one (later releases check a lock the running job holds). Its "Jobs
  Garbage Collector" scheduled action (``queue.job.requeue_stuck_jobs``, every 5 minutes)
  requeues ``enqueued`` jobs after 5 minutes, and ``started`` ones only when its code says
  after how many minutes (``started_delta``; 0 by default: never). The operator sets it above
  ``limit_time_real``: by then Odoo has killed any worker still on the job, so the job is dead.
  Here ``--limit-time-real=25`` and 0.5 minute.

Run alone: ``make test-cluster`` (a copy of ``TEST_DB``, by default ``make run``'s demo
database); ``make test`` runs it first among the top-level tests, on its demo test database
(copying a database needs nobody connected to it).
"""

import json
import os
import re
import selectors
import shutil
import signal
import socket
import socketserver
import subprocess
import threading
import time
from contextlib import closing

import psycopg2
import pytest
import requests
from conftest import (
    DB,
    LOG_DIR,
    QUEUE_JOB_CHANNELS,
    Rpc,
    _free_port,
    db_params,
    odoo_command,
    stop_odoo,
    unexpected_log_lines,
    wait_for_odoo,
)

pytestmark = pytest.mark.copies_test_db

CLUSTER_DB = f"{DB}_cluster"
# The longest an HTTP worker may work on one request (a job) before its server kills it.
LIMIT_TIME_REAL = 25
# The operator's configuration of queue_job's "Jobs Garbage Collector": a job started longer
# ago than STARTED_DELTA minutes is dead (STARTED_DELTA * 60 > LIMIT_TIME_REAL) and requeued.
STARTED_DELTA = 0.5
REQUEUE_CODE = f"model.requeue_stuck_jobs(enqueued_delta=5, started_delta={STARTED_DELTA})"
# Bounds each wait for the cluster (a loaded CI machine is slow); no performance threshold.
WAIT_SECONDS = 120
RUNNER_READY = f"queue job runner ready for db {CLUSTER_DB}"
COLLECTOR_LINE = "Job 'Jobs Garbage Collector' ("
RUNJOB_LINE = re.compile(r'"GET /queue_job/runjob\?db=[^&\s]+&job_uuid=([0-9a-f-]+) HTTP')
# queue_job's guard against running a job twice, the only WARNING lines the servers may log:
# the runner's request timed out (1 s) before a worker took the job, so the runner set it back to
# "pending" and will send it again; the worker that gets the first request then refuses it.
# Possible on a loaded machine; each refused request is counted (`refused`).
REFUSED = "was requested to run job"
QUEUE_JOB_GUARD = (
    ("WARNING", "odoo.addons.queue_job.controllers.main"),
    ("WARNING", "odoo.addons.queue_job.jobrunner.runner"),
)
# queue_job's advisory lock: the runner that holds it on a database dispatches its jobs.
RUNNER_LOCK_ID = 2293787760715711918
# Scan Now presses of the first test (each makes a job per company).
SCAN_ROUNDS = 2


def wait_until(what, check, timeout=WAIT_SECONDS):
    """`check()`'s first true value, polled; fails naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.3)


def sql(query, args=(), database=CLUSTER_DB):
    """Rows of `query`, in a connection and transaction of its own (what is committed)."""
    with closing(psycopg2.connect(dbname=database, **db_params())) as conn, conn.cursor() as cr:
        cr.execute(query, args)
        rows = cr.fetchall() if cr.description else []
        conn.commit()
        return rows


def job_row(uuid):
    [row] = sql(
        "SELECT state, retry, worker_pid, date_started, result FROM queue_job WHERE uuid = %s",
        [uuid],
    )
    return dict(zip(["state", "retry", "worker_pid", "date_started", "result"], row, strict=True))


def tasks_of(product_id):
    """The low-stock tasks of the product, archived and closed ones included."""
    return [
        row[0]
        for row in sql(
            "SELECT id FROM project_task WHERE coordination_product_id = %s", [product_id]
        )
    ]


class RoundRobinProxy(socketserver.ThreadingTCPServer):
    """The deployment's load balancer: each connection goes to the next server in turn (to the
    one after when that one refuses it, as a load balancer's health check would); it records
    the request line of each connection and the server it went to (`routed`)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, backends):
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.backends = backends
        self.turn = 0
        self.routed = []  # [(backend index, request line)]
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def connect(self):
        """(index, socket) of the next backend in turn that accepts a connection, or None."""
        with self.lock:
            first = self.turn
            self.turn = (self.turn + 1) % len(self.backends)
        for step in range(len(self.backends)):
            index = (first + step) % len(self.backends)
            try:
                return index, socket.create_connection(self.backends[index], timeout=5)
            except OSError:
                continue
        return None

    def send_next_to(self, index):
        """Pass health checks through until the next connection goes to backend `index`."""
        while self.turn != index:
            requests.get(f"{self.url}/web/health", timeout=30).raise_for_status()

    def runs(self, uuid):
        """The backends the runjob requests of this job went to, in order."""
        return [index for index, line in self.routed if f"job_uuid={uuid} " in line]

    def close(self):
        self.shutdown()
        self.server_close()


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        client, proxy = self.request, self.server
        try:
            head = b""
            while b"\r\n" not in head:
                chunk = client.recv(65536)
                if not chunk:
                    return
                head += chunk
            target = proxy.connect()
            if target is None:
                return  # no server up: the client sees the connection closed
            index, upstream = target
            with proxy.lock:
                proxy.routed.append((index, head.split(b"\r\n", 1)[0].decode("latin-1")))
            with upstream, selectors.DefaultSelector() as selector:
                upstream.settimeout(None)
                upstream.sendall(head)
                selector.register(client, selectors.EVENT_READ, upstream)
                selector.register(upstream, selectors.EVENT_READ, client)
                while True:
                    for key, _mask in selector.select():
                        data = key.fileobj.recv(65536)
                        if not data:  # either side closed: close both
                            return
                        key.data.sendall(data)
        except OSError:
            return


class Server:
    """One Odoo server of the cluster."""

    def __init__(self, name, index):
        self.name, self.index = name, index
        self.port, self.gevent_port = _free_port(), _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = LOG_DIR / f"pytest-cluster-{name}.log"
        self.log.unlink(missing_ok=True)
        self.process = None
        self._rpc = {}

    def start(self, config, data_dir, env):
        command = odoo_command(
            config,
            self.log,
            "--workers=2",
            "--max-cron-threads=1",
            f"--limit-time-real={LIMIT_TIME_REAL}",
            # The cron worker sleeps up to 70 s between rounds: its own limit (Odoo's default).
            "--limit-time-real-cron=120",
            f"--http-port={self.port}",
            f"--gevent-port={self.gevent_port}",
            f"--data-dir={data_dir}",
            database=CLUSTER_DB,
        )
        self.process = subprocess.Popen(command, start_new_session=True, env=env)

    def rpc(self, login):
        """A JSON-RPC client logged in on this server (password = login, as in the demo)."""
        if login not in self._rpc:
            self._rpc[login] = Rpc(self.url, login, login, db=CLUSTER_DB)
        return self._rpc[login]

    def text(self):
        return self.log.read_text(errors="replace")

    def runjobs(self):
        """The uuids of the jobs the runner asked this server to run (its access log)."""
        return RUNJOB_LINE.findall(self.text())

    def leads(self):
        """How many times this server's runner won the election (it logs it each time)."""
        return self.text().count(RUNNER_READY)

    def owns(self, pid):
        """Whether process `pid` is one of this server's (master, workers: one process group)."""
        try:
            return os.getpgid(pid) == self.process.pid
        except ProcessLookupError:
            return False


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@pytest.fixture(scope="module")
def cluster_db():
    """A copy of the test database for the cluster (with its filestore), dropped at the end;
    no job in it, every scheduled action off but queue_job's "Jobs Garbage Collector"."""
    data_dir = LOG_DIR / "cluster-data"
    shutil.rmtree(data_dir, ignore_errors=True)
    with closing(psycopg2.connect(dbname="postgres", **db_params())) as conn:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{CLUSTER_DB}" WITH (FORCE)')
            try:
                cr.execute(f'CREATE DATABASE "{CLUSTER_DB}" TEMPLATE "{DB}"')
            except psycopg2.errors.ObjectInUse as error:
                pytest.fail(f"cannot copy {DB}: stop what is connected to it ({error})")
    filestore = os.environ.get("PC_DATA_DIR", os.path.expanduser("~/.local/share/Odoo"))
    source = os.path.join(filestore, "filestore", DB)
    if os.path.isdir(source):  # files are never changed in place: links are a copy
        shutil.copytree(source, data_dir / "filestore" / CLUSTER_DB, copy_function=_link_or_copy)
    data_dir.mkdir(parents=True, exist_ok=True)
    # Its next call an hour away: the test brings it forward when it wants it (a call of the
    # cron worker's own meanwhile would lock the scheduled action against that change). No job
    # of the source database (left by another run) waits in the copy: the jobs are the test's.
    sql("DELETE FROM queue_job")
    sql(
        """
        UPDATE ir_cron SET active = (id = collector.res_id),
                           nextcall = now() AT TIME ZONE 'UTC' + interval '1 hour'
          FROM (SELECT res_id FROM ir_model_data
                 WHERE module = 'queue_job' AND name = 'ir_cron_queue_job_garbage_collector'
               ) AS collector
        """
    )
    try:
        yield data_dir
    finally:
        with closing(psycopg2.connect(dbname="postgres", **db_params())) as conn:
            conn.autocommit = True
            with conn.cursor() as cr:
                cr.execute(f'DROP DATABASE IF EXISTS "{CLUSTER_DB}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(cluster_db):
    """Servers a and b behind the load balancer, their runners dispatching through it. Both
    are stopped at the end whatever happened (a server that never answered included); then
    neither may have logged a WARNING or an ERROR."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    servers = [Server("a", 0), Server("b", 1)]
    proxy = RoundRobinProxy([("127.0.0.1", server.port) for server in servers])
    config = LOG_DIR / "pytest-cluster.conf"
    config.write_text(
        "[options]\n\n[queue_job]\n"
        f"channels = {QUEUE_JOB_CHANNELS}\nscheme = http\nhost = 127.0.0.1\n"
        f"port = {proxy.server_address[1]}\n"
    )
    # The configuration file says where the runners dispatch (no ODOO_QUEUE_JOB_* overrides);
    # a change of a scheduled action's next call wakes the cron workers (Odoo's own switch).
    env = {key: value for key, value in os.environ.items() if not key.startswith("ODOO_QUEUE")}
    env["ODOO_NOTIFY_CRON_CHANGES"] = "1"
    try:
        for server in servers:
            server.start(config, cluster_db, env)
        for server in servers:
            wait_for_odoo(server.process, server.url, server.log)
        # The operator's configuration of queue_job's collector (Settings > Technical >
        # Scheduled Actions): requeue the jobs started more than STARTED_DELTA minutes ago.
        admin = servers[0].rpc("admin")
        cron_id = admin.ref("queue_job.ir_cron_queue_job_garbage_collector")
        admin("ir.cron", "write", [cron_id], {"code": REQUEUE_CODE})
        # The demo coordinator coordinates both plants: Scan Now makes one job per company.
        company_ids = [
            company_id for (company_id,) in sql("SELECT id FROM res_company ORDER BY id")
        ]
        coordinator = servers[0].rpc("coordinator")
        admin("res.users", "write", [coordinator.uid], {"company_ids": [(6, 0, company_ids)]})
        yield {"servers": servers, "proxy": proxy, "company_ids": company_ids}
    finally:
        for server in servers:
            if server.process is not None:
                stop_odoo(server.process)
        proxy.close()
    for server in servers:
        bad = unexpected_log_lines(server.log, expected=QUEUE_JOB_GUARD)
        assert not bad, f"ERROR/WARNING lines in {server.log}:\n" + "\n".join(bad[:20])


def served(servers, uuid):
    """The servers whose access log has the runjob request of the job (Odoo logs it once the
    job's transaction has committed and the response is sent: shortly after the job is done)."""
    return wait_until(
        f"the access log line of job {uuid}",
        lambda: [server for server in servers if uuid in server.runjobs()],
    )


def refused(servers, uuid):
    """How many runjob requests of the job the servers refused (queue_job's guard: the job was
    no longer "enqueued")."""
    return sum(server.text().count(f"{REFUSED} {uuid},") for server in servers)


def leader(servers):
    """The server whose runner dispatches now: the last one that won the election and runs."""
    alive = [server for server in servers if server.process.poll() is None and server.leads()]
    return alive[0] if len(alive) == 1 else None


def runner_locks():
    """Sessions holding queue_job's runner lock on the cluster database."""
    [(count,)] = sql(
        """
        SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE l.locktype = 'advisory' AND l.granted AND d.datname = %s
           AND ((l.classid::bigint << 32) | l.objid::bigint) = %s
        """,
        [CLUSTER_DB, RUNNER_LOCK_ID],
    )
    return count


def make_shortage(admin, company_id, name):
    """A new product under its reordering rule's minimum in the company's first warehouse: the
    next scan of the company makes one low-stock task for it."""
    [(warehouse_id, location_id)] = sql(
        "SELECT id, lot_stock_id FROM stock_warehouse WHERE company_id = %s ORDER BY id LIMIT 1",
        [company_id],
    )
    product_id = admin(
        "product.product", "create", {"name": name, "type": "consu", "is_storable": True}
    )
    admin(
        "stock.warehouse.orderpoint",
        "create",
        {
            "company_id": company_id,
            "product_id": product_id,
            "warehouse_id": warehouse_id,
            "location_id": location_id,
            "product_min_qty": 10,
            "product_max_qty": 20,
            "trigger": "manual",
        },
    )
    return product_id


def company_of(user):
    [row] = user("res.users", "read", [user.uid], ["company_id"])
    return row["company_id"][0]


def scan_now(coordinator, company_ids):
    """The coordinator presses Scan Now (as the list's button sends it) in these companies:
    {company id: uuids of its new scan jobs in the order they run: one low-stock job per
    warehouse, then the company's delivery-risk job once they are done}."""
    [(last,)] = sql("SELECT coalesce(max(id), 0) FROM queue_job")
    coordinator(
        "project.task",
        "action_coordination_scan_shortages",
        [],
        context={"allowed_company_ids": list(company_ids)},
    )
    rows = sql(
        "SELECT uuid, method_name, identity_key, args FROM queue_job WHERE id > %s ORDER BY id",
        [last],
    )
    warehouse_jobs, risk_jobs = {company_id: [] for company_id in company_ids}, {}
    for uuid, method, key, args in rows:
        if method == "_scan_company_risks_job":
            risk_jobs[int(key.rsplit("_", 1)[1])] = uuid
        else:
            assert method == "_scan_warehouse_job", rows
            company, _warehouse = json.loads(args) if isinstance(args, str) else args
            warehouse_jobs[company["ids"][0]].append(uuid)
    assert sorted(risk_jobs) == sorted(company_ids) and all(warehouse_jobs.values()), rows
    return {
        company_id: [*warehouse_jobs[company_id], risk_jobs[company_id]]
        for company_id in company_ids
    }


def now_utc():
    [(now,)] = sql("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')")
    return now


def wait_done(uuid):
    job = wait_until(
        f"job {uuid} to end",
        lambda: (row := job_row(uuid))["state"] in ("done", "failed") and row,
    )
    assert job["state"] == "done", job
    return job


def test_one_runner_dispatches_jobs_to_both_servers_and_each_runs_once(cluster):
    servers, proxy = cluster["servers"], cluster["proxy"]
    # One runner wins the election; the other keeps trying (every 5 s) and never leads.
    first = wait_until("a runner to lead", lambda: leader(servers))
    assert runner_locks() == 1
    company_ids = cluster["company_ids"]
    admin, coordinator = servers[0].rpc("admin"), servers[0].rpc("coordinator")

    jobs = {}
    for number in range(SCAN_ROUNDS):
        products = {
            company_id: make_shortage(admin, company_id, f"Cluster part {number}")
            for company_id in company_ids
        }
        for company_id, uuids in scan_now(coordinator, company_ids).items():
            for uuid in uuids:
                jobs[uuid] = (wait_done(uuid), products[company_id])
    # At least a low-stock job and a delivery-risk job per company and round.
    assert len(jobs) >= SCAN_ROUNDS * len(company_ids) * 2 >= 2 * len(servers)

    ran_on = {}
    for uuid, (job, product_id) in jobs.items():
        # Once: a worker of one server ran it (started once: retry 1) and it made its task
        # once. Every runjob request of the job but the one that ran it was refused.
        [where] = [server for server in servers if server.owns(job["worker_pid"])]
        assert where in served(servers, uuid)
        assert job["retry"] == 1
        assert len(tasks_of(product_id)) == 1
        requests_ = sum(server.runjobs().count(uuid) for server in servers)
        assert requests_ == 1 + refused(servers, uuid) == len(proxy.runs(uuid)), proxy.routed
        assert where.index in proxy.runs(uuid)
        ran_on.setdefault(where.name, []).append(uuid)
    # Both servers ran jobs, sent by the load balancer; one runner dispatched them all, the
    # same as at the start.
    assert sorted(ran_on) == ["a", "b"], ran_on
    assert leader(servers) is first and first.leads() == 1 and runner_locks() == 1


def low_stock_tasks():
    """What the scan keeps of the low-stock tasks, and when each was last written."""
    return sql(
        """
        SELECT id, coordination_product_id, coordination_warehouse_id, active, stage_id,
               coordination_shortage_qty, coordination_date_need, write_date
          FROM project_task
         WHERE coordination_product_id IS NOT NULL
         ORDER BY id
        """
    )


def test_killing_the_server_that_runs_a_job_loses_nothing(cluster):
    servers, proxy = cluster["servers"], cluster["proxy"]
    # The server to kill runs the job and the runner that leads: both must be taken over.
    victim = wait_until("a runner to lead", lambda: leader(servers))
    [survivor] = [server for server in servers if server is not victim]
    admin, coordinator = survivor.rpc("admin"), survivor.rpc("coordinator")
    company_id = company_of(coordinator)
    [other_company_id] = [c for c in cluster["company_ids"] if c != company_id]
    product_id = make_shortage(admin, company_id, "Cluster part, killed")
    other_product_id = make_shortage(admin, other_company_id, "Cluster part, waiting")
    proxy.send_next_to(victim.index)

    with closing(psycopg2.connect(dbname=CLUSTER_DB, **db_params())) as holder:
        cr = holder.cursor()
        # The test holds the tasks' table (reads go on, writes wait): the job, running, waits
        # at its first write, as long as the test wants.
        cr.execute("LOCK TABLE project_task IN SHARE MODE")
        cr.execute("SELECT pg_backend_pid()")
        [(holder_pid,)] = cr.fetchall()
        [company_jobs] = scan_now(coordinator, [company_id]).values()
        waiting = wait_until(
            "the job to wait for the tasks' table",
            lambda: sql(
                "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
                [holder_pid],
            ),
        )
        # The job that runs (the scan channel runs one at a time): a low-stock job.
        [uuid] = [job for job in company_jobs if job_row(job)["state"] == "started"]
        running = job_row(uuid)
        assert running["state"] == "started"
        assert victim.owns(running["worker_pid"]), running
        assert proxy.runs(uuid) == [victim.index]
        # kill -9 the whole server: master, HTTP workers (the job's too), cron worker, runner.
        os.killpg(victim.process.pid, signal.SIGKILL)
        victim.process.wait()
        holder.rollback()

    # PostgreSQL ends the dead worker's session at its next statement: rolled back.
    orphans = [pid for (pid,) in waiting]
    wait_until(
        "the killed job's transaction to end",
        lambda: not sql("SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", [orphans]),
    )
    # The other runner wins the election (its session-level lock went with the killed runner).
    wait_until("the other runner to take over", lambda: leader(servers) is survivor)
    assert runner_locks() == 1
    # Nothing in queue_job 18.0.1.7.0 sees that the job died: it stays "started", nobody runs
    # it again meanwhile, and it wrote nothing.
    job = job_row(uuid)
    assert (job["state"], job["worker_pid"]) == ("started", running["worker_pid"])
    assert uuid not in survivor.runjobs()
    assert tasks_of(product_id) == []
    # Meanwhile it holds its channel: the other company's scan, pressed now, waits.
    [waiting_jobs] = scan_now(coordinator, [other_company_id]).values()

    # The "Jobs Garbage Collector" (every 5 minutes, as the operator configured it: see the
    # cluster fixture) requeues it once it is older than STARTED_DELTA; its next call is
    # brought forward instead of waited for.
    wait_until(
        "the job to be older than the collector's started_delta",
        lambda: sql(
            "SELECT now() AT TIME ZONE 'UTC' >= date_started + %s * interval '1 minute' "
            "FROM queue_job WHERE uuid = %s",
            [STARTED_DELTA, uuid],
        )[0][0],
    )
    assert {job_row(job)["state"] for job in waiting_jobs} <= {"pending", "wait_dependencies"}
    assert tasks_of(other_product_id) == []
    cron_id = admin.ref("queue_job.ir_cron_queue_job_garbage_collector")
    collector_runs = survivor.text().count(COLLECTOR_LINE)
    # The collector runs every 5 minutes: its next calls are brought forward (every 10 s)
    # until it has requeued the job (a call a moment too early finds it not old enough yet).
    wait_until(
        "the collector to requeue the job",
        lambda: (
            job_row(uuid)["state"] != "started"
            or admin("ir.cron", "write", [cron_id], {"nextcall": now_utc()})
            and time.sleep(10)
        ),
    )
    job = wait_done(uuid)
    # The survivor's cron worker ran the collector; the job went back to "pending", the runner
    # dispatched it through the load balancer (which left the dead server out), and the
    # surviving server ran it to the end: once more in all, the first run died uncommitted
    # (the killed server never answered its request).
    assert survivor.text().count(COLLECTOR_LINE) > collector_runs
    assert survivor.owns(job["worker_pid"]), job
    assert job["date_started"] > running["date_started"]
    assert served(servers, uuid) == [survivor]
    assert survivor.runjobs().count(uuid) == 1 + refused(servers, uuid)
    assert victim.runjobs().count(uuid) == 0
    assert proxy.runs(uuid)[0] == victim.index and proxy.runs(uuid)[-1] == survivor.index
    assert len(tasks_of(product_id)) == 1
    # The rest of the killed scan (its delivery-risk job) and the scan that waited run too,
    # each job once, on the survivor.
    for other in [job for job in company_jobs if job != uuid] + waiting_jobs:
        waited = wait_done(other)
        assert survivor.owns(waited["worker_pid"])
        assert served(servers, other) == [survivor] and waited["retry"] == 1
    assert len(tasks_of(other_product_id)) == 1

    # Consistent: one task per product and warehouse, and the scheduled action's inline scan
    # (``_cron_scan_shortages``, run now on the same data: every company) finds nothing to
    # create or change.
    assert not sql(
        """
        SELECT coordination_product_id, coordination_warehouse_id FROM project_task
         WHERE coordination_product_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1
        """
    )
    before = low_stock_tasks()
    [model_id] = admin("ir.model", "search", [("model", "=", "project.task")])
    action_id = admin(
        "ir.actions.server",
        "create",
        {
            "name": "Shortage scan, inline (cluster test)",
            "model_id": model_id,
            "state": "code",
            "code": "env['coordination.material.scan']._cron_scan_shortages()",
        },
    )
    admin("ir.actions.server", "run", [action_id])
    assert low_stock_tasks() == before
