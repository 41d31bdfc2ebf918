# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

import openpyxl

from odoo.tests import tagged

from .test_media_review import MediaReviewCase


@tagged("post_install", "-at_install")
class TestMediaReviewReport(MediaReviewCase):
    """The dashboard's review tiles, the status report's Reviews sheet and the demo's
    billable round 3."""

    def setUp(self):
        super().setUp()
        self.production_a.coordination_coordinator_id = self.coordinator
        self._version()
        self.waiting = self._send()
        self.other = self.env["media.deliverable"].create(
            {"project_id": self.production_a.id, "name": "Poster"}
        )
        self._version(self.other)
        self.changes = self._send(self.other)
        self.changes.request_ids.sudo()._decide("changes_requested", "00:03 typo in the title")

    def _tiles(self, user):
        data = self.env["media.dashboard"].with_user(user).get_dashboard_data()
        return {tile["key"]: tile for tile in data["tiles"]}

    def test_tiles_open_exactly_what_they_count(self):
        tiles = self._tiles(self.coordinator)
        for key, expected in (("reviews_waiting", self.waiting), ("reviews_changes", self.changes)):
            tile = tiles[key]
            action = tile["action"]
            opened = self.env[action["res_model"]].search(action["domain"])
            self.assertEqual(tile["count"], len(opened), key)
            # (The demo's rounds, when loaded, are counted too.)
            self.assertEqual(opened.filtered(lambda r: r.project_id == self.production_a), expected)
        # A new version uploaded and sent: the changes are no longer waiting for one.
        self._version(self.other)
        self._send(self.other)
        after = self._tiles(self.coordinator)
        self.assertEqual(after["reviews_changes"]["count"], tiles["reviews_changes"]["count"] - 1)
        self.assertEqual(after["reviews_waiting"]["count"], tiles["reviews_waiting"]["count"] + 1)
        # Crew users have no review tile.
        self.assertFalse({"reviews_waiting", "reviews_changes"} & set(self._tiles(self.crew_user)))

    def _reviews_sheet(self, user):
        content = self.env["media.status.report"].with_user(user)._build_xlsx(self.production_a.ids)
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames[-1], "Reviews")
        return [[cell.value for cell in row] for row in book["Reviews"].iter_rows()]

    def test_reviews_sheet_is_the_approval_trail(self):
        rows = self._reviews_sheet(self.coordinator)
        header = rows[0]
        self.assertEqual(header[:3], ["Production", "Deliverable", "Round"])
        self.assertNotIn("Billable", header)
        by_deliverable = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        poster = by_deliverable["Poster"]
        self.assertEqual(poster["Decided By"], "Marta Client")
        self.assertEqual(poster["Decision"], "Changes requested")
        self.assertIn("00:03 typo in the title", poster["Comments"])
        self.assertEqual(by_deliverable["Main spot 30s"]["Decision"], "Waiting for the client")
        # Producers see which rounds are billable.
        self.assertIn("Billable", self._reviews_sheet(self.producer)[0])

    def test_pdf_has_the_reviews_section(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.producer)
            ._render_qweb_html(
                "production_coordination_media.action_report_media_status", self.production_a.ids
            )[0]
            .decode()
        )
        self.assertIn("o_pcm_reviews", html)
        self.assertIn("00:03 typo in the title", html)
        self.assertIn("<th>Billable</th>", html)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.coordinator)
            ._render_qweb_html(
                "production_coordination_media.action_report_media_status", self.production_a.ids
            )[0]
            .decode()
        )
        self.assertIn("o_pcm_reviews", html)
        self.assertNotIn("<th>Billable</th>", html)

    def test_demo_rough_cut_in_round_3_of_2_billable(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "production_coordination_media")]
        )
        deliverable = self.env.ref(
            "production_coordination_media.deliverable_documentary_harbor_2",
            raise_if_not_found=False,
        )
        if not module.demo:
            self.assertFalse(deliverable)
            return
        rounds = deliverable.review_round_ids.sorted("number")
        self.assertEqual(rounds.mapped("number"), [1, 2, 3])
        self.assertEqual(rounds.mapped("is_billable"), [False, False, True])
        self.assertEqual(
            rounds.mapped("state"), ["changes_requested", "changes_requested", "waiting"]
        )
        self.assertEqual(deliverable.project_id.coordination_review_rounds_included, 2)
        self.assertTrue(rounds[0].comment_ids.filtered("time_code"))
