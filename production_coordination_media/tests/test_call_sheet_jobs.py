# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sending a call sheet revision to many crew as a queue_job job: one job per revision (a
double click sends once), the day shows it is being sent, the coordinator is told how it went,
a retry never sends anybody the same revision twice. Real queue_job: its jobs trap and its Job
class, driven as the job runner's controller does."""

import json
from datetime import timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user, users

from odoo.addons.production_coordination.tests.common import run_stored_job
from odoo.addons.production_coordination_media.models.media_revision_send_job import (
    SEND_CHANNEL,
    SEND_JOB_THRESHOLD,
    SEND_JOB_THRESHOLD_PARAM,
    SEND_MAX_RETRIES,
    send_identity_key,
)
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MEDIA_COORDINATOR, MONDAY, MediaCase


class TestCallSheetJobs(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Revision = cls.env["media.revision"]
        # Four crew on the day: above 2, sending is a background job.
        cls.env["ir.config_parameter"].set_param(SEND_JOB_THRESHOLD_PARAM, "2")
        cls.crew = cls.ana | cls.ben | cls.carl | cls.dora

    def setUp(self):
        super().setUp()
        self.day = self._day(self.production_a)
        for member in self.crew:
            self._book(self.day, member)
        self.day.with_user(self.coordinator).action_publish()

    def _jobs(self, revision):
        return (
            self.env["queue.job"]
            .sudo()
            .search([("identity_key", "=", send_identity_key(revision.id))])
        )

    def _run(self, job_record):
        return run_stored_job(self.env, job_record)

    def _mails(self, day):
        # The outgoing mail queue is for administrators: read it as the superuser.
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "media.call.sheet.recipient"),
                    ("res_id", "in", day.with_context(active_test=False).recipient_ids.ids),
                ]
            )
        )

    def _notifications(self, user):
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

    @users("pcm_media_coordinator")
    def test_few_crew_are_sent_at_once(self):
        self.env["ir.config_parameter"].sudo().set_param(SEND_JOB_THRESHOLD_PARAM, "4")
        day = self.day.with_env(self.env)
        with trap_jobs() as trap:
            self.assertIs(day.action_send_call_sheet(), True)
            trap.assert_jobs_count(0)
        self.assertEqual(day.recipient_ids.crew_member_id, self.crew)
        self.assertEqual(len(self._mails(day)), 4)

    @users("pcm_media_coordinator")
    def test_many_crew_are_sent_by_one_job(self):
        day = self.day.with_env(self.env)
        revision = day.revision_id
        with trap_jobs() as trap:
            action = day.action_send_call_sheet()
            self.assertEqual(action["tag"], "display_notification")
            self.assertIn(day.display_name, action["params"]["message"])
            trap.assert_jobs_count(1, only=revision._send_job)
            trap.assert_enqueued_job(
                revision._send_job,
                args=(self.crew,),
                properties={
                    "channel": SEND_CHANNEL,
                    "identity_key": send_identity_key(revision.id),
                    "max_retries": SEND_MAX_RETRIES,
                },
            )
            self.assertFalse(day.recipient_ids)  # nothing sent before the job runs
            trap.perform_enqueued_jobs()
        self.assertEqual(day.recipient_ids.crew_member_id, self.crew)
        self.assertEqual(set(day.recipient_ids.mapped("state")), {"sent"})
        self.assertEqual(len(self._mails(day)), 4)
        self.assertEqual(revision.sent_crew_ids, self.crew)
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "success")
        self.assertIn(day.display_name, note["message"])

    @users("pcm_media_coordinator")
    def test_double_click_sends_once_and_the_day_shows_it(self):
        day = self.day.with_env(self.env)
        day.action_send_call_sheet()
        day.action_send_call_sheet()
        job = self._jobs(day.revision_id)
        self.assertEqual(len(job), 1)
        self.assertEqual(
            (job.state, job.channel, job.user_id), ("pending", SEND_CHANNEL, self.env.user)
        )
        day.invalidate_recordset(["call_sheet_send_state"])
        self.assertEqual(day.call_sheet_send_state, "sending")
        result = self._run(job).result
        self.assertEqual((result["sent"], result["already"]), (4, 0))
        day.invalidate_recordset(["call_sheet_send_state"])
        self.assertFalse(day.call_sheet_send_state)
        self.assertEqual(len(self._mails(day)), 4)

    @users("pcm_media_coordinator")
    def test_a_retry_never_sends_a_crew_member_the_same_revision_twice(self):
        day = self.day.with_env(self.env)
        revision = day.revision_id
        # Ana got it within a request before the job runs (the few-crew path).
        revision._send(self.ana)
        day.action_send_call_sheet()
        job = self._jobs(revision)
        self.assertEqual(self._run(job).result["sent"], 3)
        self.assertEqual(len(self._mails(day)), 4)
        # The same job performed again (a retry after its work was committed): nobody twice.
        result = Job.load(self.env, job.uuid).perform()
        self.assertEqual((result["sent"], result["already"]), (0, 3))
        self.assertEqual(len(self._mails(day)), 4)
        # A second job of the same revision too.
        revision._enqueue_send(self.crew)
        self.assertEqual(self._run(self._jobs(revision) - job).result["sent"], 0)
        self.assertEqual(len(self._mails(day)), 4)

    @users("pcm_media_coordinator")
    def test_crew_without_email(self):
        """Refused at once, naming them (as within the request); an address removed after the
        job was enqueued: the others get it, the coordinator is told who did not."""
        day = self.day.with_env(self.env)
        self.ben.sudo().partner_id.email = False
        with trap_jobs() as trap, self.assertRaises(UserError) as refused:
            day.action_send_call_sheet()
        self.assertIn(self.ben.name, str(refused.exception))
        trap.assert_jobs_count(0)
        self.ben.sudo().partner_id.email = "ben@example.com"
        day.action_send_call_sheet()
        self.carl.sudo().partner_id.email = False
        result = self._run(self._jobs(day.revision_id)).result
        self.assertEqual((result["sent"], result["without_email"]), (3, [self.carl.name]))
        self.assertEqual(day.recipient_ids.crew_member_id, self.crew - self.carl)
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "warning")
        self.assertIn(self.carl.name, note["message"])

    @users("pcm_media_coordinator")
    def test_revision_to_many_crew(self):
        day = self.day.with_env(self.env)
        self._run(day.action_send_call_sheet() and self._jobs(day.revision_id))
        # The general call moves: everybody is affected.
        day.sudo().write(
            {"date_call": MONDAY + timedelta(hours=1), "date_wrap": MONDAY + timedelta(hours=11)}
        )
        wizard = self.env["media.revision.wizard"].create(
            {"day_id": day.id, "reason": "production", "note": "One hour later"}
        )
        action = wizard.action_confirm()
        self.assertIn("background", action["params"]["message"])
        revision = day.revision_id
        self.assertEqual(revision.number, 2)
        self.assertFalse(revision.sent_crew_ids)
        self._run(self._jobs(revision))
        self.assertEqual(revision.sent_crew_ids, revision.affected_crew_ids)
        self.assertEqual(set(day.recipient_ids.revision_id.mapped("number")), {2})

    @users("pcm_media_coordinator")
    def test_a_superseded_revision_is_not_sent(self):
        day = self.day.with_env(self.env)
        first = day.revision_id
        day.action_send_call_sheet()
        day.sudo().write({"date_wrap": MONDAY + timedelta(hours=9)})
        day._issue_revision("weather", "Wrap earlier", send=False)
        result = self._run(self._jobs(first)).result
        self.assertTrue(result["superseded"])
        self.assertFalse(day.recipient_ids)
        self.assertFalse(self._mails(day))
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "warning")

    @users("pcm_media_coordinator")
    def test_a_failed_job_sends_nothing_and_tells_the_coordinator(self):
        day = self.day.with_env(self.env)
        day.action_send_call_sheet()
        job = self._jobs(day.revision_id)
        send = type(self.Revision)._send

        def send_then_fail(revision, crew_members):
            send(revision, crew_members)
            raise ValueError("mail server on fire")

        failure = None
        # Not assertRaises: it would roll back what queue_job stores on failure.
        with patch.object(type(self.Revision), "_send", autospec=True, side_effect=send_then_fail):
            try:
                self._run(job)
            except ValueError as error:
                failure = error
        self.assertEqual(str(failure), "mail server on fire")
        self.assertEqual(job.state, "failed")
        self.assertFalse(day.recipient_ids)
        self.assertFalse(self._mails(day))
        day.invalidate_recordset(["call_sheet_send_state"])
        self.assertEqual(day.call_sheet_send_state, "failed")
        [note] = self._notifications(self.coordinator)
        self.assertEqual(note["type"], "danger")
        self.assertIn("mail server on fire", note["message"])
        # Sending again works.
        day.action_send_call_sheet()
        self._run(self._jobs(day.revision_id) - job)
        self.assertEqual(day.recipient_ids.crew_member_id, self.crew)

    def test_crew_and_other_companies_cannot_send(self):
        other_company = self.env["res.company"].create({"name": "Media Elsewhere"})
        elsewhere = new_test_user(
            self.env,
            "pcm_media_elsewhere",
            groups=MEDIA_COORDINATOR,
            name="Eli Elsewhere",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        with trap_jobs() as trap:
            for user in (self.crew_user, elsewhere):
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self.day.with_user(user).action_send_call_sheet()
            trap.assert_jobs_count(0)
        # A job enqueued for a coordinator who has since lost the role fails.
        job = self.day.revision_id.with_user(self.coordinator)._enqueue_send(self.crew)
        self.coordinator.groups_id = [Command.unlink(self.env.ref(MEDIA_COORDINATOR).id)]
        with self.assertRaises(AccessError):
            Job.load(self.env, job.uuid).perform()
        self.assertFalse(self.day.recipient_ids)

    def test_archived_production(self):
        """A production archived after the send was asked: the job sends as the button would
        have (the day is published and its call sheet current)."""
        job = self.day.revision_id.with_user(self.coordinator)._enqueue_send(self.crew)
        self.production_a.active = False
        Job.load(self.env, job.uuid).perform()
        self.assertEqual(
            self.day.with_context(active_test=False).recipient_ids.crew_member_id, self.crew
        )

    def test_bad_input(self):
        Revision = self.Revision.with_user(self.coordinator)
        # Unknown revision (deleted with its day since): nothing to send.
        self.assertTrue(Revision.browse(2**30)._send_job(self.crew)["superseded"])
        # Unknown crew ids are ignored; the known ones are sent.
        revision = self.day.revision_id.with_user(self.coordinator)
        ghosts = self.env["media.crew.member"].browse([2**30, 2**30 + 1])
        result = revision._send_job(self.ana | ghosts)
        self.assertEqual(result["sent"], 1)
        with self.assertRaises(MissingError):
            self.env["media.production.day"].with_user(self.coordinator).browse(
                2**30
            ).action_send_call_sheet()
        Param = self.env["ir.config_parameter"]
        for value, expected in (
            ("5", 5),
            ("0", 0),
            ("", SEND_JOB_THRESHOLD),
            ("lots", SEND_JOB_THRESHOLD),
            ("-2", SEND_JOB_THRESHOLD),
        ):
            with self.subTest(value=value):
                Param.set_param(SEND_JOB_THRESHOLD_PARAM, value)
                self.assertEqual(Revision._send_job_threshold(), expected)
