# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Malformed dashboard filters: refused with a UserError naming the filter, over RPC methods,
the report wizard and the XLSX report's URL; saved filters that no longer hold fall back to the
defaults."""

import json
from urllib.parse import urlencode

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import RouteCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_XLSX_URL = "/report/xlsx/production_coordination.status_report_xlsx"

# (filters, the key the error names); the ids that must not exist are filled in setUpClass.
MALFORMED = [
    ("garbage", "company_ids"),
    (5, "company_ids"),
    ([], "company_ids"),
    ([[1]], "company_ids"),
    ({"surprise": 1}, "surprise"),
    ({"company_ids": "1"}, "company_ids"),
    ({"company_ids": 1}, "company_ids"),
    ({"company_ids": [True]}, "company_ids"),
    ({"company_ids": [[1]]}, "company_ids"),
    ({"warehouse_id": "abc"}, "warehouse_id"),
    ({"warehouse_id": "1"}, "warehouse_id"),
    ({"warehouse_id": True}, "warehouse_id"),
    ({"warehouse_id": [1]}, "warehouse_id"),
    ({"warehouse_id": 1.5}, "warehouse_id"),
    ({"warehouse_id": -3}, "warehouse_id"),
    ({"warehouse_id": 2**31}, "warehouse_id"),
    ({"warehouse_id": 2**63}, "warehouse_id"),
    ({"warehouse_id": 2**70}, "warehouse_id"),
    ({"department_ids": [[1]]}, "department_ids"),
    ({"department_ids": "1,2"}, "department_ids"),
    ({"department_ids": [-1]}, "department_ids"),
    ({"department_ids": [0]}, "department_ids"),
    ({"department_ids": [None]}, "department_ids"),
    ({"department_ids": [2**40]}, "department_ids"),
    ({"department_ids": {"a": 1}}, "department_ids"),
]


class TestDashboardFilters(RouteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.old = cls.env["coordination.department"].create(
            {"name": "T-Old", "code": "TOLD", "member_ids": [Command.set(cls.alice.ids)]}
        )
        cls.old.active = False
        cls.other_company = cls.env["res.company"].create({"name": "Filters Elsewhere"})
        cls.coordinator.company_ids |= cls.other_company
        cls.elsewhere = cls.env["coordination.department"].create(
            {"name": "T-Elsewhere", "code": "TELS", "company_id": cls.other_company.id}
        )
        cls.env.cr.execute("SELECT max(id) FROM coordination_department")
        cls.unknown = cls.env.cr.fetchone()[0] + 1000
        cls.malformed = MALFORMED + [
            ({"department_ids": [cls.unknown]}, "department_ids"),
            ({"department_ids": cls.old.ids}, "department_ids"),
            ({"warehouse_id": cls.warehouse.id + 100000}, "warehouse_id"),
        ]

    def _dashboard(self, user):
        return self.env["coordination.dashboard"].with_user(user)

    def test_malformed_filters_are_refused_naming_the_filter(self):
        entry_points = (
            "get_dashboard_data",
            "set_dashboard_filters",
            "action_status_report_xlsx",
            "action_status_report_pdf",
        )
        for user in (self.coordinator, self.sup_cut, self.alice):
            for filters, key in self.malformed:
                for method in entry_points:
                    with (
                        self.subTest(user=user.login, filters=filters, method=method),
                        self.assertRaises(UserError) as caught,
                    ):
                        getattr(self._dashboard(user), method)(filters)
                    self.assertNotIsInstance(caught.exception, AccessError)
                    self.assertIn(key, str(caught.exception))
        # Nothing was remembered on the way.
        self.assertFalse(self.alice.coordination_dashboard_filters)

    def test_department_of_a_company_not_shown_is_refused(self):
        Dashboard = self._dashboard(self.coordinator).with_context(
            allowed_company_ids=(self.company | self.other_company).ids
        )
        with self.assertRaises(UserError) as caught:
            Dashboard.get_dashboard_data(
                {"company_ids": self.company.ids, "department_ids": self.elsewhere.ids}
            )
        self.assertIn("department_ids", str(caught.exception))
        data = Dashboard.get_dashboard_data(
            {"company_ids": self.other_company.ids, "department_ids": self.elsewhere.ids}
        )
        self.assertEqual([row["id"] for row in data["departments"]], self.elsewhere.ids)

    def test_valid_filters_still_work_and_empty_values_mean_all(self):
        Dashboard = self._dashboard(self.sup_cut)
        for filters in (
            {},
            {"company_ids": [], "warehouse_id": False, "department_ids": []},
            {"warehouse_id": None, "department_ids": None},
            {"warehouse_id": self.warehouse.id, "department_ids": self.cutting.ids * 2},
        ):
            with self.subTest(filters=filters):
                data = Dashboard.get_dashboard_data(filters)
                self.assertEqual([row["id"] for row in data["departments"]], self.cutting.ids)
        self.assertTrue(Dashboard.set_dashboard_filters({"department_ids": self.cutting.ids}))
        self.assertEqual(
            self.sup_cut.coordination_dashboard_filters["department_ids"], self.cutting.ids
        )

    def test_saved_garbage_falls_back_to_the_defaults(self):
        """Filters written before they were checked, or that no longer hold (a department
        archived or deleted since, a company the user left): the dashboard loads with the
        defaults."""
        Dashboard = self._dashboard(self.alice)
        defaults = Dashboard.get_dashboard_data({})
        stale = [filters for filters, _key in self.malformed] + [
            {"company_ids": self.other_company.ids},
            "{not json",
            None,
        ]
        for saved in stale:
            with self.subTest(saved=saved):
                # As an older version could have written it (the field now refuses it).
                self.env.cr.execute(
                    "UPDATE res_users SET coordination_dashboard_filters = %s WHERE id = %s",
                    [json.dumps(saved), self.alice.id],
                )
                self.env.invalidate_all()
                data = Dashboard.get_dashboard_data()
                self.assertEqual(data["filters"], defaults["filters"])
                self.assertEqual(data["departments"], defaults["departments"])
        # A department archived after it was saved.
        Dashboard.set_dashboard_filters({"department_ids": self.cutting.ids})
        self.cutting.active = False
        data = Dashboard.get_dashboard_data()
        self.assertEqual(data["filters"]["department_ids"], [])

    def test_users_cannot_save_garbage_filters_directly(self):
        for filters, key in MALFORMED:
            if not filters:
                continue  # a Json field keeps no empty value
            with (
                self.subTest(filters=filters),
                self.assertRaises(ValidationError) as caught,
            ):
                self.alice.with_user(self.alice).write({"coordination_dashboard_filters": filters})
            self.assertIn(key, str(caught.exception))
        self.alice.with_user(self.alice).coordination_dashboard_filters = {
            "department_ids": self.cutting.ids
        }

    def test_status_report_wizard_refuses_departments_outside_its_companies(self):
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.coordinator)
            .create(
                {
                    "company_ids": [Command.set(self.company.ids)],
                    "department_ids": [Command.set(self.elsewhere.ids)],
                }
            )
        )
        for action in ("action_download_xlsx", "action_print_pdf"):
            with self.subTest(action=action), self.assertRaises(UserError) as caught:
                getattr(wizard, action)()
            self.assertIn("department_ids", str(caught.exception))


@tagged("post_install", "-at_install")
class TestStatusReportRoute(RouteCase, HttpCase):
    """The XLSX report over HTTP (/report/xlsx/production_coordination.status_report_xlsx,
    report_xlsx): a readable 400 (403 when refused) for bad filters, ids or options, never a
    500 or a traceback. Odoo logs each refusal (WARNING, odoo.http)."""

    def _get(self, path="", refused=False, **query):
        url = f"{STATUS_XLSX_URL}{path}?{urlencode(query)}"
        if not refused:
            return self.url_open(url)
        with self.assertLogs("odoo.http", "WARNING"):
            return self.url_open(url)

    def _assert_refused(self, response, status, key):
        self.assertEqual(response.status_code, status)
        self.assertIn(key, response.text)
        self.assertNotIn("Traceback", response.text)

    def test_route_answers_bad_filters_with_a_readable_400(self):
        self.authenticate("pcr_coordinator", "pcr_coordinator")
        ok = self._get(options=json.dumps({"filters": {"department_ids": self.cutting.ids}}))
        self.assertEqual(ok.status_code, 200)
        self.assertEqual(ok.headers["Content-Type"], XLSX)
        self.assertEqual(self._get().status_code, 200)  # no filters: the defaults
        # The filters as a query parameter of their own (JSON), as the old route took them.
        ok = self._get(filters=json.dumps({"department_ids": self.cutting.ids}))
        self.assertEqual(ok.status_code, 200)
        for raw, key in (
            ("{not json", "JSON"),
            ("", "JSON"),
            ("[[1]]", "company_ids"),
            ('"text"', "company_ids"),
            ("7", "company_ids"),
            ('{"warehouse_id": "x"}', "warehouse_id"),
            ('{"warehouse_id": 99999999999999999999999}', "warehouse_id"),
            ('{"department_ids": [1e400]}', "department_ids"),
            ('{"department_ids": [-5]}', "department_ids"),
            ('{"department_ids": [2147483000]}', "department_ids"),
            ('{"colour": "red"}', "colour"),
        ):
            with self.subTest(filters=raw):
                self._assert_refused(self._get(refused=True, filters=raw), 400, key)
        for raw, key in (
            ('{"filters": {"colour": "red"}}', "colour"),
            ('{"filters": [[1]]}', "company_ids"),
            ("{not json", "options"),
            ("[1]", "options"),
        ):
            with self.subTest(options=raw):
                self._assert_refused(self._get(refused=True, options=raw), 400, key)
        self._assert_refused(self._get(refused=True, context="nope"), 400, "context")
        for ids in ("x", "1,x", "0", "99999999999"):
            with self.subTest(ids=ids):
                self._assert_refused(self._get(f"/{ids}", refused=True), 400, "record ids")
        self.env.cr.execute("SELECT max(id) FROM coordination_department")
        unknown = self.env.cr.fetchone()[0] + 1000
        self._assert_refused(self._get(f"/{unknown}", refused=True), 400, str(unknown))

    def test_route_refuses_other_departments_with_403(self):
        self.authenticate("pcr_sup_cut", "pcr_sup_cut")
        response = self._get(
            refused=True, options=json.dumps({"filters": {"department_ids": self.assembly.ids}})
        )
        self._assert_refused(response, 403, self.assembly.name)
        # The Print menu of departments: another department refused the same way.
        self._assert_refused(
            self._get(f"/{self.assembly.id}", refused=True), 403, self.assembly.name
        )
        self.assertEqual(self._get(f"/{self.cutting.id}").status_code, 200)
        self.assertEqual(self._get(options=json.dumps({"filters": {}})).status_code, 200)
        # Someone outside the Coordination app: refused, naming what they cannot do.
        self.authenticate("pcr_plain", "pcr_plain")
        self._assert_refused(self._get(refused=True), 403, "status report")
