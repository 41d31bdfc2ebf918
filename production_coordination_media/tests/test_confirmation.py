# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from odoo.tests import HttpCase, freeze_time, tagged

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestConfirmation(MediaCase, HttpCase):
    """The personal link of a call sheet email confirms one person's call, without login,
    until the end of the day; it refuses any other recipient and older revisions."""

    def setUp(self):
        super().setUp()
        self.day = self._day(self.production_a)
        self._book(self.day, self.ana, date_call=MONDAY - timedelta(hours=1))
        self._book(self.day, self.ben)
        self.day.action_publish()
        self.day.action_send_call_sheet()
        recipients = self.day.recipient_ids
        self.ana_recipient = recipients.filtered(lambda r: r.crew_member_id == self.ana)
        self.ben_recipient = recipients - self.ana_recipient

    def _path(self, recipient, token=None):
        url = urlsplit(recipient.confirm_url)
        path = f"{url.path}?{url.query}"
        if token is not None:
            path = f"{url.path}?token={token}"
        return path

    def _token(self, recipient):
        return urlsplit(recipient.confirm_url).query.removeprefix("token=")

    def test_confirm_with_the_link_without_login(self):
        page = self.url_open(self._path(self.ana_recipient))
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.ana_recipient.call_time_display, page.text)
        self.assertIn(self.production_a.name, page.text)
        # The page shows Ana's call and nothing about the rest of the crew.
        self.assertNotIn(self.ben.name, page.text)
        self.assertNotIn(self.ben_recipient.call_time_display, page.text)
        self.assertEqual(self.ana_recipient.state, "sent")

        confirmed = self.url_open(
            f"/media/call-sheet/{self.ana_recipient.id}/confirm",
            data={"token": self._token(self.ana_recipient)},
        )
        self.assertEqual(confirmed.status_code, 200)
        self.assertIn("o_media_confirmed", confirmed.text)
        self.assertEqual(self.ana_recipient.state, "confirmed")
        self.assertTrue(self.ana_recipient.date_confirmed)
        self.assertEqual(self.ben_recipient.state, "sent")

    def test_link_refused_for_another_call_sheet(self):
        ana_token = self._token(self.ana_recipient)
        for path in (
            self._path(self.ben_recipient, token=ana_token),
            self._path(self.ben_recipient, token="not-a-token"),
            self._path(self.ben_recipient, token=""),
        ):
            page = self.url_open(path)
            self.assertEqual(page.status_code, 403, path)
            self.assertIn("o_media_confirm_invalid", page.text)
            self.assertNotIn(self.ben.name, page.text)
        refused = self.url_open(
            f"/media/call-sheet/{self.ben_recipient.id}/confirm", data={"token": ana_token}
        )
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self.ben_recipient.state, "sent")
        self.assertEqual(self.ana_recipient.state, "sent")

    def test_link_expires_after_the_day(self):
        token = self._token(self.ana_recipient)
        Recipient = self.env["media.call.sheet.recipient"]
        with freeze_time(datetime(2031, 3, 3, 23, 59)):
            self.assertEqual(
                Recipient._get_by_token(self.ana_recipient.id, token), self.ana_recipient
            )
        with freeze_time(datetime(2031, 3, 4, 0, 1)):
            self.assertFalse(Recipient._get_by_token(self.ana_recipient.id, token))
        # A day that is over: its links no longer open.
        yesterday = datetime.combine(datetime.now().date() - timedelta(days=1), MONDAY.time())
        past_day = self._day(self.production_b, start=yesterday)
        self._book(past_day, self.carl)
        past_day.action_publish()
        past_day.action_send_call_sheet()
        page = self.url_open(self._path(past_day.recipient_ids))
        self.assertEqual(page.status_code, 403)
        self.assertEqual(past_day.recipient_ids.state, "sent")

    def test_link_of_an_older_revision_is_refused(self):
        old_path = self._path(self.ana_recipient)
        self.day.booking_ids.filtered(lambda b: b.crew_member_id == self.ana).date_call = MONDAY
        self.day._issue_revision("production", "Camera starts with everybody")
        self.assertEqual(self.ana_recipient.revision_id.number, 2)
        self.assertEqual(self.url_open(old_path).status_code, 403)
        self.assertEqual(self.url_open(self._path(self.ana_recipient)).status_code, 200)
