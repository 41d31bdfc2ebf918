"""Each role reaches exactly what its group allows, over JSON-RPC on a real server."""

import uuid

import pytest
from conftest import RpcError, wait_for_ranks

USER = "production_coordination.group_coordination_user"
SUPERVISOR = "production_coordination.group_coordination_supervisor"
MANAGER = "production_coordination.group_coordination_manager"
MEDIA = "production_coordination_media.group_media_coordinator"
MENUS = {
    "root": "production_coordination.menu_coordination_root",
    "dashboard": "production_coordination.coordination_dashboard_menu",
    "handoffs": "production_coordination.coordination_handoff_menu",
    "queues": "production_coordination.mrp_workorder_menu_queue",
    "my_work": "production_coordination.mrp_workorder_menu_mine",
    "checkins": "production_coordination.coordination_checkin_menu",
    "departments": "production_coordination.coordination_department_menu",
    "priorities": "production_coordination.mrp_production_menu_priority",
    "planning": "production_coordination.menu_coordination_planning",
    "timeline": "production_coordination.mrp_workorder_menu_timeline",
    "timeline_department": "production_coordination.mrp_workorder_menu_timeline_department",
    "load": "production_coordination.coordination_workcenter_load_menu",
    "replan": "production_coordination.coordination_replan_wizard_menu",
    "redundancies": "production_coordination.coordination_redundancy_menu",
    "eliminate": "production_coordination.coordination_redundancy_wizard_menu",
    "status_report": "production_coordination.coordination_status_report_menu",
    "low_stock": "production_coordination.project_task_menu_shortage",
    "low_stock_purchase": "production_coordination.project_task_menu_shortage_purchase",
    "configuration": "production_coordination.menu_coordination_configuration",
    "media": "production_coordination_media.project_project_menu_media",
}
APP = {
    "root",
    "dashboard",
    "priorities",
    "handoffs",
    "queues",
    "my_work",
    "checkins",
    "departments",
}
# everyone of the app reads the work order timelines (staff: their departments' work orders)
TIMELINES = {"planning", "timeline", "timeline_department"}
PLANNING_READ = TIMELINES | {"load", "redundancies", "status_report"}
PLANNING_ACT = {"replan", "eliminate"}
PRODUCTION_TILES = {
    "late",
    "at_risk",
    "blocked",
    "overdue_handoffs",
    "overdue_checkins",
    "expedited",
    "change_notices",
}


@pytest.fixture(scope="module")
def menu_ids(admin):
    return {key: admin.ref(xmlid) for key, xmlid in MENUS.items()}


@pytest.fixture(scope="module")
def users(make_user):
    return {
        "coordinator": make_user(MANAGER),
        "supervisor": make_user(SUPERVISOR),
        "staff": make_user(USER),
        "media": make_user(MEDIA),
        "plain": make_user("base.group_user"),
        "buyer": make_user("purchase.group_purchase_user"),
    }


def visible_menus(rpc, menu_ids):
    found = rpc("ir.ui.menu", "search", [("id", "in", list(menu_ids.values()))])
    return {key for key, menu_id in menu_ids.items() if menu_id in found}


@pytest.mark.parametrize(
    "role, expected",
    [
        (
            "coordinator",
            APP
            | PLANNING_READ
            | PLANNING_ACT
            | {"configuration", "low_stock", "low_stock_purchase"},
        ),
        ("supervisor", APP | PLANNING_READ),
        ("staff", APP | TIMELINES),
        # media coordinators have their own app, not the factory's menus
        ("media", {"media"}),
        ("plain", set()),
        # purchasing staff open the dashboard's materials part, nothing else of the app
        ("buyer", {"root", "dashboard", "low_stock_purchase"}),
    ],
)
def test_menus_per_role(users, menu_ids, role, expected):
    assert visible_menus(users[role], menu_ids) == expected


def test_admin_sees_everything(admin, menu_ids):
    assert visible_menus(admin, menu_ids) == set(MENUS)


def test_dashboard_over_rpc_keeps_each_role_to_its_scope(users):
    buyer = users["buyer"]("coordination.dashboard", "get_dashboard_data", {})
    assert not buyer["sections"]["production"]
    assert not {tile["key"] for tile in buyer["tiles"]} & PRODUCTION_TILES
    staff = users["staff"]("coordination.dashboard", "get_dashboard_data", {})
    assert staff["sections"]["production"]
    assert staff["departments"] == []  # the new staff user belongs to no department yet
    with pytest.raises(RpcError) as refused:
        users["staff"]("coordination.dashboard", "get_dashboard_data", {"company_ids": [999999]})
    assert refused.value.name == "odoo.exceptions.AccessError"


def test_coordinator_manages_departments(users):
    coordinator = users["coordinator"]
    department_id = coordinator(
        "coordination.department", "create", {"name": "RPC Welding", "code": uuid.uuid4().hex[:8]}
    )
    coordinator("coordination.department", "write", [department_id], {"name": "RPC Welding 2"})
    coordinator("coordination.department", "unlink", [department_id])
    assert not coordinator("coordination.department", "search", [("id", "=", department_id)])


def test_supervisor_edits_only_own_department(admin, users):
    supervisor = users["supervisor"]
    own = admin(
        "coordination.department",
        "create",
        {"name": "RPC Own", "code": uuid.uuid4().hex[:8], "supervisor_id": supervisor.uid},
    )
    other = admin(
        "coordination.department", "create", {"name": "RPC Other", "code": uuid.uuid4().hex[:8]}
    )
    supervisor("coordination.department", "write", [own], {"member_ids": [(4, supervisor.uid)]})
    with pytest.raises(RpcError) as refused:
        supervisor("coordination.department", "write", [other], {"name": "Taken over"})
    assert refused.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as refused:
        supervisor("coordination.department", "create", {"name": "New", "code": "RPCN"})
    assert refused.value.name == "odoo.exceptions.AccessError"


def test_staff_reads_departments_only(users):
    staff = users["staff"]
    assert isinstance(staff("coordination.department", "search_read", [], fields=["name"]), list)
    with pytest.raises(RpcError) as refused:
        staff("coordination.department", "create", {"name": "New", "code": "RPCS"})
    assert refused.value.name == "odoo.exceptions.AccessError"


@pytest.mark.parametrize(
    "model", ["coordination.department", "coordination.handoff", "coordination.checkin"]
)
@pytest.mark.parametrize("method, args", [("search_read", [[]]), ("create", [{"name": "X"}])])
def test_plain_user_is_refused_with_access_error(users, model, method, args):
    with pytest.raises(RpcError) as refused:
        users["plain"](model, method, *args)
    assert refused.value.name == "odoo.exceptions.AccessError"


def test_duplicate_code_is_a_validation_error(admin):
    code = uuid.uuid4().hex[:8]
    admin("coordination.department", "create", {"name": "RPC Dup", "code": code})
    with pytest.raises(RpcError) as refused:
        admin("coordination.department", "create", {"name": "RPC Dup 2", "code": code})
    assert refused.value.name == "odoo.exceptions.ValidationError"
    assert "RPC Dup" in refused.value.message


@pytest.fixture(scope="module")
def routed_mo(admin, users):
    """A confirmed MO going through two departments: the staff user is in the second one."""
    tag = uuid.uuid4().hex[:6]
    saw, bench = (
        admin("mrp.workcenter", "create", {"name": f"RPC {name} {tag}"})
        for name in ("Saw", "Bench")
    )
    cutting = admin(
        "coordination.department",
        "create",
        {
            "name": f"RPC Cutting {tag}",
            "code": f"C{tag}",
            "workcenter_ids": [(6, 0, [saw])],
            "supervisor_id": users["supervisor"].uid,
        },
    )
    assembly = admin(
        "coordination.department",
        "create",
        {
            "name": f"RPC Assembly {tag}",
            "code": f"A{tag}",
            "workcenter_ids": [(6, 0, [bench])],
            "member_ids": [(6, 0, [users["staff"].uid])],
        },
    )
    product = admin("product.product", "create", {"name": f"RPC Frame {tag}", "is_storable": True})
    template = admin("product.product", "read", [product], ["product_tmpl_id"])[0][
        "product_tmpl_id"
    ][0]
    bom = admin(
        "mrp.bom",
        "create",
        {
            "product_tmpl_id": template,
            "operation_ids": [
                (0, 0, {"name": "Cut", "workcenter_id": saw, "time_cycle_manual": 10}),
                (0, 0, {"name": "Assemble", "workcenter_id": bench, "time_cycle_manual": 20}),
            ],
        },
    )
    production = admin("mrp.production", "create", {"product_id": product, "bom_id": bom})
    admin("mrp.production", "action_confirm", [production])
    return {"production": production, "cutting": cutting, "assembly": assembly}


def test_route_over_rpc_and_what_each_role_sees(admin, users, routed_mo):
    legs = admin(
        "coordination.handoff",
        "search_read",
        [("production_id", "=", routed_mo["production"])],
        fields=["department_id", "state"],
        order="sequence",
    )
    assert [(leg["department_id"][0], leg["state"]) for leg in legs] == [
        (routed_mo["cutting"], "ready"),
        (routed_mo["assembly"], "waiting"),
    ]
    # The staff user (no Manufacturing rights) sees the Assembly leg and its work order only.
    staff = users["staff"]
    seen = staff(
        "coordination.handoff",
        "search_read",
        [("production_id", "=", routed_mo["production"])],
        fields=["department_id"],
    )
    assert [leg["department_id"][0] for leg in seen] == [routed_mo["assembly"]]
    workorders = staff(
        "mrp.workorder",
        "search_read",
        [("production_id", "=", routed_mo["production"])],
        fields=["name", "coordination_user_id"],
    )
    assert [(wo["name"], wo["coordination_user_id"][0]) for wo in workorders] == [
        ("Assemble", staff.uid)
    ]
    # The Cutting supervisor accepts the first leg; the staff user may not.
    cutting_leg = legs[0]["id"]
    with pytest.raises(RpcError) as refused:
        staff("coordination.handoff", "action_accept", [cutting_leg])
    assert refused.value.name == "odoo.exceptions.AccessError"
    users["supervisor"]("coordination.handoff", "action_accept", [cutting_leg])
    state = admin("coordination.handoff", "read", [cutting_leg], ["state"])[0]["state"]
    assert state == "in_progress"


def test_expedite_refused_to_supervisor_over_rpc(users, routed_mo):
    with pytest.raises(RpcError) as refused:
        users["supervisor"](
            "mrp.production", "action_coordination_expedite", [routed_mo["production"]]
        )
    assert refused.value.name == "odoo.exceptions.AccessError"


def test_priority_board_and_coordinator_only_actions_over_rpc(admin, users, routed_mo):
    # The ranks users see once the rerank job that confirming the MO enqueued has run.
    wait_for_ranks(admin)
    board = users["coordinator"](
        "mrp.production",
        "search_read",
        [("state", "in", ["confirmed", "progress", "to_close"])],
        fields=["coordination_rank", "coordination_priority_score", "coordination_readiness"],
        order="coordination_rank",
        limit=80,
    )
    ranks = [row["coordination_rank"] for row in board]
    assert ranks == sorted(ranks) and ranks[0] == 1
    supervisor = users["supervisor"]
    for method in ("action_coordination_override_rank", "action_coordination_revise_date"):
        with pytest.raises(RpcError) as refused:
            supervisor("mrp.production", method, [routed_mo["production"]])
        assert refused.value.name == "odoo.exceptions.AccessError"
    # The coordinator gets the wizards.
    for method in ("action_coordination_override_rank", "action_coordination_revise_date"):
        action = users["coordinator"]("mrp.production", method, [routed_mo["production"]])
        assert action["type"] == "ir.actions.act_window"


def test_workflow_fields_and_early_refusals_over_rpc(admin, users, routed_mo):
    """States, authors and audit fields are never written directly; actions refuse early."""
    coordinator, production = users["coordinator"], routed_mo["production"]
    leg = coordinator(
        "coordination.handoff", "search", [("production_id", "=", production)], limit=1
    )
    for model, method, args in (
        ("coordination.handoff", "write", [leg, {"state": "done"}]),
        ("mrp.production", "write", [[production], {"coordination_expedited_by_id": admin.uid}]),
        (
            "coordination.date.revision",
            "create",
            [
                {
                    "production_id": production,
                    "date_new": "2031-03-20 16:00:00",
                    "reason": "RPC",
                    "user_id": admin.uid,
                }
            ],
        ),
    ):
        with pytest.raises(RpcError) as refused:
            coordinator(model, method, *args)
        assert refused.value.name == "odoo.exceptions.AccessError"
    state = admin("coordination.handoff", "read", leg, ["state"])[0]["state"]
    assert state != "done"
    for user, model, method, args in (
        ("supervisor", "coordination.workcenter.load", "action_refresh", [[]]),
        ("buyer", "coordination.dashboard", "action_status_report_xlsx", [{}]),
    ):
        with pytest.raises(RpcError) as refused:
            users[user](model, method, *args)
        assert refused.value.name == "odoo.exceptions.AccessError"
