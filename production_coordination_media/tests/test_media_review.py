# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import MONDAY, MediaCase

MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


class MediaReviewCase(MediaCase):
    """A production with a client contact and a deliverable, as the media coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_contact = cls.env["res.partner"].create(
            {"name": "Marta Client", "email": "marta@client.example.com"}
        )
        cls.client_other = cls.env["res.partner"].create(
            {"name": "Olaf Client", "email": "olaf@client.example.com"}
        )
        cls.production_a.partner_id = cls.client_contact
        cls.producer = new_test_user(
            cls.env,
            "pcm_media_producer",
            groups=MEDIA_PRODUCER,
            name="Pia Producer",
            email="pia@example.com",
            tz="UTC",
        )

    def setUp(self):
        super().setUp()
        self.env = self.env(user=self.coordinator)
        self.deliverable = self.env["media.deliverable"].create(
            {"project_id": self.production_a.id, "name": "Main spot 30s"}
        )

    def _version(self, deliverable=None, **values):
        values.setdefault("url", "https://vimeo.example.com/123")
        return self.env["media.deliverable.version"].create(
            {"deliverable_id": (deliverable or self.deliverable).id, **values}
        )

    def _send(self, deliverable=None):
        deliverable = deliverable or self.deliverable
        deliverable.action_send_for_review()
        return deliverable.review_round_ids.sorted("number")[-1]


@tagged("post_install", "-at_install")
class TestMediaReview(MediaReviewCase):
    def test_rounds_versions_and_approval_trail(self):
        self._version(note="First cut")
        round_1 = self._send()
        self.assertEqual((round_1.number, round_1.state), (1, "waiting"))
        self.assertEqual(round_1.request_ids.partner_id, self.client_contact)
        self.assertEqual(self.deliverable.state, "review")
        self.assertEqual(self.deliverable.review_state, "waiting")
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("model", "=", "media.review.request"), ("res_id", "=", round_1.request_ids.id)]
            )
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(round_1.request_ids.review_url, mail.body_html)

        # The client asks for changes, one of them time-coded.
        round_1.request_ids.sudo()._decide(
            "changes_requested", "00:42 the logo is too small\nA warmer grade"
        )
        self.assertEqual(round_1.state, "changes_requested")
        self.assertEqual(round_1.decided_by_id, self.client_contact)
        self.assertEqual(round_1.comment, "A warmer grade")
        self.assertEqual(round_1.comment_ids.mapped("time_code"), ["00:42"])
        self.assertEqual(round_1.comment_ids.time_seconds, 42)
        self.assertEqual(self.deliverable.state, "in_progress")

        # Version 2, round 2, approved: now it can be delivered.
        version_2 = self._version(note="Logo bigger, warmer")
        self.assertEqual(version_2.number, 2)
        round_2 = self._send()
        self.assertEqual((round_2.number, round_2.version_id), (2, version_2))
        round_2.request_ids.sudo()._decide("approved", "")
        self.assertEqual(self.deliverable.review_state, "approved")
        self.deliverable.state = "delivered"
        self.assertEqual(
            self.deliverable.review_round_ids.sorted("number").mapped("state"),
            ["changes_requested", "approved"],
        )

    def test_delivered_only_after_the_last_version_was_approved(self):
        with self.assertRaises(UserError):
            self.deliverable.state = "delivered"
        self._version()
        review_round = self._send()
        with self.assertRaises(UserError):
            self.deliverable.state = "delivered"
        review_round.request_ids.sudo()._decide("approved", "")
        # A newer version not yet approved: not deliverable again.
        self._version()
        with self.assertRaises(UserError):
            self.deliverable.write({"state": "delivered"})
        self.assertEqual(self.deliverable.state, "review")

    def test_rounds_beyond_those_included_are_billable(self):
        self.assertEqual(self.production_a.coordination_review_rounds_included, 2)
        self.production_a.coordination_producer_id = self.producer.partner_id
        rounds = self.env["media.review.round"]
        for _number in range(3):
            self._version()
            rounds |= self._send()
            rounds[-1:].request_ids.sudo()._decide("changes_requested", "Again")
        self.assertEqual(rounds.mapped("is_billable"), [False, False, True])
        self.assertTrue(self.deliverable.is_review_billable)
        # The producer hears of the billable round (and only of that one).
        told = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "media.review.round"),
                    ("res_id", "in", rounds.ids),
                    ("partner_ids", "in", self.producer.partner_id.ids),
                ]
            )
        )
        self.assertEqual(told.mapped("res_id"), rounds[-1].ids)
        # The contract changes: the flag follows.
        self.production_a.coordination_review_rounds_included = 3
        self.assertFalse(rounds[-1].is_billable)

    def test_a_new_round_supersedes_the_waiting_one(self):
        self._version()
        round_1 = self._send()
        with self.assertRaises(UserError):
            self._send()  # the same version is waiting already
        self._version()
        round_2 = self._send()
        self.assertEqual((round_1.state, round_2.state), ("cancelled", "waiting"))
        with self.assertRaises(ValidationError):
            round_1.request_ids.sudo()._decide("approved", "")
        self.assertEqual(round_1.state, "cancelled")

    def test_several_contacts_each_get_their_link(self):
        self.deliverable.review_partner_ids = self.client_contact | self.client_other
        self._version()
        review_round = self._send()
        self.assertEqual(len(review_round.request_ids), 2)
        urls = review_round.request_ids.mapped("review_url")
        self.assertEqual(len(set(urls)), 2)
        # The first decision decides the round; the other link then shows it.
        first, second = review_round.request_ids
        second.sudo()._decide("approved", "")
        self.assertEqual(review_round.state, "approved")
        with self.assertRaises(ValidationError):
            first.sudo()._decide("changes_requested", "too late")

    def test_changes_that_move_days_issue_a_client_revision(self):
        day = self._day(self.production_a)
        self._book(day, self.ana)
        day.action_publish()
        self._version()
        review_round = self._send()
        review_round.request_ids.sudo()._decide("changes_requested", "Reshoot the pier at dusk")
        review_round.day_ids = day
        with self.assertRaises(UserError):
            review_round.action_issue_client_revisions()  # the day has not moved yet
        day.write(
            {"date_call": MONDAY + timedelta(hours=8), "date_wrap": MONDAY + timedelta(hours=18)}
        )
        review_round.action_issue_client_revisions()
        revision = day.revision_id
        self.assertEqual((revision.number, revision.reason), (2, "client"))
        self.assertIn("Reshoot the pier at dusk", revision.note)
        self.assertEqual(review_round.revision_ids, revision)

    def test_reminder_once_a_day_past_the_due_date(self):
        self._version()
        review_round = self._send()
        Mail = self.env["mail.mail"].sudo()
        domain = [
            ("model", "=", "media.review.request"),
            ("res_id", "=", review_round.request_ids.id),
            ("subject", "like", "Reminder:"),
        ]
        Round = self.env["media.review.round"].sudo()
        self.assertNotIn(review_round, Round._cron_send_reminders())
        with freeze_time(review_round.date_due + timedelta(days=1)):
            self.assertIn(review_round, Round._cron_send_reminders())
            self.assertNotIn(review_round, Round._cron_send_reminders())
        self.assertEqual(Mail.search_count(domain), 1)
        self.assertTrue(review_round.date_reminded)
        review_round.request_ids.sudo()._decide("approved", "")
        with freeze_time(review_round.date_due + timedelta(days=3)):
            self.assertNotIn(review_round, Round._cron_send_reminders())
        self.assertEqual(Mail.search_count(domain), 1)

    def test_send_for_review_refuses_what_cannot_be_sent(self):
        with self.assertRaises(UserError):
            self._send()  # no version
        self._version()
        self.production_a.partner_id = False
        with self.assertRaises(UserError):
            self._send()  # no client contact
        self.deliverable.review_partner_ids = self.env["res.partner"].create({"name": "No Mail"})
        with self.assertRaises(UserError) as caught:
            self._send()
        self.assertIn("No Mail", str(caught.exception))
        self.assertFalse(self.deliverable.review_round_ids)
