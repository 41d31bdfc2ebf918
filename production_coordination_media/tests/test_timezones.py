# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A production day's time zone: an unknown one is refused by name; one stored before it was
checked counts as UTC everywhere (dates, call sheet, revisions, conflicts, the confirmation
page) instead of stopping them."""

from datetime import date, timedelta
from urllib.parse import urlsplit

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged, users
from odoo.tools import format_time

from .common import MONDAY, MediaCase

UNKNOWN = "Mars/Olympus_Mons"


class TestDayTimezone(MediaCase):
    @users("pcm_media_coordinator")
    def test_unknown_time_zone_is_refused_naming_it(self):
        Day = self.env["media.production.day"]
        for name in (UNKNOWN, " UTC", "utc", "GMT+25"):
            with self.subTest(tz=name), self.assertRaises(ValidationError) as caught:
                self._day(self.production_a, tz=name)
            self.assertIn("Time Zone", str(caught.exception))
            self.assertIn(name, str(caught.exception))
        day = self._day(self.production_a, tz="Europe/Lisbon")
        with self.assertRaises(ValidationError) as caught:
            day.tz = UNKNOWN
        self.assertIn(UNKNOWN, str(caught.exception))
        self.assertEqual(day.tz, "Europe/Lisbon")
        self.assertEqual(Day.browse(day.id).tz, "Europe/Lisbon")

    def test_default_time_zone_of_a_user_with_an_unknown_one(self):
        self.env.cr.execute(
            "UPDATE res_partner SET tz = %s WHERE id = %s",
            [UNKNOWN, self.coordinator.partner_id.id],
        )
        self.env.invalidate_all()
        day = (
            self.env["media.production.day"]
            .with_user(self.coordinator)
            .create(
                {
                    "project_id": self.production_a.id,
                    "date_call": MONDAY,
                    "date_wrap": MONDAY + timedelta(hours=8),
                }
            )
        )
        self.assertEqual(day.tz, "UTC")

    def test_day_with_a_time_zone_stored_before_it_was_checked(self):
        day = self._day(self.production_a, tz="Europe/Lisbon", weather_note="Rain")
        ana = self._book(day, self.ana)
        day.action_publish()
        day.action_send_call_sheet()
        other_day = self._day(self.production_b)
        self._book(other_day, self.ana)  # a conflict worded in the other day's time zone
        for record in (day, other_day):
            self.env.cr.execute(
                "UPDATE media_production_day SET tz = %s WHERE id = %s", [UNKNOWN, record.id]
            )
        self.env.invalidate_all()
        # Everything that reads the time zone works, in UTC.
        day.modified(["tz"])
        self.assertEqual(day.date, date(2031, 3, 3))
        self.assertTrue(day.display_name)
        ana.date_call = MONDAY + timedelta(hours=1)
        eight = format_time(self.env, ana.date_call, tz="UTC", time_format="short")
        self.assertTrue(day.has_pending_changes)
        self.assertIn(eight, day.pending_changes_html)
        self.assertIn("also booked", ana.conflict_description)
        other_day.action_cancel()
        self.assertIn(self.ana.name, day._get_call_sheet_data()[day.id]["bookings"].__repr__())
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("production_coordination_media.report_call_sheet", day.ids)[0]
            .decode()
        )
        self.assertIn(self.ana.name, html)
        wizard = (
            self.env["media.revision.wizard"]
            .with_user(self.coordinator)
            .create({"day_id": day.id, "reason": "production", "note": "Later call"})
        )
        self.assertIn(eight, wizard.diff_html)
        wizard.action_confirm()
        self.assertEqual(day.revision_id.number, 2)
        self.assertTrue(day.revision_id.diff_html)
        recipient = day.recipient_ids.filtered(lambda r: r.crew_member_id == self.ana)
        self.assertTrue(recipient.confirm_url)
        self.assertTrue(recipient.call_time_display)
        # A correct time zone can be set again.
        day.tz = "Europe/Lisbon"


@tagged("post_install", "-at_install")
class TestConfirmationTimezone(MediaCase, HttpCase):
    def test_confirmation_page_of_a_day_with_an_unknown_time_zone(self):
        day = self._day(self.production_a)
        self._book(day, self.ana)
        day.action_publish()
        day.action_send_call_sheet()
        recipient = day.recipient_ids
        self.env.cr.execute(
            "UPDATE media_production_day SET tz = %s WHERE id = %s", [UNKNOWN, day.id]
        )
        self.env.invalidate_all()
        url = urlsplit(recipient.confirm_url)
        token = url.query.removeprefix("token=")
        confirmed = self.url_open(url.path, data={"token": token})
        self.assertEqual(confirmed.status_code, 200)
        self.assertIn("o_media_confirmed", confirmed.text)
        # Shown again once confirmed: the confirmation date, in UTC.
        page = self.url_open(f"{url.path}?{url.query}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_media_confirmed", page.text)
        self.assertEqual(recipient.state, "confirmed")
