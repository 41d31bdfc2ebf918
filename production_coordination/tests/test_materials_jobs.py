# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shortage scan as queue_job jobs: what Scan Now and the scheduled action enqueue, and what
a job does when it runs, waits for a busy company, or fails (real queue_job: its jobs trap and
its Job class, as the job runner's controller drives it)."""

import json
from unittest.mock import patch

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError
from odoo.tests.common import tagged

from odoo.addons.production_coordination.models.coordination_material_scan import SCAN_COUNTS
from odoo.addons.production_coordination.models.coordination_material_scan_job import (
    SCAN_CHANNEL,
    SCAN_MAX_RETRIES,
    scan_identity_key,
)
from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MaterialsCase


class TestScanJobs(MaterialsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Scan = cls.env["coordination.material.scan"]
        cls.other_company = cls.env["res.company"].create({"name": "Second Materials Plant"})
        cls.coordinator.company_ids = [Command.link(cls.other_company.id)]

    def _scan_now(self, user, companies):
        Task = self.env["project.task"].with_user(user)
        return Task.with_context(
            allowed_company_ids=companies.ids
        ).action_coordination_scan_shortages()

    def _run(self, job_record):
        """Run a stored job as queue_job's runjob controller does (same steps, same order),
        in the test's transaction: started, performed, done; or postponed, or failed."""
        job = Job.load(self.env, job_record.uuid)
        job.set_started()
        job.store()
        try:
            with self.env.cr.savepoint():
                job.perform()
        except RetryableJobError as error:
            job.postpone(result=str(error), seconds=error.seconds)
            job.set_pending(reset_retry=False)
            job.store()
            raise
        except Exception as error:
            job.set_failed(exc_name=type(error).__name__, exc_message=str(error), exc_info="")
            job.store()
            raise
        job.set_done()
        job.store()
        return job

    def _notifications(self, user):
        """The simple notifications sent to the user's web client (bus), newest last."""
        self.env.cr.precommit.run()  # the bus stores its messages just before commit
        messages = (
            self.env["bus.bus"]
            .sudo()
            .search([("channel", "like", f'"res.partner",{user.partner_id.id}]')], order="id")
        )
        return [
            json.loads(message.message)["payload"]
            for message in messages
            if json.loads(message.message)["type"] == "simple_notification"
        ]

    def test_scan_now_enqueues_one_job_per_company(self):
        self._make_mo(2, 3)  # a shortage of tubes in the first company
        with trap_jobs() as trap:
            action = self._scan_now(self.coordinator, self.company + self.other_company)
            self.assertEqual(action["params"]["type"], "success")
            trap.assert_jobs_count(2, only=self.Scan._scan_company_job)
            for company in self.company + self.other_company:
                trap.assert_enqueued_job(
                    self.Scan._scan_company_job,
                    args=(company,),
                    properties={
                        "channel": SCAN_CHANNEL,
                        "identity_key": scan_identity_key(company.id),
                        "max_retries": SCAN_MAX_RETRIES,
                    },
                )
            # Nothing is scanned before the job runs.
            self.assertFalse(self._tasks())
            trap.perform_enqueued_jobs()
        self.assertEqual(len(self._tasks()), 1)
        notes = self._notifications(self.coordinator)
        self.assertEqual([note["type"] for note in notes], ["success", "success"])

    def test_buyers_scan_too_and_others_cannot(self):
        with trap_jobs() as trap:
            # As the web client calls the list's header button: with the selected ids (none).
            Task = self.env["project.task"].with_user(self.buyer)
            action = call_kw(Task, "action_coordination_scan_shortages", [[]], {})
            self.assertEqual(action["params"]["type"], "success")
            trap.assert_jobs_count(1, only=self.Scan._scan_company_job)
            with self.assertRaises(AccessError):
                self._scan_now(self.project_user, self.company)
            trap.assert_jobs_count(1)

    def test_one_job_waits_per_company(self):
        """Pressing Scan Now again while the company's job waits adds no second job."""
        first = self._scan_now(self.coordinator, self.company)
        self.assertEqual(first["params"]["type"], "success")
        self._scan_now(self.coordinator, self.company)
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search([("identity_key", "=", scan_identity_key(self.company.id))])
        )
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.state, "pending")
        self.assertEqual(jobs.channel, SCAN_CHANNEL)
        # It runs as the user who pressed Scan Now, in superuser mode.
        self.assertEqual(jobs.user_id, self.coordinator)
        self.assertEqual(jobs.records.env.uid, self.coordinator.id)
        self.assertTrue(jobs.records.env.su)
        company = self.company.with_user(self.coordinator)
        self.assertEqual(company.coordination_scan_state, "pending")

    def test_a_job_whose_server_died_is_requeued(self):
        """A job left "started" by a server that died keeps the scan channel's only slot: the
        collector (queue_job's scheduled action, as this addon sets it) requeues it once it is
        older than any job can run, and leaves a job that may still be running alone."""
        self._scan_now(self.coordinator, self.company)
        job = (
            self.env["queue.job"]
            .sudo()
            .search([("identity_key", "=", scan_identity_key(self.company.id))])
        )
        job.write({"state": "started"})
        collector = self.env.ref("queue_job.ir_cron_queue_job_garbage_collector")
        # Started 2 minutes ago: may still be running.
        self.env.cr.execute(
            "UPDATE queue_job SET date_started = now() at time zone 'utc' - interval '2 minutes'"
            " WHERE id = %s",
            [job.id],
        )
        collector.method_direct_trigger()
        job.invalidate_recordset()
        self.assertEqual(job.state, "started")
        # Started 11 minutes ago: its server is gone.
        self.env.cr.execute(
            "UPDATE queue_job SET date_started = now() at time zone 'utc' - interval '11 minutes'"
            " WHERE id = %s",
            [job.id],
        )
        collector.method_direct_trigger()
        job.invalidate_recordset()
        self.assertEqual(job.state, "pending")

    def test_job_scans_and_tells_its_state(self):
        self._make_mo(2, 3)
        jobs = self.Scan.with_user(self.coordinator).sudo()._enqueue_scans(self.company)
        self.assertEqual(len(jobs), 1)
        job = self._run(jobs)
        self.assertEqual(job.result["created"], 1)
        self.assertEqual(len(self._tasks()), 1)
        company = self.company.with_user(self.coordinator)
        company.invalidate_recordset(["coordination_scan_state"])
        self.assertEqual(company.coordination_scan_state, "done")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "success")
        self.assertIn(self.company.name, note["message"])

    def test_a_failed_job_writes_nothing_and_tells_its_user(self):
        """A job that raises after writing tasks leaves none (its transaction is rolled back);
        its user is told it failed."""
        self._make_mo(2, 3)
        jobs = self.Scan.with_user(self.coordinator).sudo()._enqueue_scans(self.company)
        sync = type(self.env["coordination.low.stock.sync"])._sync

        def sync_then_fail(service, snapshot):
            sync(service, snapshot)
            raise ValueError("broken vendor")

        # Not assertRaises: it would roll back what queue_job stores on failure.
        failure = None
        with patch.object(
            type(self.env["coordination.low.stock.sync"]),
            "_sync",
            autospec=True,
            side_effect=sync_then_fail,
        ):
            try:
                self._run(jobs)
            except ValueError as error:
                failure = error
        self.assertEqual(str(failure), "broken vendor")
        self.assertFalse(self._tasks())
        self.assertEqual(jobs.state, "failed")
        company = self.company.with_user(self.coordinator)
        company.invalidate_recordset(["coordination_scan_state"])
        self.assertEqual(company.coordination_scan_state, "failed")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "danger")
        self.assertIn("broken vendor", note["message"])

    def test_cron_enqueues_every_company(self):
        with trap_jobs() as trap:
            self.Scan._cron_enqueue_shortage_scans()
            companies = self.env["res.company"].search([])
            trap.assert_jobs_count(len(companies), only=self.Scan._scan_company_job)
            for company in self.company + self.other_company:
                trap.assert_enqueued_job(
                    self.Scan._scan_company_job,
                    args=(company,),
                    properties={"channel": SCAN_CHANNEL},
                )


@tagged("post_install", "-at_install")
class TestScanJobBusyCompany(MaterialsCase):
    """A scan job whose company another transaction is scanning (its procurement project row
    locked by a committed-data cursor) waits and tries again later with backoff; it writes
    nothing meanwhile, and fails after SCAN_MAX_RETRIES tries."""

    def test_busy_company_postpones_the_job(self):
        company = self.env.ref("base.main_company")
        project = company._coordination_get_procurement_project()
        Scan = self.env["coordination.material.scan"].with_user(self.coordinator).sudo()
        [job_record] = Scan._enqueue_scans(company)
        with self.registry.cursor() as other:
            other.execute("SELECT id FROM project_project WHERE id = %s FOR UPDATE", [project.id])
            job = Job.load(self.env, job_record.uuid)
            with self.assertRaises(RetryableJobError):
                job.perform()
            self.assertEqual(job.retry, 1)
            # The retry pattern: 1 minute after the first try, then 5, then 15.
            self.assertEqual(job._get_retry_seconds(), 60)
            job.retry = 2
            self.assertEqual(job._get_retry_seconds(), 300)
            job.retry = SCAN_MAX_RETRIES - 1
            self.assertEqual(job._get_retry_seconds(), 900)
            # The last try fails for good.
            with self.assertRaises(FailedJobError):
                job.perform()
            other.rollback()
        # Once the other scan has ended, a retry reads everything again and scans.
        job = Job.load(self.env, job_record.uuid)
        self.assertEqual(set(job.perform()), set(SCAN_COUNTS))
