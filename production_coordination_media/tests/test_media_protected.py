# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import COORDINATION_USER, MONDAY, MediaCase


class MediaProtectedCase(MediaCase):
    """A day published and sent by the media coordinator, as they do it."""

    def setUp(self):
        super().setUp()
        self.day = self._day(self.production_a)
        self.ana_booking = self._book(self.day, self.ana)
        self._book(self.day, self.ben)
        self.coordinator_day = self.day.with_user(self.coordinator)
        self.coordinator_day.action_publish()
        self.coordinator_day.action_send_call_sheet()
        self.revision = self.day.revision_id
        self.ana_recipient = self.day.recipient_ids.filtered(lambda r: r.crew_member_id == self.ana)

    def assertRefused(self, record, field_name, value):
        """Writing `field_name` as this record's user is refused with an AccessError naming it,
        and the field keeps its value."""
        before = record.sudo()[field_name]
        with self.assertRaises(AccessError) as caught:
            record.write({field_name: value})
        self.assertIn(record._fields[field_name].string, str(caught.exception))
        record.invalidate_recordset()
        self.assertEqual(record.sudo()[field_name], before)


@tagged("post_install", "-at_install")
class TestMediaProtectedFields(MediaProtectedCase):
    """States, revisions and confirmations change only through their actions: a media
    coordinator writing them over RPC is refused, the actions still set them."""

    def test_day_state_only_through_its_actions(self):
        draft = self._day(self.production_b).with_user(self.coordinator)
        self._book(draft, self.carl)
        self.assertRefused(draft, "state", "published")
        self.assertFalse(draft.revision_ids)
        with self.assertRaises(AccessError):
            self.env["media.production.day"].with_user(self.coordinator).create(
                {
                    "project_id": self.production_b.id,
                    "date_call": MONDAY,
                    "date_wrap": MONDAY + timedelta(hours=8),
                    "state": "published",
                }
            )
        # A default for the state (what a list grouped by state passes) is ignored.
        other = (
            self.env["media.production.day"]
            .with_user(self.coordinator)
            .with_context(default_state="published")
            .create(
                {
                    "project_id": self.production_b.id,
                    "date_call": MONDAY,
                    "date_wrap": MONDAY + timedelta(hours=8),
                }
            )
        )
        self.assertEqual(other.state, "draft")
        draft.action_publish()
        self.assertEqual(draft.state, "published")
        self.assertEqual(draft.revision_id.number, 1)
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")
        draft.action_restore()
        self.assertEqual(draft.state, "published")

    def test_day_revision_and_conflicts_are_not_written_directly(self):
        day = self.coordinator_day
        other = self._day(self.production_b)
        self._book(other, self.carl)
        other.action_publish()
        self.assertRefused(day, "revision_id", other.revision_id.id)
        self.assertRefused(day, "conflict_count", 0)
        self.assertRefused(day, "conflict_description", "")
        with self.assertRaises(AccessError):
            day.write({"revision_ids": [Command.create({"number": 7, "snapshot": {}})]})
        # The bookings' computed conflicts and what follows the day and the crew member.
        booking = self.ana_booking.with_user(self.coordinator)
        self.assertRefused(booking, "conflict_count", 3)
        self.assertRefused(booking, "user_id", self.other_crew_user.id)
        self.assertRefused(booking, "project_id", self.production_b.id)
        self.assertRefused(
            self.production_a.with_user(self.coordinator), "coordination_conflict_count", 0
        )

    def test_sent_revision_cannot_be_rewritten(self):
        revision = self.revision.with_user(self.coordinator)
        self.assertTrue(revision.date_sent)
        self.assertRefused(revision, "number", 5)
        self.assertRefused(revision, "snapshot", {"bookings": {}})
        self.assertRefused(revision, "diff", [{"kind": "note", "field": "note"}])
        self.assertRefused(revision, "date_sent", fields.Datetime.now() - timedelta(days=3))
        self.assertRefused(revision, "sent_crew_ids", [Command.set(self.carl.ids)])
        self.assertRefused(revision, "user_id", self.crew_user.id)
        with self.assertRaises(AccessError):
            self.env["media.revision"].with_user(self.coordinator).create(
                {"day_id": self.day.id, "number": 2, "snapshot": self.revision.snapshot}
            )
        # New Revision still issues and sends one, in the coordinator's name.
        self.ana_booking.date_call = MONDAY - timedelta(hours=1)
        new = self.coordinator_day._issue_revision("production", "Earlier call for Ana")
        self.assertEqual(new.number, 2)
        self.assertEqual(new.user_id, self.coordinator)
        self.assertEqual(new.sent_crew_ids, self.ana)
        self.assertTrue(new.date_sent)

    def test_confirmation_only_through_the_link(self):
        recipient = self.ana_recipient.with_user(self.coordinator)
        self.assertEqual(recipient.state, "sent")
        self.assertRefused(recipient, "state", "confirmed")
        self.assertRefused(recipient, "date_confirmed", fields.Datetime.now())
        self.assertRefused(recipient, "date_sent", fields.Datetime.now())
        self.assertRefused(recipient, "revision_id", False)
        with self.assertRaises(AccessError):
            self.env["media.call.sheet.recipient"].with_user(self.coordinator).create(
                {"day_id": self.day.id, "crew_member_id": self.carl.id, "state": "confirmed"}
            )
        # The crew member's own link (what the route does with a valid token).
        token = self.ana_recipient._get_confirm_token()
        by_link = self.env["media.call.sheet.recipient"]._get_by_token(self.ana_recipient.id, token)
        self.assertEqual(by_link._confirm(), self.ana_recipient)
        self.assertEqual(self.ana_recipient.state, "confirmed")
        self.assertTrue(self.ana_recipient.date_confirmed)
        # Remind Unconfirmed still stamps the others.
        self.coordinator_day.action_send_reminder()
        ben_recipient = self.day.recipient_ids - self.ana_recipient
        self.assertTrue(ben_recipient.date_reminded)


@tagged("post_install", "-at_install")
class TestMediaDeletion(MediaProtectedCase):
    """Deleting a production, a crew member or a location would delete or empty published
    call sheets and confirmations: refused, with the advice to archive."""

    def test_production_with_published_days_is_not_deleted(self):
        with self.assertRaises(UserError) as caught:
            self.production_a.with_user(self.coordinator).unlink()
        self.assertIn(self.production_a.name, str(caught.exception))
        self.assertTrue(self.day.exists() and self.revision.exists())
        self.assertTrue(self.ana_recipient.exists())
        # Archiving keeps everything.
        self.production_a.with_user(self.coordinator).action_archive()
        self.assertTrue(self.day.exists())
        # A production with draft days only may go.
        draft_only = self.env["project.project"].create(
            {"name": "Draft production", "is_media_production": True}
        )
        draft_day = self._day(draft_only)
        draft_only.with_user(self.coordinator).unlink()
        self.assertFalse(draft_day.exists())

    def test_confirmations_are_not_deleted(self):
        with self.assertRaises(UserError):
            self.ana_recipient.with_user(self.coordinator).unlink()
        with self.assertRaises(UserError):
            self.day.with_user(self.coordinator).write(
                {"recipient_ids": [Command.delete(self.ana_recipient.id)]}
            )
        self.assertTrue(self.ana_recipient.exists())

    def test_crew_member_who_received_call_sheets_is_archived_not_deleted(self):
        with self.assertRaises(UserError) as caught:
            self.ana.with_user(self.coordinator).unlink()
        self.assertIn(self.ana.name, str(caught.exception))
        self.assertTrue(self.ana_recipient.exists())
        self.ana.with_user(self.coordinator).action_archive()
        free = self._crew("Fred Free", self.role_ac)
        free.with_user(self.coordinator).unlink()
        self.assertFalse(free.exists())

    def test_location_of_published_days_is_archived_not_deleted(self):
        location = self.env["media.location"].create({"name": "Old Harbour"})
        self.day.location_id = location
        with self.assertRaises(UserError):
            location.with_user(self.coordinator).unlink()
        self.assertEqual(self.day.location_id, location)
        unused = self.env["media.location"].create({"name": "Unused Barn"})
        draft = self._day(self.production_b, location_id=unused.id)
        unused.with_user(self.coordinator).unlink()
        self.assertFalse(draft.location_id)


@tagged("post_install", "-at_install")
class TestMediaActionAccess(MediaProtectedCase):
    """Print and the other actions refuse early, naming the action, the roles that may not
    do them (the PDF and the windows they return would be refused)."""

    def setUp(self):
        super().setUp()
        self.staff = new_test_user(self.env, "pcm_staff_print", groups=COORDINATION_USER)
        self.plain = new_test_user(self.env, "pcm_plain_print", groups="base.group_user")
        self.buyer = new_test_user(
            self.env, "pcm_buyer_print", groups="purchase.group_purchase_user"
        )
        self.env.invalidate_all()

    def test_day_actions_per_role(self):
        # Department staff who are not crew, plain employees and buyers read no day.
        for user in (self.staff, self.plain, self.buyer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError) as caught:
                    self.day.with_user(user).action_print_call_sheet()
                self.assertIn("print the call sheet", str(caught.exception))
                with self.assertRaises(AccessError) as caught:
                    self.revision.with_user(user).action_print()
                self.assertIn("print this call sheet revision", str(caught.exception))
        # Crew print the days they are booked on, not the others.
        other_day = self._day(self.production_b)
        self._book(other_day, self.carl)
        other_day.action_publish()
        with self.assertRaises(AccessError):
            other_day.with_user(self.crew_user).action_print_call_sheet()
        with self.assertRaises(AccessError):
            other_day.revision_id.with_user(self.crew_user).action_print()
        # Crew booked on a day not published yet: refused before the PDF says so.
        draft = self._day(self.production_b, start=MONDAY + timedelta(days=2))
        self._book(draft, self.ana)
        with self.assertRaises(UserError) as caught:
            draft.with_user(self.crew_user).action_print_call_sheet()
        self.assertNotIsInstance(caught.exception, AccessError)
        # The day's other actions are the media coordinator's.
        for user in (self.crew_user, self.staff, self.plain):
            for method in (
                "action_publish",
                "action_send_call_sheet",
                "action_send_reminder",
                "action_open_revision_wizard",
                "action_cancel",
                "action_restore",
            ):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(self.day.with_user(user), method)()
        self.assertEqual(self.day.state, "published")
        # Those who may: the crew on their published day, the media coordinator on any.
        report = "production_coordination_media.report_call_sheet"
        self.assertEqual(
            self.day.with_user(self.crew_user).action_print_call_sheet()["report_name"], report
        )
        self.assertTrue(self.revision.with_user(self.crew_user).action_print())
        self.assertEqual(
            draft.with_user(self.coordinator).action_print_call_sheet()["report_name"], report
        )

    def test_navigation_refused_on_records_not_readable(self):
        other_day = self._day(self.production_b)
        booking = self._book(other_day, self.carl)
        for record, method, phrase in (
            (self.production_b, "action_coordination_open_days", "open the schedule"),
            (booking, "action_open_day", "open the day"),
            (booking, "action_print_call_sheet", "print the call sheet"),
            (self.carl, "action_open_schedule", "open the schedule"),
            (self.camera_package, "action_coordination_open_schedule", "open the schedule"),
            (other_day, "action_open_recipients", "open the confirmations"),
        ):
            with self.subTest(method=method):
                with self.assertRaises(AccessError) as caught:
                    getattr(record.with_user(self.crew_user), method)()
                self.assertIn(phrase, str(caught.exception))
