"""Each role reaches exactly what its group allows, over JSON-RPC on a real server."""

import uuid

import pytest
from conftest import RpcError

USER = "production_coordination.group_coordination_user"
SUPERVISOR = "production_coordination.group_coordination_supervisor"
MANAGER = "production_coordination.group_coordination_manager"
MEDIA = "production_coordination_media.group_media_coordinator"
MENUS = {
    "root": "production_coordination.menu_coordination_root",
    "departments": "production_coordination.coordination_department_menu",
    "configuration": "production_coordination.menu_coordination_configuration",
    "media": "production_coordination_media.project_project_menu_media",
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
    }


def visible_menus(rpc, menu_ids):
    found = rpc("ir.ui.menu", "search", [("id", "in", list(menu_ids.values()))])
    return {key for key, menu_id in menu_ids.items() if menu_id in found}


@pytest.mark.parametrize(
    "role, expected",
    [
        ("coordinator", {"root", "departments", "configuration"}),
        ("supervisor", {"root", "departments"}),
        ("staff", {"root", "departments"}),
        ("media", {"root", "departments", "media"}),
        ("plain", set()),
    ],
)
def test_menus_per_role(users, menu_ids, role, expected):
    assert visible_menus(users[role], menu_ids) == expected


def test_admin_sees_everything(admin, menu_ids):
    assert visible_menus(admin, menu_ids) == set(MENUS)


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


@pytest.mark.parametrize("method, args", [("search_read", [[]]), ("create", [{"name": "X"}])])
def test_plain_user_is_refused_with_access_error(users, method, args):
    with pytest.raises(RpcError) as refused:
        users["plain"]("coordination.department", method, *args)
    assert refused.value.name == "odoo.exceptions.AccessError"


def test_duplicate_code_is_a_validation_error(admin):
    code = uuid.uuid4().hex[:8]
    admin("coordination.department", "create", {"name": "RPC Dup", "code": code})
    with pytest.raises(RpcError) as refused:
        admin("coordination.department", "create", {"name": "RPC Dup 2", "code": code})
    assert refused.value.name == "odoo.exceptions.ValidationError"
    assert "RPC Dup" in refused.value.message
