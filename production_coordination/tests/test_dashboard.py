# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging
import re
import zipfile
from datetime import timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MONDAY_14, DashboardCase

_logger = logging.getLogger(__name__)


# The dashboard's data call, whatever the number of orders (cold record cache, figures computed,
# not read from the cache of `coordination.dashboard.cache`): the filters and their options,
# the change marker, one query for the order tiles, two for the legs and check-ins by
# department (tiles and rows), the rows' departments and load, the top orders, the blockers,
# the materials part; two more check that the departments of the filter exist, are active and
# in the companies shown (one query less without demo data). 65 before the tiles were counted
# together (each tile its own count and the existence checks of its window's views). 34 before
# issue 16; one more each for the quotations waiting for a production review, the overdue
# meeting action items (not cached) and the change notices to acknowledge; one for the
# user's language's number format (the forecast delays, "2,5" in Spanish: issue 19).
DATA_CALL_QUERIES = 38


class TestDashboardData(DashboardCase):
    @freeze_time(MONDAY_14)
    def test_tiles_count_and_open_the_right_records(self):
        data = self._data()
        tiles = {tile["key"]: tile for tile in data["tiles"]}
        expected = {
            "late": self.late,
            "at_risk": self.at_risk,
            "blocked": self._leg(self.blocked, self.cutting),
            "overdue_handoffs": self._leg(self.overdue, self.cutting),
            "overdue_checkins": self.env["coordination.checkin"].search(
                [("department_id", "=", self.assembly.id)]
            ),
            "expedited": self.expedited,
            "reservations_to_move": self.env["mrp.production"],
            "change_notices": self.env["coordination.change.notice"],
            "low_stock": self.shortages,
            "late_deliveries": self.late_line,
            "quotations_to_review": self.env["sale.order"].search(
                [("coordination_review_needed", "=", True), ("company_id", "=", self.company.id)]
            ),
            "meeting_actions_overdue": self.env["coordination.meeting.action"],
        }
        self.assertEqual(set(tiles), set(expected))
        self.assertEqual(tiles["low_stock"]["critical"], 1)
        self.assertEqual(tiles["low_stock"]["detail"], "1 critical")
        for key, records in expected.items():
            tile = tiles[key]
            self.assertEqual(tile["count"], len(records), key)
            action = tile["action"]
            found = (
                self.env[action["res_model"]].with_user(self.coordinator).search(action["domain"])
            )
            self.assertEqual(found, records, key)

    @freeze_time(MONDAY_14)
    def test_departments_top_orders_and_blockers(self):
        data = self._data()
        rows = {row["id"]: row for row in data["departments"]}
        self.assertEqual(set(rows), set(self.departments.ids))
        cutting = rows[self.cutting.id]
        self.assertEqual(
            (cutting["ready"], cutting["in_progress"], cutting["blocked"], cutting["overdue"]),
            (1, 4, 1, 1),
        )
        self.assertEqual(cutting["supervisor"], self.sup_cut.name)
        self.assertFalse(rows[self.assembly.id]["compliant"])
        self.assertTrue(rows[self.quality.id]["compliant"])
        self.assertEqual(data["top_orders"][0]["id"], self.expedited.id)
        problems = {row["id"]: row["problem"] for row in data["top_orders"]}
        self.assertIn("Saw blade broken", problems[self.blocked.id])
        self.assertEqual(
            [b["id"] for b in data["blockers"]], self._leg(self.blocked, self.cutting).ids
        )

    @freeze_time(MONDAY_14)
    def test_scope_refuses_other_departments_and_companies(self):
        with self.assertRaises(AccessError):
            self._data(self.sup_cut, {"department_ids": self.assembly.ids})
        other = self.env["res.company"].create({"name": "Elsewhere"})
        with self.assertRaises(AccessError):
            self._data(self.coordinator, {"company_ids": other.ids})
        # Without a department filter, staff see their own departments only.
        data = self._data(self.alice, {})
        self.assertEqual([row["id"] for row in data["departments"]], self.cutting.ids)
        self.assertEqual(
            data["options"]["departments"], [{"id": self.cutting.id, "name": self.cutting.name}]
        )
        blocked = {tile["key"]: tile["count"] for tile in data["tiles"]}["blocked"]
        self.assertEqual(blocked, 1)
        quentin = {t["key"]: t["count"] for t in self._data(self.quentin, {})["tiles"]}
        self.assertEqual(quentin["blocked"], 0)
        # Assembly staff: the orders coming to them sit in Cutting's handoff, which they
        # cannot read; the dashboard still says where each one is.
        data = self._data(self.anna, {})
        self.assertEqual([row["id"] for row in data["departments"]], self.assembly.ids)
        rows = {row["id"]: row for row in data["top_orders"]}
        self.assertEqual(rows[self.blocked.id]["department"], self.cutting.name)
        self.assertIn("Saw blade broken", rows[self.blocked.id]["problem"])
        # Staff of no department yet: nothing, not everything.
        newcomer = new_test_user(
            self.env, "pcd_newcomer", groups="production_coordination.group_coordination_user"
        )
        data = self._data(newcomer, {})
        self.assertEqual(data["departments"], [])
        self.assertFalse(any(tile["count"] for tile in data["tiles"]))
        self.assertEqual(data["filters"]["department_ids"], [])

    @freeze_time(MONDAY_14)
    def test_filters_are_remembered(self):
        Dashboard = self.env["coordination.dashboard"].with_user(self.sup_cut)
        Dashboard.set_dashboard_filters({"department_ids": self.cutting.ids})
        self.assertEqual(
            self.sup_cut.coordination_dashboard_filters["department_ids"], self.cutting.ids
        )
        self.assertEqual(
            Dashboard.get_dashboard_data()["filters"]["department_ids"], self.cutting.ids
        )

    @freeze_time(MONDAY_14)
    def test_purchasing_staff_get_the_materials_part_only(self):
        buyer = new_test_user(self.env, "pcd_buyer", groups="purchase.group_purchase_user")
        data = (
            self.env["coordination.dashboard"]
            .with_user(buyer)
            .get_dashboard_data({"warehouse_id": self.warehouse.id})
        )
        self.assertFalse(data["sections"]["production"])
        self.assertEqual(
            {tile["key"]: tile["count"] for tile in data["tiles"]},
            {"low_stock": 1, "late_deliveries": 1, "meeting_actions_overdue": 0},
        )
        self.assertEqual([row["id"] for row in data["shortages"]], self.shortages[:1].ids)
        self.assertEqual(data["departments"], [])
        # Staff without purchase rights get no materials figures.
        keys = {tile["key"] for tile in self._data(self.alice, {})["tiles"]}
        self.assertFalse(keys & {"low_stock", "late_deliveries"})

    @freeze_time(MONDAY_14)
    def test_data_call_queries_do_not_grow_with_orders(self):
        self._data()  # warm the registry-level caches (groups, access rules)
        for _batch in range(2):
            self.env.invalidate_all()
            self.env["coordination.dashboard.cache"]._clear()  # computed, not read from it
            with self.assertQueryCount(DATA_CALL_QUERIES):
                self._data()
            for _i in range(12):
                self._make_mo()


class TestStatusReport(DashboardCase):
    @freeze_time(MONDAY_14)
    def test_xlsx_sheets_headers_and_values(self):
        content = (
            self.env["coordination.status.report"]
            .with_user(self.coordinator)
            ._build_xlsx(self.filters)
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(
            book.sheetnames,
            ["Summary", "Orders", "Departments", "Shortages", "Vendor deliveries"],
        )
        shortages = book["Shortages"]
        self.assertEqual(shortages["A1"].value, "Component")
        self.assertEqual(
            [(r[1].value, r[5].value) for r in shortages.iter_rows(min_row=2)],
            [(self.warehouse.name, "Critical"), ("Dash WH2", "Normal")],
        )
        deliveries = book["Vendor deliveries"]
        self.assertEqual(
            [(r[0].value, r[8].value) for r in deliveries.iter_rows(min_row=2)],
            [(self.late_line.order_id.name, "Late"), (self.late_line.order_id.name, "At Risk")],
        )
        self.assertEqual(deliveries.freeze_panes, "B2")
        orders = book["Orders"]
        self.assertEqual(
            [c.value for c in orders[1]][:8],
            [
                "Rank",
                "Order",
                "Product",
                "Quantity",
                "Customer",
                "Committed",
                "Forecast",
                "Delay (days)",
            ],
        )
        self.assertEqual(orders.freeze_panes, "C2")
        self.assertTrue(orders.auto_filter.ref)
        names = [row[1].value for row in orders.iter_rows(min_row=2)]
        self.assertEqual(
            set(names),
            {
                p.name
                for p in (
                    self.overdue
                    | self.late
                    | self.at_risk
                    | self.blocked
                    | self.expedited
                    | self.plain_mo
                )
            },
        )
        self.assertEqual(orders["B2"].value, self.expedited.name)  # rank order
        blocked_row = next(
            r for r in orders.iter_rows(min_row=2) if r[1].value == self.blocked.name
        )
        self.assertEqual(blocked_row[13].value, "Saw blade broken")
        summary = book["Summary"]
        counts = {
            row[0].value: row[1].value for row in summary.iter_rows(min_row=1) if row[0].value
        }
        self.assertEqual(counts["Late orders"], 1)
        self.assertEqual(counts["Blocked handoffs"], 1)
        # openpyxl drops charts when reading: look for it in the file itself.
        self.assertIn("xl/charts/chart1.xml", zipfile.ZipFile(io.BytesIO(content)).namelist())
        departments = book["Departments"]
        self.assertEqual(
            {row[0].value for row in departments.iter_rows(min_row=2)},
            set(self.departments.mapped("name")),
        )

    @freeze_time(MONDAY_14)
    def test_supervisor_report_names_other_departments_blockers(self):
        self.env.invalidate_all()
        content = (
            self.env["coordination.status.report"]
            .with_user(self.sup_asm)
            ._build_xlsx({"department_ids": self.assembly.ids})
        )
        orders = openpyxl.load_workbook(io.BytesIO(content))["Orders"]
        blocked_row = next(
            r for r in orders.iter_rows(min_row=2) if r[1].value == self.blocked.name
        )
        self.assertEqual(blocked_row[10].value, self.cutting.name)
        self.assertEqual(blocked_row[13].value, "Saw blade broken")

    @freeze_time(MONDAY_14)
    def test_xlsx_download_and_pdf_actions(self):
        Dashboard = self.env["coordination.dashboard"].with_user(self.coordinator)
        action = Dashboard.action_status_report_xlsx(self.filters)
        # The XLSX report (report_xlsx) of these filters, as the Print menu would.
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], "production_coordination.status_report_xlsx")
        self.assertEqual(
            action["data"],
            {"filters": Dashboard._filter_values(Dashboard._get_scope(self.filters))},
        )
        with self.assertRaises(AccessError):
            self.env["coordination.dashboard"].with_user(self.sup_cut).action_status_report_xlsx(
                {"department_ids": self.assembly.ids}
            )
        report = Dashboard.action_status_report_pdf(self.filters)
        self.assertEqual(report["report_name"], "production_coordination.report_status")


@tagged("post_install", "-at_install")
class TestStatusPdf(DashboardCase, HttpCase):
    """wkhtmltopdf fetches the report's assets from the server: an HttpCase, whose server
    shares the test's transaction. (Not under freeze_time: a frozen clock makes the subprocess
    and HTTP time-outs wait forever.)"""

    def test_pdf_renders_on_a4_and_letter(self):
        from PyPDF2 import PdfReader

        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.coordinator)
            .create({"department_ids": [Command.set(self.departments.ids)]})
        )
        report = self.env.ref("production_coordination.action_report_status")
        html = report._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertIn("<h2>Departmental Status Report</h2>", html)
        self.assertIn(self.blocked.name, html)
        for paperformat, size in (
            ("base.paperformat_euro", (595, 842)),
            ("base.paperformat_us", (612, 792)),
        ):
            report.paperformat_id = self.env.ref(paperformat)
            content, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                report.report_name, wizard.ids
            )
            self.assertEqual(kind, "pdf")
            pdf = PdfReader(io.BytesIO(content))
            page = pdf.pages[0]
            self.assertEqual(
                (round(float(page.mediabox.width)), round(float(page.mediabox.height))), size
            )
            self.assertEqual(pdf.metadata.title, "Departmental Status Report")

    def test_pdf_is_text_in_the_readers_formats_with_the_load_chart(self):
        from PyPDF2 import PdfReader

        # The reader's language writes dates as 22.11.2026.
        self.env.ref("base.lang_en").date_format = "%d.%m.%Y"
        self.coordinator.tz = "UTC"
        # Forecast a few minutes before its committed date: -0.004 days, shown as 0.0.
        self.at_risk.coordination_delay_days = -0.004
        self.env["coordination.workcenter.load"]._refresh(self.company)
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.coordinator)
            .create({"department_ids": [Command.set(self.departments.ids)]})
        )
        report = self.env.ref("production_coordination.action_report_status")
        html = report._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        page = html[html.index('<div class="page') :]
        # The late order's committed date (22 November, 08:00 UTC), on one line.
        self.assertRegex(page, r'class="o_pc_nowrap"[^>]*>\s*22\.11\.2026\s*<')
        self.assertNotIn("2026-11-22", page)
        self.assertNotRegex(page, r">\s*-0[.,]0\b")
        # Every table has its cells bordered.
        tables = re.findall(r"<table[^>]*>", page)
        self.assertTrue(tables)
        self.assertTrue(all("o_pc_report_table" in table for table in tables), tables)
        # The load chart, as in the XLSX: planned beside available hours for each department.
        chart = page[page.index('class="o_pc_load_chart"') : page.index("</svg>")]
        self.assertEqual(chart.count("<rect") - 2, 2 * len(self.departments))  # 2: the legend

        content, _kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, wizard.ids
        )
        pdf = PdfReader(io.BytesIO(content))
        text = re.sub(r"\s+", " ", " ".join(pdf_page.extract_text() for pdf_page in pdf.pages))
        # Text, not drawings of letters: it can be searched and copied.
        self.assertIn("Departmental Status Report", text)
        self.assertIn("22.11.2026", text)
        self.assertNotRegex(text, r"-0[.,]0\b")
        # Its size follows its content: the same report drew every letter as a vector path
        # with the layout's web fonts, about 560 kB a page.
        _logger.info("Status report PDF: %s bytes, %s page(s)", len(content), len(pdf.pages))
        self.assertLess(len(content) / len(pdf.pages), 60_000)


@tagged("post_install", "-at_install")
class TestDigest(DashboardCase):
    def test_digest_sent_once_per_week_to_the_recipients(self):
        reader = new_test_user(
            self.env, "pcd_reader", groups="base.group_user", email="reader@example.com"
        )
        partner = self.env["res.partner"].create(
            {"name": "Plant Manager", "email": "pm@example.com"}
        )
        self.company.write(
            {
                "coordination_digest_weekday": str(MONDAY_14.weekday()),
                "coordination_digest_user_ids": [Command.set(reader.ids)],
                "coordination_digest_partner_ids": [Command.set(partner.ids)],
                "coordination_digest_supervisors": True,
                "coordination_digest_last_week": False,
            }
        )
        # One mail per language and time zone (see test_mail_i18n): all read English in UTC.
        supervisors = self.env["coordination.department"].search([]).supervisor_id
        (reader.partner_id | partner | supervisors.partner_id).write({"lang": "en_US", "tz": "UTC"})
        Mail = self.env["mail.mail"]
        subject = f"{self.company.name}: production status"
        with freeze_time(MONDAY_14):
            self.env["coordination.status.report"]._cron_send_digest()
            self.env["coordination.status.report"]._cron_send_digest()
        mails = Mail.search([("subject", "=", subject)])
        self.assertEqual(len(mails), 1)
        self.assertIn(reader.partner_id, mails.recipient_ids)
        self.assertIn(partner, mails.recipient_ids)
        self.assertIn(self.sup_cut.partner_id, mails.recipient_ids)
        self.assertEqual(
            mails.attachment_ids.mimetype,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn("Blocked handoffs", str(mails.body_html))
        with freeze_time(MONDAY_14 + timedelta(days=1)):  # not its day
            self.env["coordination.status.report"]._cron_send_digest()
        with freeze_time(MONDAY_14 + timedelta(days=7)):  # next week
            self.env["coordination.status.report"]._cron_send_digest()
        self.assertEqual(len(Mail.search([("subject", "=", subject)])), 2)
