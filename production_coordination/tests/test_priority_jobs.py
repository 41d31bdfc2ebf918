# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The priority refresh of every open MO as queue_job jobs: a planning job per company, then
its chunks, then its rerank."""

from odoo.addons.production_coordination.models.coordination_priority_rank_job import (
    RANK_CHANNEL,
)
from odoo.addons.production_coordination.models.mrp_production_priority_job import (
    PRIORITY_CHANNEL,
    refresh_identity_key,
)
from odoo.addons.queue_job.tests.common import trap_jobs

from .common_priority import PriorityCase


class TestPriorityRefreshJobs(PriorityCase):
    def test_open_mos_are_refreshed_in_chunks(self):
        first, second, third = (self._make_mo() for _i in range(3))
        done = self._make_mo()
        done.action_cancel()
        mos = first + second + third
        self._run_rank_jobs()
        # Scored and ranked long ago: each chunk writes the date of its refresh, the rerank
        # that follows them the ranks.
        self.env.cr.execute(
            "UPDATE mrp_production SET coordination_date_scored = NULL, coordination_rank = NULL"
            " WHERE id = ANY(%s)",
            [mos.ids],
        )
        mos.invalidate_recordset(["coordination_date_scored", "coordination_rank"])
        Production = self.env["mrp.production"]
        with trap_jobs() as trap:
            Production._cron_enqueue_priority_refresh(chunk_size=2)
            # One planning job per company, on the priority channel.
            plan = [
                job
                for job in trap.enqueued_jobs
                if job.method_name == "_coordination_plan_priority_refresh_job"
                and job.recordset == self.company
            ]
            self.assertEqual(len(plan), 1)
            self.assertEqual(plan[0].channel, PRIORITY_CHANNEL)
            self.assertEqual(plan[0].identity_key, refresh_identity_key(self.company.id))
            plan[0].perform()
            # It nets the components once and writes no MO; then the chunks of this company:
            # (first, second) and (third), never the cancelled MO, each with its forecast.
            self.assertFalse(any(mos.mapped("coordination_date_scored")))
            ours = sorted(
                (
                    job
                    for job in trap.enqueued_jobs
                    if job.method_name == "_coordination_refresh_priority_job"
                    and set(job.recordset.ids) & set((mos + done).ids)
                ),
                key=lambda job: min(job.recordset.ids),
            )
            self.assertEqual(
                [set(job.recordset.ids) for job in ours],
                [set((first + second).ids), set(third.ids)],
            )
            self.assertEqual({job.channel for job in ours}, {PRIORITY_CHANNEL})
            self.assertEqual(set(ours[0].kwargs["forecast"]), {str(first.id), str(second.id)})
            # One rerank of the company, once its chunks are done.
            rerank = [
                job
                for job in trap.enqueued_jobs
                if job.method_name == "_rerank_company_job" and job.args[0] == self.company
            ]
            self.assertEqual(len(rerank), 1)
            self.assertEqual(rerank[0].channel, RANK_CHANNEL)
            self.assertEqual(rerank[0].depends_on, set(ours))
            for job in ours:
                job.perform()
            # The chunks write the scores only: no rerank per chunk.
            self.assertTrue(all(mos.mapped("coordination_date_scored")))
            self.assertEqual(set(mos.mapped("coordination_readiness")), {"short"})
            self.assertFalse(any(mos.mapped("coordination_rank")))
            self.assertFalse(self._run_rank_jobs())
            rerank[0].perform()
        self.assertEqual(sorted(mos.mapped("coordination_rank")), [1, 2, 3])

    def test_a_refresh_waiting_is_not_enqueued_twice(self):
        self._make_mo()
        Production = self.env["mrp.production"]
        first = Production._cron_enqueue_priority_refresh()
        again = Production._cron_enqueue_priority_refresh()
        self.assertEqual(first, again)
        ours = first.filtered(lambda job: job.identity_key == refresh_identity_key(self.company.id))
        self.assertEqual(len(ours), 1)
        self.assertEqual(ours.state, "pending")
