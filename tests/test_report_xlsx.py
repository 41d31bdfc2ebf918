"""The XLSX reports (OCA report_xlsx) over HTTP on a real server, as each role downloads them:
``/report/xlsx/<report name>/<record ids>`` (the Print menu) and ``?options=<json>`` (the
dashboard's and the wizard's filters). Refusals are a 403 (access) or a 400 (bad input) naming
the problem, never a 500; Odoo logs each as an "odoo.http" WARNING (expected by conftest)."""

import json
import uuid

import pytest
import requests
from conftest import DB

STATUS = "/report/xlsx/production_coordination.status_report_xlsx"
MEDIA_STATUS = "/report/xlsx/production_coordination_media.media_status_xlsx"
COST = "/report/xlsx/production_coordination_media.cost_report_xlsx"
USER = "production_coordination.group_coordination_user"
SUPERVISOR = "production_coordination.group_coordination_supervisor"
MANAGER = "production_coordination.group_coordination_manager"
MEDIA = "production_coordination_media.group_media_coordinator"
CREW = "production_coordination_media.group_media_crew"


def session(url, login):
    """A browser's session (cookie), as the web client downloads a report."""
    http = requests.Session()
    response = http.post(
        f"{url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": DB, "login": login, "password": login},
        },
        timeout=60,
    )
    assert response.json()["result"]["uid"], login

    def get(path, **params):
        return http.get(url + path, params=params, timeout=120)

    return get


@pytest.fixture(scope="module")
def roles(odoo_server, admin, make_user):
    users = {
        "coordinator": make_user(MANAGER, "mrp.group_mrp_user"),
        "supervisor": make_user(SUPERVISOR, "mrp.group_mrp_user"),
        "staff": make_user(USER, "mrp.group_mrp_user"),
        "buyer": make_user("purchase.group_purchase_user"),
        "media": make_user(MEDIA),
        "crew": make_user(CREW),
    }
    own = admin(
        "coordination.department",
        "create",
        {
            "name": "XLSX Own",
            "code": uuid.uuid4().hex[:8],
            "supervisor_id": users["supervisor"].uid,
            "member_ids": [(6, 0, [users["staff"].uid])],
        },
    )
    other = admin(
        "coordination.department",
        "create",
        {"name": "XLSX Other", "code": uuid.uuid4().hex[:8]},
    )
    production = admin(
        "project.project", "create", {"name": "XLSX Documentary", "is_media_production": True}
    )
    gets = {role: session(odoo_server["url"], rpc.login) for role, rpc in users.items()}
    return gets, own, other, production


def assert_xlsx(response):
    assert response.status_code == 200, response.text[:300]
    assert response.content[:2] == b"PK"


def assert_refused(response, status, named):
    assert response.status_code == status, response.text[:300]
    assert named in response.text
    assert "Traceback" not in response.text


def test_status_report_per_role(roles):
    get, own, other, _production = roles
    # Print menu of departments: coordinators any, supervisors and staff their own.
    assert_xlsx(get["coordinator"](f"{STATUS}/{own},{other}"))
    for role in ("supervisor", "staff"):
        assert_xlsx(get[role](f"{STATUS}/{own}"))
        assert_refused(get[role](f"{STATUS}/{other}"), 403, "XLSX Other")
    # The dashboard's filters.
    assert_xlsx(get["coordinator"](STATUS, options=json.dumps({"filters": {}})))
    assert_xlsx(
        get["supervisor"](STATUS, options=json.dumps({"filters": {"department_ids": [own]}}))
    )
    # Purchasing staff have the dashboard's materials, not the status report.
    assert_refused(get["buyer"](STATUS, options=json.dumps({"filters": {}})), 403, "status report")
    # Bad input: a 400 naming it.
    assert_refused(get["coordinator"](STATUS, options="{nope"), 400, "options")
    assert_refused(
        get["coordinator"](STATUS, options=json.dumps({"filters": {"colour": "red"}})),
        400,
        "colour",
    )
    assert_refused(get["coordinator"](f"{STATUS}/x"), 400, "record ids")


def test_media_reports_per_role(roles):
    get, _own, _other, production = roles
    for url in (MEDIA_STATUS, COST):
        assert_xlsx(get["media"](f"{url}/{production}"))
        # Crew users never get them (they show costs), nor manufacturing staff.
        assert_refused(get["crew"](f"{url}/{production}"), 403, "media")
        assert_refused(get["staff"](f"{url}/{production}"), 403, "media")
        assert_refused(get["media"](f"{url}/99999999"), 400, "99999999")
    assert_xlsx(get["media"](MEDIA_STATUS, options=json.dumps({"project_ids": []})))
