# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import users
from odoo.tools import format_time

from .common import MONDAY, MediaCase


class TestCallSheet(MediaCase):
    """Publishing freezes the call sheet; each crew member gets their own email with their
    call time and the PDF; the coordinator sees who confirmed and reminds the others."""

    def setUp(self):
        super().setUp()
        self.location = self.env["media.location"].create(
            {"name": "Test quay", "street": "Quay Road 1", "city": "Porto"}
        )
        self.day = self._day(
            self.production_a,
            location_id=self.location.id,
            weather_note="Fog until ten",
            safety_note="Life jackets on the pontoon",
            hospital_note="Test General Hospital",
        )
        # Ana (camera) is called at 06:00, Ben (sound) with the general call at 07:00.
        self.booking_ana = self._book(self.day, self.ana, date_call=MONDAY - timedelta(hours=1))
        self.booking_ben = self._book(self.day, self.ben)
        self.scene = self.env["project.task"].create(
            {"name": "Sc. 7 – the harbour at dawn", "project_id": self.production_a.id}
        )
        self.day.task_ids = self.scene
        self.ana.mobile = "+351 900 000 001"

    def _mails(self, recipients):
        # The outgoing mail queue is for administrators: read it as the superuser.
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("model", "=", recipients._name), ("res_id", "in", recipients.ids)], order="id"
            )
        )

    def _call(self, value):
        return format_time(self.env, value, tz="UTC", time_format="short")

    @users("pcm_media_coordinator")
    def test_publishing_is_refused_while_there_are_conflicts(self):
        other_day = self._day(self.production_b)
        self._book(other_day, self.ben)
        day = self.day.with_env(self.env)
        with self.assertRaises(UserError) as refused:
            day.action_publish()
        self.assertIn(self.ben.name, str(refused.exception))
        self.assertIn(other_day.display_name, str(refused.exception))
        self.assertEqual(day.state, "draft")
        self.assertFalse(day.revision_ids)
        other_day.action_cancel()
        day.action_publish()
        self.assertEqual(day.state, "published")

    @users("pcm_media_coordinator")
    def test_each_crew_member_gets_their_own_call_time(self):
        day = self.day.with_env(self.env)
        day.action_publish()
        revision = day.revision_id
        self.assertEqual((revision.number, revision.color), (1, "white"))
        self.assertEqual(revision.affected_crew_ids, self.ana | self.ben)
        day.action_send_call_sheet()

        recipients = day.recipient_ids
        self.assertEqual(recipients.crew_member_id, self.ana | self.ben)
        self.assertEqual(set(recipients.mapped("state")), {"sent"})
        self.assertEqual(recipients.revision_id, revision)
        mails = self._mails(recipients)
        self.assertEqual(len(mails), 2)
        attachment = revision.attachment_id
        self.assertTrue(attachment)
        for recipient, booking in (
            (recipients.filtered(lambda r: r.crew_member_id == self.ana), self.booking_ana),
            (recipients.filtered(lambda r: r.crew_member_id == self.ben), self.booking_ben),
        ):
            [mail] = mails.filtered(lambda m, r=recipient: m.res_id == r.id)
            call = self._call(booking.date_call)
            self.assertIn(call, mail.subject)
            self.assertIn(call, mail.body_html)
            self.assertIn(self.production_a.name, mail.subject)
            self.assertEqual(mail.recipient_ids, recipient.crew_member_id.partner_id)
            self.assertEqual(mail.attachment_ids, attachment)
            self.assertIn(f"/media/call-sheet/{recipient.id}/confirm?token=", mail.body_html)
        self.assertNotEqual(
            self._call(self.booking_ana.date_call), self._call(self.booking_ben.date_call)
        )
        # Sending again has nobody left to send to: the coordinator reminds instead.
        with self.assertRaises(UserError):
            day.action_send_call_sheet()

    @users("pcm_media_coordinator")
    def test_reminder_goes_to_the_unconfirmed_only(self):
        day = self.day.with_env(self.env)
        day.action_publish()
        day.action_send_call_sheet()
        ana_recipient = day.recipient_ids.filtered(lambda r: r.crew_member_id == self.ana)
        ana_recipient._confirm()
        self.assertEqual(ana_recipient.state, "confirmed")
        self.assertTrue(ana_recipient.date_confirmed)
        self.assertEqual((day.confirmed_count, day.unconfirmed_count), (1, 1))
        before = self._mails(day.recipient_ids)
        day.action_send_reminder()
        reminders = self._mails(day.recipient_ids) - before
        self.assertEqual(reminders.recipient_ids, self.ben.partner_id)
        self.assertIn(self._call(self.booking_ben.date_call), reminders.subject)
        ben_recipient = day.recipient_ids - ana_recipient
        self.assertTrue(ben_recipient.date_reminded)
        ben_recipient._confirm()
        with self.assertRaises(UserError):
            day.action_send_reminder()

    @users("pcm_media_coordinator")
    def test_crew_without_email_is_named(self):
        self.ben.partner_id.email = False
        day = self.day.with_env(self.env)
        day.action_publish()
        with self.assertRaises(UserError) as refused:
            day.action_send_call_sheet()
        self.assertIn(self.ben.name, str(refused.exception))
        self.assertFalse(day.recipient_ids)

    @users("pcm_media_coordinator")
    def test_call_sheet_report_content(self):
        day = self.day.with_env(self.env)
        day.action_publish()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("production_coordination_media.report_call_sheet", day.ids)[0]
            .decode()
        )
        for text in (
            self.production_a.name,
            day.revision_id.display_name,
            day.day_label,
            self.location.name,
            self.location.map_url.replace("&", "&amp;"),
            "Fog until ten",
            "Life jackets on the pontoon",
            "Test General Hospital",
            self.scene.name,
            self.ana.name,
            self.ben.name,
            self.camera.name,
            self.sound.name,
            self._call(self.booking_ana.date_call),
            self._call(self.booking_ben.date_call),
        ):
            self.assertIn(text, html)
        # The PDF action is the call sheet report of the day.
        action = day.action_print_call_sheet()
        self.assertEqual(action["report_name"], "production_coordination_media.report_call_sheet")

    def test_crew_prints_the_published_call_sheet_of_their_day(self):
        self.day.action_publish()
        # The cache is shared between users: empty it so that Ana's reads are checked.
        self.env.invalidate_all()
        report = self.env["ir.actions.report"].with_user(self.crew_user)
        html = report._render_qweb_html(
            "production_coordination_media.report_call_sheet", self.day.ids
        )[0].decode()
        # Ana sees everybody's call on the sheet (Ben's included), as published.
        self.assertIn(self.ben.name, html)
        self.assertIn(self.day.revision_id.display_name, html)
        other_day = self._day(self.production_b, start=MONDAY + timedelta(days=3))
        self._book(other_day, self.carl)
        other_day.action_publish()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            report._render_qweb_html(
                "production_coordination_media.report_call_sheet", other_day.ids
            )

    def test_crew_cannot_publish_or_send(self):
        self.env.invalidate_all()
        day = self.day.with_user(self.crew_user)
        with self.assertRaises(AccessError):
            day.action_publish()
        self.day.action_publish()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            day.action_send_call_sheet()
