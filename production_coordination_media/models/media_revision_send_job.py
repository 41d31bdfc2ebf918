# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sending a call sheet revision to many crew as a background job (OCA queue_job).

Send Call Sheet and New Revision send at once to a few people, as before. Above the
threshold (system parameter ``production_coordination_media.call_sheet_job_threshold``,
default ``SEND_JOB_THRESHOLD`` crew members) they enqueue one job per revision
(``media.revision._send_job``, channel ``root.coordination_media``, identity key
``media_revision_send_<revision id>``: pressing twice sends once). The job renders the PDF and
queues one mail per crew member in its transaction (the mail queue sends them after commit,
as before), then tells the coordinator how many were sent and who has no email address; a job
that fails for good tells them too. The day shows "being sent" meanwhile
(``media.production.day.call_sheet_send_state``).

A job sends only to the crew who have not received this revision yet, under a lock of the
revision's row: a retry, a second job or a send made meanwhile never sends a crew member the
same revision twice. A revision superseded before its job runs is not sent (the newer one is
what the crew must get).
"""

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

SEND_CHANNEL = "root.coordination_media"
# Crew members above which a revision is sent by a job. Sending renders the PDF once per
# language of the crew (one to a few seconds of wkhtmltopdf each) and one mail per person (tens
# of milliseconds each): a day's usual crew is sent within the request; a crowd (extras, a
# second unit) is not.
SEND_JOB_THRESHOLD = 20
SEND_JOB_THRESHOLD_PARAM = "production_coordination_media.call_sheet_job_threshold"
SEND_MAX_RETRIES = 5


def send_identity_key(revision_id):
    """One job waiting per revision at most: pressing Send twice sends once."""
    return f"media_revision_send_{revision_id}"


class MediaRevision(models.Model):
    _inherit = "media.revision"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _send_job_threshold(self):
        """Crew members above which sending is a background job (system parameter, a
        non-negative integer; anything else falls back to the default)."""
        value = self.env["ir.config_parameter"].sudo().get_param(SEND_JOB_THRESHOLD_PARAM)
        try:
            threshold = int(value) if value not in (None, False, "") else SEND_JOB_THRESHOLD
        except ValueError:
            return SEND_JOB_THRESHOLD
        return threshold if threshold >= 0 else SEND_JOB_THRESHOLD

    def _send_or_enqueue(self, crew_members):
        """Send this revision to `crew_members` now, or enqueue its job when they are many.

        :return: True when a job will send it, False when it was sent
        """
        self.ensure_one()
        if len(crew_members) <= self._send_job_threshold():
            self._send(crew_members)
            return False
        # Refused at once, as when sending within the request.
        self._check_crew_emails(crew_members)
        self._enqueue_send(crew_members)
        return True

    def _enqueue_send(self, crew_members):
        """The revision's send job (the one already waiting, if any)."""
        self.ensure_one()
        job = self.with_delay(
            channel=SEND_CHANNEL,
            description=self.env._(
                "Send %(revision)s of %(day)s",
                revision=self.display_name,
                day=self.day_id.display_name,
            ),
            identity_key=send_identity_key(self.id),
            max_retries=SEND_MAX_RETRIES,
        )._send_job(crew_members)
        # A new job, or the record of the one already waiting (queue_job returns either).
        return job if isinstance(job, models.BaseModel) else job.db_record()

    def _send_job(self, crew_members):
        """The job: send this revision to those of `crew_members` who have not received it
        and have an email address, then tell the user who asked.

        :return: what was done (kept as the job's result)
        """
        revision = self.exists()
        if not revision:
            return {"sent": 0, "already": 0, "without_email": [], "superseded": True}
        revision._lock_for_sending()
        day = revision.day_id
        day._check_coordinator(self.env._("send call sheets"))
        if day.revision_id != revision or day.state != "published":
            revision._notify_send_user(
                self.env._(
                    "%(revision)s of %(day)s was not sent: the day has changed since "
                    "(a newer revision, or cancelled).",
                    revision=revision.display_name,
                    day=day.display_name,
                ),
                "warning",
            )
            return {"sent": 0, "already": 0, "without_email": [], "superseded": True}
        crew_members = crew_members.exists()
        received = day.recipient_ids.filtered(
            lambda recipient: recipient.revision_id == revision
        ).crew_member_id
        to_send = crew_members - received
        without_email = to_send.filtered(lambda member: not member.email)
        to_send -= without_email
        if to_send:
            revision._send(to_send)
        message = self.env._(
            "%(revision)s of %(day)s sent to %(count)s crew member(s).",
            revision=revision.display_name,
            day=day.display_name,
            count=len(to_send),
        )
        if without_email:
            message += " " + self.env._(
                "Not sent (no email address): %s.", ", ".join(without_email.mapped("name"))
            )
        revision._notify_send_user(message, "warning" if without_email else "success")
        return {
            "sent": len(to_send),
            "already": len(crew_members & received),
            "without_email": without_email.mapped("name"),
            "superseded": False,
        }

    def _lock_for_sending(self):
        """Take the revision's row lock for this transaction, or try again later: two sends of
        one revision never run at once (the second then sees who has received it)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM media_revision WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                        self.id,
                    )
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise RetryableJobError(
                self.env._("%s is being sent by another job.", self.display_name), seconds=30
            ) from error

    def _notify_send_user(self, message, kind, user=None):
        """A notification in the web client of the user who started the send (the job's)."""
        user = user or self.env.user
        if user.id == SUPERUSER_ID or user.share:
            return
        user._bus_send(
            "simple_notification",
            {
                "title": self.env._("Call Sheet"),
                "message": message,
                "type": kind,
                "sticky": kind != "success",
            },
        )


class MediaProductionDay(models.Model):
    _inherit = "media.production.day"  # pylint: disable=consider-merging-classes-inherited

    call_sheet_send_state = fields.Selection(
        [("sending", "Being sent"), ("failed", "Sending failed")],
        string="Call Sheet Sending",
        compute="_compute_call_sheet_send_state",
        help="The state of the background job sending the current revision to the crew "
        "(many crew members); empty when it was sent within the request or is done.",
    )

    @api.depends("revision_id")
    def _compute_call_sheet_send_state(self):
        # sudo: only queue managers read jobs; this tells the state of the day's sending.
        keys = {send_identity_key(day.revision_id.id): day for day in self if day.revision_id}
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search_read(
                [("identity_key", "in", list(keys))],
                ["identity_key", "state"],
                order="date_created DESC, id DESC",
            )
        )
        latest = {}
        for job in jobs:
            latest.setdefault(job["identity_key"], job["state"])
        states = {
            "wait_dependencies": "sending",
            "pending": "sending",
            "enqueued": "sending",
            "started": "sending",
            "failed": "failed",
        }
        for day in self:
            key = send_identity_key(day.revision_id.id) if day.revision_id else None
            day.call_sheet_send_state = states.get(latest.get(key), False)


class QueueJob(models.Model):
    _inherit = "queue.job"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._media_notify_failed_sends()
        return result

    def _media_notify_failed_sends(self):
        """The send jobs among these have failed for good: tell the users who started them."""
        for job in self.filtered(
            lambda job: job.model_name == "media.revision" and job.method_name == "_send_job"
        ):
            revision = job.records.sudo().exists()
            revision._notify_send_user(
                job.env._(
                    "Sending %(revision)s of %(day)s failed: %(error)s",
                    revision=revision.display_name,
                    day=revision.day_id.display_name,
                    error=job.exc_message or job.exc_name,
                ),
                "danger",
                user=job.user_id,
            )
