# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from .common import RouteCase


class TestOverdueHandoff(RouteCase):
    def _overdue_activities(self, leg):
        return leg.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("production_coordination.mail_activity_type_handoff_overdue")
        )

    def test_acceptance_limit_counts_working_hours(self):
        # Friday 15:00 UTC: 2 working hours left that day, 2 more on Monday morning.
        with freeze_time("2026-11-20 15:00:00"):
            production = self._make_mo(user_id=self.coordinator.id)
        cutting = self._leg(production, self.cutting)
        self.assertEqual(cutting.date_ready, datetime(2026, 11, 20, 15, 0))
        self.assertEqual(cutting.date_accept_deadline, datetime(2026, 11, 23, 10, 0))

        Handoff = self.env["coordination.handoff"]
        with freeze_time("2026-11-22 18:00:00"):  # Sunday: past 4 hours, not 4 working hours
            self.assertFalse(cutting.is_overdue)
            self.assertNotIn(cutting, Handoff.search([("is_overdue", "=", True)]))
            Handoff._cron_notify_overdue_handoffs()
            self.assertFalse(self._overdue_activities(cutting))

        with freeze_time("2026-11-23 10:30:00"):
            cutting.invalidate_recordset(["is_overdue"])
            self.assertTrue(cutting.is_overdue)
            self.assertIn(cutting, Handoff.search([("is_overdue", "=", True)]))
            self.assertEqual(cutting.kanban_color, 1)
            Handoff._cron_notify_overdue_handoffs()
            activities = self._overdue_activities(cutting)
            self.assertEqual(activities.user_id, self.sup_cut | self.coordinator)
            self.assertEqual(len(activities), 2)

        with freeze_time("2026-11-23 11:30:00"):  # the next runs add nothing
            Handoff._cron_notify_overdue_handoffs()
            Handoff._cron_notify_overdue_handoffs()
            self.assertEqual(len(self._overdue_activities(cutting)), 2)
            # Accepting the handoff answers both activities.
            cutting.with_user(self.sup_cut).action_accept()
            self.assertFalse(self._overdue_activities(cutting))

    def test_company_coordinator_when_responsible_is_not_one(self):
        self.company.coordination_user_id = self.coordinator
        with freeze_time("2026-11-23 08:00:00"):
            production = self._make_mo(user_id=self.sup_cut.id)
        cutting = self._leg(production, self.cutting)
        with freeze_time("2026-11-23 13:30:00"):
            self.env["coordination.handoff"]._cron_notify_overdue_handoffs()
        self.assertEqual(self._overdue_activities(cutting).user_id, self.sup_cut | self.coordinator)
