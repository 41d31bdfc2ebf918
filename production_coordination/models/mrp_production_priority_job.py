# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The priority refresh of every open MO as background jobs (OCA queue_job).

The scheduled action enqueues one planning job per company with open MOs
(``res.company._coordination_plan_priority_refresh_job``; one waits per company: identity key
``coordination_priority_refresh_company_<id>``) in the channel ``root.coordination_priority``
(``queue_job_channel_priority``). The planning job reads the company's open MOs and nets their
components once (``coordination.material.forecast._forecast_productions_and_moves``: one pass
over the open demand of those components; it writes the reservations to move, no MO), then
enqueues one job per chunk of PRIORITY_CHUNK_SIZE MOs (``_coordination_refresh_priority_job``)
carrying the forecast of its MOs, and one rerank of the company once they are all done
(``coordination.priority._rerank_company_job``, a queue_job dependency: ``group(...)
.on_done(...)``). A chunk writes the scores of its MOs only: it nets no component again, reads
and locks no other MO, and costs no rerank; the company is reranked once, at the end. Each job
is one transaction: a chunk is refreshed whole or not at all. A concurrency error retries a
job later; it reads its MOs again (those closed meanwhile lose their rank, as in the inline
refresh). Users' writes meanwhile enqueue their own rerank (``coordination_priority_rank_job``).
"""

import psycopg2

from odoo import api, fields, models
from odoo.tools import split_every

from odoo.addons.queue_job.delay import group
from odoo.addons.queue_job.exception import RetryableJobError

from .coordination_const import OPEN_MO_STATES
from .coordination_priority_rank_job import RANK_CHANNEL, RANK_JOB_PRIORITY, RANK_MAX_RETRIES

PRIORITY_CHANNEL = "root.coordination_priority"
PRIORITY_CHUNK_SIZE = 1000


def refresh_identity_key(company_id):
    """The identity key of a company's planning job: one scheduled refresh waits per company."""
    return f"coordination_priority_refresh_company_{company_id}"


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_enqueue_priority_refresh(self, chunk_size=PRIORITY_CHUNK_SIZE):
        """The scheduled action: one planning job per company with open MOs (unless one is
        already waiting for it), which enqueues the chunks.

        :return: the planning jobs (``queue.job``, sudo)
        """
        groups = self._read_group([("state", "in", OPEN_MO_STATES)], ["company_id"])
        jobs = self.env["queue.job"].sudo()
        for (company,) in groups:
            job = company.with_delay(
                channel=PRIORITY_CHANNEL,
                description=self.env._("Priority refresh of %s", company.name),
                identity_key=refresh_identity_key(company.id),
            )._coordination_plan_priority_refresh_job(chunk_size=chunk_size)
            jobs |= job if isinstance(job, models.BaseModel) else job.db_record()
        return jobs

    def _coordination_refresh_priority_job(self, forecast=None):
        """The job: write the scores of these MOs (those deleted meanwhile are left out) from
        ``forecast`` ({MO id (str): `_forecast_productions`'s value}, as the planning job
        computed it; computed here when not given); their company is reranked by the job that
        follows the chunks."""
        productions = self.exists()
        if forecast is not None:
            forecast = {
                int(production_id): {
                    **info,
                    "date_expected": fields.Datetime.to_datetime(info["date_expected"]),
                    "shortages": {int(p): qty for p, qty in info["shortages"].items()},
                }
                for production_id, info in forecast.items()
            }
        try:
            self.env["coordination.priority"].with_context(coordination_rerank_skip=True)._refresh(
                productions, forecast=forecast
            )
        except psycopg2.Error as error:
            # A concurrent writer (serialization failure, deadlock): rolled back, tried later.
            raise RetryableJobError(str(error)) from error
        return len(productions)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _coordination_plan_priority_refresh_job(self, chunk_size=PRIORITY_CHUNK_SIZE):
        """The planning job of the scheduled refresh of this company: net the components of its
        open MOs once (and store the reservations to move), then enqueue the chunks, each with
        the forecast of its MOs, and the company's rerank after them.

        :return: the number of chunk jobs enqueued
        """
        self.ensure_one()
        Production = self.env["mrp.production"]
        productions = Production.search(
            [("company_id", "=", self.id), ("state", "in", OPEN_MO_STATES)], order="id"
        )
        if not productions:
            return 0
        try:
            forecast, keys, suggestions = self.env[
                "coordination.material.forecast"
            ]._forecast_productions_and_moves(productions)
            self.env["coordination.reservation.suggestion"]._sync(
                keys, suggestions, productions.ids
            )
        except psycopg2.Error as error:
            # A concurrent writer of the reservations to move: rolled back, tried later.
            raise RetryableJobError(str(error)) from error
        chunks = [
            Production.browse(chunk)
            .delayable(
                channel=PRIORITY_CHANNEL,
                description=self.env._(
                    "Priority refresh of %(count)s orders of %(company)s",
                    count=len(chunk),
                    company=self.name,
                ),
            )
            ._coordination_refresh_priority_job(
                forecast={str(production_id): forecast[production_id] for production_id in chunk}
            )
            for chunk in split_every(chunk_size, productions.ids)
        ]
        rerank = (
            self.env["coordination.priority"]
            .delayable(
                channel=RANK_CHANNEL,
                priority=RANK_JOB_PRIORITY,
                description=self.env._("Ranks of %s", self.name),
                max_retries=RANK_MAX_RETRIES,
            )
            ._rerank_company_job(self)
        )
        group(*chunks).on_done(rerank).delay()
        return len(chunks)
