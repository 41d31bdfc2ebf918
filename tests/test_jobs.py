"""Background jobs on a real server: Scan Now enqueues queue_job jobs (one low-stock job per
warehouse, then the company's delivery-risk job), Refresh a refresh job; the server's own job
runner (queue_job loaded server-wide, scripts/common.sh) dispatches them over HTTP to a worker,
and the coordinator sees them done."""

import time

from conftest import RpcError

MANAGER = "production_coordination.group_coordination_manager"
# The job runner polls and dispatches within a second or two; a loaded CI machine may take
# longer. This bounds the wait, it is no performance threshold.
WAIT_SECONDS = 120


FIELDS = ["state", "user_id", "retry", "channel", "graph_uuid", "method_name", "date_done"]


def keyed_jobs(admin, identity_key, after_id=0):
    """The jobs of this identity key newer than `after_id` (queue managers read jobs: admin)."""
    return admin(
        "queue.job",
        "search_read",
        [("identity_key", "=", identity_key), ("id", ">", after_id)],
        FIELDS,
    )


def scan_jobs(admin, company_id, after_id=0):
    """The company's last scan jobs (delivery risks) newer than `after_id`."""
    return keyed_jobs(admin, f"coordination_scan_company_{company_id}", after_id)


def wait_for_new_job(admin, identity_key, after_id):
    """The first job of the key newer than `after_id` once it has ended (or [])."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        jobs = keyed_jobs(admin, identity_key, after_id)
        if jobs and jobs[0]["state"] in ("done", "failed") or time.monotonic() > deadline:
            return jobs
        time.sleep(0.5)


def wait_for_new_scan(admin, company_id, after_id):
    """The first scan of the company newer than `after_id` once it has ended (or [])."""
    return wait_for_new_job(admin, f"coordination_scan_company_{company_id}", after_id)


def test_scan_now_runs_as_a_job_on_the_server(make_user, admin, odoo_server):
    coordinator = make_user(MANAGER, "purchase.group_purchase_user")
    [user] = coordinator("res.users", "read", [coordinator.uid], ["company_id"])
    company_id = user["company_id"][0]
    before = max([job["id"] for job in scan_jobs(admin, company_id)], default=0)
    # As the list's header button sends it: the selected tasks' ids (none).
    action = coordinator("project.task", "action_coordination_scan_shortages", [])
    assert action["params"]["type"] == "success"
    # One new scan, run once by workers the runner asked, as the coordinator: one low-stock
    # job per active warehouse, then the delivery-risk job.
    [last] = wait_for_new_scan(admin, company_id, before)
    assert last["state"] == "done"
    graph = admin("queue.job", "search_read", [("graph_uuid", "=", last["graph_uuid"])], FIELDS)
    warehouses = admin("stock.warehouse", "search_count", [("company_id", "=", company_id)])
    firsts = [job for job in graph if job["method_name"] == "_scan_warehouse_job"]
    assert len(firsts) == warehouses
    assert len(graph) == warehouses + 1
    for job in graph:
        assert job["state"] == "done"
        assert job["user_id"][0] == coordinator.uid
        assert job["retry"] == 1
        assert job["channel"] == "root.coordination_scan"
    assert max(job["date_done"] for job in firsts) <= last["date_done"]
    # The coordinator sees it on the company (Settings, beside Scan Now).
    [company] = coordinator("res.company", "read", [company_id], ["coordination_scan_state"])
    assert company["coordination_scan_state"] == "done"
    # Nobody but purchasing users and coordinators may start one.
    plain = make_user("base.group_user")
    try:
        plain("project.task", "action_coordination_scan_shortages", [])
    except RpcError as error:
        assert error.name == "odoo.exceptions.AccessError"
    else:
        raise AssertionError("a plain user started a scan")


def test_refresh_runs_as_a_job_on_the_server(make_user, admin, odoo_server):
    coordinator = make_user(MANAGER)
    [user] = coordinator("res.users", "read", [coordinator.uid], ["company_id"])
    company_id = user["company_id"][0]
    key = f"coordination_refresh_coordination.workcenter.load_company_{company_id}"
    before = max([job["id"] for job in keyed_jobs(admin, key)], default=0)
    # The Refresh button of the work center load list.
    action = coordinator("coordination.workcenter.load", "action_refresh", [])
    assert action["tag"] == "display_notification"
    [job] = wait_for_new_job(admin, key, before)
    assert job["state"] == "done"
    assert job["user_id"][0] == coordinator.uid
    assert job["channel"] == "root.coordination_refresh"
    [company] = coordinator(
        "res.company", "read", [company_id], ["coordination_load_refresh_state"]
    )
    assert company["coordination_load_refresh_state"] == "done"
