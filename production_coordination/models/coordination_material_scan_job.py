# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shortage scan as background jobs (OCA queue_job).

Scan Now and the scheduled action enqueue, per company, one graph of jobs (``_enqueue_scans``)
in the channel ``root.coordination_scan`` (``queue_job_channel_scan``), whose capacity the
server configuration sets to 1:

- one low-stock job per active warehouse (``_scan_warehouse_job``): the low-stock tasks of that
  warehouse only (``coordination.low.stock.sync``), from that warehouse's projection;
- then, once all of them are done, one job for the company (``_scan_company_risks_job``,
  identity key ``scan_identity_key``): the delivery risks and vendor follow-ups
  (``coordination.delivery.risk``), which need the projections of every warehouse of the company
  (a risk that no projection feeds is cleared), and the notification with the counts of the
  whole scan.

At most one scan per company waits at a time: while the company's last job has not started, a
new Scan Now enqueues nothing. The company's lock and the database's unique key stay (a scan run
outside a job, such as the refresh after a purchase change, still takes the lock).

A job is one transaction (queue_job commits it when the job returns, rolls it back when it
raises): it never leaves half-written tasks. When the lock is taken, another scan changed the
tasks since the job's transaction began, or the database reports a concurrency error, the job
is retried later with backoff (the retry pattern of its ``queue.job.function``) and reads
everything again; any other error fails the job at once (retrying a bug changes nothing). When a
warehouse job fails for good, the company's last job is cancelled (it would clear the risks
the failed warehouse feeds) and the user is told once.

Whoever pressed Scan Now gets one notification per company when its scan is done or has failed;
a company's ``coordination_scan_state`` tells the state of its last scan (all its jobs).
"""

import ast

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models

from odoo.addons.queue_job.delay import group
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from .coordination_material_scan import SCAN_COUNTS

SCAN_CHANNEL = "root.coordination_scan"
# Tries of a scan job: its retry pattern (queue_job_function_scan_*) spaces them from 1 to 15
# minutes; then it fails.
SCAN_MAX_RETRIES = 5
# The job methods of a scan: the company's last job (and the single job of the first release,
# which a database may still hold), and the warehouse jobs before it.
SCAN_COMPANY_METHODS = ("_scan_company_risks_job", "_scan_company_job")
SCAN_WAREHOUSE_METHOD = "_scan_warehouse_job"
WAITING_STATES = ("wait_dependencies", "pending", "enqueued")


def scan_identity_key(company_id):
    """The identity key of a company's last scan job: one scan waiting per company at most."""
    return f"coordination_scan_company_{company_id}"


class CoordinationMaterialScan(models.AbstractModel):
    _inherit = "coordination.material.scan"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_enqueue_shortage_scans(self):
        """The scheduled action: one scan per company (jobs), then the vendors' on-time rates."""
        self._enqueue_scans(self.env["res.company"].search([]))
        self.env["res.partner"]._coordination_refresh_on_time_rates()

    @api.model
    def _enqueue_scans(self, companies):
        """Per company, one low-stock job per active warehouse, then the company's delivery-risk
        job once they are all done; nothing for a company whose scan is still waiting.

        Runs as the caller: the jobs run as the same user (and superuser mode), and notify that
        user when the scan is done or failed.

        :return: the jobs (``queue.job``, sudo: only queue managers may read jobs): the new ones,
            or those of the scan already waiting
        """
        Job = self.env["queue.job"].sudo()
        jobs = Job.browse()
        for company in companies:
            waiting = Job.search(
                [
                    ("identity_key", "=", scan_identity_key(company.id)),
                    ("state", "in", WAITING_STATES),
                ],
                order="id DESC",
                limit=1,
            )
            if waiting:
                jobs |= waiting._coordination_graph_jobs()
                continue
            last = self.delayable(
                channel=SCAN_CHANNEL,
                description=self.env._("Shortage scan of %s: delivery risks", company.name),
                identity_key=scan_identity_key(company.id),
                max_retries=SCAN_MAX_RETRIES,
            )._scan_company_risks_job(company)
            warehouses = self.env["stock.warehouse"].browse(self._get_warehouse_ids(company))
            firsts = [
                self.delayable(
                    channel=SCAN_CHANNEL,
                    description=self.env._(
                        "Shortage scan of %(company)s: low-stock tasks of %(warehouse)s",
                        company=company.name,
                        warehouse=warehouse.name,
                    ),
                    max_retries=SCAN_MAX_RETRIES,
                )._scan_warehouse_job(company, warehouse)
                for warehouse in warehouses.sorted("id")
            ]
            if firsts:
                group(*firsts).on_done(last).delay()
            else:
                last.delay()
            for delayable in [*firsts, last]:
                # A stored job, or the record of the one already waiting (queue_job stores no
                # graph whose jobs with an identity key all wait already).
                job = delayable._generated_job
                jobs |= job if isinstance(job, models.BaseModel) else job.db_record()
        return jobs

    def _scan_warehouse_job(self, company, warehouse):
        """A job: the low-stock tasks of one warehouse, in this job's transaction; retried later
        when another scan of the company runs or has just changed its tasks.

        :return: the counts of what changed (kept as the job's result)
        """
        return self._run_scan_part(
            company, warehouse_ids=[warehouse.id], low_stock=True, risks=False
        )

    def _scan_company_risks_job(self, company):
        """The company's last job, once its warehouse jobs are done: the delivery risks and
        follow-ups from the projections of every warehouse; then the user's notification with
        the counts of the whole scan.

        :return: the counts of the whole scan (kept as the job's result)
        """
        counts = self._run_scan_part(company, low_stock=False, risks=True)
        total = dict(counts)
        for earlier in self._coordination_earlier_results():
            for key in SCAN_COUNTS:
                total[key] += earlier.get(key, 0)
        self._notify_scan_done(company, total)
        return total

    def _scan_company_job(self, company):
        """The job of the first release (the whole scan of a company in one job): jobs stored
        before an update still run.

        :return: the counts of what changed
        """
        counts = self._run_scan_part(company)
        self._notify_scan_done(company, counts)
        return counts

    def _run_scan_part(self, company, **part):
        """``_scan_company_part``; a concurrency failure or a busy company raises
        RetryableJobError (queue_job rolls the transaction back and tries again later)."""
        try:
            counts = self._scan_company_part(company, **part)
        except psycopg2.Error as error:
            # A concurrent writer (deadlock, serialization failure, a task another scan has
            # just created): queue_job rolls the transaction back; try again later.
            raise RetryableJobError(str(error)) from error
        if counts is None:
            raise RetryableJobError(self.env._("Another scan of %s is running.", company.name))
        return counts

    def _coordination_earlier_results(self):
        """The results of the warehouse jobs this job waited for (none when it runs outside a
        stored job)."""
        uuid = self.env.context.get("job_uuid")
        if not uuid:
            return []
        # sudo: only queue managers read jobs; these are the jobs of this scan.
        Job = self.env["queue.job"].sudo()
        current = Job.search([("uuid", "=", uuid)], limit=1)
        parents = (current.dependencies or {}).get("depends_on", [])
        if not parents:
            return []
        results = []
        for job in Job.search([("uuid", "in", parents)]):
            # queue_job stores a result as its text (the repr of the counts).
            try:
                result = ast.literal_eval(job.result or "{}")
            except (ValueError, SyntaxError):
                result = {}
            results.append(result if isinstance(result, dict) else {})
        return results

    def _notify_scan_done(self, company, counts):
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
        if vals.get("state") in ("failed", "cancelled"):
            self._coordination_end_failed_scans()
        return result

    def _coordination_graph_jobs(self):
        """These jobs and the other jobs of their graphs."""
        graph_uuids = [graph_uuid for graph_uuid in self.mapped("graph_uuid") if graph_uuid]
        if not graph_uuids:
            return self
        return self | self.search([("graph_uuid", "in", graph_uuids)])

    def _coordination_end_failed_scans(self):
        """The scan jobs among these have failed for good (or a queue manager cancelled a
        warehouse job): cancel the company's last job of the same scan, which would clear the
        delivery risks of the warehouse that failed, and tell the user who started the scan,
        once per scan."""
        Scan = self.env["coordination.material.scan"]
        for job in self.filtered(lambda job: job.model_name == Scan._name):
            if job.method_name == SCAN_WAREHOUSE_METHOD:
                waiting = (
                    self.sudo().search(
                        [
                            ("graph_uuid", "=", job.graph_uuid),
                            ("method_name", "in", SCAN_COMPANY_METHODS),
                            ("state", "=", "wait_dependencies"),
                        ]
                    )
                    if job.graph_uuid
                    else self.browse()
                )
                if not waiting:
                    continue  # already cancelled by another warehouse job: the user knows
                for last in waiting:
                    last_job = Job.load(self.env, last.uuid)
                    last_job.set_cancelled(
                        result=self.env._("A warehouse of this scan failed: %s", job.name)
                    )
                    last_job.store()
            elif job.method_name not in SCAN_COMPANY_METHODS or job.state != "failed":
                continue
            company = job.args[0] if job.args else self.env["res.company"]
            Scan._notify_scan_user(
                job.user_id,
                self.env._(
                    "The shortage scan of %(company)s failed: %(error)s",
                    company=company.sudo().name,
                    error=job.exc_message or job.exc_name or job.result,
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
        help="The state of the company's last shortage scan (Scan Now or the scheduled action), "
        "all its jobs together: Failed when one failed, Running while one runs, Waiting while "
        "one waits (to be retried too), Done when all are done.",
    )

    def _compute_coordination_scan_state(self):
        # sudo: only queue managers read jobs; this tells the state of the company's scan.
        Job = self.env["queue.job"].sudo()
        lasts = Job.search(
            [("identity_key", "in", [scan_identity_key(company.id) for company in self])],
            order="date_created DESC, id DESC",
        )
        latest = {}
        for job in lasts:
            latest.setdefault(job.identity_key, job)
        graphs = {}
        graph_uuids = [job.graph_uuid for job in latest.values() if job.graph_uuid]
        if graph_uuids:
            for graph_uuid, states in Job._read_group(
                [("graph_uuid", "in", graph_uuids)], ["graph_uuid"], ["state:array_agg"]
            ):
                graphs[graph_uuid] = set(states)
        for company in self:
            job = latest.get(scan_identity_key(company.id))
            states = (graphs.get(job.graph_uuid) or {job.state}) if job else set()
            company.coordination_scan_state = scan_state(states)


def scan_state(states):
    """The state of a scan from the states of its jobs (a set)."""
    if "failed" in states:
        return "failed"
    if "started" in states:
        return "started"
    if states & set(WAITING_STATES):
        return "pending"
    if states == {"done"}:
        return "done"
    return False


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    coordination_scan_state = fields.Selection(related="company_id.coordination_scan_state")
