# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The priority refresh of every open MO as background jobs (OCA queue_job).

The scheduled action enqueues, per company, one job per chunk of PRIORITY_CHUNK_SIZE open MOs
(``_coordination_refresh_priority_job``) in the channel ``root.coordination_priority``
(``queue_job_channel_priority``), then one rerank of the company once they are all done
(``coordination.priority._rerank_company_job``, a queue_job dependency: ``group(...)
.on_done(...)``). A chunk refreshes the scores of its MOs only (``coordination.priority.
_refresh`` with ``coordination_rerank_skip``): it reads and locks no other MO, and does not
cost a rerank of the company; the company is reranked once, at the end. Each job is one
transaction: a chunk is refreshed whole or not at all. The engine already refreshes any subset
of MOs (a write refreshes one MO; a failing batch of the scheduled action is split in halves),
so chunks need no order. A concurrency error retries the chunk later; it reads its MOs again
(those closed meanwhile lose their rank, as in the inline refresh). Users' writes meanwhile
enqueue their own rerank (``coordination_priority_rank_job.py``), as at any time.
"""

import psycopg2

from odoo import api, models
from odoo.tools import split_every

from odoo.addons.queue_job.delay import group
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from .coordination_const import OPEN_MO_STATES
from .coordination_priority_rank_job import RANK_CHANNEL, RANK_JOB_PRIORITY, RANK_MAX_RETRIES

PRIORITY_CHANNEL = "root.coordination_priority"
PRIORITY_CHUNK_SIZE = 1000


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_enqueue_priority_refresh(self, chunk_size=PRIORITY_CHUNK_SIZE):
        """The scheduled action: one refresh job per chunk of open MOs of each company, then
        one rerank of the company when they are done (when every chunk of a company is
        already waiting, nothing is enqueued again for it).

        :return: the number of chunk jobs enqueued or already waiting
        """
        groups = self._read_group(
            [("state", "in", OPEN_MO_STATES)], ["company_id"], ["id:array_agg"]
        )
        count = 0
        Priority = self.env["coordination.priority"]
        for company, ids in groups:
            chunks = [
                self.browse(chunk)
                .delayable(
                    channel=PRIORITY_CHANNEL,
                    description=self.env._(
                        "Priority refresh of %(count)s orders of %(company)s",
                        count=len(chunk),
                        company=company.name,
                    ),
                    identity_key=identity_exact,
                )
                ._coordination_refresh_priority_job()
                for chunk in split_every(chunk_size, sorted(ids))
            ]
            rerank = Priority.delayable(
                channel=RANK_CHANNEL,
                priority=RANK_JOB_PRIORITY,
                description=self.env._("Ranks of %s", company.name),
                max_retries=RANK_MAX_RETRIES,
            )._rerank_company_job(company)
            group(*chunks).on_done(rerank).delay()
            count += len(chunks)
        return count

    def _coordination_refresh_priority_job(self):
        """The job: refresh the scores of these MOs (those deleted meanwhile are left out);
        their company is reranked by the job that follows the chunks."""
        productions = self.exists()
        try:
            self.env["coordination.priority"].with_context(coordination_rerank_skip=True)._refresh(
                productions
            )
        except psycopg2.Error as error:
            # A concurrent writer (serialization failure, deadlock): rolled back, tried later.
            raise RetryableJobError(str(error)) from error
        return len(productions)
