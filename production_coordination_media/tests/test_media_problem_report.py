# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, timedelta

import openpyxl

from odoo.tests import tagged

from .common import MediaCase


@tagged("post_install", "-at_install")
class TestMediaProblemDashboardReport(MediaCase):
    """The problem log on the media dashboard (Open problems, Problems past due) and in the
    media status report (Problems sheet and PDF section)."""

    def setUp(self):
        super().setUp()
        # The tiles count every production's problems: the demo's are set aside.
        self.env["media.problem"].search([]).unlink()
        Problem = self.env["media.problem"].with_user(self.coordinator)
        today = date.today()
        self.late = Problem.create(
            {
                "name": "Permit expired",
                "project_id": self.production_a.id,
                "severity": "critical",
                "is_blocking": True,
                "date_due": today - timedelta(days=1),
            }
        )
        self.minor = Problem.create(
            {
                "name": "Squeaky dolly",
                "project_id": self.production_a.id,
                "severity": "low",
                "date_due": today + timedelta(days=5),
            }
        )
        self.done = Problem.create(
            {
                "name": "Rain",
                "project_id": self.production_b.id,
                "severity": "high",
                "root_cause": "weather",
                "resolution": "Moved inside.",
            }
        )
        self.done.action_resolve()

    def _tiles(self, user):
        data = self.env["media.dashboard"].with_user(user).get_dashboard_data()
        return {tile["key"]: tile for tile in data["tiles"]}

    def test_dashboard_tiles(self):
        tiles = self._tiles(self.coordinator)
        open_tile, overdue = tiles["problems_open"], tiles["problems_overdue"]
        self.assertEqual(open_tile["count"], 2)
        self.assertEqual(open_tile["tone"], "danger")  # a critical one is open
        self.assertIn("1 critical", open_tile["help"])
        self.assertEqual(overdue["count"], 1)
        # A tile opens exactly what it counts.
        for tile, expected in ((open_tile, self.late | self.minor), (overdue, self.late)):
            action = tile["action"]
            self.assertEqual(action["res_model"], "media.problem")
            self.assertEqual(
                self.env["media.problem"].with_user(self.coordinator).search(action["domain"]),
                expected,
            )
        # Only low ones left: the tile's tone follows.
        self.late.write({"root_cause": "permit", "resolution": "Renewed."})
        self.late.action_resolve()
        tiles = self._tiles(self.coordinator)
        self.assertEqual(tiles["problems_open"]["tone"], "info")
        self.assertEqual(tiles["problems_overdue"]["tone"], "muted")
        # Crew users get their own tiles, not these.
        self.assertNotIn("problems_open", self._tiles(self.crew_user))

    def test_status_report_problems_sheet_and_pdf(self):
        Report = self.env["media.status.report"].with_user(self.coordinator)
        content = Report._build_xlsx((self.production_a | self.production_b).ids)
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertIn("Problems", book.sheetnames)
        rows = list(book["Problems"].iter_rows(values_only=True))
        header = rows[0]
        names = [row[header.index("Problem")] for row in rows[1:]]
        # Not resolved first.
        self.assertEqual(set(names[:2]), {"Permit expired", "Squeaky dolly"})
        self.assertEqual(names[2], "Rain")
        rain = rows[3]
        self.assertEqual(rain[header.index("Root cause")], "Weather")
        report = self.env.ref("production_coordination_media.action_report_media_status")
        html = (
            report.with_user(self.coordinator)
            ._render_qweb_html(report.report_name, self.production_a.ids)[0]
            .decode()
        )
        self.assertIn("Permit expired", html)
        self.assertNotIn("Rain", html)  # another production's
