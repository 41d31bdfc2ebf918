"""Fixtures for the repository-level tests: a real Odoo server in multi-worker mode, JSON-RPC.

The harness (scripts/test.sh) passes the database and connection through the environment;
run alone, these tests use the harness defaults (embedded PostgreSQL under .run/pg).
"""

import itertools
import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import checklog  # noqa: E402

ODOO_SRC = pathlib.Path(os.environ.get("ODOO_SRC", pathlib.Path.home() / ".local/share/odoo/18.0"))
PYTHON = os.environ.get("PC_PYTHON", sys.executable)
DB = os.environ.get("PC_TEST_DB", "coordination_test")
LOG_DIR = pathlib.Path(os.environ.get("PC_LOG_DIR", ROOT / ".run" / "logs"))

# Lines the tests provoke on purpose: Odoo echoes every access, validation or user error it
# returns to a client as a WARNING of "odoo.http" (the tests assert each refusal themselves).
# Errors (tracebacks: "odoo.http" ERROR) and warnings of any other logger still fail the run.
EXPECTED_LOG = [("WARNING", "odoo.http")]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "copies_test_db: copies the test database (CREATE DATABASE ... TEMPLATE), which needs "
        "nobody connected to it: runs before the tests that start a server on it",
    )


def pytest_collection_modifyitems(items):
    # Stable: the copying tests first, in their order, then the others in theirs.
    items.sort(key=lambda item: item.get_closest_marker("copies_test_db") is None)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _default_socket():
    """The harness's embedded cluster: .run/pg, or where .run/pg.location says (scripts/pg.sh)."""
    location = ROOT / ".run" / "pg.location"
    pg_dir = (
        pathlib.Path(location.read_text().strip()) if location.exists() else ROOT / ".run" / "pg"
    )
    return pg_dir / "socket"


def db_params():
    """How to reach the PostgreSQL of the test database (psycopg2.connect's keywords)."""
    params = {
        "host": os.environ.get("PC_DB_HOST") or str(_default_socket()),
        "port": os.environ.get("PC_DB_PORT", "54329"),
        "user": os.environ.get("PC_DB_USER", "odoo"),
    }
    if os.environ.get("PC_DB_PASSWORD"):
        params["password"] = os.environ["PC_DB_PASSWORD"]
    return params


def _db_args():
    return [f"--db_{key}={value}" for key, value in db_params().items()]


class RpcError(Exception):
    """An error Odoo returned over JSON-RPC: `name` is the exception class."""

    def __init__(self, error):
        data = error.get("data", {})
        self.name = data.get("name", "")
        self.message = data.get("message", error.get("message", ""))
        super().__init__(f"{self.name}: {self.message}")


class Rpc:
    """A logged-in JSON-RPC client (the /jsonrpc endpoint external integrations use)."""

    _ids = itertools.count()

    def __init__(self, url, login, password, db=DB):
        self.url, self.login, self.password, self.db = url, login, password, db
        self.uid = self._call("common", "login", db, login, password)
        if not self.uid:
            raise AssertionError(f"login refused for {login}")

    def _call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": {"service": service, "method": method, "args": list(args)},
        }
        response = requests.post(f"{self.url}/jsonrpc", json=payload, timeout=120)
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RpcError(body["error"])
        return body["result"]

    def __call__(self, model, method, *args, **kwargs):
        return self._call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        [data] = self(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return data["res_id"]


def _harness_channels():
    """queue_job's channels as scripts/common.sh sets them for every Odoo the harness starts
    (its default, read from the script: one place to add a channel)."""
    script = (ROOT / "scripts" / "common.sh").read_text()
    match = re.search(r"^QUEUE_JOB_CHANNELS=\$\{QUEUE_JOB_CHANNELS:-([^}]+)\}", script, re.M)
    return os.environ.get("QUEUE_JOB_CHANNELS") or match.group(1)


QUEUE_JOB_CHANNELS = _harness_channels()


def odoo_command(config, log, *options, database=DB):
    """odoo-bin on `database` with queue_job loaded server-wide, reading `config` (a file with
    an ``[options]`` section, then ``[queue_job]``), logging to `log`; `options` are added."""
    return [
        PYTHON,
        str(ODOO_SRC / "odoo-bin"),
        f"--config={config}",
        "--load=base,web,queue_job",
        f"--addons-path={ODOO_SRC / 'odoo' / 'addons'},{ODOO_SRC / 'addons'},{ROOT}",
        *_db_args(),
        f"--database={database}",
        f"--db-filter=^{database}$",
        "--http-interface=127.0.0.1",
        f"--logfile={log}",
        "--log-level=info",
        *options,
    ]


def start_odoo(command, url, log, env=None):
    """Start `command` (odoo-bin) in a process group of its own and return the process once
    `url` answers /web/health (see `wait_for_odoo`)."""
    process = subprocess.Popen(command, start_new_session=True, env=env)
    wait_for_odoo(process, url, log)
    return process


def wait_for_odoo(process, url, log):
    """Wait until the Odoo `process` answers /web/health on `url`; if it exits or does not
    answer within 120 s, kill its process group (never leave a server behind) and fail."""
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            pytest.fail(f"Odoo exited with {process.returncode}; see {log}")
        try:
            if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or still loading the registry before its workers start
        if time.monotonic() > deadline:
            stop_odoo(process, signal.SIGKILL)
            pytest.fail(f"Odoo did not answer on {url} within 120 s; see {log}")
        time.sleep(0.5)


def stop_odoo(process, sig=signal.SIGTERM):
    """Stop the server's whole process group (master, workers, job runner, gevent worker)."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def unexpected_log_lines(log, expected=tuple(EXPECTED_LOG)):
    """The ERROR/WARNING lines of an Odoo log but those of the (level, logger) pairs expected."""
    _result, _skipped, bad, _reports = checklog.check(str(log))
    return [
        line
        for line in bad
        if not any(
            (match := checklog.LINE.match(line)) and (match["level"], match["logger"]) == pair
            for pair in expected
        )
    ]


@pytest.fixture(scope="session")
def odoo_server():
    """Odoo serving the test database with 2 HTTP workers and the gevent worker."""
    port, gevent_port = _free_port(), _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / "pytest-server.log"
    log.unlink(missing_ok=True)
    # queue_job server-wide, its runner dispatching to this server (as scripts/common.sh does).
    config = LOG_DIR / "pytest-server.conf"
    config.write_text(f"[options]\n\n[queue_job]\nchannels = {QUEUE_JOB_CHANNELS}\n")
    command = odoo_command(
        config,
        log,
        "--workers=2",
        "--max-cron-threads=0",
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
    )
    url = f"http://127.0.0.1:{port}"
    process = start_odoo(command, url, log)
    yield {
        "url": url,
        "gevent_url": f"http://127.0.0.1:{gevent_port}",
        "log": log,
        "pid": process.pid,
    }
    stop_odoo(process)
    unexpected = unexpected_log_lines(log)
    assert not unexpected, "unexpected ERROR/WARNING lines in the server log:\n" + "\n".join(
        unexpected[:20]
    )


@pytest.fixture(scope="session")
def admin(odoo_server):
    return Rpc(odoo_server["url"], "admin", "admin")


@pytest.fixture(scope="session")
def make_user(odoo_server, admin):
    """Create an internal user with the given groups (xml ids); log in as that user."""

    def make(*group_xmlids):
        login = f"pytest-{uuid.uuid4().hex[:10]}"
        admin(
            "res.users",
            "create",
            {
                "name": login,
                "login": login,
                "password": login,
                "groups_id": [(6, 0, [admin.ref(xmlid) for xmlid in group_xmlids])],
            },
            context={"no_reset_password": True},
        )
        return Rpc(odoo_server["url"], login, login)

    return make


def wait_for_ranks(admin):
    """Until no rerank job waits or runs (the server's job runner reranks within seconds of a
    write; this bounds the wait, it is no performance threshold)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        waiting = admin(
            "queue.job",
            "search_count",
            [
                ("method_name", "=", "_rerank_company_job"),
                ("state", "in", ["pending", "enqueued", "started"]),
            ],
        )
        if not waiting:
            return
        time.sleep(0.5)
