"""`make load`: simulated office users of the coordination screens, over Odoo's JSON-RPC as
the web client calls it (`/web/dataset/call_kw/<model>/<method>`), only to 127.0.0.1.

Each user logs in as its own `load_user_<n>` (tests/load/setup_load.py gives the logins and
the records each may act on, in LOAD_DATA) and, with LOAD_THINK seconds between actions
("1-5" by default; "0": closed loop), mixes: the dashboard's data call, the priority board,
the handoff board, accepting a handoff, starting and finishing a work order of its queue, and
now and then Scan Now. LOAD_MIX=dashboard: the dashboard call alone.

A JSON-RPC error is a failure named after its exception class (odoo.exceptions.UserError: a
refusal the user would read; anything else: a bug or an overload).
"""

import itertools
import json
import os

from locust import HttpUser, between, constant, task

DATA = json.load(open(os.environ["LOAD_DATA"]))  # noqa: SIM115
THINK = os.environ.get("LOAD_THINK", "1-5")
MIX = os.environ.get("LOAD_MIX", "office")
COMPANY = DATA["company_id"]
CONTEXT = {"allowed_company_ids": [COMPANY], "lang": "en_US", "tz": "UTC"}
_users = itertools.count()

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
HANDOFF_CARD = {
    "state": {},
    "is_overdue": {},
    "production_id": {"fields": {"display_name": {}}},
    "product_id": {"fields": {"display_name": {}}},
    "date_ready": {},
    "date_accept_deadline": {},
    "block_reason": {},
    "progress": {},
    "can_accept": {},
    "can_complete": {},
    "assignee_ids": {"fields": {"display_name": {}}},
}
ACTIVE_LEGS = [["state", "in", ["ready", "in_progress", "blocked"]]]


def _wait_time():
    if THINK in ("0", ""):
        return constant(0)
    low, high = (float(x) for x in THINK.split("-"))
    return between(low, high)


class OfficeUser(HttpUser):
    wait_time = _wait_time()

    def on_start(self):
        me = DATA["users"][next(_users) % len(DATA["users"])]
        self.legs = list(me["legs"])
        self.workorders = list(me["workorders"])
        self.started = []
        self.rpc(
            "login",
            "/web/session/authenticate",
            {"db": os.environ["LOAD_DB"], "login": me["login"], "password": me["login"]},
        )

    def rpc(self, name, url, params):
        """The call's result; self.ok says whether it answered without error."""
        self.ok = False
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(url, json=body, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            answer = response.json()
            if "error" in answer:
                data = answer["error"].get("data", {})
                response.failure(data.get("name") or answer["error"].get("message"))
                return None
            self.ok = True
            return answer.get("result")

    def call(self, name, model, method, args, **kwargs):
        kwargs.setdefault("context", CONTEXT)
        return self.rpc(
            name,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    @task(4)
    def dashboard(self):
        self.call(
            "dashboard",
            "coordination.dashboard",
            "get_dashboard_data",
            [{"company_ids": [COMPANY], "warehouse_id": False, "department_ids": []}],
        )

    @task(3)
    def priority_board(self):
        if MIX != "dashboard":
            self.call(
                "priority board",
                "mrp.production",
                "web_search_read",
                [],
                domain=[["state", "in", ["confirmed", "progress", "to_close"]]],
                specification=PRIORITY_BOARD,
                limit=80,
                order="coordination_rank, id",
            )

    @task(2)
    def handoff_board(self):
        if MIX == "dashboard":
            return
        groups = self.call(
            "handoff board (groups)",
            "coordination.handoff",
            "web_read_group",
            [],
            domain=ACTIVE_LEGS,
            fields=["department_id"],
            groupby=["department_id"],
        )
        for group in (groups or {}).get("groups", []):
            department = group["department_id"] and group["department_id"][0]
            self.call(
                "handoff board (column)",
                "coordination.handoff",
                "web_search_read",
                [],
                domain=[*ACTIVE_LEGS, ["department_id", "=", department]],
                specification=HANDOFF_CARD,
                limit=40,
            )

    @task(2)
    def accept_handoff(self):
        if MIX != "dashboard" and self.legs:
            self.call(
                "handoff accept", "coordination.handoff", "action_accept", [[self.legs.pop()]]
            )

    @task(2)
    def queue_start_finish(self):
        if MIX == "dashboard":
            return
        if self.started:
            workorder = self.started.pop()
            self.call("queue finish", "mrp.workorder", "action_coordination_finish", [[workorder]])
        elif self.workorders:
            workorder = self.workorders.pop()
            self.call("queue start", "mrp.workorder", "action_coordination_start", [[workorder]])
            if self.ok:
                self.started.append(workorder)

    @task(1)
    def scan(self):
        if MIX != "dashboard":
            # (a button method: the ids first, none here; see Integration API)
            self.call("scan now", "project.task", "action_coordination_scan_shortages", [[]])
