# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import MONDAY
from .test_media_budget import MediaBudgetCase


class CostReportCase(MediaBudgetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["media.crew.rate"].create({"crew_member_id": cls.ana.id, "amount": 600})
        cls.camera_package.coordination_day_rate = 1500
        cls.env["media.budget.line"].create(
            [
                {"project_id": cls.production_a.id, "category": "crew", "amount": 5000},
                {"project_id": cls.production_a.id, "category": "equipment", "amount": 1000},
            ]
        )
        day = cls.env["media.production.day"].create(
            {
                "project_id": cls.production_a.id,
                "date_call": MONDAY,
                "date_wrap": MONDAY.replace(hour=17),
                "tz": "UTC",
            }
        )
        cls.env["media.booking"].create(
            [
                {"day_id": day.id, "crew_member_id": cls.ana.id},
                {
                    "day_id": day.id,
                    "resource_type": "equipment",
                    "equipment_id": cls.camera_package.id,
                },
            ]
        )
        cls.day = day


@tagged("post_install", "-at_install")
class TestMediaCostReport(CostReportCase):
    def test_workbook(self):
        self._budget(travel=800)
        order = self._order([(self.flight, 2, 250)])
        order.button_confirm()
        production = self.production_a.with_user(self.coordinator)
        action = production.action_coordination_cost_report()
        self.assertEqual(action["report_name"], "production_coordination_media.cost_report_xlsx")
        self.assertEqual(action["context"]["active_ids"], production.ids)
        book = openpyxl.load_workbook(io.BytesIO(production._coordination_cost_report_xlsx()))
        self.assertEqual(book.sheetnames, ["Budget", "Costs", "Per Day"])
        budget = {row[0]: row[1:5] for row in book["Budget"].iter_rows(min_row=5, values_only=True)}
        self.assertEqual(budget["Crew"], (5000, 600, 0, 600))
        self.assertEqual(budget["Equipment rental"], (1000, 1500, 0, 1500))
        self.assertEqual(budget["Travel"], (800, 500, 0, 500))
        costs = list(book["Costs"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(costs), 3)
        self.assertEqual(sorted(row[6] for row in costs), [500, 600, 1500])
        per_day = list(book["Per Day"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(per_day[0][0], datetime(2031, 3, 3))
        self.assertEqual(per_day[0][2:4], (600, 1500))  # crew, equipment
        self.assertEqual(per_day[1][1], "Not on a production day")
        self.assertEqual(per_day[1][5], 500)  # travel

    def test_refused(self):
        with self.assertRaises(AccessError):
            self.production_a.with_user(self.crew_user)._coordination_cost_report_xlsx()
        with self.assertRaises(AccessError):
            self.production_a.with_user(self.crew_user).action_coordination_cost_report()
        plain = self.env["project.project"].create({"name": "Not media"})
        with self.assertRaises(UserError):
            plain.with_user(self.coordinator).action_coordination_cost_report()


@tagged("post_install", "-at_install")
class TestMediaCostReportDownload(CostReportCase, HttpCase):
    def test_download(self):
        """The report's URL (report_xlsx; the Budget tab's button and the Print menu download
        it); Odoo logs each refusal (WARNING, odoo.http)."""
        url = "/report/xlsx/production_coordination_media.cost_report_xlsx"
        self.authenticate("pcm_media_coordinator", "pcm_media_coordinator")
        response = self.url_open(f"{url}/{self.production_a.id}")
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book["Budget"]["A1"].value, "Cost report: Test Documentary")
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(f"{url}/999999")
        self.assertEqual(response.status_code, 400)
        self.assertIn("999999", response.text)
        self.authenticate("pcm_crew_ana", "pcm_crew_ana")
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(f"{url}/{self.production_a.id}")
        self.assertEqual(response.status_code, 403)
        # Refused with Odoo's page and its reason, no workbook and no figure of the budget.
        # (Not a bare "600": the page's CSRF token is hex and contains any 3 digits now and then.)
        self.assertFalse(response.content.startswith(b"PK"))
        self.assertIn("Only media coordinators read the costs", response.text)
        self.assertNotIn("Cost report: Test Documentary", response.text)
