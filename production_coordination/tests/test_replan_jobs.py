# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Applying a replan by priority: small ones at once, large ones as a queue_job job (real
queue_job: its jobs trap and its Job class, as the job runner's controller drives it), which
applies all or nothing, leaves out with their reason the MOs that changed since the preview,
is enqueued once for a double click and tells its user when it is done or failed."""

import json
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from odoo.addons.production_coordination.models.coordination_replan_job import (
    REPLAN_CHANNEL,
    REPLAN_JOB_THRESHOLD,
    REPLAN_JOB_THRESHOLD_PARAM,
    REPLAN_MAX_RETRIES,
    replan_identity_key,
)
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MONDAY_8, ScheduleCase


@freeze_time(MONDAY_8)
class TestReplanJobs(ScheduleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.normal = cls._make_mo(date_start=MONDAY_8)
        cls.normal.button_plan()
        cls.urgent = cls._make_mo(date_start=MONDAY_8)
        cls.urgent.button_plan()
        cls.urgent.priority = "1"
        cls._run_rank_jobs()  # the ranks, as the job runner sets them after these writes
        cls.Replan = cls.env["coordination.replan"]
        # Store what the fixtures sent to the bus now: a list of messages pending at setUp is
        # shared by every test (TransactionCase restores a shallow copy of the precommit data),
        # so each test's notifications would pile up in it.
        cls.env.cr.precommit.run()

    def setUp(self):
        super().setUp()
        # The saw's replan moves 8 work orders: from 3 on, in the background.
        self.env["ir.config_parameter"].sudo().set_param(REPLAN_JOB_THRESHOLD_PARAM, "3")

    def _wizard(self, user, workcenters):
        action = workcenters.with_user(user).action_coordination_replan()
        return self.env[action["res_model"]].with_user(user).browse(action["res_id"])

    def _dates(self, production):
        production.invalidate_recordset()
        return (production.date_start, production.date_finished)

    def _jobs(self):
        return (
            self.env["queue.job"]
            .sudo()
            .search([("identity_key", "=", replan_identity_key(self.wc_saw))])
        )

    def _run(self, job_record):
        """Run a stored job as queue_job's runjob controller does (same steps, same order)."""
        job = Job.load(self.env, job_record.uuid)
        job.set_started()
        job.store()
        try:
            with self.env.cr.savepoint():
                job.perform()
        except Exception as error:
            job.set_failed(exc_name=type(error).__name__, exc_message=str(error), exc_info="")
            job.store()
            raise
        job.set_done()
        job.store()
        return job

    def _notifications(self, user):
        self.env.cr.precommit.run()  # the bus stores its messages just before commit
        messages = (
            self.env["bus.bus"]
            .sudo()
            .search(
                [("channel", "like", f'"res.partner",{user.partner_id.id}]')],
                order="id",
            )
        )
        payloads = [
            json.loads(message.message)
            for message in messages
            if json.loads(message.message)["type"] == "simple_notification"
        ]
        title = self.env["coordination.replan"].with_user(user).env._("Replan by Priority")
        return [p["payload"] for p in payloads if p["payload"].get("title") == title]

    def test_small_replan_is_applied_at_once(self):
        self.env["ir.config_parameter"].sudo().set_param(REPLAN_JOB_THRESHOLD_PARAM, "")
        self.assertEqual(self.Replan._get_job_threshold(), REPLAN_JOB_THRESHOLD)
        wizard = self._wizard(self.coordinator, self.wc_saw)
        with trap_jobs() as trap:
            action = wizard.action_apply()
            trap.assert_jobs_count(0)
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            [self._dates(p) for p in (self.urgent, self.normal)],
            [(line.date_start_new, line.date_finished_new) for line in wizard.line_ids],
        )

    def test_large_replan_is_a_job_applied_as_previewed(self):
        wizard = self._wizard(self.coordinator, self.wc_saw)
        self.assertEqual(len(wizard.line_ids.workorder_ids), 8)
        before = [self._dates(p) for p in (self.urgent, self.normal)]
        with trap_jobs() as trap:
            action = wizard.action_apply()
            self.assertEqual(action["params"]["type"], "info")
            trap.assert_jobs_count(1, only=self.Replan._apply_replan_job)
            trap.assert_enqueued_job(
                self.Replan._apply_replan_job,
                args=(self.wc_saw, wizard.line_ids.workorder_ids),
                properties={
                    "channel": REPLAN_CHANNEL,
                    "identity_key": replan_identity_key(self.wc_saw),
                    "max_retries": REPLAN_MAX_RETRIES,
                },
            )
            # Nothing moved before the job runs.
            self.assertEqual([self._dates(p) for p in (self.urgent, self.normal)], before)
            trap.perform_enqueued_jobs()
        self.assertEqual(
            [self._dates(p) for p in (self.urgent, self.normal)],
            [(line.date_start_new, line.date_finished_new) for line in wizard.line_ids],
        )
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "success")

    def test_double_click_enqueues_one_job_run_as_its_user(self):
        wizard = self._wizard(self.coordinator, self.wc_saw)
        wizard.action_apply()
        wizard.action_apply()
        self._wizard(self.coordinator, self.wc_saw).action_apply()
        job = self._jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(job.state, "pending")
        self.assertEqual(job.channel, REPLAN_CHANNEL)
        self.assertEqual(job.user_id, self.coordinator)
        self.assertEqual(job.records.env.uid, self.coordinator.id)
        self.assertFalse(job.records.env.su)
        self._run(job)
        self.assertEqual(job.state, "done")
        self.assertEqual(self._dates(self.urgent)[0], MONDAY_8)
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "success")

    def test_work_started_since_the_preview_is_left_out_with_its_reason(self):
        wizard = self._wizard(self.coordinator, self.wc_saw)
        wizard.action_apply()
        # Meanwhile the normal MO's cutting starts (it was planned first, at 8:00).
        cut = self._wo(self.normal, "Cut")
        cut.with_user(self.alice).button_start()
        normal_before = self._dates(self.normal)
        job = self._run(self._jobs())
        # The normal MO stays; the urgent one is replanned around its started cutting.
        self.assertEqual(self._dates(self.normal), normal_before)
        self.assertEqual(cut.state, "progress")
        self.assertEqual(self._wo(self.urgent, "Cut").date_start, datetime(2026, 11, 23, 9, 0))
        self.assertIn(cut.display_name, job.result)
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "warning")
        self.assertIn(cut.display_name, note["message"])
        self.assertFalse((self.urgent | self.normal).workorder_ids._get_conflicted_workorder_ids())

    def test_cancelled_since_the_preview_is_left_out_at_once_too(self):
        self.env["ir.config_parameter"].sudo().set_param(REPLAN_JOB_THRESHOLD_PARAM, "100")
        wizard = self._wizard(self.coordinator, self.wc_saw)
        self.normal.action_cancel()
        action = wizard.action_apply()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn(self.normal.name, action["params"]["message"])
        self.assertEqual(self.normal.state, "cancel")
        self.assertFalse(self.urgent.workorder_ids._get_conflicted_workorder_ids())

    def test_a_failed_job_changes_nothing_and_tells_its_user(self):
        """Odoo's planning refuses half-way (the drill lost its calendar after the preview):
        the work orders unplanned before are planned again (rolled back), the job fails and its
        user is told."""
        wizard = self._wizard(self.coordinator, self.workcenters)
        wizard.action_apply()
        job = (
            self.env["queue.job"]
            .sudo()
            .search([("identity_key", "=", replan_identity_key(self.workcenters))])
        )
        slots = {wo: (wo.date_start, wo.date_finished) for wo in wizard.line_ids.workorder_ids}
        self.env.cr.execute(
            "UPDATE mrp_workcenter SET resource_calendar_id = NULL WHERE id = %s",
            [self.wc_drill.id],
        )
        self.env.invalidate_all()
        # Not assertRaises: it would roll back what queue_job stores on failure.
        failure = None
        try:
            self._run(job)
        except UserError as error:
            failure = error
        self.assertTrue(failure)
        self.env.invalidate_all()
        self.assertEqual({wo: (wo.date_start, wo.date_finished) for wo in slots}, slots)
        self.assertTrue(all(wo.leave_id for wo in slots))
        self.assertEqual(job.state, "failed")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "danger")
        self.assertIn(self.wc_drill.name, note["message"])

    def test_only_coordinators_apply_and_bad_threshold(self):
        wizard = self._wizard(self.sup_cut, self.wc_saw)
        with trap_jobs() as trap:
            with self.assertRaises(AccessError):
                wizard.action_apply()
            with self.assertRaises(AccessError):
                self.Replan.with_user(self.sup_cut)._enqueue_apply(
                    self.wc_saw, wizard.line_ids.workorder_ids
                )
            trap.assert_jobs_count(0)
        for value in ("many", "-5", "0"):
            self.env["ir.config_parameter"].sudo().set_param(REPLAN_JOB_THRESHOLD_PARAM, value)
            self.assertGreaterEqual(self.Replan._get_job_threshold(), 1)
