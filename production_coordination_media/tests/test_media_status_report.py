# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import zipfile
from datetime import datetime, timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import MediaCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRODUCER = "production_coordination_media.group_media_producer"
MONDAY = datetime(2031, 3, 3, 8, 0)


class MediaReportCase(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.producer_partner = cls.env["res.partner"].create(
            {"name": "Paula Producer", "email": "paula@example.com"}
        )
        cls.production_a.write(
            {
                "coordination_producer_id": cls.producer_partner.id,
                "coordination_phase": "production",
            }
        )
        cls.env["media.crew.rate"].create(
            {"crew_member_id": cls.ana.id, "rate_type": "day", "amount": 500}
        )
        cls.env["media.budget.line"].create(
            [
                {"project_id": cls.production_a.id, "category": "crew", "amount": 100},
                {"project_id": cls.production_a.id, "category": "equipment", "amount": 2000},
            ]
        )
        day = cls.env["media.production.day"].create(
            {
                "project_id": cls.production_a.id,
                "date_call": MONDAY,
                "date_wrap": MONDAY + timedelta(hours=10),
                "tz": "UTC",
            }
        )
        cls.env["media.booking"].create(
            {"day_id": day.id, "resource_type": "crew", "crew_member_id": cls.ana.id}
        )
        cls.env["media.deliverable"].create(
            {"project_id": cls.production_a.id, "name": "Online master", "state": "review"}
        )
        cls.Report = cls.env["media.status.report"]


@tagged("post_install", "-at_install")
class TestMediaStatusReport(MediaReportCase):
    def test_xlsx_sheets_filters_and_chart(self):
        content = self.Report.with_user(self.coordinator)._build_xlsx(
            (self.production_a | self.production_b).ids
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        # The sheets other parts add (Reviews, ...) come after these (test_media_review_report).
        self.assertEqual(
            book.sheetnames[:4], ["Productions", "Budget", "Deliverables", "Next days"]
        )
        sheet = book["Productions"]
        header = [cell.value for cell in sheet[4]]
        self.assertEqual(header[0], "Production")
        self.assertIn("Budget", header)
        self.assertTrue(sheet.auto_filter.ref)
        rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
        row = rows[self.production_a.name]
        self.assertEqual(row[header.index("Budget")], 2100)
        self.assertAlmostEqual(
            row[header.index("Burn")], self.production_a.coordination_budget_burn / 100
        )
        budget = book["Budget"]
        self.assertTrue(budget.auto_filter.ref)
        categories = {r[1]: r for r in budget.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(categories["Crew"][2], 100)
        self.assertGreater(categories["Crew"][3] + categories["Crew"][4], 100)  # over budget
        self.assertIn(
            "Online master", [r[1] for r in book["Deliverables"].iter_rows(values_only=True)]
        )
        # openpyxl drops charts when reading: look for it in the file itself.
        self.assertIn("xl/charts/chart1.xml", zipfile.ZipFile(io.BytesIO(content)).namelist())

    def test_actions_and_access(self):
        action = self.production_a.with_user(self.coordinator).action_media_status_report_xlsx()
        self.assertEqual(action["report_name"], "production_coordination_media.media_status_xlsx")
        self.assertEqual(action["context"]["active_ids"], self.production_a.ids)
        pdf = self.production_a.with_user(self.coordinator).action_media_status_report_pdf()
        self.assertEqual(pdf["report_name"], "production_coordination_media.report_media_status")
        across = self.env["media.dashboard"].with_user(self.coordinator)
        xlsx_all = across.action_status_report_xlsx({})
        self.assertIn(self.production_a.id, xlsx_all["context"]["active_ids"])
        pdf_all = across.action_status_report_pdf({})
        self.assertIn(self.production_a.id, pdf_all["context"]["active_ids"])
        # Crew users never get it: it shows costs.
        for call in (
            lambda: self.Report.with_user(self.crew_user)._build_xlsx(self.production_a.ids),
            lambda: self.env["media.dashboard"]
            .with_user(self.crew_user)
            .action_status_report_xlsx({}),
        ):
            with self.assertRaises(AccessError):
                call()
        # Bad ids: named.
        for ids in ([2**31 - 7], ["1"], [True], "1", [-1]):
            with self.subTest(ids=ids), self.assertRaises(UserError):
                self.Report.with_user(self.coordinator)._build_xlsx(ids)
        task_project = self.env["project.project"].create({"name": "Not media"})
        with self.assertRaises(UserError) as caught:
            self.Report.with_user(self.coordinator)._build_xlsx(task_project.ids)
        self.assertIn(str(task_project.id), caught.exception.args[0])

    def test_pdf_html_names_productions_and_costs(self):
        report = self.env.ref("production_coordination_media.action_report_media_status")
        html = (
            report.with_user(self.coordinator)
            ._render_qweb_html(report.report_name, self.production_a.ids)[0]
            .decode()
        )
        self.assertIn(self.production_a.name, html)
        self.assertIn("Budget by category", html)
        self.assertIn("Online master", html)
        with self.assertRaises(AccessError):
            report.with_user(self.crew_user)._render_qweb_html(
                report.report_name, self.production_a.ids
            )

    def test_digest_sent_once_per_week_to_producers(self):
        producer = new_test_user(
            self.env, "pcm_producer_test", groups=PRODUCER, email="prod@example.com", tz="UTC"
        )
        Digest = self.env["media.digest"]
        self.env.company.media_digest_last_week = False
        subject = f"{self.env.company.name}: media productions this week"
        Mail = self.env["mail.mail"]
        with freeze_time(MONDAY):
            Digest._cron_send_digest()
            Digest._cron_send_digest()
        mails = Mail.search([("subject", "=", subject)])
        # The producers get every production; Paula, the producer of A, gets A's alone.
        self.assertIn(producer.partner_id, mails.recipient_ids)
        paula = mails.filtered(lambda mail: self.producer_partner in mail.recipient_ids)
        self.assertEqual(len(paula), 1)
        self.assertNotIn(producer.partner_id, paula.recipient_ids)
        self.assertIn(self.production_a.name, str(paula.body_html))
        self.assertNotIn(self.production_b.name, str(paula.body_html))
        self.assertEqual(paula.attachment_ids.mimetype, XLSX)
        count = len(mails)
        with freeze_time(MONDAY + timedelta(days=2)):  # same week
            Digest._cron_send_digest()
        self.assertEqual(len(Mail.search([("subject", "=", subject)])), count)
        with freeze_time(MONDAY + timedelta(days=7)):  # next week
            Digest._cron_send_digest()
        self.assertEqual(len(Mail.search([("subject", "=", subject)])), 2 * count)


@tagged("post_install", "-at_install")
class TestMediaStatusReportHttp(MediaReportCase, HttpCase):
    def test_download_route(self):
        """The report's URL (report_xlsx; the form's button and the Print menu download it);
        Odoo logs each refusal (WARNING, odoo.http)."""
        url = "/report/xlsx/production_coordination_media.media_status_xlsx"
        self.authenticate(self.coordinator.login, self.coordinator.login)
        response = self.url_open(f"{url}/{self.production_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        with self.assertLogs("odoo.http", "WARNING"):
            bad = self.url_open(f"{url}/x")
        self.assertEqual(bad.status_code, 400)
        self.assertIn("x", bad.text)
        self.authenticate(self.crew_user.login, self.crew_user.login)
        with self.assertLogs("odoo.http", "WARNING"):
            refused = self.url_open(f"{url}/{self.production_a.id}")
        self.assertEqual(refused.status_code, 403)
