# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The redundancy refresh and the work center load refresh as queue_job jobs: one job per
company from the Refresh buttons and the scheduled actions, one waiting per company, the rows
kept when a job fails, the user told (real queue_job: its jobs trap and its Job class, as the
job runner's controller drives it)."""

from datetime import datetime
from unittest.mock import patch

import psycopg2.errors

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError

from odoo.addons.production_coordination.models.coordination_refresh_job import (
    REFRESH_CHANNEL,
    REFRESH_MAX_RETRIES,
    refresh_identity_key,
)
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ScheduleCase
from .test_materials_jobs import QueueJobSteps

MONDAY = datetime(2030, 1, 7, 8, 0)
STATE_FIELDS = {
    "coordination.redundancy": "coordination_redundancy_refresh_state",
    "coordination.workcenter.load": "coordination_load_refresh_state",
}


class TestRefreshJobs(QueueJobSteps, ScheduleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Refresh Plant B"})
        cls.coordinator.company_ids = [Command.link(cls.company_b.id)]
        cls.Models = [cls.env["coordination.redundancy"], cls.env["coordination.workcenter.load"]]
        # Two identical orders the same day: a merge; work on the test work centers: load.
        cls._make_mo(date_start=MONDAY)
        cls._make_mo(date_start=MONDAY)

    def _press(self, Model, user, companies):
        """The Refresh button of the model's list, as the web client calls it."""
        return call_kw(
            Model.with_user(user).with_context(allowed_company_ids=companies.ids),
            "action_refresh",
            [[]],
            {},
        )

    def _state(self, Model, company=None):
        company = (company or self.company).with_user(self.coordinator)
        company.invalidate_recordset([STATE_FIELDS[Model._name]])
        return company[STATE_FIELDS[Model._name]]

    def _enqueue(self, Model, user=None):
        return (
            Model.with_user(user or self.coordinator)
            .sudo()
            ._coordination_enqueue_refresh(self.company)
        )

    def test_refresh_buttons_enqueue_one_job_per_company(self):
        companies = self.company + self.company_b
        for Model in self.Models:
            with self.subTest(model=Model._name), trap_jobs() as trap:
                action = self._press(Model, self.coordinator, companies)
                self.assertEqual(action["tag"], "display_notification")
                trap.assert_jobs_count(2, only=Model._coordination_refresh_company_job)
                for company in companies:
                    trap.assert_enqueued_job(
                        Model._coordination_refresh_company_job,
                        args=(company,),
                        properties={
                            "channel": REFRESH_CHANNEL,
                            "identity_key": refresh_identity_key(Model._name, company.id),
                            "max_retries": REFRESH_MAX_RETRIES,
                        },
                    )
                # Jobs on no record: the rows the user selected do not travel with the job.
                for job in trap.enqueued_jobs:
                    self.assertFalse(job.recordset)
                Model.sudo().search([("company_id", "=", self.company.id)]).unlink()
                trap.perform_enqueued_jobs()
            self.assertTrue(Model.sudo().search_count([("company_id", "=", self.company.id)]))
        notes = self._notifications(self.coordinator)
        self.assertEqual([note["type"] for note in notes], ["success"] * 4)

    def test_one_refresh_waits_per_company_and_tells_its_state(self):
        for Model in self.Models:
            with self.subTest(model=Model._name):
                before = self.env["queue.job"].search([], order="id desc", limit=1).id or 0
                self._press(Model, self.coordinator, self.company)
                action = self._press(Model, self.coordinator, self.company)
                self.assertIn(self.company.name, action["params"]["message"])
                [job] = (
                    self.env["queue.job"]
                    .sudo()
                    .search(
                        [
                            (
                                "identity_key",
                                "=",
                                refresh_identity_key(Model._name, self.company.id),
                            ),
                            ("id", ">", before),
                        ]
                    )
                )
                self.assertEqual(job.state, "pending")
                self.assertEqual(job.channel, REFRESH_CHANNEL)
                self.assertEqual(job.user_id, self.coordinator)
                self.assertTrue(job.records.env.su)
                self.assertEqual(self._state(Model), "pending")
                done = self._run(job)
                self.assertGreater(done.result["count"], 0)
                self.assertEqual(self._state(Model), "done")
                self.assertEqual(self._state(Model, self.company_b), False)

    def test_a_failed_refresh_keeps_the_rows_and_tells_its_user(self):
        Load = self.env["coordination.workcenter.load"]
        Load.sudo()._refresh(self.company)
        rows = Load.sudo().search([("company_id", "=", self.company.id)])
        self.assertTrue(rows)
        job = self._enqueue(Load)
        create = type(Load).create

        def create_then_fail(model, vals_list):
            create(model, vals_list)  # after the old rows were deleted
            raise ValueError("broken calendar")

        failure = None
        # Not assertRaises: it would roll back what queue_job stores on failure.
        with patch.object(type(Load), "create", autospec=True, side_effect=create_then_fail):
            try:
                self._run(job)
            except ValueError as error:
                failure = error
        self.assertEqual(str(failure), "broken calendar")
        self.assertEqual(Load.sudo().search([("company_id", "=", self.company.id)]), rows)
        self.assertEqual(job.state, "failed")
        self.assertEqual(self._state(Load), "failed")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "danger")
        self.assertIn("broken calendar", note["message"])

    def test_a_concurrency_error_is_retried_later(self):
        Redundancy = self.env["coordination.redundancy"]
        job = self._enqueue(Redundancy)
        failure = None
        # Not assertRaises: it would roll back what queue_job stores when it postpones.
        with patch.object(
            type(Redundancy),
            "_refresh",
            autospec=True,
            side_effect=psycopg2.errors.SerializationFailure("concurrent update"),
        ):
            try:
                self._run(job)
            except RetryableJobError as error:
                failure = error
        self.assertIn("concurrent update", str(failure))
        self.assertEqual(job.state, "pending")
        self.assertEqual(job.retry, 1)
        self.assertGreater(job.eta, job.date_created)
        self.assertFalse(self._notifications(self.coordinator))

    def test_bad_input_is_refused_and_enqueues_nothing(self):
        for Model in self.Models:
            with self.subTest(model=Model._name), trap_jobs() as trap:
                for user in (self.sup_cut, self.alice, self.plain):
                    with self.assertRaises(AccessError):
                        self._press(Model, user, self.company)
                # A company the user does not belong to.
                intruder = self.company_b.browse(self.company_b.id + 1000)
                with self.assertRaises(AccessError):
                    self._press(Model, self.sup_cut, self.company + intruder)
                with self.assertRaises(AccessError):
                    self._press(Model, self.coordinator, self.company + intruder)
                trap.assert_jobs_count(0)

    def test_scheduled_actions_enqueue_every_company(self):
        crons = {
            "coordination.redundancy": "production_coordination.ir_cron_refresh_redundancies",
            "coordination.workcenter.load": (
                "production_coordination.ir_cron_refresh_workcenter_load"
            ),
        }
        companies = self.env["res.company"].search([])
        for Model in self.Models:
            with self.subTest(model=Model._name), trap_jobs() as trap:
                self.env.ref(crons[Model._name]).method_direct_trigger()
                trap.assert_jobs_count(len(companies), only=Model._coordination_refresh_company_job)
                trap.assert_enqueued_job(
                    Model._coordination_refresh_company_job, args=(self.company_b,)
                )
                trap.perform_enqueued_jobs()
        # The scheduled action runs as the superuser: nobody to notify.
        self.assertFalse(self._notifications(self.coordinator))
