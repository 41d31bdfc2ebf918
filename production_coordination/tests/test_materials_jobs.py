# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shortage scan as queue_job jobs: what Scan Now and the scheduled action enqueue (per
company, one low-stock job per warehouse, then one delivery-risk job once they are done), and
what the jobs do when they run, wait for a busy company, or fail (real queue_job: its jobs trap
and its Job class, as the job runner's controller drives it)."""

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

from .common import bus_payloads, run_stored_job
from .common_materials import MaterialsCase

WAREHOUSE_JOB = "_scan_warehouse_job"
RISKS_JOB = "_scan_company_risks_job"


class QueueJobSteps:
    """Run stored jobs as the job runner does, and read what their users were told."""

    def setUp(self):
        super().setUp()
        # What the class's setup left to do before commit (its bus messages among them) is
        # done now: each test then reads only the notifications it caused.
        self.env.cr.precommit.run()

    def _run(self, job_record):
        return run_stored_job(self.env, job_record)

    def _notifications(self, user):
        """The simple notifications sent to the user's web client (bus), oldest first."""
        return bus_payloads(self.env, user)


class ScanJobsCase(QueueJobSteps, MaterialsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Scan = cls.env["coordination.material.scan"]
        cls.annex = cls.env["stock.warehouse"].create(
            {"name": "Materials Annex", "code": "MPA", "company_id": cls.company.id}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Second Materials Plant"})
        cls.other_warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.other_company.id)]
        )
        cls.coordinator.company_ids = [Command.link(cls.other_company.id)]

    def _scan_now(self, user, companies):
        Task = self.env["project.task"].with_user(user)
        return Task.with_context(
            allowed_company_ids=companies.ids
        ).action_coordination_scan_shortages()

    def _enqueue(self, user, companies=None):
        """The stored jobs of a scan started by `user`, as Scan Now stores them."""
        return self.Scan.with_user(user).sudo()._enqueue_scans(companies or self.company)

    def _state(self, company=None):
        company = (company or self.company).with_user(self.coordinator)
        company.invalidate_recordset(["coordination_scan_state"])
        return company.coordination_scan_state

    def _make_annex_po(self, qty, days):
        """A purchase received in the annex."""
        order = self._make_po(qty, days, confirm=False)
        order.picking_type_id = self.annex.in_type_id
        order.button_confirm()
        return order

    def _tasks_by_warehouse(self):
        return {task.coordination_warehouse_id: task for task in self._tasks()}


class TestScanJobs(ScanJobsCase):
    def test_two_warehouses_give_two_low_stock_jobs_then_one_risk_job(self):
        orders = self._make_po(1, 10) | self._make_annex_po(1, 10)  # both come too late
        self.env.cr.precommit.run()  # the buyer's purchases are saved (and rescanned)
        self._make_mo(2, 3, picking_type_id=self.warehouse.manu_type_id.id)  # 4 tubes short
        self._make_mo(2, 3, picking_type_id=self.annex.manu_type_id.id)  # and in the annex
        with trap_jobs() as trap:
            action = self._scan_now(self.coordinator, self.company)
            self.assertEqual(action["params"]["type"], "success")
            trap.assert_jobs_count(3)
            trap.assert_jobs_count(2, only=self.Scan._scan_warehouse_job)
            for warehouse in self.warehouse + self.annex:
                trap.assert_enqueued_job(
                    self.Scan._scan_warehouse_job,
                    args=(self.company, warehouse),
                    properties={"channel": SCAN_CHANNEL, "max_retries": SCAN_MAX_RETRIES},
                )
            trap.assert_enqueued_job(
                self.Scan._scan_company_risks_job,
                args=(self.company,),
                properties={
                    "channel": SCAN_CHANNEL,
                    "identity_key": scan_identity_key(self.company.id),
                    "max_retries": SCAN_MAX_RETRIES,
                },
            )
            [last] = [job for job in trap.enqueued_jobs if job.method_name == RISKS_JOB]
            firsts = {job for job in trap.enqueued_jobs if job.method_name == WAREHOUSE_JOB}
            self.assertEqual(last.depends_on, firsts)
            self.assertEqual(last.state, "wait_dependencies")
            # Nothing is scanned before the jobs run.
            self.assertFalse(self._tasks())
            trap.perform_enqueued_jobs()
        self.assertEqual(set(self._tasks_by_warehouse()), {self.warehouse, self.annex})
        # The risk job read the projections of both warehouses.
        self.assertEqual(orders.order_line.mapped("coordination_delivery_risk"), ["at_risk"] * 2)
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "success")

    def test_stored_jobs_run_in_order_and_tell_the_whole_scan(self):
        orders = self._make_po(1, 10) | self._make_annex_po(1, 10)
        self.env.cr.precommit.run()  # the buyer's purchases are saved (and rescanned)
        self._make_mo(2, 3, picking_type_id=self.warehouse.manu_type_id.id)
        self._make_mo(2, 3, picking_type_id=self.annex.manu_type_id.id)
        jobs = self._enqueue(self.coordinator)
        firsts = jobs.filtered(lambda job: job.method_name == WAREHOUSE_JOB)
        last = jobs - firsts
        self.assertEqual(len(firsts), 2)
        self.assertEqual(last.method_name, RISKS_JOB)
        self.assertEqual(set(jobs.mapped("graph_uuid")), {last.graph_uuid})
        self.assertEqual(last.state, "wait_dependencies")
        self.assertEqual(self._state(), "pending")

        first_job = self._run(firsts[0])
        self.assertEqual(first_job.result["created"], 1)
        self.assertEqual(len(self._tasks()), 1)
        self.assertEqual(last.state, "wait_dependencies")
        self.assertEqual(self._state(), "pending")
        # Only the risk job tells the user, once for the company.
        self.assertFalse(self._notifications(self.coordinator))
        self._run(firsts[1])
        self.assertEqual(last.state, "pending")
        done = self._run(last)
        self.assertEqual(done.result["created"], 2)
        self.assertEqual(done.result["risks"], 2)
        self.assertEqual(orders.order_line.mapped("coordination_delivery_risk"), ["at_risk"] * 2)
        self.assertEqual(self._state(), "done")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "success")
        self.assertIn(self.company.name, note["message"])

    def test_a_failed_warehouse_job_writes_nothing_and_the_risk_job_never_runs(self):
        """A warehouse job that raises after writing its tasks leaves none (its transaction is
        rolled back); the company's risk job is cancelled (it would clear the risks of that
        warehouse), the scan is Failed and its user is told once."""
        annex_order = self._make_annex_po(1, 10)
        self.env.cr.precommit.run()  # the buyer's purchase is saved (and rescanned)
        self._make_mo(2, 3, picking_type_id=self.warehouse.manu_type_id.id)
        self._make_mo(2, 3, picking_type_id=self.annex.manu_type_id.id)
        jobs = self._enqueue(self.coordinator)
        by_warehouse = {job.args[1]: job for job in jobs if job.method_name == WAREHOUSE_JOB}
        last = jobs.filtered(lambda job: job.method_name == RISKS_JOB)
        Sync = type(self.env["coordination.low.stock.sync"])
        sync = Sync._sync

        def sync_then_fail(service, snapshot):
            result = sync(service, snapshot)
            if {warehouse_id for _product, warehouse_id in snapshot.projections} == {self.annex.id}:
                raise ValueError("broken annex")
            return result

        self._run(by_warehouse[self.warehouse])
        # Not assertRaises: it would roll back what queue_job stores on failure.
        failure = None
        with patch.object(Sync, "_sync", autospec=True, side_effect=sync_then_fail):
            try:
                self._run(by_warehouse[self.annex])
            except ValueError as error:
                failure = error
        self.assertEqual(str(failure), "broken annex")
        self.assertEqual(set(self._tasks_by_warehouse()), {self.warehouse})
        self.assertEqual(by_warehouse[self.annex].state, "failed")
        self.assertEqual(last.state, "cancelled")
        self.assertFalse(annex_order.order_line.coordination_delivery_risk)
        self.assertEqual(self._state(), "failed")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "danger")
        self.assertIn("broken annex", note["message"])
        # The runner never dispatches a cancelled job; a new Scan Now enqueues a new scan.
        again = self._enqueue(self.coordinator)
        self.assertFalse(again & jobs)
        self.assertEqual(len(again), 3)

    def test_a_failed_risk_job_tells_its_user(self):
        jobs = self._enqueue(self.coordinator)
        for job in jobs.filtered(lambda job: job.method_name == WAREHOUSE_JOB):
            self._run(job)
        last = jobs.filtered(lambda job: job.method_name == RISKS_JOB)
        failure = None
        with patch.object(
            type(self.env["coordination.delivery.risk"]),
            "_sync",
            autospec=True,
            side_effect=ValueError("broken vendor"),
        ):
            try:
                self._run(last)
            except ValueError as error:
                failure = error
        self.assertEqual(str(failure), "broken vendor")
        self.assertEqual(self._state(), "failed")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "danger")

    def test_scan_now_enqueues_one_scan_per_company(self):
        self._make_mo(2, 3)  # a shortage of tubes in the first company
        with trap_jobs() as trap:
            self._scan_now(self.coordinator, self.company + self.other_company)
            trap.assert_jobs_count(3, only=self.Scan._scan_warehouse_job)
            trap.assert_jobs_count(2, only=self.Scan._scan_company_risks_job)
            trap.assert_enqueued_job(
                self.Scan._scan_warehouse_job, args=(self.other_company, self.other_warehouse)
            )
            graphs = {
                job.args[0]: job.graph_uuid
                for job in trap.enqueued_jobs
                if job.method_name == RISKS_JOB
            }
            self.assertEqual(len(set(graphs.values())), 2)
            for job in trap.enqueued_jobs:
                self.assertEqual(job.graph_uuid, graphs[job.args[0]])
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
            trap.assert_jobs_count(2, only=self.Scan._scan_warehouse_job)
            trap.assert_jobs_count(1, only=self.Scan._scan_company_risks_job)
            with self.assertRaises(AccessError):
                self._scan_now(self.project_user, self.company)
            trap.assert_jobs_count(3)

    def test_bad_input_enqueues_nothing(self):
        """A company the user does not belong to is refused, and nothing is enqueued."""
        Task = self.env["project.task"].with_user(self.buyer)
        with trap_jobs() as trap:
            with self.assertRaises(AccessError):
                call_kw(
                    Task.with_context(allowed_company_ids=[self.other_company.id]),
                    "action_coordination_scan_shortages",
                    [[]],
                    {},
                )
            with self.assertRaises(AccessError):
                call_kw(
                    Task.with_context(allowed_company_ids=[self.company.id, 0]),
                    "action_coordination_scan_shortages",
                    [[]],
                    {},
                )
            trap.assert_jobs_count(0)

    def test_one_scan_waits_per_company(self):
        """Pressing Scan Now again while the company's scan waits adds no job."""
        Jobs = self.env["queue.job"].sudo()
        before = Jobs.search([], order="id desc", limit=1).id or 0
        first = self._scan_now(self.coordinator, self.company)
        self.assertEqual(first["params"]["type"], "success")
        [last] = Jobs.search([("identity_key", "=", scan_identity_key(self.company.id))])
        jobs = Jobs.search([("graph_uuid", "=", last.graph_uuid)])
        self.assertEqual(len(jobs), 3)
        self.assertEqual(set(jobs.mapped("channel")), {SCAN_CHANNEL})
        # Again, while a warehouse job has run and the risk job still waits: nothing new.
        self._run(jobs.filtered(lambda job: job.method_name == WAREHOUSE_JOB)[0])
        self._scan_now(self.coordinator, self.company)
        self.assertEqual(Jobs.search([("id", ">", before)]), jobs)
        self.assertEqual(self._enqueue(self.coordinator), jobs)
        # They run as the user who pressed Scan Now, in superuser mode.
        self.assertEqual(jobs.user_id, self.coordinator)
        for job in jobs:
            self.assertEqual(job.records.env.uid, self.coordinator.id)
            self.assertTrue(job.records.env.su)
        self.assertEqual(self._state(), "pending")

    def test_started_and_cancelled_orders_in_the_warehouse_job(self):
        """The rest of a started order is still demand; a cancelled order's is not."""
        started = self._make_mo(2, 1, picking_type_id=self.warehouse.manu_type_id.id)
        started.qty_producing = 1
        started._set_qty_producing()
        self.assertEqual(started.state, "progress")
        cancelled = self._make_mo(2, 3, picking_type_id=self.annex.manu_type_id.id)
        jobs = self._enqueue(self.coordinator)
        for job in jobs.filtered(lambda job: job.method_name == WAREHOUSE_JOB):
            self._run(job)
        tasks = self._tasks_by_warehouse()
        self.assertEqual(tasks[self.warehouse].coordination_shortage_qty, 4)
        self.assertEqual(tasks[self.warehouse].coordination_line_ids.production_id, started)
        self.assertEqual(tasks[self.annex].coordination_line_ids.production_id, cancelled)
        self._run(jobs.filtered(lambda job: job.method_name == RISKS_JOB))

        cancelled.action_cancel()
        jobs = self._enqueue(self.coordinator)
        for job in jobs.sorted(lambda job: job.method_name == RISKS_JOB):
            self._run(job)
        tasks = self._tasks_by_warehouse()
        self.assertFalse(tasks[self.warehouse].is_closed)
        self.assertTrue(tasks[self.annex].is_closed)
        self.assertEqual(self._state(), "done")

    def test_a_job_whose_server_died_is_requeued(self):
        """A job left "started" by a server that died keeps the scan channel's only slot: the
        collector (queue_job's scheduled action, as this addon sets it) requeues it once it is
        older than any job can run, and leaves a job that may still be running alone."""
        jobs = self._enqueue(self.coordinator)
        job = jobs.filtered(lambda job: job.method_name == WAREHOUSE_JOB)[:1]
        self.assertTrue(job)
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

    def test_cron_enqueues_every_company(self):
        with trap_jobs() as trap:
            self.Scan._cron_enqueue_shortage_scans()
            companies = self.env["res.company"].search([])
            trap.assert_jobs_count(len(companies), only=self.Scan._scan_company_risks_job)
            for company in self.company + self.other_company:
                trap.assert_enqueued_job(
                    self.Scan._scan_company_risks_job,
                    args=(company,),
                    properties={"channel": SCAN_CHANNEL},
                )

    def test_a_job_of_the_first_release_still_runs(self):
        """A whole-company job stored before the update (``_scan_company_job``) still scans."""
        self._make_mo(2, 3)
        job = (
            self.Scan.with_user(self.coordinator)
            .sudo()
            .with_delay(channel=SCAN_CHANNEL, identity_key=scan_identity_key(self.company.id))
            ._scan_company_job(self.company)
        )
        done = self._run(job.db_record())
        self.assertEqual(done.result["created"], 1)
        self.assertEqual(self._state(), "done")


@tagged("post_install", "-at_install")
class TestScanJobBusyCompany(MaterialsCase):
    """A warehouse job whose company another transaction is scanning (its procurement project
    row locked by a committed-data cursor) waits and tries again later with backoff; it writes
    nothing meanwhile, and fails after SCAN_MAX_RETRIES tries."""

    def test_busy_company_postpones_the_job(self):
        company = self.env.ref("base.main_company")
        project = company._coordination_get_procurement_project()
        Scan = self.env["coordination.material.scan"].with_user(self.coordinator).sudo()
        job_record = Scan._enqueue_scans(company).filtered(
            lambda job: job.method_name == WAREHOUSE_JOB
        )[:1]
        self.assertTrue(job_record)
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
