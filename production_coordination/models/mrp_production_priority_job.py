# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The priority refresh of every open MO as background jobs (OCA queue_job).

The scheduled action enqueues one job per chunk of PRIORITY_CHUNK_SIZE open MOs of a company
(``_coordination_refresh_priority_job``), in the channel ``root.coordination_priority``
(``queue_job_channel_priority``). Each job is the usual refresh of its MOs
(``coordination.priority._refresh``: their scores, then their company's ranks), in one
transaction: a chunk is refreshed whole or not at all. The engine already refreshes any subset
of MOs (a write refreshes one MO; a failing batch of the scheduled action is split in halves),
so chunks need no order. A concurrency error retries the chunk later; it reads its MOs again
(those closed meanwhile lose their rank, as in the inline refresh).
"""

import psycopg2

from odoo import api, models
from odoo.tools import split_every

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from .coordination_const import OPEN_MO_STATES

PRIORITY_CHANNEL = "root.coordination_priority"
PRIORITY_CHUNK_SIZE = 1000


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_enqueue_priority_refresh(self, chunk_size=PRIORITY_CHUNK_SIZE):
        """The scheduled action: one refresh job per chunk of open MOs of each company (a chunk
        already waiting with the same MOs is not enqueued again).

        :return: the number of jobs enqueued
        """
        groups = self._read_group(
            [("state", "in", OPEN_MO_STATES)], ["company_id"], ["id:array_agg"]
        )
        count = 0
        for company, ids in groups:
            for chunk in split_every(chunk_size, sorted(ids)):
                self.browse(chunk).with_delay(
                    channel=PRIORITY_CHANNEL,
                    description=self.env._(
                        "Priority refresh of %(count)s orders of %(company)s",
                        count=len(chunk),
                        company=company.name,
                    ),
                    identity_key=identity_exact,
                )._coordination_refresh_priority_job()
                count += 1
        return count

    def _coordination_refresh_priority_job(self):
        """The job: refresh these MOs (those deleted meanwhile are left out)."""
        productions = self.exists()
        try:
            self.env["coordination.priority"]._refresh(productions)
        except psycopg2.Error as error:
            # A concurrent writer (serialization failure, deadlock): rolled back, tried later.
            raise RetryableJobError(str(error)) from error
        return len(productions)
