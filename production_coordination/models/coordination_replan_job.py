# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Applying a replan by priority, at once or as a background job (OCA queue_job).

A replan that moves at least ``production_coordination.replan_job_threshold`` work orders
(system parameter, REPLAN_JOB_THRESHOLD by default) is applied by a job
(``_apply_replan_job``) in the channel ``root.coordination_replan``
(``queue_job_channel_replan``); smaller ones are applied in the request. Either way the apply
reads the work orders again and leaves out the MOs that changed since the preview
(``coordination.replan._get_refusals``: a work order started, the MO closed or cancelled),
saying why, and the MOs the preview did not show.

A job is one transaction (queue_job commits it when the job returns and rolls it back when it
raises): the replan is applied whole or not at all. Its identity key (the work centers) makes a
second click, while the first job waits or runs, return that job. A concurrency error retries
the job later, which then reads everything again; any other error fails it at once. The user
who applied it is notified when it is done or has failed.
"""

import psycopg2

from odoo import SUPERUSER_ID, api, models

from odoo.addons.queue_job.exception import RetryableJobError

REPLAN_CHANNEL = "root.coordination_replan"
# Work orders moved from which a replan is applied in the background.
REPLAN_JOB_THRESHOLD = 200
REPLAN_JOB_THRESHOLD_PARAM = "production_coordination.replan_job_threshold"
REPLAN_MAX_RETRIES = 5


def replan_identity_key(workcenters):
    """One replan job waiting or running per set of work centers."""
    return "coordination_replan_" + "_".join(map(str, sorted(workcenters.ids)))


class CoordinationReplan(models.AbstractModel):
    _inherit = "coordination.replan"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _get_job_threshold(self):
        """Work orders moved from which a replan is applied in the background."""
        # sudo: a system parameter, read by every coordinator who applies a replan.
        value = self.env["ir.config_parameter"].sudo().get_param(REPLAN_JOB_THRESHOLD_PARAM, "")
        try:
            return max(int(value), 1)
        except ValueError:
            return REPLAN_JOB_THRESHOLD

    @api.model
    def _apply_previewed(self, workcenters, previewed):
        """Apply the replan of `workcenters` that a preview showed (`previewed`: its work
        orders), leaving out the MOs that changed since the preview.

        :return: {"moved": MOs whose dates changed, "refused": [why an MO was left out]}
        """
        refused = self._get_refusals(previewed)
        changes = self._replan(workcenters, apply=True, previewed=previewed)
        moved = [
            change
            for change in changes
            if (change["date_start_old"], change["date_finished_old"])
            != (change["date_start_new"], change["date_finished_new"])
        ]
        return {"moved": len(moved), "refused": list(refused.values())}

    @api.model
    def _enqueue_apply(self, workcenters, previewed):
        """The job applying this replan, or the one already waiting or running for these work
        centers. Runs as the caller (a coordinator: checked here and again by the job).

        :return: the job (``queue.job``, sudo: only queue managers may read jobs)
        """
        self.env["mrp.production"]._coordination_check_coordinator(
            self.env._("replan work orders by priority")
        )
        job = self.with_delay(
            channel=REPLAN_CHANNEL,
            description=self.env._(
                "Replan by priority of %s", ", ".join(workcenters.mapped("display_name"))
            ),
            identity_key=replan_identity_key(workcenters),
            max_retries=REPLAN_MAX_RETRIES,
        )._apply_replan_job(workcenters, previewed)
        return job if isinstance(job, models.BaseModel) else job.db_record()

    @api.model
    def _apply_replan_job(self, workcenters, previewed):
        """The job: apply the previewed replan in this job's transaction.

        :return: what was done, as a sentence (kept as the job's result)
        """
        try:
            result = self._apply_previewed(workcenters.exists(), previewed.exists())
        except psycopg2.Error as error:
            # A concurrent writer (serialization failure, deadlock): rolled back, tried later.
            raise RetryableJobError(str(error)) from error
        message = self._describe_result(result)
        self._notify_replan_user(
            self.env.user, message, "warning" if result["refused"] else "success"
        )
        return message

    @api.model
    def _describe_result(self, result):
        message = self.env._(
            "%(count)s manufacturing orders replanned by priority.", count=result["moved"]
        )
        if result["refused"]:
            message = " ".join([message, self.env._("Left as they are:"), *result["refused"]])
        return message

    @api.model
    def _notify_replan_user(self, user, message, kind):
        """A notification in the web client of the user who applied the replan."""
        if user.id == SUPERUSER_ID or user.share:
            return
        user._bus_send(
            "simple_notification",
            {
                "title": self.env._("Replan by Priority"),
                "message": message,
                "type": kind,
                "sticky": kind != "success",
            },
        )


class QueueJob(models.Model):
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._coordination_notify_failed_replans()
        return result

    def _coordination_notify_failed_replans(self):
        """The replan jobs among these have failed for good: tell the users who applied them."""
        replans = self.filtered(
            lambda job: job.model_name == "coordination.replan"
            and job.method_name == "_apply_replan_job"
        )
        for job in replans:
            self.env["coordination.replan"]._notify_replan_user(
                job.user_id,
                self.env._(
                    "The replan by priority failed, nothing was changed: %(error)s",
                    error=job.exc_message or job.exc_name,
                ),
                "danger",
            )
