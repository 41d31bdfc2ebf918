# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Large status reports as queue_job jobs: above the threshold the report buttons answer at
once and a job prepares the file as the user; the file is theirs (and their company's
coordinators'); a failed job says so; old files go away. Real queue_job: its jobs trap and its
Job class, driven as the job runner's controller does."""

import io
from datetime import timedelta
from unittest.mock import patch

import openpyxl
import psycopg2
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.production_coordination.models import (
    coordination_status_report as status_report_module,
)
from odoo.addons.production_coordination.models.coordination_status_report_export import (
    REPORT_CHANNEL,
    REPORT_JOB_THRESHOLD,
    REPORT_JOB_THRESHOLD_PARAM,
    REPORT_MAX_RETRIES,
    REPORT_READY_NOTIFICATION,
)
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import GROUP_MANAGER, MONDAY_14, DashboardCase, bus_payloads, run_stored_job


class StatusReportJobCase(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Export = cls.env["coordination.status.report.export"]
        # Six open orders in the test departments: above 3, a report is prepared by a job.
        cls.env["ir.config_parameter"].set_param(REPORT_JOB_THRESHOLD_PARAM, "3")
        cls.other_company = cls.env["res.company"].create({"name": "Report Elsewhere"})
        cls.other_coordinator = cls._user(
            "pcr_other_coordinator", GROUP_MANAGER, "Otto Other", company=cls.other_company
        )

    def _ask(self, user, report_format="xlsx", filters=None):
        Dashboard = self.env["coordination.dashboard"].with_user(user)
        method = f"action_status_report_{report_format}"
        return getattr(Dashboard, method)(self.filters if filters is None else filters)

    def _exports(self, user):
        return self.Export.sudo().search([("user_id", "=", user.id)])

    def _run(self, export):
        """Run the export's stored job as queue_job's runjob controller does (same steps,
        same order), in the test's transaction."""
        job_record = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("model_name", "=", export._name),
                    ("method_name", "=", "_prepare_file_job"),
                    ("identity_key", "=", f"coordination_status_report_export_{export.id}"),
                ]
            )
        )
        return run_stored_job(self.env, job_record)

    def _notifications(self, user, kind):
        """The bus notifications of type `kind` sent to the user's web client, oldest first."""
        return bus_payloads(self.env, user, kind)


class TestStatusReportJobs(StatusReportJobCase):
    @freeze_time(MONDAY_14)
    def test_small_report_is_still_a_download(self):
        self.env["ir.config_parameter"].set_param(REPORT_JOB_THRESHOLD_PARAM, "6")
        with trap_jobs() as trap:
            action = self._ask(self.coordinator)
            self.assertEqual(action["type"], "ir.actions.report")  # the XLSX report
            report = self._ask(self.coordinator, "pdf")
            self.assertEqual(report["report_name"], "production_coordination.report_status")
            trap.assert_jobs_count(0)
        self.assertFalse(self._exports(self.coordinator))

    @freeze_time(MONDAY_14)
    def test_large_xlsx_is_prepared_by_a_job_and_the_user_notified(self):
        with trap_jobs() as trap:
            action = self._ask(self.coordinator)
            self.assertEqual(action["tag"], "display_notification")
            export = self._exports(self.coordinator)
            self.assertEqual(len(export), 1)
            self.assertIn(export.name, action["params"]["message"])
            trap.assert_jobs_count(1, only=export._prepare_file_job)
            trap.assert_enqueued_job(
                export._prepare_file_job,
                properties={
                    "channel": REPORT_CHANNEL,
                    "max_retries": REPORT_MAX_RETRIES,
                    "identity_key": f"coordination_status_report_export_{export.id}",
                },
            )
            # The user sees it waiting; nothing is built before the job runs.
            mine = self.Export.with_user(self.coordinator).search(
                [("user_id", "=", self.coordinator.id)]
            )
            self.assertEqual((mine, mine.state, mine.order_count), (export, "pending", 6))
            self.assertFalse(export.attachment_id)
            trap.perform_enqueued_jobs()
        self.assertEqual(export.state, "done")
        attachment = export.attachment_id.with_user(self.coordinator)
        self.assertEqual((attachment.res_model, attachment.res_id), (export._name, export.id))
        orders = openpyxl.load_workbook(io.BytesIO(attachment.raw))["Orders"]
        self.assertEqual(
            {row[1].value for row in orders.iter_rows(min_row=2)},
            set(
                (
                    self.overdue
                    | self.late
                    | self.at_risk
                    | self.blocked
                    | self.expedited
                    | self.plain_mo
                ).mapped("name")
            ),
        )
        [note] = self._notifications(self.coordinator, REPORT_READY_NOTIFICATION)
        self.assertEqual(note["url"], f"/web/content/{attachment.id}?download=true")
        self.assertIn(export.name, note["message"])

    def test_asking_twice_prepares_one_report(self):
        with trap_jobs() as trap:
            first = self._ask(self.coordinator)
            second = self._ask(self.coordinator)
            trap.assert_jobs_count(1, only=self._exports(self.coordinator)._prepare_file_job)
        self.assertEqual(first["params"]["message"], second["params"]["message"])
        self.assertEqual(len(self._exports(self.coordinator)), 1)
        # Other filters, or the other format: another report.
        with trap_jobs() as trap:
            self._ask(self.coordinator, "pdf")
            trap.assert_jobs_count(1)
        self.assertEqual(len(self._exports(self.coordinator)), 2)

    @freeze_time(MONDAY_14)
    def test_supervisor_pdf_holds_what_the_supervisor_sees(self):
        """The job renders as the supervisor who asked (in tests, Odoo returns the report's
        HTML instead of running wkhtmltopdf)."""
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.sup_cut)
            .create({"department_ids": [Command.set(self.cutting.ids)]})
        )
        with trap_jobs() as trap:
            action = wizard.action_print_pdf()
            self.assertEqual(action["tag"], "display_notification")
            trap.perform_enqueued_jobs()
        export = self._exports(self.sup_cut)
        self.assertEqual((export.state, export.report_format), ("done", "pdf"))
        self.assertEqual(export.filters["department_ids"], self.cutting.ids)
        html = export.attachment_id.with_user(self.sup_cut).raw.decode()
        self.assertIn(self.blocked.name, html)
        self.assertIn("Saw blade broken", html)
        # The wizard's XLSX button too.
        with trap_jobs() as trap:
            self.assertEqual(wizard.action_download_xlsx()["tag"], "display_notification")
            trap.assert_jobs_count(1)

    def test_a_failed_job_leaves_no_file_and_tells_its_user(self):
        self._ask(self.alice, filters={})
        export = self._exports(self.alice)
        Report = type(self.env["coordination.status.report"])
        failure = None
        # Not assertRaises: it would roll back what queue_job stores on failure.
        with patch.object(Report, "_build_xlsx", autospec=True, side_effect=ValueError("disk")):
            try:
                self._run(export)
            except ValueError as error:
                failure = error
        self.assertEqual(str(failure), "disk")
        self.assertEqual((export.state, export.error), ("failed", "disk"))
        self.assertFalse(export.attachment_id)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", export._name), ("res_id", "=", export.id)]
            )
        )
        [note] = self._notifications(self.alice, "simple_notification")
        self.assertEqual(note["type"], "danger")
        self.assertIn("disk", note["message"])
        self.assertFalse(self._notifications(self.alice, REPORT_READY_NOTIFICATION))

    def test_a_database_conflict_is_retried(self):
        self._ask(self.coordinator)
        export = self._exports(self.coordinator)
        Report = type(self.env["coordination.status.report"])
        error = psycopg2.errors.SerializationFailure("could not serialize")
        with (
            patch.object(Report, "_build_xlsx", autospec=True, side_effect=error),
            self.assertRaises(RetryableJobError),
        ):
            self._run(export)
        self.assertEqual(export.state, "pending")
        # The retry builds it.
        self._run(export)
        self.assertEqual(export.state, "done")

    def test_files_are_private_to_the_user_and_their_coordinators(self):
        """Alice's report: Bob (her department) cannot read it, nor the coordinator of
        another company; her company's coordinator can."""
        with trap_jobs() as trap:
            self._ask(self.alice, filters={})
            trap.perform_enqueued_jobs()
        export = self._exports(self.alice)
        attachment = export.attachment_id
        self.assertTrue(attachment.with_user(self.alice).raw)
        self.assertTrue(attachment.with_user(self.coordinator).raw)
        self.assertIn(export, self.Export.with_user(self.coordinator).search([]))
        for user in (self.bob, self.sup_cut, self.other_coordinator):
            with self.subTest(user=user.login):
                self.assertNotIn(export, self.Export.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["raw"])
                with self.assertRaises(AccessError):
                    export.with_user(user).read(["name"])
        # Nobody writes or deletes them but the system.
        with self.assertRaises(AccessError):
            export.with_user(self.coordinator).unlink()
        with self.assertRaises(AccessError):
            export.with_user(self.alice).write({"state": "pending"})

    def test_second_company_report(self):
        """A report of the second company belongs to it: its own coordinator asks for it and
        reads it, the first company's coordinator does not."""
        product = self.env["product.product"].create({"name": "Elsewhere chair"})
        production = (
            self.env["mrp.production"]
            .with_company(self.other_company)
            .create({"product_id": product.id, "product_qty": 2})
        )
        production.action_confirm()
        self.env["ir.config_parameter"].set_param(REPORT_JOB_THRESHOLD_PARAM, "0")
        Dashboard = (
            self.env["coordination.dashboard"]
            .with_user(self.other_coordinator)
            .with_context(allowed_company_ids=self.other_company.ids)
        )
        with trap_jobs() as trap:
            action = Dashboard.action_status_report_xlsx({"company_ids": self.other_company.ids})
            self.assertEqual(action["tag"], "display_notification")
            trap.perform_enqueued_jobs()
        export = self._exports(self.other_coordinator)
        self.assertEqual((export.company_id, export.state), (self.other_company, "done"))
        content = export.attachment_id.with_user(self.other_coordinator).raw
        orders = openpyxl.load_workbook(io.BytesIO(content))["Orders"]
        self.assertEqual([row[1].value for row in orders.iter_rows(min_row=2)], [production.name])
        with self.assertRaises(AccessError):
            export.attachment_id.with_user(self.coordinator).read(["raw"])

    def test_bad_input_is_refused_before_any_job(self):
        before = self.Export.sudo().search([])
        with trap_jobs() as trap:
            for filters, error in (
                ({"department_ids": [2**40]}, UserError),
                ({"department_ids": "1,2"}, UserError),
                ({"company_ids": [self.other_company.id]}, AccessError),
                ({"colour": "red"}, UserError),
            ):
                with self.subTest(filters=filters), self.assertRaises(error):
                    self._ask(self.coordinator, filters=filters)
            # Another supervisor's department: refused.
            with self.assertRaises(AccessError):
                self._ask(self.sup_cut, filters={"department_ids": self.assembly.ids})
            # Outside the app.
            with self.assertRaises(AccessError):
                self._ask(self.plain, filters={})
            with self.assertRaises(UserError):
                self.Export.with_user(self.coordinator)._enqueue(self.filters, "docx", 7)
            trap.assert_jobs_count(0)
        self.assertEqual(self.Export.sudo().search([]), before)
        # The job of an export removed since (unknown id) does nothing.
        self.assertIs(self.Export.browse(2**30)._prepare_file_job(), False)

    def test_threshold_parameter(self):
        Param = self.env["ir.config_parameter"]
        for value, expected in (
            ("10", 10),
            ("0", 0),
            ("", REPORT_JOB_THRESHOLD),
            ("many", REPORT_JOB_THRESHOLD),
            ("-1", REPORT_JOB_THRESHOLD),
            ("2.5", REPORT_JOB_THRESHOLD),
        ):
            with self.subTest(value=value):
                Param.set_param(REPORT_JOB_THRESHOLD_PARAM, value)
                self.assertEqual(self.Export.with_user(self.alice)._job_threshold(), expected)

    def test_department_archived_before_the_job_runs(self):
        """The scope is checked again when the job runs: a department archived meanwhile
        fails the job (the user is told), nothing is attached."""
        self._ask(self.sup_cut, filters={"department_ids": self.cutting.ids})
        export = self._exports(self.sup_cut)
        self.cutting.active = False
        failure = None
        try:
            self._run(export)
        except (UserError, ValidationError) as error:
            failure = error
        self.assertIsInstance(failure, UserError)
        self.assertEqual(export.state, "failed")
        self.assertFalse(export.attachment_id)
        [note] = self._notifications(self.sup_cut, "simple_notification")
        self.assertEqual(note["type"], "danger")

    def test_user_who_lost_the_app_gets_no_file(self):
        self._ask(self.alice, filters={})
        export = self._exports(self.alice)
        self.alice.groups_id = [Command.set(self.env.ref("base.group_user").ids)]
        with self.assertRaises(AccessError):
            export.with_user(self.alice)._prepare_file_job()
        self.assertFalse(export.attachment_id)

    def test_old_files_are_removed(self):
        with trap_jobs() as trap:
            self._ask(self.alice, filters={})
            self._ask(self.coordinator)
            trap.perform_enqueued_jobs()
        alices, coordinators = self._exports(self.alice), self._exports(self.coordinator)
        files = (alices | coordinators).attachment_id
        self.assertEqual(len(files), 2)
        later = fields.Datetime.now() + timedelta(days=8)
        with freeze_time(later):
            # Alice's next large report removes her old ones, not the coordinator's.
            with trap_jobs():
                self._ask(self.alice, "pdf", filters={})
            self.assertFalse(alices.exists())
            self.assertTrue(coordinators.exists())
            # The daily autovacuum removes the others.
            self.Export._gc_expired_exports()
            self.assertFalse(coordinators.exists())
        self.assertFalse(files.exists())
        self.assertEqual(len(self._exports(self.alice)), 1)  # the new one


class TestStatusReportBatches(StatusReportJobCase):
    @freeze_time(MONDAY_14)
    def test_xlsx_reads_the_orders_in_batches(self):
        """Two orders at a time: the same rows in the same (rank) order as all at once, and
        the record cache emptied after each batch."""
        Report = self.env["coordination.status.report"].with_user(self.coordinator)
        domain = self.env["coordination.dashboard"]._production_domain(
            self.env["coordination.dashboard"].with_user(self.coordinator)._get_scope(self.filters)
        )
        expected = [row["name"] for row in Report._orders(domain)]
        self.assertEqual(len(expected), 6)
        Production = self.env["mrp.production"]
        name = Production._fields["name"]
        batches, first = [], None
        for rows in Report._order_batches(domain, size=2):
            if first:
                self.assertFalse(self.env.cache.contains(first, name))
            first = Production.browse(rows[0]["id"])
            self.assertTrue(self.env.cache.contains(first, name))
            batches.append([row["name"] for row in rows])
        self.assertEqual(batches, [expected[0:2], expected[2:4], expected[4:6]])
        with patch.object(status_report_module, "ORDER_BATCH", 2):
            content = Report._build_xlsx(self.filters)
        orders = openpyxl.load_workbook(io.BytesIO(content))["Orders"]
        self.assertEqual([row[1].value for row in orders.iter_rows(min_row=2)], expected)
        # (the 15th column since issue 16: the special customer requests)
        self.assertEqual(orders.auto_filter.ref, "A1:O7")


@tagged("post_install", "-at_install")
class TestStatusReportDownload(StatusReportJobCase, HttpCase):
    """The notification's link over HTTP: the file for its user and the company's
    coordinators, refused to anybody else."""

    def test_download_link(self):
        with trap_jobs() as trap:
            self._ask(self.alice, filters={})
            trap.perform_enqueued_jobs()
        export = self._exports(self.alice)
        url = export.download_url
        for login, allowed in (
            ("pcr_alice", True),
            ("pcr_coordinator", True),
            ("pcr_bob", False),
            ("pcr_other_coordinator", False),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(url)
                if allowed:
                    self.assertEqual(response.status_code, 200)
                    self.assertIn(export.name, response.headers["Content-Disposition"])
                    book = openpyxl.load_workbook(io.BytesIO(response.content))
                    self.assertIn("Orders", book.sheetnames)
                else:
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn("Traceback", response.text)
        self.authenticate(None, None)
        self.assertNotIn(export.name, self.url_open(url).headers.get("Content-Disposition", ""))
