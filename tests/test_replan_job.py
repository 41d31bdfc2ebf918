"""Replan by priority applied as a background job on a real server: the coordinator's Apply
of a large replan enqueues a queue_job job, the server's own job runner dispatches it over HTTP
to a worker, and the MOs get the dates the preview showed."""

import time
import uuid
from datetime import datetime, timedelta

from conftest import wait_for_ranks

MANAGER = "production_coordination.group_coordination_manager"
THRESHOLD = "production_coordination.replan_job_threshold"
# Bounds the wait for the runner (see test_jobs.py); no performance threshold.
WAIT_SECONDS = 120


def test_large_replan_runs_as_a_job_on_the_server(make_user, admin):
    # A work center of its own (the demo's Laser Cutter calendar), two MOs planned on it, the
    # second one starred: the replan plans it first.
    [laser] = admin(
        "mrp.workcenter",
        "read",
        [admin.ref("production_coordination.workcenter_laser")],
        ["resource_calendar_id"],
    )
    tag = uuid.uuid4().hex[:6]
    workcenter = admin(
        "mrp.workcenter",
        "create",
        {"name": f"pytest replan {tag}", "resource_calendar_id": laser["resource_calendar_id"][0]},
    )
    product = admin("product.product", "create", {"name": f"pytest part {tag}"})
    [template] = admin("product.product", "read", [product], ["product_tmpl_id"])
    bom = admin(
        "mrp.bom",
        "create",
        {
            "product_tmpl_id": template["product_tmpl_id"][0],
            "operation_ids": [
                (0, 0, {"name": "Cut", "workcenter_id": workcenter, "time_cycle_manual": 60})
            ],
        },
    )
    start = (datetime.now() + timedelta(days=7)).strftime("%Y-%m-%d 08:00:00")
    productions = [
        admin(
            "mrp.production",
            "create",
            {"product_id": product, "bom_id": bom, "product_qty": 1, "date_start": start},
        )
        for _n in range(2)
    ]
    # Each write below enqueues the company's rerank job, which the server's runner runs at
    # once: a write on the same MOs while it commits would be retried by Odoo (a serialization
    # failure, logged as an ERROR), so the test, like a user, waits for the ranks in between.
    admin("mrp.production", "action_confirm", productions)
    wait_for_ranks(admin)
    for production in productions:
        admin("mrp.production", "button_plan", [production])
        wait_for_ranks(admin)
    admin("mrp.production", "write", [productions[1]], {"priority": "1"})
    # The ranks the replan orders by, as the server's rerank job sets them after that write.
    wait_for_ranks(admin)
    coordinator = make_user(MANAGER, "mrp.group_mrp_user")
    # The replan posts a note on each MO it moves, as the coordinator: Odoo needs their email.
    admin("res.users", "write", [coordinator.uid], {"email": f"{coordinator.login}@example.com"})
    old_threshold = admin("ir.config_parameter", "get_param", THRESHOLD) or ""
    admin("ir.config_parameter", "set_param", THRESHOLD, "1")
    try:
        action = coordinator("mrp.workcenter", "action_coordination_replan", [workcenter])
        lines = coordinator(
            "coordination.replan.wizard.line",
            "search_read",
            [("wizard_id", "=", action["res_id"])],
            ["production_id", "date_start_new", "date_finished_new"],
        )
        assert [line["production_id"][0] for line in lines] == productions[::-1]
        result = coordinator("coordination.replan.wizard", "action_apply", [action["res_id"]])
        assert result["params"]["type"] == "info", result
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            jobs = admin(
                "queue.job",
                "search_read",
                [("identity_key", "=", f"coordination_replan_{workcenter}")],
                ["state", "user_id", "retry", "channel", "result"],
            )
            if jobs and jobs[0]["state"] in ("done", "failed") or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    finally:
        admin("ir.config_parameter", "set_param", THRESHOLD, old_threshold)
    assert len(jobs) == 1
    assert jobs[0]["state"] == "done", jobs[0]
    assert jobs[0]["user_id"][0] == coordinator.uid
    assert jobs[0]["retry"] == 1
    assert jobs[0]["channel"] == "root.coordination_replan"
    dates = {
        mo["id"]: (mo["date_start"], mo["date_finished"])
        for mo in admin("mrp.production", "read", productions, ["date_start", "date_finished"])
    }
    assert {
        line["production_id"][0]: (line["date_start_new"], line["date_finished_new"])
        for line in lines
    } == dates
