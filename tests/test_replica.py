"""Read replica: Odoo with ``--db_replica_host/--db_replica_port`` on a real streaming replica of
the embedded cluster (scripts/replica.sh: ``pg_basebackup -R``, its own port, every statement
logged). The calls marked ``@api.readonly`` (the dashboard's data, the XLSX status report) and
Odoo's own read calls of the boards are served by the replica; writes go to the primary and
reach the replica by streaming. Run alone: ``make test-replica``.
"""

import json
import os
import pathlib
import re
import signal
import subprocess
import time
import uuid

import checklog
import pytest
import requests
from conftest import DB, LOG_DIR, ODOO_SRC, PYTHON, ROOT, Rpc, _db_args, _default_socket, _free_port

REPLICA_SH = ROOT / "scripts" / "replica.sh"
DB_PORT = os.environ.get("PC_DB_PORT", "54329")
EMBEDDED = os.environ.get("PC_DB_HOST", str(_default_socket())) == str(_default_socket())

pytestmark = pytest.mark.skipif(
    not EMBEDDED, reason="the replica is made from the embedded cluster only (DB_HOST is set)"
)


def _replica_sh(*args):
    env = dict(os.environ, PG_PORT_EMBEDDED=DB_PORT)
    return subprocess.run(
        ["bash", str(REPLICA_SH), *args], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def replica():
    """A fresh replica of the cluster as it is now (the test database included); removed at the
    end with its replication slot."""
    _replica_sh("remove")
    _replica_sh("start")
    info = {
        "socket": _replica_sh("socket"),
        "port": _replica_sh("port"),
        "log": pathlib.Path(_replica_sh("log")),
    }
    yield info
    _replica_sh("remove")


@pytest.fixture(scope="module")
def server(replica):
    """Odoo with 2 HTTP workers, its read-only cursors on the replica."""
    port = _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / "pytest-replica-server.log"
    log.unlink(missing_ok=True)
    command = [
        PYTHON,
        str(ODOO_SRC / "odoo-bin"),
        f"--addons-path={ODOO_SRC / 'odoo' / 'addons'},{ODOO_SRC / 'addons'},{ROOT}",
        *_db_args(),
        f"--db_replica_host={replica['socket']}",
        f"--db_replica_port={replica['port']}",
        f"--database={DB}",
        f"--db-filter=^{DB}$",
        "--workers=2",
        "--max-cron-threads=0",
        f"--http-port={port}",
        f"--gevent-port={_free_port()}",
        "--http-interface=127.0.0.1",
        f"--logfile={log}",
        "--log-level=info",
    ]
    process = subprocess.Popen(command, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, f"Odoo exited with {process.returncode}; see {log}"
            try:
                if requests.get(f"{url}/web/health", timeout=30).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # still starting
                pass
            assert time.monotonic() < deadline, f"Odoo did not answer on {url}; see {log}"
            time.sleep(0.5)
        yield {"url": url, "log": log}
    finally:  # also when it did not start: never leave a server behind
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    # No warning at all: a write on the replica would log "..., retrying with a read/write
    # cursor" (odoo.http WARNING) and a replica Odoo cannot reach "Failed to open a readonly
    # cursor" (odoo.modules.registry WARNING).
    _result, _skipped, bad, _reports = checklog.check(str(log))
    assert not bad, "unexpected ERROR/WARNING lines in the server log:\n" + "\n".join(bad[:20])


class Replica:
    """The statements the replica ran for the test database since the last `take()` (its log
    has them all: ``log_statement = 'all'``)."""

    def __init__(self, info):
        self.log = info["log"]
        self.offset = self.log.stat().st_size

    def take(self):
        with self.log.open("rb") as file:
            file.seek(self.offset)
            text = file.read().decode(errors="replace")
        self.offset += len(text.encode())
        # A statement runs to the next log line (raw SQL spans several lines).
        return re.findall(
            rf"@{re.escape(DB)} LOG:  statement: (.*?)(?=\n\d{{4}}-\d\d-\d\d |\Z)", text, re.S
        )


def _primary(sql):
    return subprocess.run(
        [
            "psql",
            "-h",
            os.environ.get("PC_DB_HOST") or str(_default_socket()),
            "-p",
            DB_PORT,
            "-U",
            os.environ.get("PC_DB_USER", "odoo"),
            "-d",
            DB,
            "-qtAX",
            "-c",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


class WebSession:
    """A browser's session: ``/web/dataset/call_kw``, the route that honours ``@api.readonly``
    (``/jsonrpc``'s execute_kw always takes the primary)."""

    def __init__(self, url, login, password):
        self.url, self.login = url, login
        self.http = requests.Session()
        result = self._json("/web/session/authenticate", db=DB, login=login, password=password)
        assert result["uid"], f"login refused for {login}"

    def _json(self, path, **params):
        response = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        assert "error" not in body, body.get("error")
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self._json(
            f"/web/dataset/call_kw/{model}/{method}",
            model=model,
            method=method,
            args=list(args),
            kwargs=kwargs,
        )


@pytest.fixture(scope="module")
def coordinator(server, replica):
    admin = Rpc(server["url"], "admin", "admin")
    login = f"pytest-replica-{uuid.uuid4().hex[:8]}"
    groups = [
        admin.ref("production_coordination.group_coordination_manager"),
        admin.ref("mrp.group_mrp_user"),
    ]
    admin(
        "res.users",
        "create",
        {"name": login, "login": login, "password": login, "groups_id": [(6, 0, groups)]},
        context={"no_reset_password": True},
    )
    _replica_sh("sync")  # the user exists on the replica too
    return WebSession(server["url"], login, login), Rpc(server["url"], login, login)


def _touches(statements, table):
    return [s for s in statements if re.search(rf'\b"?{table}"?\b', s)]


def test_readonly_calls_are_served_by_the_replica(server, replica, coordinator):
    web, rpc = coordinator
    replica_log = Replica(replica)

    # The dashboard's data call (@api.readonly), as the web client makes it: the replica.
    data = web.call("coordination.dashboard", "get_dashboard_data", filters={})
    assert data["tiles"]
    dashboard = replica_log.take()
    figures = {"get_dashboard_data": len(dashboard)}
    assert _touches(dashboard, "coordination_handoff"), dashboard[-20:]
    assert _touches(dashboard, "mrp_production"), dashboard[-20:]

    # The XLSX status report (report_xlsx's /report/xlsx/..., web's read-only report route):
    # the replica.
    options = json.dumps({"filters": data["filters"]})
    response = web.http.get(
        f"{server['url']}/report/xlsx/production_coordination.status_report_xlsx",
        params={"options": options},
        timeout=120,
    )
    assert response.status_code == 200, response.text[:500]
    assert response.content[:2] == b"PK"
    xlsx = replica_log.take()
    figures["status_report.xlsx"] = len(xlsx)
    assert _touches(xlsx, "coordination_workcenter_load")

    # A board: the priority list, read by Odoo's web_search_read (read-only): the replica.
    rows = web.call(
        "mrp.production",
        "web_search_read",
        [("state", "in", ["confirmed", "progress", "to_close"])],
        {"name": {}, "coordination_rank": {}, "coordination_delay_label": {}},
        limit=80,
        order="coordination_rank, id",
    )
    assert rows["length"] > 0
    board = replica_log.take()
    figures["web_search_read (priority board)"] = len(board)
    assert _touches(board, "mrp_production")

    # The same dashboard call over /jsonrpc (external integrations): always the primary.
    rpc("coordination.dashboard", "get_dashboard_data", filters={})
    external = replica_log.take()
    figures["/jsonrpc get_dashboard_data"] = len(external)
    assert not _touches(external, "coordination_handoff")
    # Statements each call ran on the replica (the README's figures).
    (LOG_DIR / "replica-statements.json").write_text(json.dumps(figures, indent=1))


def test_writes_go_to_the_primary(server, replica, coordinator):
    web, _rpc = coordinator
    replica_log = Replica(replica)
    data = web.call("coordination.dashboard", "get_dashboard_data", filters={})
    replica_log.take()
    marker = data["filters"]["company_ids"]
    # Saving the filters writes: a read/write request on the primary; the replica only ran the
    # registry check every request starts with, and no UPDATE.
    assert web.call("coordination.dashboard", "set_dashboard_filters", data["filters"]) is True
    statements = replica_log.take()
    assert not [s for s in statements if re.match(r"\s*(UPDATE|INSERT|DELETE)", s, re.I)]
    assert not _touches(statements, "coordination_handoff")
    saved = _primary(
        "SELECT coordination_dashboard_filters FROM res_users " f"WHERE login = '{web.login}'"
    )
    assert json.loads(saved)["company_ids"] == marker
    # The replica gets the write by streaming; the saved filters are then read there.
    _replica_sh("sync")
    again = web.call("coordination.dashboard", "get_dashboard_data")
    assert again["filters"] == data["filters"]
    assert _touches(replica_log.take(), "res_users")


def test_call_sheet_page_is_served_by_the_replica(server, replica):
    """The crew's confirmation link (public, signed token): showing the call is read-only."""
    admin = Rpc(server["url"], "admin", "admin")
    recipients = admin(
        "media.call.sheet.recipient", "search_read", [("state", "=", "sent")], ["confirm_url"]
    )
    assert recipients, "the demo database has a call to confirm (Ana Ruiz)"
    replica_log = Replica(replica)
    path = "/" + recipients[0]["confirm_url"].split("/", 3)[3]
    response = requests.get(server["url"] + path, timeout=120)
    assert response.status_code in (200, 403), response.text[:500]  # 403: the day has passed
    assert _touches(replica_log.take(), "media_call_sheet_recipient")


class PrimaryLog(Replica):
    """The primary's statements for the test database while the block runs: the primary logs
    every statement meanwhile (``ALTER SYSTEM``, reloaded; reset at the end), in its log file
    (scripts/pg.sh: ``postgresql.log`` beside the socket folder)."""

    def __init__(self):  # pylint: disable=super-init-not-called
        self.log = _default_socket().parent / "postgresql.log"

    def __enter__(self):
        _primary("ALTER SYSTEM SET log_statement = 'all'")
        _primary("ALTER SYSTEM SET log_line_prefix = '%m [%p] %a@%d '")
        _primary("SELECT pg_reload_conf()")
        self.offset = self.log.stat().st_size
        return self

    def __exit__(self, *_exc):
        _primary("ALTER SYSTEM RESET log_statement")
        _primary("ALTER SYSTEM RESET log_line_prefix")
        _primary("SELECT pg_reload_conf()")


def _writes(statements):
    return [s for s in statements if re.match(r"\s*(UPDATE|INSERT|DELETE)", s, re.I)]


def test_previews_and_availability_are_served_by_the_replica_applying_by_the_primary(
    server, replica, coordinator
):
    """Who is free for a booking (media), the replan and redundancy previews (@api.readonly,
    computed without writing) run on the replica only; applying a replan writes on the primary
    only."""
    web, _rpc = coordinator
    admin = Rpc(server["url"], "admin", "admin")
    laser = admin.ref("production_coordination.workcenter_laser")
    suggestions = admin("coordination.redundancy", "search", [], limit=5)
    assert suggestions, "the demo database has redundancy suggestions"
    # An empty work center to apply a replan on without changing the demo's plan.
    calendar = admin("mrp.workcenter", "read", [laser], ["resource_calendar_id"])[0]
    empty = admin(
        "mrp.workcenter",
        "create",
        {
            "name": f"pytest replica {uuid.uuid4().hex[:6]}",
            "resource_calendar_id": calendar["resource_calendar_id"][0],
        },
    )
    # A media coordinator asks who is free on a demo production day.
    login = f"pytest-replica-media-{uuid.uuid4().hex[:8]}"
    media_group = admin.ref("production_coordination_media.group_media_coordinator")
    admin(
        "res.users",
        "create",
        {"name": login, "login": login, "password": login, "groups_id": [(6, 0, [media_group])]},
        context={"no_reset_password": True},
    )
    [day] = admin("media.production.day", "search_read", [], ["date_call", "date_wrap"], limit=1)
    _replica_sh("sync")
    media = WebSession(server["url"], login, login)
    replica_log = Replica(replica)
    with PrimaryLog() as primary_log:
        free = media.call(
            "media.booking", "get_availability", day["id"], day["date_call"], day["date_wrap"]
        )
        assert free["crew"] and free["equipment"], free
        on_replica, on_primary = replica_log.take(), primary_log.take()
        figures = {"get_availability (media)": len(on_replica)}
        for table in ("media_booking", "media_crew_unavailability", "maintenance_request"):
            assert _touches(on_replica, table), table
            assert not _touches(on_primary, table), (table, _touches(on_primary, table)[:5])
        assert not _writes(on_replica)

        preview = web.call("coordination.replan", "get_preview", [laser])
        assert preview and preview[0]["workorders"], preview
        on_replica, on_primary = replica_log.take(), primary_log.take()
        figures["get_preview (replan)"] = len(on_replica)
        for table in ("mrp_workorder", "resource_calendar_leaves", "resource_calendar_attendance"):
            assert _touches(on_replica, table), table
            assert not _touches(on_primary, table), (table, _touches(on_primary, table)[:5])
        assert not _writes(on_replica)

        previews = web.call("coordination.redundancy", "get_previews", suggestions)
        assert [p["id"] for p in previews] == suggestions
        on_replica, on_primary = replica_log.take(), primary_log.take()
        figures["get_previews (redundancy)"] = len(on_replica)
        for table in ("coordination_redundancy", "mrp_production"):
            assert _touches(on_replica, table), table
            assert not _touches(on_primary, table), (table, _touches(on_primary, table)[:5])
        assert not _writes(on_replica)

        # Applying: the wizard and the replan write, on the primary.
        action = web.call("mrp.workcenter", "action_coordination_replan", [empty])
        result = web.call("coordination.replan.wizard", "action_apply", [action["res_id"]])
        assert result["params"]["type"] == "success", result
        on_replica, on_primary = replica_log.take(), primary_log.take()
        assert not _touches(on_replica, "coordination_replan_wizard")
        assert not _writes(on_replica)
        assert _touches(_writes(on_primary), "coordination_replan_wizard")
        assert _touches(on_primary, "mrp_workorder"), "the apply reads the work orders again"
    (LOG_DIR / "replica-preview-statements.json").write_text(json.dumps(figures, indent=1))
    modes = {}
    for path, mode in re.findall(
        r'"POST (\S+) HTTP/[\d.]+" \d+ - .* (ro|rw|ro->rw)\s*$',
        server["log"].read_text(errors="replace"),
        re.M,
    ):
        modes.setdefault(path, set()).add(mode)
    assert modes["/web/dataset/call_kw/coordination.replan/get_preview"] == {"ro"}
    assert modes["/web/dataset/call_kw/coordination.redundancy/get_previews"] == {"ro"}
    assert modes["/web/dataset/call_kw/coordination.replan.wizard/action_apply"] == {"rw"}
    assert modes["/web/dataset/call_kw/media.booking/get_availability"] == {"ro"}


def test_server_log_says_which_cursor(server):
    """Odoo's access log ends each request with its cursor: ``ro`` (the replica), ``rw`` (the
    primary) or ``ro->rw`` (a write on the replica, done again on the primary)."""
    modes = {}
    for path, mode in re.findall(
        r'"(?:GET|POST) (\S+) HTTP/[\d.]+" \d+ - .* (ro|rw|ro->rw)\s*$',
        server["log"].read_text(errors="replace"),
        re.M,
    ):
        modes.setdefault(path.split("?")[0], set()).add(mode)
    assert modes["/web/dataset/call_kw/coordination.dashboard/get_dashboard_data"] == {"ro"}
    assert modes["/report/xlsx/production_coordination.status_report_xlsx"] == {"ro"}
    assert modes["/web/dataset/call_kw/mrp.production/web_search_read"] == {"ro"}
    assert modes["/web/dataset/call_kw/coordination.dashboard/set_dashboard_filters"] == {"rw"}
    confirm = {mode for path, seen in modes.items() if path.startswith("/media/") for mode in seen}
    assert confirm == {"ro"}
    assert not [path for path, seen in modes.items() if "ro->rw" in seen]
