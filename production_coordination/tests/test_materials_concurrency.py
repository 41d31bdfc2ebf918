# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from odoo import SUPERUSER_ID
from odoo.tests.common import tagged

from .common import ParallelRequestsCase

SCAN_LOGGER = "odoo.addons.production_coordination.models.coordination_material_scan"


@tagged("post_install", "-at_install")
class TestParallelScans(ParallelRequestsCase):
    """Two scans of one company at the same time, in two real transactions (threads, their own
    cursors, committed): one task, the second scan skips with an INFO line. What the test
    commits (a product below its reordering rule minimum, the task) is removed afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(cls._remove_committed_data)
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID)
            company = env.ref("base.main_company")
            warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
            product = env["product.product"].create(
                {"name": "Parallel Scan Part", "is_storable": True}
            )
            env["stock.warehouse.orderpoint"].create(
                {
                    "product_id": product.id,
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "product_min_qty": 5,
                    "product_max_qty": 10,
                    "company_id": company.id,
                }
            )
            cls.company_id, cls.product_id = company.id, product.id

    @classmethod
    def _remove_committed_data(cls):
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID, active_test=False)
            env["project.task"].search([("coordination_product_id", "=", cls.product_id)]).unlink()
            env["stock.warehouse.orderpoint"].search([("product_id", "=", cls.product_id)]).unlink()
            product = env["product.product"].browse(cls.product_id)
            template = product.product_tmpl_id
            product.unlink()
            template.unlink()

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_tasks)

    def _remove_tasks(self):
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID, active_test=False)
            env["project.task"].search([("coordination_product_id", "=", self.product_id)]).unlink()

    def _count_tasks(self):
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID, active_test=False)
            return env["project.task"].search_count(
                [("coordination_product_id", "=", self.product_id)]
            )

    def test_parallel_scans_leave_one_task(self):
        self.assertEqual(self._count_tasks(), 0)
        barrier = threading.Barrier(2)

        def scan():
            with self.registry.cursor() as cr:
                env = self._env(cr, SUPERUSER_ID)
                company = env["res.company"].browse(self.company_id)
                # Both transactions start (take their snapshot) before either scans.
                env["project.task"].search_count(
                    [("coordination_product_id", "=", self.product_id)]
                )
                barrier.wait(timeout=10)
                return env["coordination.material.scan"]._scan(
                    company, product_ids=[self.product_id]
                )[self.company_id]

        # (An int: Odoo names its level 25 "INFO" too.)
        with self.assertLogs(SCAN_LOGGER, level=logging.INFO) as logs:
            with ThreadPoolExecutor(max_workers=2) as executor:
                futures = [executor.submit(scan), executor.submit(scan)]
                results = [future.result(timeout=60) for future in futures]

        self.assertEqual(self._count_tasks(), 1)
        done = [counts for counts in results if counts is not None]
        self.assertEqual(len(done), 1, "one scan ran, the other skipped")
        self.assertEqual(done[0]["created"], 1)
        # The skip is logged once, as information (never a warning or an error).
        self.assertEqual({record.levelno for record in logs.records}, {logging.INFO})
        skipped = [record for record in logs.records if len(record.args) == 1]
        self.assertEqual(len(skipped), 1)

        # Afterwards a scan sees the task and changes nothing.
        self.assertEqual(self._scan_again(), 0)

    def test_scan_older_than_a_committed_scan_skips(self):
        """The second scan started its transaction before the first one committed its task: it
        must not see "no task" and insert another one; it skips instead."""
        started, first_done = threading.Event(), threading.Event()

        def late_scan():
            with self.registry.cursor() as cr:
                env = self._env(cr, SUPERUSER_ID)
                env["project.task"].search_count(
                    [("coordination_product_id", "=", self.product_id)]
                )
                started.set()
                first_done.wait(timeout=30)
                return env["coordination.material.scan"]._scan(
                    env["res.company"].browse(self.company_id), product_ids=[self.product_id]
                )[self.company_id]

        with ThreadPoolExecutor(max_workers=1) as executor:
            future = executor.submit(late_scan)
            started.wait(timeout=30)
            with self.registry.cursor() as cr:
                env = self._env(cr, SUPERUSER_ID)
                first = env["coordination.material.scan"]._scan(
                    env["res.company"].browse(self.company_id), product_ids=[self.product_id]
                )[self.company_id]
            first_done.set()
            with self.assertLogs(SCAN_LOGGER, level=logging.INFO) as logs:
                late = future.result(timeout=60)
        self.assertEqual(first["created"], 1)
        self.assertIsNone(late)
        self.assertEqual([record.levelno for record in logs.records], [logging.INFO])
        self.assertEqual(self._count_tasks(), 1)

    def _scan_again(self):
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            counts = env["coordination.material.scan"]._scan(
                env["res.company"].browse(self.company_id), product_ids=[self.product_id]
            )[self.company_id]
            return counts["created"] + counts["updated"]
