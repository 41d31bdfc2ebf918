# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read replicas: the entry points marked ``@api.readonly`` (and the read-only XLSX report URL) are
sent by Odoo to a read replica when the server has one (``--db_replica_host``). There a write
fails (``ReadOnlySqlTransaction``) and Odoo runs the whole request again on the primary: each
entry point is called here as the users who use it, in a read-only transaction, and must not
write. The boards (lists, kanbans, timelines) are read by Odoo's own read-only calls
(``web_search_read``, ``search_read``): the fields our views show are read the same way.

`tests/test_replica.py` (top level, ``make test-replica``) shows the same calls served by a
real streaming replica."""

import io
import json
from urllib.parse import urlencode

import psycopg2.errors
from openpyxl import load_workbook

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.production_coordination.controllers.report_xlsx import (
    CoordinationReportController,
)

from .common import MRP_USER, PURCHASE_USER, DashboardCase, read_only_transaction

STATUS_XLSX_URL = "/report/xlsx/production_coordination.status_report_xlsx"


def is_readonly(model, method):
    """Whether Odoo's RPC routes (``/web/dataset/call_kw``, ``call_button``) take a read-only
    cursor for this method: ``web.controllers.dataset.DataSet._call_kw_readonly``."""
    for cls in type(model).mro():
        function = getattr(cls, method, None)
        if function is not None and hasattr(function, "_readonly"):
            return function._readonly
    return False


@tagged("post_install", "-at_install")
class TestReadonlyEntryPoints(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls._user("pcro_buyer", PURCHASE_USER, "Bea Buyer")
        cls.mrp_coordinator = cls.coordinator
        cls.mrp_coordinator.groups_id += cls.env.ref(MRP_USER)

    def test_marked_entry_points(self):
        Dashboard = self.env["coordination.dashboard"]
        self.assertTrue(is_readonly(Dashboard, "get_dashboard_data"))
        # They write: the primary (the report buttons enqueue a job for a large report; the
        # XLSX route below reads only).
        for method in (
            "set_dashboard_filters",
            "action_status_report_xlsx",
            "action_status_report_pdf",
        ):
            self.assertFalse(is_readonly(Dashboard, method), method)
        # The status report wizard's buttons read the wizard just created on the primary: a
        # replica a moment behind would not have it yet.
        Wizard = self.env["coordination.status.report.wizard"]
        for method in ("action_download_xlsx", "action_print_pdf"):
            self.assertFalse(is_readonly(Wizard, method), method)
        # The XLSX reports' URL (/report/xlsx/..., web's report route, through report_xlsx
        # and our check of its parameters) is read-only: the routing Odoo merges, ancestors
        # first (odoo.http._generate_routing_rules).
        routing = {}
        for cls in reversed(CoordinationReportController.mro()):
            if "report_routes" in cls.__dict__:
                routing.update(cls.__dict__["report_routes"].original_routing)
        self.assertIs(routing["readonly"], True)
        self.assertIn("/report/<converter>/<reportname>/<docids>", routing["routes"])

    def test_dashboard_data_reads_only(self):
        """Each role's dashboard, for given filters, for the saved ones and for saved filters
        that no longer hold (a department archived since: the defaults, logged)."""
        Dashboard = self.env["coordination.dashboard"]
        for user in (self.coordinator, self.sup_cut, self.alice, self.buyer):
            with self.subTest(user=user.login):
                filters = self.filters if user == self.coordinator else {}
                with read_only_transaction(self.env):
                    data = Dashboard.with_user(user).get_dashboard_data(filters)
                self.assertTrue(data["tiles"])
                Dashboard.with_user(user).set_dashboard_filters(filters)
                with read_only_transaction(self.env):
                    self.assertEqual(
                        Dashboard.with_user(user).get_dashboard_data()["filters"],
                        data["filters"],
                    )
        Dashboard.with_user(self.alice).set_dashboard_filters({"department_ids": self.cutting.ids})
        self.cutting.active = False
        with read_only_transaction(self.env):
            data = Dashboard.with_user(self.alice).get_dashboard_data()
        self.assertEqual(data["filters"]["department_ids"], [])

    def test_status_report_reads_only(self):
        """The XLSX (the route's work and the dashboard's button) and the PDF's HTML, as the
        coordinator and a supervisor."""
        Dashboard = self.env["coordination.dashboard"]
        Report = self.env["coordination.status.report"]
        for user, filters in ((self.coordinator, self.filters), (self.sup_cut, {})):
            with self.subTest(user=user.login), read_only_transaction(self.env):
                action = Dashboard.with_user(user).action_status_report_xlsx(filters)
                self.assertEqual(action["report_type"], "xlsx")
                content, _format = (
                    self.env["ir.actions.report"]
                    .with_user(user)
                    ._render(action["report_name"], None, action["data"])
                )
                self.assertIn("Orders", load_workbook(io.BytesIO(content)).sheetnames)
                content = Report.with_user(user)._build_xlsx(filters)
                self.assertIn("Orders", load_workbook(io.BytesIO(content)).sheetnames)
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.coordinator)
            .create({"department_ids": [Command.set(self.departments.ids)]})
        )
        report = self.env.ref("production_coordination.action_report_status")
        with read_only_transaction(self.env):
            html = (
                report.with_user(self.coordinator)
                ._render_qweb_html(report.report_name, wizard.ids)[0]
                .decode()
            )
        self.assertIn(self.blocked.name, html)

    def test_a_write_is_caught(self):
        """The check itself: a write in the read-only transaction fails, the test transaction
        is read/write afterwards."""
        with (
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction),
            mute_logger("odoo.sql_db"),
            read_only_transaction(self.env),
        ):
            self.cutting.with_user(self.coordinator).name = "Cutting (renamed)"
        self.assertNotEqual(self.cutting.name, "Cutting (renamed)")
        self.cutting.name = "Cutting (renamed)"
        self.env.flush_all()

    def test_boards_read_only(self):
        """The boards as their users open them: the fields of each action's list, kanban and
        timeline views, read by Odoo's read-only calls."""
        boards = {
            self.mrp_coordinator: [
                "mrp_production_action_priority",
                "coordination_handoff_action",
                "mrp_workorder_action_queue",
                "mrp_workorder_action_timeline",
                "mrp_workorder_action_timeline_department",
                "coordination_workcenter_load_action",
                "coordination_checkin_action",
                "coordination_department_action",
                "coordination_redundancy_action",
                "project_task_action_shortage",
            ],
            self.sup_cut: ["coordination_handoff_action", "mrp_workorder_action_queue"],
            self.alice: ["mrp_workorder_action_mine", "coordination_handoff_action"],
            self.buyer: [
                "project_task_action_shortage",
                "purchase_order_line_action_delivery_risk",
                "res_partner_action_on_time",
            ],
        }
        # Work that has started and a leg that waits: the computed fields have something to say.
        self._leg(self.plain_mo, self.cutting).workorder_ids[:1].with_user(
            self.sup_cut
        ).action_coordination_start()
        for user, xmlids in boards.items():
            for xmlid in xmlids:
                with self.subTest(user=user.login, board=xmlid):
                    self._read_board(user, "production_coordination." + xmlid)

    def _read_board(self, user, xmlid):
        action = self.env.ref(xmlid).sudo()
        Model = self.env[action.res_model].with_user(user)
        views = [
            (view_id, mode)
            for view_id, mode in action.read(["views"])[0]["views"]
            if mode in ("list", "kanban", "timeline")
        ]
        self.assertTrue(views, xmlid)
        result = Model.get_views(views)
        fields = result["models"][Model._name]["fields"]
        specification = {
            name: {"fields": {"display_name": {}}} if field["type"] == "many2one" else {}
            for name, field in fields.items()
            if field["type"] != "properties"
        }
        for _view_id, mode in views:
            with read_only_transaction(self.env):
                if mode == "timeline":  # web_timeline reads with search_read
                    Model.search_read([], list(specification), limit=80)
                else:
                    Model.web_search_read([], specification, limit=80)


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(DashboardCase, HttpCase):
    """The way Odoo routes them: in an HttpCase, a read-only request gets a read-only test
    cursor; a write there is logged (WARNING) and the request run again read/write."""

    def _assert_served_read_only(self, call):
        with self.assertNoLogs("odoo.http", "WARNING"):
            return call()

    def test_dashboard_call_kw(self):
        self.authenticate(self.sup_cut.login, self.sup_cut.login)
        data = self._assert_served_read_only(
            lambda: self.make_jsonrpc_request(
                "/web/dataset/call_kw/coordination.dashboard/get_dashboard_data",
                {
                    "model": "coordination.dashboard",
                    "method": "get_dashboard_data",
                    "args": [],
                    "kwargs": {"filters": {}},
                },
            )
        )
        self.assertTrue(data["tiles"])

    def test_xlsx_route(self):
        self.authenticate(self.coordinator.login, self.coordinator.login)
        query = urlencode({"options": json.dumps({"filters": self.filters})})
        response = self._assert_served_read_only(
            lambda: self.url_open(f"{STATUS_XLSX_URL}?{query}")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Orders", load_workbook(io.BytesIO(response.content)).sheetnames)
        # The Print menu of departments: /report/xlsx/<report>/<department ids>.
        response = self._assert_served_read_only(
            lambda: self.url_open(f"{STATUS_XLSX_URL}/{self.cutting.id}")
        )
        self.assertEqual(response.status_code, 200)
        # Bad filters: a 400 naming them (Odoo logs the UserError), still read-only: no
        # "retrying with a read/write cursor".
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.url_open(f"{STATUS_XLSX_URL}?filters=nope")
        self.assertEqual(response.status_code, 400)
        self.assertIn("JSON", response.text)
        self.assertFalse([line for line in logs.output if "read/write cursor" in line])
