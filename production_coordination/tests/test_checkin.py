# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import RouteCase


class TestCheckin(RouteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Ada supervises Quality too: two departments, one daily reminder.
        cls.quality.supervisor_id = cls.sup_asm
        cls.activity_type = cls.env.ref("production_coordination.mail_activity_type_checkin")

    def _reminders(self, user):
        return self.env["mail.activity"].search(
            [("activity_type_id", "=", self.activity_type.id), ("user_id", "=", user.id)]
        )

    def _ours(self, requests):
        """Keep to this test's departments (a demo database has its own)."""
        return requests.filtered(
            lambda c: c.department_id in self.cutting | self.assembly | self.quality
        )

    def test_daily_requests_one_reminder_per_supervisor(self):
        Checkin = self.env["coordination.checkin"]
        with freeze_time("2026-11-23 06:00:00"):
            production = self._make_mo()
            self._finish_cutting(production)  # Assembly ready, Cutting done
            self._make_mo()  # Cutting ready
            quality_leg = self._make_mo()
            quality_leg.workorder_ids.filtered(lambda wo: wo.name != "Inspect").button_finish()
            requests = self._ours(Checkin._cron_request_checkins())
            self.assertEqual(requests.department_id, self.cutting | self.assembly | self.quality)
            self.assertEqual(len(self._reminders(self.sup_cut)), 1)
            self.assertEqual(len(self._reminders(self.sup_asm)), 1)  # not one per department
            # The request covers the department's active handoffs.
            assembly_request = requests.filtered(lambda c: c.department_id == self.assembly)
            self.assertEqual(assembly_request.handoff_ids, self._leg(production, self.assembly))
        with freeze_time("2026-11-23 14:00:00"):  # same day, another run: nothing new
            self.assertFalse(self._ours(Checkin._cron_request_checkins()))
            self.assertEqual(len(self._reminders(self.sup_asm)), 1)

    def _finish_cutting(self, production):
        (self._wo(production, "Cut") | self._wo(production, "Drill")).button_finish()

    def test_unanswered_request_is_overdue_until_submitted(self):
        Checkin = self.env["coordination.checkin"]
        with freeze_time("2026-11-23 06:00:00"):
            self._make_mo()
            request = self._ours(Checkin._cron_request_checkins())
        self.assertEqual(request.department_id, self.cutting)
        with freeze_time("2026-11-24 05:00:00"):  # 23 hours
            self.assertFalse(request.is_overdue)
            self.assertTrue(self.cutting.is_checkin_compliant)
        with freeze_time("2026-11-24 07:00:00"):  # 25 hours
            request.invalidate_recordset(["is_overdue"])
            self.cutting.invalidate_recordset(["is_checkin_compliant"])
            self.assertTrue(request.is_overdue)
            self.assertFalse(self.cutting.is_checkin_compliant)
            self.assertIn(
                self.cutting,
                self.env["coordination.department"].search([("is_checkin_compliant", "=", False)]),
            )
            # No new request while one is open: the department stays non-compliant.
            self.assertFalse(self._ours(Checkin._cron_request_checkins()))
            with Form(request.with_user(self.sup_cut)) as form:
                form.progress_reported = 0
                form.status = "on_track"
            request.with_user(self.sup_cut).action_submit()
            self.cutting.invalidate_recordset(["is_checkin_compliant"])
            self.assertTrue(self.cutting.is_checkin_compliant)
            self.assertFalse(self._reminders(self.sup_cut))

    def test_gap_between_reported_and_computed_progress(self):
        production = self._make_mo()
        self._log_time(self._wo(production, "Cut"), 27)  # 27 of 90 expected minutes: 30 %
        Checkin = self.env["coordination.checkin"].with_user(self.sup_cut)
        with Form(Checkin) as form:
            form.department_id = self.cutting
            self.assertEqual(len(form.handoff_ids), 1)
            form.progress_reported = 80
            form.status = "at_risk"
            self.assertAlmostEqual(form.progress_computed, 30.0, places=1)
            self.assertTrue(form.has_progress_gap)
            form.progress_reported = 45
            self.assertFalse(form.has_progress_gap)
            form.progress_reported = 55
        checkin = form.record
        checkin.action_submit()
        self.assertEqual(checkin.state, "submitted")
        self.assertTrue(checkin.has_progress_gap)
        self.assertAlmostEqual(checkin.progress_gap, 25.0, places=1)
        # The history keeps what was computed when submitted.
        self._wo(production, "Cut").button_finish()
        checkin.invalidate_recordset()
        self.assertAlmostEqual(checkin.progress_computed, 30.0, places=1)
        with self.assertRaises(UserError):
            checkin.action_submit()

    def test_submit_needs_a_status_and_the_supervisor(self):
        self._make_mo()
        checkin = (
            self.env["coordination.checkin"]
            .with_user(self.sup_cut)
            .create({"department_id": self.cutting.id})
        )
        with self.assertRaises(UserError):
            checkin.action_submit()
        with self.assertRaises(AccessError):
            self.env["coordination.checkin"].with_user(self.alice).create(
                {"department_id": self.cutting.id}
            )
        with self.assertRaises(AccessError):
            self.env["coordination.checkin"].with_user(self.sup_cut).create(
                {"department_id": self.assembly.id}
            )
        # Staff read their department's check-ins, not the others'.
        self.assertEqual(self.env["coordination.checkin"].with_user(self.alice).search([]), checkin)
        self.assertFalse(self.env["coordination.checkin"].with_user(self.anna).search([]))
