# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The redundancy refresh and the work center load refresh as background jobs (OCA queue_job).

Their scheduled actions and the Refresh buttons of their lists enqueue one job per company
(``_coordination_enqueue_refresh``) in the channel ``root.coordination_refresh``
(``queue_job_channel_refresh``, capacity 1 in the harness's configuration), with an identity key
per model and company: while a company's refresh waits, pressing Refresh again enqueues nothing.

A job (``_coordination_refresh_company_job``) is the model's own ``_refresh(company)`` in one
transaction: queue_job commits it when it returns and rolls it back when it raises, so a failed
refresh leaves the rows as they were. A concurrency error (deadlock, serialization failure) is
retried with backoff; any other error fails the job at once. The user who pressed Refresh is
notified when it is done or has failed; ``res.company.coordination_redundancy_refresh_state``
and ``coordination_load_refresh_state`` tell the state of the company's last refresh.
"""

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

REFRESH_CHANNEL = "root.coordination_refresh"
REFRESH_MAX_RETRIES = 5
REFRESH_JOB_METHOD = "_coordination_refresh_company_job"
# The models refreshed this way, and the res.company field that tells their state.
REFRESH_STATE_FIELDS = {
    "coordination.redundancy": "coordination_redundancy_refresh_state",
    "coordination.workcenter.load": "coordination_load_refresh_state",
}
JOB_STATES = {
    "wait_dependencies": "pending",
    "pending": "pending",
    "enqueued": "pending",
    "started": "started",
    "done": "done",
    "failed": "failed",
    "cancelled": False,
}
STATE_SELECTION = [
    ("pending", "Waiting"),
    ("started", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]


def refresh_identity_key(model_name, company_id):
    """The identity key of a company's refresh job of this model: one waiting at most."""
    return f"coordination_refresh_{model_name}_company_{company_id}"


class CoordinationRefreshJobMixin(models.AbstractModel):
    """What makes a model's company refresh (``_refresh(companies)``) a background job."""

    _name = "coordination.refresh.job.mixin"
    _description = "Company Refresh as Background Jobs"

    def _coordination_refresh_title(self):
        """What the refresh refreshes, for the job and the notifications."""
        return self._description

    @api.model
    def _cron_enqueue_refresh(self):
        """The scheduled action: one refresh job per company."""
        return self._coordination_enqueue_refresh(self.env["res.company"].search([]))

    @api.model
    def _coordination_enqueue_refresh(self, companies):
        """One refresh job per company, unless one is already waiting for it (then that one).

        Runs as the caller: the job runs as the same user (and superuser mode), and notifies
        that user when it is done or failed.

        :return: the jobs (``queue.job``, sudo: only queue managers may read jobs)
        """
        jobs = self.env["queue.job"].sudo()
        for company in companies:
            job = (
                self.browse()
                .with_delay(
                    channel=REFRESH_CHANNEL,
                    description=self.env._(
                        "%(what)s of %(company)s",
                        what=self._coordination_refresh_title(),
                        company=company.name,
                    ),
                    identity_key=refresh_identity_key(self._name, company.id),
                    max_retries=REFRESH_MAX_RETRIES,
                )
                ._coordination_refresh_company_job(company)
            )
            # A new job, or the record of the one already waiting (queue_job returns either).
            jobs |= job if isinstance(job, models.BaseModel) else job.db_record()
        return jobs

    def _coordination_refresh_company_job(self, company):
        """The job: ``_refresh(company)`` in this job's transaction; a concurrency error is
        retried later with backoff.

        :return: {"count": rows the company has now} (kept as the job's result)
        """
        try:
            records = self._refresh(company)
            self.env.flush_all()
        except psycopg2.Error as error:
            raise RetryableJobError(str(error)) from error
        count = self.sudo().search_count([("company_id", "=", company.id)])
        self._coordination_notify_refresh(
            self.env.user,
            self._coordination_refresh_done_message(company, count),
            "success",
            company=company,
        )
        return {"count": count, "new": len(records)}

    def _coordination_refresh_done_message(self, company, count):
        return self.env._("%(company)s: %(count)s rows.", company=company.name, count=count)

    def _coordination_refresh_notification(self, companies):
        """The notification (client action) of the Refresh button: the refresh runs in the
        background, and in which state each company's refresh is now."""
        states = dict(self.env["res.company"]._fields[REFRESH_STATE_FIELDS[self._name]].selection)
        field = REFRESH_STATE_FIELDS[self._name]
        lines = [
            self.env._(
                "%(company)s: %(state)s",
                company=company.name,
                state=states.get(company[field]) or self.env._("not started"),
            )
            for company in companies.sudo()
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self._coordination_refresh_title(),
                "message": self.env._(
                    "The refresh runs in the background: you will be notified when it is done "
                    "(%s).",
                    "; ".join(lines),
                ),
                "type": "info",
            },
        }

    @api.model
    def _coordination_notify_refresh(self, user, message, kind, company=None):
        """A notification in the web client of the user who asked for the refresh (none for
        the scheduled action, run as the superuser); with `company`, the refresh of that company
        is over: the list that shows its state reads it again (bus notification
        ``production_coordination.refresh_state``: {"model", "company_id"})."""
        if user.id == SUPERUSER_ID or user.share:
            return
        user._bus_send(
            "simple_notification",
            {
                "title": self._coordination_refresh_title(),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
            },
        )
        if company:
            user._bus_send(
                "production_coordination.refresh_state",
                {"model": self._name, "company_id": company.id},
            )


class CoordinationRedundancy(models.Model):
    _name = "coordination.redundancy"
    _inherit = ["coordination.redundancy", "coordination.refresh.job.mixin"]

    def _coordination_refresh_title(self):
        return self.env._("Redundancy Suggestions")

    def _coordination_refresh_done_message(self, company, count):
        return self.env._(
            "%(company)s: %(count)s redundancy suggestions.", company=company.name, count=count
        )


class CoordinationWorkcenterLoad(models.Model):
    _name = "coordination.workcenter.load"
    _inherit = ["coordination.workcenter.load", "coordination.refresh.job.mixin"]

    def _coordination_refresh_title(self):
        return self.env._("Work Center Load")

    def _coordination_refresh_done_message(self, company, count):
        return self.env._(
            "%(company)s: the load of %(count)s work center weeks is up to date.",
            company=company.name,
            count=count,
        )


class QueueJob(models.Model):
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._coordination_notify_failed_refreshes()
        return result

    def _coordination_notify_failed_refreshes(self):
        """The refresh jobs among these have failed for good: tell the users who asked."""
        for job in self.filtered(
            lambda job: job.model_name in REFRESH_STATE_FIELDS
            and job.method_name == REFRESH_JOB_METHOD
        ):
            company = job.args[0] if job.args else self.env["res.company"]
            Model = self.env[job.model_name]
            Model._coordination_notify_refresh(
                job.user_id,
                self.env._(
                    "The refresh of %(company)s failed: %(error)s",
                    company=company.sudo().name,
                    error=job.exc_message or job.exc_name,
                ),
                "danger",
                company=company,
            )


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    coordination_redundancy_refresh_state = fields.Selection(
        STATE_SELECTION,
        string="Last Redundancy Refresh",
        compute="_compute_coordination_refresh_states",
        help="The state of the company's last refresh of the redundancy suggestions in the "
        "background (Refresh or the scheduled action).",
    )
    coordination_load_refresh_state = fields.Selection(
        STATE_SELECTION,
        string="Last Work Center Load Refresh",
        compute="_compute_coordination_refresh_states",
        help="The state of the company's last refresh of the work center load in the "
        "background (Refresh or the scheduled action).",
    )

    def _compute_coordination_refresh_states(self):
        keys = {
            (model_name, company.id): refresh_identity_key(model_name, company.id)
            for model_name in REFRESH_STATE_FIELDS
            for company in self
        }
        # sudo: only queue managers read jobs; this tells the state of the company's refresh.
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search_read(
                [("identity_key", "in", list(keys.values()))],
                ["identity_key", "state"],
                order="date_created DESC, id DESC",
            )
        )
        latest = {}
        for job in jobs:
            latest.setdefault(job["identity_key"], job["state"])
        for company in self:
            for model_name, field in REFRESH_STATE_FIELDS.items():
                state = latest.get(keys[model_name, company.id])
                company[field] = JOB_STATES.get(state, False)
