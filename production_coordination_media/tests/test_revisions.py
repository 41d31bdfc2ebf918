# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import Form, users
from odoo.tools import format_time

from .common import MONDAY, MediaCase


class TestRevisions(MediaCase):
    """Every change after publication is a numbered revision in the industry's colours, with
    a readable diff, sent only to the people it affects; older revisions stay viewable."""

    def setUp(self):
        super().setUp()
        self.pier, self.market = self.env["media.location"].create(
            [{"name": "Test pier"}, {"name": "Test market"}]
        )
        self.day = self._day(self.production_a, location_id=self.pier.id)
        self.booking_ana = self._book(self.day, self.ana, date_call=MONDAY - timedelta(hours=1))
        self.booking_ben = self._book(self.day, self.ben)
        self.booking_carl = self._book(self.day, self.carl)
        self.day.action_publish()
        self.day.action_send_call_sheet()

    def _mails_since(self, mail_id):
        # The outgoing mail queue is for administrators: read it as the superuser.
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "media.call.sheet.recipient"), ("id", ">", mail_id)])
        )

    def _last_mail_id(self):
        return self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id

    def _recipient(self, member):
        return self.day.recipient_ids.filtered(lambda r: r.crew_member_id == member)

    @users("pcm_media_coordinator")
    def test_numbering_and_colours(self):
        day = self.day.with_env(self.env)
        self.assertEqual(day.revision_id.number, 1)
        for _i in range(10):
            day.weather_note = f"{day.weather_note or ''}+"
            day._issue_revision("weather", "Forecast update", send=False)
        revisions = day.revision_ids.sorted("number")
        self.assertEqual(revisions.mapped("number"), list(range(1, 12)))
        self.assertEqual(
            revisions.mapped("color"),
            [
                "white",
                "blue",
                "pink",
                "yellow",
                "green",
                "goldenrod",
                "buff",
                "salmon",
                "cherry",
                "white",
                "blue",
            ],
        )
        self.assertNotEqual(revisions[9].color_label, revisions[0].color_label)
        self.assertEqual(day.revision_id, revisions[-1])
        # Nothing changed: no new revision.
        with self.assertRaises(UserError):
            day._issue_revision("other", "Nothing", send=False)

    def test_no_pending_changes_in_another_language(self):
        """Published in English, read in Spanish: role and department names are translated,
        the call sheet did not change."""
        self.env["res.lang"]._activate_lang("es_ES")
        role = self.booking_ana.crew_member_id.role_id
        role.with_context(lang="es_ES").name = "Ayudante (es)"
        self.booking_ana.department_id.with_context(lang="es_ES").name = "Cámara (es)"
        self.coordinator.lang = "es_ES"
        day = self.day.with_user(self.coordinator).with_context(lang="es_ES")
        sheet = self.env["media.call.sheet"].with_context(lang="es_ES")._get_data(day)[day.id]
        self.assertEqual(sheet["bookings"][f"crew-{self.ana.id}"]["role"], "Ayudante (es)")
        day.invalidate_recordset()
        self.assertFalse(day.has_pending_changes)
        # A real change of role is still one.
        self.booking_ana.role_id = self.role_sound
        day.invalidate_recordset()
        self.assertTrue(day.has_pending_changes)

    @users("pcm_media_coordinator")
    def test_diff_content(self):
        day = self.day.with_env(self.env)
        dora = self.dora.with_env(self.env)
        day.write(
            {
                "location_id": self.market.id,
                "date_call": MONDAY + timedelta(minutes=30),
                "date_wrap": MONDAY + timedelta(hours=10, minutes=30),
            }
        )
        day.booking_ids.filtered(lambda b: b.crew_member_id == self.carl).unlink()
        self._book(day, dora, date_call=MONDAY + timedelta(hours=2))
        day.booking_ids.filtered(lambda b: b.crew_member_id == self.ben).date_call = (
            MONDAY + timedelta(hours=3)
        )
        self.assertTrue(day.has_pending_changes)
        revision = day._issue_revision("client", "The client moved the interview", send=False)
        changes = {(change["kind"], change.get("name")): change for change in revision.diff}
        self.assertEqual(
            changes[("location", None)],
            {"kind": "location", "old": "Test pier", "new": "Test market"},
        )
        general = changes[("general_call", None)]
        self.assertEqual(
            (general["old"], general["new"]), ("2031-03-03 07:00:00", "2031-03-03 07:30:00")
        )
        self.assertEqual(changes[("added", dora.name)]["new"][0], "2031-03-03 09:00:00")
        self.assertEqual(changes[("removed", self.carl.name)]["resource_kind"], "crew")
        self.assertEqual(
            changes[("moved", self.ben.name)]["new"],
            ["2031-03-03 10:00:00", "2031-03-03 17:30:00"],
        )
        # Ana's call only followed the day: it is in the diff, summed up for people.
        self.assertIn(("moved", self.ana.name), changes)
        html = revision.diff_html
        for text in (self.market.name, self.pier.name, dora.name, self.carl.name, self.ben.name):
            self.assertIn(text, html)
        self.assertNotIn(self.ana.name, html)
        self.assertEqual(revision.reason, "client")
        self.assertEqual(revision.color, "blue")
        self.assertFalse(day.has_pending_changes)

    @users("pcm_media_coordinator")
    def test_sent_only_to_the_people_it_affects(self):
        day = self.day.with_env(self.env)
        self._recipient(self.ana)._confirm()
        self._recipient(self.carl)._confirm()

        # Ben's call moves: only Ben hears about it, and has to confirm again.
        first_mail = self._last_mail_id()
        day.booking_ids.filtered(lambda b: b.crew_member_id == self.ben).date_call = (
            MONDAY + timedelta(hours=1)
        )
        revision = day._issue_revision("resource", "Sound starts later")
        mails = self._mails_since(first_mail)
        self.assertEqual(mails.recipient_ids, self.ben.partner_id)
        self.assertEqual(mails.attachment_ids, revision.attachment_id)
        self.assertIn(
            format_time(self.env, MONDAY + timedelta(hours=1), tz="UTC", time_format="short"),
            mails.subject,
        )
        self.assertIn(revision.display_name, mails.subject)
        self.assertIn(self.ben.name, mails.body_html)
        self.assertEqual(self._recipient(self.ben).revision_id, revision)
        self.assertEqual(self._recipient(self.ana).state, "confirmed")
        self.assertEqual(self._recipient(self.ana).revision_id.number, 1)

        # New camera equipment concerns the camera department (Ana, Carl), not sound.
        second_mail = self._last_mail_id()
        self._book(day, self.camera_package)
        revision = day._issue_revision("production", "Second camera body")
        self.assertEqual(revision.affected_crew_ids, self.ana | self.carl)
        self.assertEqual(
            self._mails_since(second_mail).recipient_ids,
            (self.ana | self.carl).partner_id,
        )
        self.assertEqual(self._recipient(self.ana).state, "sent")

        # Carl is removed: he alone is released (no call sheet attached).
        third_mail = self._last_mail_id()
        day.booking_ids.filtered(lambda b: b.crew_member_id == self.carl).unlink()
        revision = day._issue_revision("production", "One camera assistant is enough")
        mails = self._mails_since(third_mail)
        self.assertEqual(mails.recipient_ids, self.carl.partner_id)
        self.assertFalse(mails.attachment_ids)
        self.assertEqual(self._recipient(self.carl).state, "released")
        self.assertEqual((day.confirmed_count, day.unconfirmed_count), (0, 2))

    @users("pcm_media_coordinator")
    def test_revision_wizard_and_pending_changes(self):
        day = self.day.with_env(self.env)
        with self.assertRaises(UserError):
            day.action_open_revision_wizard()
        day.booking_ids.filtered(lambda b: b.crew_member_id == self.ben).date_wrap = (
            MONDAY + timedelta(hours=8)
        )
        self._book(day, self.dora.with_env(self.env))
        # Changes are not sent until they are a revision (not even to the newcomer).
        with self.assertRaises(UserError):
            day.action_send_call_sheet()
        self.assertFalse(self._recipient(self.dora))
        action = day.action_open_revision_wizard()
        wizard_form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(wizard_form.number, 2)
        self.assertEqual(wizard_form.color, "blue")
        wizard_form.reason = "production"
        wizard_form.note = "Sound wraps early"
        wizard = wizard_form.save()
        self.assertEqual(wizard.affected_crew_ids, self.ben | self.dora)
        first_mail = self._last_mail_id()
        wizard.action_confirm()
        self.assertEqual(day.revision_id.number, 2)
        self.assertEqual(day.revision_id.note, "Sound wraps early")
        self.assertEqual(
            self._mails_since(first_mail).recipient_ids, (self.ben | self.dora).partner_id
        )

    @users("pcm_media_coordinator")
    def test_older_revisions_stay_viewable(self):
        day = self.day.with_env(self.env)
        first = day.revision_id
        ben_call = format_time(self.env, MONDAY, tz="UTC", time_format="short")
        new_call = format_time(self.env, MONDAY + timedelta(hours=2), tz="UTC", time_format="short")
        day.booking_ids.filtered(lambda b: b.crew_member_id == self.ben).date_call = (
            MONDAY + timedelta(hours=2)
        )
        day._issue_revision("resource", "Sound starts later", send=False)
        self.assertIn(ben_call, first.schedule_html)
        self.assertNotIn(new_call, first.schedule_html)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "production_coordination_media.report_call_sheet_revision", first.ids
            )[0]
            .decode()
        )
        self.assertIn(first.display_name, html)
        self.assertIn(ben_call, html)
        self.assertIn(new_call, day.revision_id.schedule_html)
