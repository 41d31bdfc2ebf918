# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shortage scan as background jobs (OCA queue_job).

Scan Now and the scheduled action enqueue one job per company (``_scan_company_job``) in the
channel ``root.coordination_scan`` (``queue_job_channel_scan``), whose capacity the server
configuration sets to 1: at most one scan runs at a time, so never two of one company; the
company's lock and the database's unique key stay (a scan run outside a job, such as the
refresh after a purchase change, still takes the lock).

A job is one transaction (queue_job commits it when the job returns, rolls it back when it
raises): it never leaves half-written tasks. When the lock is taken, another scan changed the
tasks since the job's transaction began, or the database reports a concurrency error, the job
is retried later with backoff (``queue_job_function_scan_company``'s retry pattern) and reads
everything again; any other error fails the job at once (retrying a bug changes nothing).

Whoever pressed Scan Now gets a notification when the job is done or has failed for good;
a company's ``coordination_scan_state`` tells the state of its last scan job.
"""

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

SCAN_CHANNEL = "root.coordination_scan"
# Tries of a scan job: its retry pattern (queue_job_function_scan_company) spaces them from 1
# to 15 minutes; then it fails.
SCAN_MAX_RETRIES = 5


def scan_identity_key(company_id):
    """The identity key of a company's scan job: one job waiting per company at most."""
    return f"coordination_scan_company_{company_id}"


class CoordinationMaterialScan(models.AbstractModel):
    _inherit = "coordination.material.scan"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_enqueue_shortage_scans(self):
        """The scheduled action: one scan job per company, then the vendors' on-time rates."""
        self._enqueue_scans(self.env["res.company"].search([]))
        self.env["res.partner"]._coordination_refresh_on_time_rates()

    @api.model
    def _enqueue_scans(self, companies):
        """One scan job per company, unless one is already waiting for it (then that one).

        Runs as the caller: the job runs as the same user (and superuser mode), and notifies
        that user when it is done or failed.

        :return: the jobs (``queue.job``, sudo: only queue managers may read jobs)
        """
        jobs = self.env["queue.job"].sudo()
        for company in companies:
            job = self.with_delay(
                channel=SCAN_CHANNEL,
                description=self.env._("Shortage scan of %s", company.name),
                identity_key=scan_identity_key(company.id),
                max_retries=SCAN_MAX_RETRIES,
            )._scan_company_job(company)
            # A new job, or the record of the one already waiting (queue_job returns either).
            jobs |= job if isinstance(job, models.BaseModel) else job.db_record()
        return jobs

    def _scan_company_job(self, company):
        """The job: scan the company in this job's transaction; retried later when another
        scan of the company runs or has just changed its tasks.

        :return: the counts of what changed (kept as the job's result)
        """
        try:
            counts = self._scan_company(company)
        except psycopg2.Error as error:
            # A concurrent writer (deadlock, serialization failure, a task another scan has
            # just created): queue_job rolls the transaction back; try again later.
            raise RetryableJobError(str(error)) from error
        if counts is None:
            raise RetryableJobError(self.env._("Another scan of %s is running.", company.name))
        self._notify_scan_user(
            self.env.user,
            self.env._(
                "%(company)s: %(created)s new, %(updated)s updated, %(closed)s closed, "
                "%(reopened)s reopened.",
                company=company.name,
                **counts,
            ),
            "success",
        )
        return counts

    @api.model
    def _notify_scan_user(self, user, message, kind):
        """A notification in the web client of the user who started the scan (none for the
        scheduled action, run as the superuser)."""
        if user.id == SUPERUSER_ID or user.share:
            return
        user._bus_send(
            "simple_notification",
            {
                "title": self.env._("Shortage Scan"),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
            },
        )


class QueueJob(models.Model):
    _inherit = "queue.job"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._coordination_notify_failed_scans()
        return result

    def _coordination_notify_failed_scans(self):
        """The scan jobs among these have failed for good: tell the users who started them."""
        scans = self.filtered(
            lambda job: job.model_name == "coordination.material.scan"
            and job.method_name == "_scan_company_job"
        )
        Scan = self.env["coordination.material.scan"]
        for job in scans:
            company = job.args[0] if job.args else self.env["res.company"]
            Scan._notify_scan_user(
                job.user_id,
                self.env._(
                    "The shortage scan of %(company)s failed: %(error)s",
                    company=company.sudo().name,
                    error=job.exc_message or job.exc_name,
                ),
                "danger",
            )


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    coordination_scan_state = fields.Selection(
        [
            ("pending", "Waiting"),
            ("started", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        string="Last Shortage Scan",
        compute="_compute_coordination_scan_state",
        help="The state of the company's last shortage scan job (Scan Now or the scheduled "
        "action); a job waiting to be retried is Waiting.",
    )

    def _compute_coordination_scan_state(self):
        # sudo: only queue managers read jobs; this tells the state of the company's scan.
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search_read(
                [("identity_key", "in", [scan_identity_key(company.id) for company in self])],
                ["identity_key", "state"],
                order="date_created DESC, id DESC",
            )
        )
        latest = {}
        for job in jobs:
            latest.setdefault(job["identity_key"], job["state"])
        states = {
            "wait_dependencies": "pending",
            "pending": "pending",
            "enqueued": "pending",
            "started": "started",
            "done": "done",
            "failed": "failed",
            "cancelled": False,
        }
        for company in self:
            company.coordination_scan_state = states.get(latest.get(scan_identity_key(company.id)))


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    coordination_scan_state = fields.Selection(related="company_id.coordination_scan_state")
