"""Background jobs on a real server: Scan Now enqueues a queue_job job, the server's own job
runner (queue_job loaded server-wide, scripts/common.sh) dispatches it over HTTP to a worker,
and the coordinator sees it done."""

import time

from conftest import RpcError

MANAGER = "production_coordination.group_coordination_manager"
# The job runner polls and dispatches within a second or two; a loaded CI machine may take
# longer. This bounds the wait, it is no performance threshold.
WAIT_SECONDS = 120


def scan_jobs(admin, company_id, after_id=0):
    """The company's scan jobs newer than `after_id` (queue managers read jobs: admin)."""
    return admin(
        "queue.job",
        "search_read",
        [
            ("identity_key", "=", f"coordination_scan_company_{company_id}"),
            ("id", ">", after_id),
        ],
        ["state", "user_id", "retry", "channel"],
    )


def wait_for_new_scan(admin, company_id, after_id):
    """The first scan job of the company newer than `after_id` once it has ended (or [])."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        jobs = scan_jobs(admin, company_id, after_id)
        if jobs and jobs[0]["state"] in ("done", "failed") or time.monotonic() > deadline:
            return jobs
        time.sleep(0.5)


def test_scan_now_runs_as_a_job_on_the_server(make_user, admin, odoo_server):
    coordinator = make_user(MANAGER, "purchase.group_purchase_user")
    [user] = coordinator("res.users", "read", [coordinator.uid], ["company_id"])
    company_id = user["company_id"][0]
    before = max([job["id"] for job in scan_jobs(admin, company_id)], default=0)
    # As the list's header button sends it: the selected tasks' ids (none).
    action = coordinator("project.task", "action_coordination_scan_shortages", [])
    assert action["params"]["type"] == "success"
    # One new job, run once by a worker the runner asked, as the coordinator.
    jobs = wait_for_new_scan(admin, company_id, before)
    assert len(jobs) == 1
    assert jobs[0]["state"] == "done"
    assert jobs[0]["user_id"][0] == coordinator.uid
    assert jobs[0]["retry"] == 1
    assert jobs[0]["channel"] == "root.coordination_scan"
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
