# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import MEDIA_COORDINATOR
from .test_media_review import MediaReviewCase

# A 1×1 PNG.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestMediaReviewLink(MediaReviewCase, HttpCase):
    """The client's review link: no login, one request only, expires; a tampered, expired
    or other request's token gets a page that reveals nothing; bad input a message."""

    def setUp(self):
        super().setUp()
        self.deliverable.review_partner_ids = self.client_contact | self.client_other
        self._version(file=PNG, file_name="frame.png", url=False, note="Key frame")
        self.round = self._send()
        self.marta, self.olaf = self.round.request_ids.sorted(
            lambda r: r.partner_id != self.client_contact
        )

    def _path(self, request, token=None):
        url = urlsplit(request.review_url)
        return f"{url.path}?token={token}" if token is not None else f"{url.path}?{url.query}"

    def _token(self, request):
        return urlsplit(request.review_url).query.removeprefix("token=")

    def _post(self, request, token=None, **data):
        return self.url_open(
            f"/media/review/{request.id}",
            data={"token": self._token(request) if token is None else token, **data},
        )

    def test_review_page_and_decision_without_login(self):
        page = self.url_open(self._path(self.marta))
        self.assertEqual(page.status_code, 200)
        self.assertIn("Main spot 30s", page.text)
        self.assertIn("Key frame", page.text)
        self.assertIn("o_media_review_form", page.text)
        # The image preview comes through the same token.
        image = self.url_open(f"/media/review/{self.marta.id}/file?token={self._token(self.marta)}")
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
        self.assertEqual(image.content, base64.b64decode(PNG))
        # Nothing about the other contact or the production's other records.
        self.assertNotIn("Olaf", page.text)
        self.assertEqual(self.round.state, "waiting")

        decided = self._post(
            self.marta, decision="changes_requested", comments="01:05 cut the pause\nBrighter"
        )
        self.assertEqual(decided.status_code, 200)
        self.assertIn("o_media_review_decided", decided.text)
        self.assertEqual(self.round.state, "changes_requested")
        self.assertEqual(self.round.comment_ids.mapped("time_code"), ["01:05"])
        self.assertEqual(self.marta.decision, "changes_requested")
        # Opening it again shows the decision, read-only.
        again = self.url_open(self._path(self.marta))
        self.assertNotIn("o_media_review_form", again.text)
        self.assertIn("cut the pause", again.text)

    def test_tampered_and_other_tokens_reveal_nothing(self):
        marta_token = self._token(self.marta)
        tampered = marta_token[:-3] + ("AAA" if not marta_token.endswith("AAA") else "BBB")
        for path in (
            self._path(self.olaf, token=marta_token),  # another contact's request
            self._path(self.marta, token=tampered),
            self._path(self.marta, token="not-a-token"),
            self._path(self.marta, token=""),
            f"/media/review/{self.marta.id}",
            "/media/review/999999?token=" + marta_token,
        ):
            page = self.url_open(path)
            self.assertEqual(page.status_code, 403, path)
            self.assertIn("o_media_review_invalid", page.text)
            self.assertNotIn("Main spot", page.text)
            self.assertNotIn(self.production_a.name, page.text)
        for path in (
            f"/media/review/{self.olaf.id}/file?token={marta_token}",
            f"/media/review/{self.marta.id}/file?token={tampered}",
        ):
            self.assertEqual(self.url_open(path).status_code, 403, path)
        refused = self._post(self.olaf, token=marta_token, decision="approved")
        self.assertEqual(refused.status_code, 403)
        refused = self._post(self.marta, token=tampered, decision="approved")
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self.round.state, "waiting")
        self.assertFalse(any(self.round.request_ids.mapped("decision")))

    def test_link_expires(self):
        token = self._token(self.marta)
        Request = self.env["media.review.request"]
        sent = self.round.date_sent
        with freeze_time(sent + timedelta(days=29)):
            self.assertEqual(Request._get_by_token(self.marta.id, token), self.marta)
        with freeze_time(sent + timedelta(days=31)):
            self.assertFalse(Request._get_by_token(self.marta.id, token))
        # A round sent 31 days ago: its links are refused by the route too.
        self.round.sudo().date_sent = fields.Datetime.now() - timedelta(days=31)
        old_token = self.marta._get_review_token()
        for path in (
            self._path(self.marta, token=old_token),
            f"/media/review/{self.marta.id}/file?token={old_token}",
        ):
            page = self.url_open(path)
            self.assertEqual(page.status_code, 403, path)
        self.assertEqual(
            self._post(self.marta, token=old_token, decision="approved").status_code, 403
        )
        self.assertEqual(self.round.state, "waiting")

    def test_bad_input_gets_a_message_and_changes_nothing(self):
        for data in (
            {"decision": "maybe"},
            {},
            {"decision": "changes_requested", "comments": "  "},
            {"decision": "changes_requested", "comments": "01:75 past the minute"},
            {"decision": "changes_requested", "comments": "01:05"},
        ):
            page = self._post(self.marta, **data)
            self.assertEqual(page.status_code, 400, data)
            self.assertIn("o_media_review_error", page.text, data)
            self.assertEqual(self.round.state, "waiting")
            self.assertFalse(self.round.comment_ids)
        self._post(self.marta, decision="approved")
        self.assertEqual(self.round.state, "approved")
        # Deciding again: a message, the first decision stays.
        page = self._post(self.olaf, decision="changes_requested", comments="late")
        self.assertEqual(page.status_code, 400)
        self.assertEqual((self.round.state, self.olaf.decision), ("approved", False))

    def test_superseded_round_link_shows_the_newer_version_exists(self):
        self._version(url="https://vimeo.example.com/456")
        self._send()
        page = self.url_open(self._path(self.marta))
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_media_review_form", page.text)
        self.assertEqual(self._post(self.marta, decision="approved").status_code, 400)
        self.assertEqual(self.round.state, "cancelled")


@tagged("post_install", "-at_install")
class TestMediaReviewAccess(MediaReviewCase):
    """Crew users never see reviews; media coordinators and producers manage them; another
    company's coordinators see none; producers see the billable flag."""

    def test_crew_users_have_no_access(self):
        self._version()
        review_round = self._send()
        for model, record in (
            ("media.review.round", review_round),
            ("media.review.request", review_round.request_ids),
            ("media.deliverable.version", review_round.version_id),
        ):
            with self.assertRaises(AccessError, msg=model):
                record.with_user(self.crew_user).read(["id"])
        with self.assertRaises(AccessError):
            self.env["media.deliverable.version"].with_user(self.crew_user).create(
                {"deliverable_id": self.deliverable.id, "url": "https://x.example.com"}
            )
        with self.assertRaises(AccessError):
            self.deliverable.with_user(self.crew_user).action_send_for_review()

    def test_producer_manages_and_sees_billable_rounds(self):
        deliverable = self.deliverable.with_user(self.producer)
        self._version(deliverable)
        deliverable.action_send_for_review()
        self.assertEqual(deliverable.review_round_ids.number, 1)
        Round = self.env["media.review.round"]
        producer_arch = Round.with_user(self.producer).get_views([(False, "list")])["views"][
            "list"
        ]["arch"]
        coordinator_arch = Round.with_user(self.coordinator).get_views([(False, "list")])["views"][
            "list"
        ]["arch"]
        self.assertIn("is_billable", producer_arch)
        self.assertNotIn("is_billable", coordinator_arch)

    def test_other_company_sees_nothing(self):
        self._version()
        review_round = self._send()
        company_b = self.env["res.company"].sudo().create({"name": "Company B"})
        coordinator_b = new_test_user(
            self.env(su=True),
            "pcm_media_coordinator_b",
            groups=MEDIA_COORDINATOR,
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        env_b = self.env(user=coordinator_b, context={"allowed_company_ids": company_b.ids})
        for model in (
            "media.review.round",
            "media.review.request",
            "media.review.comment",
            "media.deliverable.version",
        ):
            self.assertFalse(env_b[model].search([]), model)
        with self.assertRaises(AccessError):
            env_b["media.review.round"].browse(review_round.id).read(["state"])
        with self.assertRaises(AccessError):
            env_b["media.deliverable"].browse(self.deliverable.id).action_send_for_review()

    def test_bad_values_name_the_problem(self):
        with self.assertRaises(ValidationError):
            self._version(url=False)  # neither file nor link
        with self.assertRaises(ValidationError) as caught:
            self._version(url="javascript:alert(1)")
        self.assertIn("javascript:alert(1)", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.production_a.coordination_review_rounds_included = -1
        # A file that is not base64 content (text or bytes) is named, not a TypeError.
        with self.assertRaises(UserError) as caught:
            self._version(file=["not", "a", "file"])
        self.assertIn("list", str(caught.exception))
        version = self._version()
        with self.assertRaises(UserError):
            version.write({"file": {"data": 1}})
        review_round = self._send()
        with self.assertRaises(ValidationError):
            self.env["media.review.comment"].sudo().create(
                {"request_id": review_round.request_ids.id, "time_code": "1:2:3", "note": "x"}
            )
        # A version sent for review stays what the client saw.
        with self.assertRaises(UserError):
            version.url = "https://other.example.com"
        with self.assertRaises(UserError):
            version.unlink()
