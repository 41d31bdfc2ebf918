"""Odoo really runs in multi-worker mode with our addons: HTTP workers and the gevent worker."""

import re
import time

import requests


def _log_lines(server, pattern):
    return re.findall(pattern, server["log"].read_text(errors="replace"))


def test_http_workers_serve_requests(odoo_server, admin):
    for _ in range(6):
        assert admin("res.users", "search_count", [("id", "=", admin.uid)]) == 1
    pids = set(_log_lines(odoo_server, r"Worker WorkerHTTP \((\d+)\) alive"))
    assert len(pids) == 2, f"expected 2 HTTP workers, saw {sorted(pids)}"
    assert str(odoo_server["pid"]) not in pids


def test_gevent_worker_starts_once_and_answers(odoo_server):
    # The gevent worker loads the registry on its first request: on a busy machine that first
    # answer can take longer than a read timeout, which is no failure (it never listening is).
    deadline = time.monotonic() + 120
    while True:
        try:
            response = requests.get(f"{odoo_server['gevent_url']}/web/health", timeout=30)
            break
        except (requests.ConnectionError, requests.Timeout):
            assert time.monotonic() < deadline, "the gevent worker never answered"
            time.sleep(0.5)
    assert response.status_code == 200
    time.sleep(3)  # a crash-looping gevent worker would be respawned within this time
    assert len(_log_lines(odoo_server, r"Evented Service \(longpolling\) running on")) == 1
    assert not _log_lines(odoo_server, r"ModuleNotFoundError|ImportError")
