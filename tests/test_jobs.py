"""Background jobs on a real server: Scan Now enqueues a queue_job job, the server's own job
runner (queue_job loaded server-wide, scripts/common.sh) dispatches it over HTTP to a worker,
and the coordinator sees it done."""

import time

from conftest import RpcError

MANAGER = "production_coordination.group_coordination_manager"
# The job runner polls and dispatches within a second or two; a loaded CI machine may take
# longer. This bounds the wait, it is no performance threshold.
WAIT_SECONDS = 120


def wait_for_scan(rpc, company_id):
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        [company] = rpc("res.company", "read", [company_id], ["coordination_scan_state"])
        state = company["coordination_scan_state"]
        if state in ("done", "failed") or time.monotonic() > deadline:
            return state
        time.sleep(0.5)


def test_scan_now_runs_as_a_job_on_the_server(make_user, admin, odoo_server):
    coordinator = make_user(MANAGER, "purchase.group_purchase_user")
    [user] = coordinator("res.users", "read", [coordinator.uid], ["company_id"])
    company_id = user["company_id"][0]
    action = coordinator("project.task", "action_coordination_scan_shortages")
    assert action["params"]["type"] == "success"
    assert wait_for_scan(coordinator, company_id) == "done"
    # One job, run once, as the coordinator.
    jobs = admin(
        "queue.job",
        "search_read",
        [("identity_key", "=", f"coordination_scan_company_{company_id}")],
        ["state", "user_id", "retry", "channel"],
        order="id desc",
        limit=1,
    )
    assert jobs[0]["state"] == "done"
    assert jobs[0]["user_id"][0] == coordinator.uid
    assert jobs[0]["retry"] == 1
    assert jobs[0]["channel"] == "root.coordination_scan"
    # Nobody but purchasing users and coordinators may start one.
    plain = make_user("base.group_user")
    try:
        plain("project.task", "action_coordination_scan_shortages")
    except RpcError as error:
        assert error.name == "odoo.exceptions.AccessError"
    else:
        raise AssertionError("a plain user started a scan")
