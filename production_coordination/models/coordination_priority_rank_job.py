# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ranks of a company's open MOs, refreshed by a background job (OCA queue_job).

A user's write that changes one MO's priority (Expedite, a work order started or finished, a
handoff, a committed date) refreshes that MO's score in the user's transaction, then enqueues
one rerank job for its company (``_rerank_company_job``) instead of reading and rewriting the
ranks of every open MO of the company there: the user's transaction costs the same whatever the
size of the company and locks no other MO's row.

- One job waits per company at most (identity key ``coordination_rerank_company_<id>``): the
  writes of many users while it waits are reranked together. A write made while the job runs
  enqueues the next one (a running job is not reused), so the last change is always reranked.
- Channel ``root.coordination_rank`` (``queue_job_channel_rank``), ahead of other jobs in the
  queue (priority 5); the server's configuration gives it a capacity of 1.
- The job is one transaction: it reads the open MOs, orders them (score, then the pins), and
  writes only the ranks that changed (and their work orders' copy) in two UPDATEs at its end:
  the ranks are written whole or not at all. Its transaction is READ COMMITTED when the job
  runner runs it, so a user's write on one of those MOs makes it wait, not fail; a deadlock or a
  serialization failure (outside the runner) rolls it back and retries it a few seconds later
  (``queue_job_function_rank_company``), reading everything again.
- Until it has run, every screen shows the previous ranks (all read the stored rank: board
  order, rank column, MO form, dashboard agree), and the changed MO its new score; a new MO
  has no rank yet, a closed one has lost its own.
- When it fails for good, the user whose write enqueued it gets a sticky notification.

Pins and unpins (``coordination_rank_override``) rerank in the coordinator's transaction
(context key ``coordination_rerank_now``): placing the pin is what the coordinator asked for,
and they are serialized by the company's ranking lock.
"""

from datetime import timedelta

import psycopg2
from psycopg2.extensions import TRANSACTION_STATUS_IDLE

from odoo import SUPERUSER_ID, api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

from .coordination_sql import commit_read_committed

RANK_CHANNEL = "root.coordination_rank"
# Tries of a rerank job (its retry pattern spaces them from 5 seconds to 2 minutes); then it
# fails and its user is told.
RANK_MAX_RETRIES = 10
# Ahead of the other jobs of the root channel (queue_job's default priority is 10).
RANK_JOB_PRIORITY = 5
# A company's rank job starts at most this often: under a steady stream of writes (a busy shop
# floor) the next job waits until this long after the previous one began, and takes all the
# writes made meanwhile; a write after a quiet moment is ranked at once.
RANK_MIN_INTERVAL = timedelta(seconds=10)
# The job writes the ranks that moved by this many MOs a transaction: a user's write on one
# of them waits for one short UPDATE, not for the whole company's (see `_rerank`).
RANK_COMMIT_ROWS = 1000


def rank_identity_key(company_id):
    """The identity key of a company's rerank job: one job waiting per company at most."""
    return f"coordination_rerank_company_{company_id}"


class CoordinationPriority(models.AbstractModel):
    _inherit = "coordination.priority"

    @api.model
    def _rerank_later(self, companies):
        """One rerank job per company, unless one is already waiting (then that one): two
        queries per company (the waiting job, the new one), whatever its number of MOs.

        :return: the jobs (``queue.job``, sudo)
        """
        jobs = self.env["queue.job"].sudo()
        now = fields.Datetime.now()
        for company in companies:
            # sudo: when the company's ranks were last refreshed is the job's bookkeeping,
            # whoever's write (a buyer's, a supervisor's) enqueues the next one.
            last = company.sudo().coordination_date_reranked
            eta = last + RANK_MIN_INTERVAL if last and now < last + RANK_MIN_INTERVAL else None
            job = self.with_delay(
                channel=RANK_CHANNEL,
                priority=RANK_JOB_PRIORITY,
                eta=eta,
                description=self.env._("Ranks of %s", company.name),
                identity_key=rank_identity_key(company.id),
                max_retries=RANK_MAX_RETRIES,
            )._rerank_company_job(company)
            jobs |= job if isinstance(job, models.BaseModel) else job.db_record()
        # Before the commit (the refresh may run as a precommit hook, after the last flush).
        jobs.flush_recordset()
        return jobs

    def _rerank_company_job(self, company):
        """The job: rerank the company's open MOs in this job's transaction.

        Run by the job runner, the transaction is READ COMMITTED (Odoo's are REPEATABLE READ):
        users keep writing the company's MOs while it runs, and a rank UPDATE meeting a row a
        user changed since the job began would otherwise be refused (serialization failure) and
        the whole job retried, again and again under load. In READ COMMITTED it waits for that
        user's commit and writes the rank on the row as it is then; the order it computed may
        miss that user's last score change, but that write has enqueued the next rerank (a
        running job is not reused), which will see it.

        :return: the number of MOs whose rank changed (kept as the job's result)
        """
        cnx = getattr(self.env.cr, "_cnx", None)
        # Run by the job runner: the job's transaction has not begun yet (queue_job commits
        # before performing); not in a test's transaction, nor when called from a shell.
        by_runner = cnx is not None and cnx.info.transaction_status == TRANSACTION_STATUS_IDLE
        if by_runner:
            self.env.cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        company = company.exists()
        if not company:
            return 0
        # When this job began: the next one waits RANK_MIN_INTERVAL from now (see above).
        self.env.cr.execute(
            "UPDATE res_company"
            " SET coordination_date_reranked = clock_timestamp() AT TIME ZONE 'UTC'"
            " WHERE id = %s",
            [company.id],
        )
        company.invalidate_recordset(["coordination_date_reranked"])
        if by_runner:
            # (not holding the company's row: pins and scans write it)
            commit_read_committed(self.env.cr)
        try:
            # sudo: ranks are the company's, whoever's write enqueued the job.
            priority = self.sudo()
            if priority._net_requested(company) and by_runner:
                # The netted MOs' new scores are committed before the long rerank, so that
                # their rows are not held while it writes.
                commit_read_committed(self.env.cr)
            return priority._rerank(company, commit_every=RANK_COMMIT_ROWS if by_runner else 0)
        except psycopg2.Error as error:
            # A concurrent writer on one of the MOs (serialization failure, deadlock): queue_job
            # rolls the transaction back; try again in a few seconds.
            raise RetryableJobError(str(error), seconds=5) from error


class QueueJob(models.Model):
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._coordination_notify_failed_reranks()
        return result

    def _coordination_notify_failed_reranks(self):
        """The rerank jobs among these have failed for good: tell the users whose writes
        enqueued them (the ranks shown are the previous ones until a next write reranks)."""
        for job in self.filtered(
            lambda job: job.model_name == "coordination.priority"
            and job.method_name == "_rerank_company_job"
        ):
            user = job.user_id
            if not user or user.id == SUPERUSER_ID or user.share:
                continue
            company = job.args[0] if job.args else self.env["res.company"]
            user._bus_send(
                "simple_notification",
                {
                    "title": self.env._("Priority Ranks"),
                    "message": self.env._(
                        "The ranks of %(company)s could not be refreshed: %(error)s",
                        company=company.sudo().name,
                        error=job.exc_message or job.exc_name,
                    ),
                    "type": "danger",
                    "sticky": True,
                },
            )
