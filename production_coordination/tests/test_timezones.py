# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time zones Odoo does not check (a calendar's, a user's: selections given by a function are
not validated) never stop our computations: an unknown one counts as UTC."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command

from ..tools import tz_name, tz_or_utc
from .common import FULL_WEEK, MONDAY_8, WEEKS, ScheduleCase

UNKNOWN = "Mars/Olympus_Mons"


class TestUnknownTimezones(ScheduleCase):
    def _store_unknown_tz(self, table, record):
        # As an RPC write can leave it (Odoo does not validate these selections).
        self.env.cr.execute(f"UPDATE {table} SET tz = %s WHERE id = %s", [UNKNOWN, record.id])
        self.env.invalidate_all()

    def test_helpers(self):
        self.assertEqual(tz_name("Europe/Brussels"), "Europe/Brussels")
        for name in (UNKNOWN, "", False, None, "europe/brussels "):
            self.assertEqual(tz_name(name), "UTC")
        self.assertEqual(tz_or_utc(UNKNOWN).zone, "UTC")

    @freeze_time(MONDAY_8)
    def test_load_and_priority_with_an_unknown_calendar_time_zone(self):
        production = self._make_mo(date_start=MONDAY_8 + timedelta(hours=1))
        self._store_unknown_tz("resource_calendar", self.calendar)
        self.env["coordination.workcenter.load"].with_user(self.coordinator).with_context(
            queue_job__no_delay=True
        ).action_refresh()
        rows = self._load(self.coordinator)
        self.assertEqual(len(rows), 4 * 8)
        saw = rows[self.wc_saw, WEEKS[0]]
        self.assertEqual((saw.planned_minutes, saw.available_minutes), (60.0, FULL_WEEK))
        # The priority's working-time clock reads the same calendar.
        self.env["coordination.priority"]._refresh(production)
        self.assertTrue(production.coordination_date_forecast)
        self._run_rank_jobs()
        self.assertGreater(production.coordination_rank, 0)

    @freeze_time(MONDAY_8)
    def test_digest_with_an_unknown_user_time_zone(self):
        reader = self.coordinator
        reader.email = "cora@example.com"
        self._store_unknown_tz("res_partner", reader.partner_id)
        self.company.write(
            {
                "coordination_digest_weekday": str(MONDAY_8.weekday()),
                "coordination_digest_user_ids": [Command.set(reader.ids)],
                "coordination_digest_last_week": False,
            }
        )
        report = self.env["coordination.status.report"].with_user(reader)
        self.assertTrue(report._build_xlsx({}))
        mail = self.env["coordination.status.report"]._send_digest(self.company)
        self.assertIn(reader.partner_id, mail.recipient_ids)
