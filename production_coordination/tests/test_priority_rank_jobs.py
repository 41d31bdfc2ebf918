# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A user's write on one MO refreshes that MO, and its company's ranks in a background job
(OCA queue_job): the write costs the same whatever the number of open MOs and writes no other
MO's row; the job reranks them, and every screen shows the same ranks."""

import threading
from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, fields
from odoo.tests.common import tagged

from odoo.addons.production_coordination.models import coordination_priority_rank_job
from odoo.addons.production_coordination.models.coordination_material_forecast import (
    READY,
    SHORT,
)
from odoo.addons.production_coordination.models.coordination_priority_rank_job import (
    RANK_CHANNEL,
    RANK_JOB_PRIORITY,
    RANK_MIN_INTERVAL,
    rank_identity_key,
)
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from .common import ParallelRequestsCase
from .common_priority import PriorityCase


class TestRerankJobs(PriorityCase):
    def _rank_jobs(self):
        return (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("identity_key", "=", rank_identity_key(self.company.id)),
                    ("state", "in", ("pending", "enqueued")),
                ]
            )
        )

    def _rows_updated(self):
        """Rows of MOs and work orders this transaction has updated so far (PostgreSQL's own
        count): each one is a row lock held until the commit."""
        self.env.cr.execute(
            """SELECT COALESCE(SUM(n_tup_upd), 0) FROM pg_stat_xact_user_tables
                WHERE relname IN ('mrp_production', 'mrp_workorder')"""
        )
        return self.env.cr.fetchone()[0]

    def _expedite(self, production):
        production.with_user(self.coordinator)._coordination_expedite("Customer called")
        self.env.flush_all()
        self.env.cr.precommit.run()  # what the commit would run first

    def test_a_write_reranks_in_a_job(self):
        first, second, third = (self._make_mo() for _i in range(3))
        self.assertEqual(self._ranks(first, second, third), [1, 2, 3])
        self._expedite(third)
        # The expedited MO's score is refreshed at once; the ranks wait for the job.
        self.assertEqual(third.coordination_score_expedite, 100)
        self.assertEqual([first.coordination_rank, third.coordination_rank], [1, 3])
        job = self._rank_jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(job.channel, RANK_CHANNEL)
        self.assertEqual(job.priority, RANK_JOB_PRIORITY)
        self.assertEqual(job.identity_key, rank_identity_key(self.company.id))
        self.assertEqual(job.user_id, self.coordinator)
        # A second write while the job waits joins it.
        self._expedite(second)
        self.assertEqual(self._rank_jobs(), job)
        # Same score: the older order first (second), then third; first moves down.
        self.assertEqual(self._ranks(second, third, first), [1, 2, 3])
        self.assertEqual(job.state, "done")
        self.assertEqual(job.result, "3")
        # Nothing moved: the next job moves nothing.
        self.env["coordination.priority"]._rerank_later(self.company)
        self.assertEqual(len(self._run_rank_jobs()), 1)
        self.assertEqual(self._ranks(second, third, first), [1, 2, 3])
        # The board (ordered by rank) and the rank column agree.
        board = (
            self.env["mrp.production"]
            .with_user(self.coordinator)
            .web_search_read(
                [("id", "in", (first | second | third).ids)],
                {"coordination_rank": {}},
                order="coordination_rank, id",
            )["records"]
        )
        self.assertEqual([row["id"] for row in board], (second | third | first).ids)
        self.assertEqual([row["coordination_rank"] for row in board], [1, 2, 3])

    def test_a_busy_company_is_reranked_at_most_every_ten_seconds(self):
        """A write right after a rank job began waits for RANK_MIN_INTERVAL after it (all the
        writes meanwhile join that job); a write after a quiet moment is ranked at once."""
        first, second = self._make_mo(), self._make_mo()
        self._run_rank_jobs()
        began = self.company.coordination_date_reranked
        self.assertTrue(began)
        self._expedite(second)
        job = self._rank_jobs()
        self.assertEqual(job.eta, began + RANK_MIN_INTERVAL)
        self._expedite(first)
        self.assertEqual(self._rank_jobs(), job)
        self._run_rank_jobs()
        # A quiet minute later: no wait.
        self.env.cr.execute(
            "UPDATE res_company SET coordination_date_reranked = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(minutes=1), self.company.id],
        )
        self.company.invalidate_recordset(["coordination_date_reranked"])
        first.with_user(self.coordinator)._coordination_expedite(
            "Customer called back", expedite=False
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertFalse(self._rank_jobs().eta)

    def test_pins_rank_at_once(self):
        first, second, third = (self._make_mo() for _i in range(3))
        self._run_rank_jobs()
        third.with_user(self.coordinator)._coordination_set_rank_override(1, "Trade show")
        # Pinning is the rank the coordinator asked for: placed in their transaction.
        self.assertEqual(
            [third.coordination_rank, first.coordination_rank, second.coordination_rank],
            [1, 2, 3],
        )
        self.assertFalse(self._rank_jobs())
        third.with_user(self.coordinator).action_coordination_remove_rank_override()
        self.assertEqual(
            [first.coordination_rank, second.coordination_rank, third.coordination_rank],
            [1, 2, 3],
        )

    def test_a_closed_mo_loses_its_rank_and_the_job_closes_the_gap(self):
        first, second, third = (self._make_mo() for _i in range(3))
        self._run_rank_jobs()
        second.with_user(self.coordinator).action_cancel()
        self.assertFalse(second.coordination_rank)
        self.assertEqual(self._ranks(first, third), [1, 2])

    def test_a_change_of_the_netting_is_netted_by_the_job(self):
        """A user moves an MO's start before another MO that needs the same component: the
        user's transaction keeps its last components' forecast and counts a netting request
        (it reads no other MO's demand); the rank job nets it again, then the request is gone."""
        self._stock(1)
        today = fields.Datetime.now().replace(hour=8, minute=0, second=0, microsecond=0)
        first = self._make_mo(date_start=today + timedelta(days=3))
        second = self._make_mo(date_start=today + timedelta(days=6))
        self._run_rank_jobs()
        self.assertEqual(
            [first.coordination_readiness, second.coordination_readiness], [READY, SHORT]
        )
        second.with_user(self.coordinator).write({"date_start": today + timedelta(days=1)})
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(second.coordination_readiness, SHORT)
        # (two: the start date's write, then its moves' dates before the commit)
        self.assertGreater(second.coordination_netting_requests, 0)
        self.assertEqual(len(self._rank_jobs()), 1)
        self._run_rank_jobs()
        self.assertEqual(
            [first.coordination_readiness, second.coordination_readiness], [READY, READY]
        )
        self.assertEqual(second.coordination_netting_requests, 0)
        # A cancelled MO's request is netted too (its reservations to move), then gone.
        second.with_user(self.coordinator).action_cancel()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertGreater(second.coordination_netting_requests, 0)
        self._run_rank_jobs()
        self.assertEqual(second.coordination_netting_requests, 0)
        self.assertFalse(second.coordination_rank)

    def test_one_mos_refresh_costs_the_same_with_5_and_50_open_mos(self):
        """The guard: Expedite of one MO, with 5 then 50 open MOs in the company, makes the same
        queries and updates the same rows (its own; the rank of every MO that moves is the
        job's)."""
        warm = self._make_mo()
        productions = [self._make_mo() for _i in range(4)]
        self._run_rank_jobs()
        self._expedite(warm)  # caches (job function, channel) as in a running server
        self._run_rank_jobs()
        updated = self._rows_updated()
        with self.assertQueryCount(24):
            self._expedite(productions[-1])
        with_5 = self._rows_updated() - updated
        self._run_rank_jobs()

        productions += [self._make_mo() for _i in range(45)]
        self.assertEqual(
            self.env["mrp.production"].search_count(
                [("company_id", "=", self.company.id), ("state", "=", "confirmed")]
            ),
            50,
        )
        self._run_rank_jobs()
        updated = self._rows_updated()
        with self.assertQueryCount(24):
            self._expedite(productions[-1])
        self.assertEqual(self._rows_updated() - updated, with_5)
        self.assertEqual(len(self._rank_jobs()), 1)
        self.assertEqual(self._ranks(warm, productions[3], productions[-1]), [1, 2, 3])


@tagged("post_install", "-at_install")
class TestRerankJobRetry(ParallelRequestsCase):
    """A rerank job whose transaction meets a user's write committed on one of the MOs it
    reranks (real transactions): PostgreSQL refuses its UPDATE, the job asks queue_job to
    retry it, and the retry, in a new transaction, ranks right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID)
            cls.start = fields.Datetime.now()
            product = env["product.product"].create({"name": "Retry Rank Box"})
            bom = env["mrp.bom"].create({"product_tmpl_id": product.product_tmpl_id.id})
            productions = env["mrp.production"].create(
                [{"product_id": product.id, "bom_id": bom.id, "product_qty": 1} for _i in range(2)]
            )
            productions.action_confirm()
            cls.production_ids = productions.ids
            cls.product_id, cls.bom_id = product.id, bom.id
            cls.company_id = productions.company_id.id
        cls.job_uuids = []
        cls.addClassCleanup(cls._remove_committed_data)

    @classmethod
    def _remove_committed_data(cls):
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID, active_test=False)
            cls._remove_committed_productions(
                env, cls.production_ids, cls.bom_id, cls.product_id, cls.company_id
            )
            # The rerank jobs enqueued here, and those the tests ran (a waiting job may be
            # older than this class): none stays behind, not even one left started.
            env["queue.job"].search(
                [
                    ("identity_key", "=", rank_identity_key(cls.company_id)),
                    "|",
                    ("date_created", ">=", cls.start),
                    ("uuid", "in", cls.job_uuids),
                ]
            ).unlink()

    def _stale_ranks(self):
        """The second MO now scores highest, both ranks are stale, a rerank job waits: its
        uuid (committed)."""
        first_id, second_id = self.production_ids
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            cr.execute(
                "UPDATE mrp_production SET coordination_rank = NULL,"
                " coordination_priority_score = CASE id WHEN %s THEN 100000 ELSE -100000 END"
                " WHERE id IN %s",
                [second_id, (first_id, second_id)],
            )
            company = env["res.company"].browse(self.company_id)
            uuid = env["coordination.priority"]._rerank_later(company).uuid
            self.job_uuids.append(uuid)
            return uuid

    def test_the_runners_job_waits_for_a_users_write_instead_of_failing(self):
        """As queue_job's controller runs it (committed after `set_started`, then performed
        in a new transaction: READ COMMITTED), a rank UPDATE on a row a user's transaction
        holds waits for that user's commit, then writes: no failure, no retry."""
        first_id, second_id = self.production_ids
        uuid = self._stale_ranks()
        user_cr = self.registry.cursor()
        # A user's write on the second MO, not committed yet: it holds the row.
        user_cr.execute("UPDATE mrp_production SET write_date = now() WHERE id = %s", [second_id])

        def commit_the_users_write():
            user_cr.commit()
            user_cr.close()

        timer = threading.Timer(1.0, commit_the_users_write)
        timer.start()
        try:
            moved = self._perform_as_the_runner(uuid)  # waits for the user's commit, then writes
        finally:
            timer.join()
        self.assertGreaterEqual(moved, 2)
        self._assert_second_ranks_first()

    def _perform_as_the_runner(self, uuid):
        """Perform the job as queue_job's controller does: committed after `set_started`, then
        performed in a new transaction (READ COMMITTED), done, committed. Its result."""
        with self.registry.cursor() as job_cr:
            env = self._env(job_cr, SUPERUSER_ID)
            job = Job.load(env, uuid)
            job.set_started()
            job.store()
            job_cr.commit()
            moved = job.perform()
            job.set_done()
            job.store()
            return moved

    def _assert_second_ranks_first(self):
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            first, second = env["mrp.production"].browse(self.production_ids)
            self.assertEqual(second.coordination_rank, 1)
            self.assertGreater(first.coordination_rank, second.coordination_rank)

    def test_the_runners_job_commits_the_ranks_by_chunks(self):
        """As the runner runs it, the job writes and commits the ranks by chunks: while a
        user's transaction holds the MO of its last chunk, the ranks of the first chunk are
        already committed (seen from another transaction), so a user's write meets a short
        UPDATE, not the whole company's; then the last chunk is written."""
        first_id, second_id = self.production_ids
        uuid = self._stale_ranks()  # new order: second (1), first (2): two chunks of one
        user_cr = self.registry.cursor()
        user_cr.execute("UPDATE mrp_production SET write_date = now() WHERE id = %s", [first_id])
        outcome = {}

        def run_the_job():
            outcome["moved"] = self._perform_as_the_runner(uuid)

        with patch.object(coordination_priority_rank_job, "RANK_COMMIT_ROWS", 1):
            runner = threading.Thread(target=run_the_job)
            runner.start()
            try:
                seen = None
                for _i in range(100):
                    with self.registry.cursor() as cr:
                        cr.execute(
                            "SELECT coordination_rank FROM mrp_production WHERE id = %s",
                            [second_id],
                        )
                        seen = cr.fetchone()[0]
                    if seen == 1:
                        break
                    runner.join(0.1)
                # The job still waits for the user's row (its last chunk) ...
                self.assertTrue(runner.is_alive())
                # ... and the first chunk is committed.
                self.assertEqual(seen, 1)
            finally:
                user_cr.commit()
                user_cr.close()
                runner.join(30)
        self.assertGreaterEqual(outcome.get("moved", 0), 2)
        self._assert_second_ranks_first()

    def test_a_job_meeting_a_concurrent_write_is_retried(self):
        """Outside the runner (a transaction that has already read: REPEATABLE READ, Odoo's
        default), the write committed after its snapshot makes PostgreSQL refuse the UPDATE:
        the job asks queue_job to retry it."""
        first_id, second_id = self.production_ids
        uuid = self._stale_ranks()
        with self.registry.cursor() as job_cr:
            env = self._env(job_cr, SUPERUSER_ID)
            job = Job.load(env, uuid)  # the job's transaction has taken its snapshot
            # Meanwhile a user's write on the second MO commits.
            with self.registry.cursor() as user_cr:
                user_cr.execute(
                    "UPDATE mrp_production SET write_date = now() WHERE id = %s", [second_id]
                )
            try:
                job.perform()
            except RetryableJobError as error:
                refused = error
            else:
                refused = None
            job_cr.rollback()
        self.assertIsInstance(refused, RetryableJobError)
        self.assertIsInstance(refused.__cause__, psycopg2.errors.SerializationFailure)
        self.assertEqual(refused.seconds, 5)
        # The retry, a new transaction, sees the write and ranks.
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            job = Job.load(env, uuid)
            job.perform()
            first, second = env["mrp.production"].browse(self.production_ids)
            self.assertEqual(second.coordination_rank, 1)
            self.assertGreater(first.coordination_rank, second.coordination_rank)
