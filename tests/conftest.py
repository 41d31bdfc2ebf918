"""Fixtures for the repository-level tests: a real Odoo server in multi-worker mode, JSON-RPC.

The harness (scripts/test.sh) passes the database and connection through the environment;
run alone, these tests use the harness defaults (embedded PostgreSQL under .run/pg).
"""

import itertools
import os
import pathlib
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


def _db_args():
    args = [
        f"--db_host={os.environ.get('PC_DB_HOST') or _default_socket()}",
        f"--db_port={os.environ.get('PC_DB_PORT', '54329')}",
        f"--db_user={os.environ.get('PC_DB_USER', 'odoo')}",
    ]
    if os.environ.get("PC_DB_PASSWORD"):
        args.append(f"--db_password={os.environ['PC_DB_PASSWORD']}")
    return args


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

    def __init__(self, url, login, password):
        self.url, self.login, self.password = url, login, password
        self.uid = self._call("common", "login", DB, login, password)
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
            "object", "execute_kw", DB, self.uid, self.password, model, method, list(args), kwargs
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


@pytest.fixture(scope="session")
def odoo_server():
    """Odoo serving the test database with 2 HTTP workers and the gevent worker."""
    port, gevent_port = _free_port(), _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / "pytest-server.log"
    log.unlink(missing_ok=True)
    # queue_job server-wide, its runner dispatching to this server (as scripts/common.sh does).
    config = LOG_DIR / "pytest-server.conf"
    channels = (
        "root:2,root.coordination_scan:1,root.coordination_priority:1,"
        "root.coordination_refresh:1"
    )
    config.write_text(f"[options]\n\n[queue_job]\nchannels = {channels}\n")
    command = [
        PYTHON,
        str(ODOO_SRC / "odoo-bin"),
        f"--config={config}",
        "--load=base,web,queue_job",
        f"--addons-path={ODOO_SRC / 'odoo' / 'addons'},{ODOO_SRC / 'addons'},{ROOT}",
        *_db_args(),
        f"--database={DB}",
        f"--db-filter=^{DB}$",
        "--workers=2",
        "--max-cron-threads=0",
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        "--http-interface=127.0.0.1",
        f"--logfile={log}",
        "--log-level=info",
    ]
    process = subprocess.Popen(command, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            pytest.fail(f"Odoo exited with {process.returncode}; see {log}")
        try:
            if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                break
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or still loading the registry before its workers start
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"Odoo did not answer on {url} within 120 s; see {log}")
        time.sleep(0.5)
    yield {
        "url": url,
        "gevent_url": f"http://127.0.0.1:{gevent_port}",
        "log": log,
        "pid": process.pid,
    }
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    _result, _skipped, bad, _reports = checklog.check(str(log))
    unexpected = [
        line
        for line in bad
        if not any(
            (match := checklog.LINE.match(line)) and (match["level"], match["logger"]) == expected
            for expected in EXPECTED_LOG
        )
    ]
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
