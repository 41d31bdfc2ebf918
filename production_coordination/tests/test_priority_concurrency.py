# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from concurrent.futures import ThreadPoolExecutor

from odoo import SUPERUSER_ID
from odoo.exceptions import UserError
from odoo.tests.common import new_test_user, tagged

from .common import GROUP_MANAGER, ParallelRequestsCase


@tagged("post_install", "-at_install")
class TestParallelRankPins(ParallelRequestsCase):
    """Two coordinators pin a rank at the same moment, in two real transactions: the second
    one sees the first pin and is refused, naming it; the first pin stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID)
            coordinators = [
                new_test_user(env, login, groups=GROUP_MANAGER, name=name)
                for login, name in (
                    ("pcp_par_cora", "Cora Parallel"),
                    ("pcp_par_cleo", "Cleo Parallel"),
                )
            ]
            product = env["product.product"].create({"name": "Parallel Pin Box"})
            bom = env["mrp.bom"].create({"product_tmpl_id": product.product_tmpl_id.id})
            productions = env["mrp.production"].create(
                [
                    {"product_id": product.id, "bom_id": bom.id, "product_qty": 1},
                    {"product_id": product.id, "bom_id": bom.id, "product_qty": 1},
                ]
            )
            productions.action_confirm()
            cls.user_ids = coordinators[0].ids + coordinators[1].ids
            cls.production_ids = productions.ids
            cls.product_id, cls.bom_id = product.id, bom.id
            cls.company_id = productions.company_id.id
            cls.start = productions[0].create_date
        # (Registered once the data is committed: a failed setup leaves nothing behind.)
        cls.addClassCleanup(cls._remove_committed_data)

    @classmethod
    def _remove_committed_data(cls):
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID, active_test=False)
            cls._remove_committed_productions(
                env, cls.production_ids, cls.bom_id, cls.product_id, cls.company_id
            )
            users = env["res.users"].browse(cls.user_ids)
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            # The rerank jobs these writes enqueued (no job runner in the tests).
            env["queue.job"].search(
                [
                    ("method_name", "=", "_rerank_company_job"),
                    ("date_created", ">=", cls.start),
                ]
            ).unlink()

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_pins)

    def _remove_pins(self):
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            env["mrp.production"].browse(self.production_ids).write(
                {
                    "coordination_rank_override": 0,
                    "coordination_rank_override_reason": False,
                    "coordination_rank_override_by_id": False,
                }
            )

    def _pin_together(self, pins):
        """[(user id, production id, rank, reason)] pinned at the same moment: both
        transactions have taken their snapshot before either pins. Returns, for each, None or
        the UserError it got."""
        barrier = threading.Barrier(len(pins))

        def pin(uid, production_id, rank, reason):
            try:
                self._request(
                    uid,
                    lambda env: env["mrp.production"]
                    .browse(production_id)
                    ._coordination_set_rank_override(rank, reason),
                    before=lambda env: barrier.wait(timeout=30),
                )
            except UserError as error:
                return error
            return None

        with ThreadPoolExecutor(max_workers=len(pins)) as executor:
            futures = [executor.submit(pin, *args) for args in pins]
            return [future.result(timeout=120) for future in futures]

    def test_second_pin_on_the_same_rank_sees_the_first(self):
        errors = self._pin_together(
            [
                (self.user_ids[0], self.production_ids[0], 1, "Trade show"),
                (self.user_ids[1], self.production_ids[1], 1, "Customer visit"),
            ]
        )
        refused = [error for error in errors if error]
        self.assertEqual(len(refused), 1, "one pin is placed, the other refused")
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            productions = env["mrp.production"].browse(self.production_ids)
            pinned = productions.filtered("coordination_rank_override")
            self.assertEqual(len(pinned), 1)
            self.assertEqual(pinned.coordination_rank, 1)
            # The refusal names the order pinned first and who pinned it.
            self.assertIn(pinned.name, str(refused[0]))
            self.assertIn(pinned.coordination_rank_override_by_id.name, str(refused[0]))

    def test_second_pin_of_the_same_order_sees_the_first(self):
        production_id = self.production_ids[0]
        errors = self._pin_together(
            [
                (self.user_ids[0], production_id, 1, "Mine first"),
                (self.user_ids[1], production_id, 2, "Mine second"),
            ]
        )
        self.assertEqual(len([error for error in errors if error]), 1)
        winner = errors.index(None)
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            production = env["mrp.production"].browse(production_id)
            self.assertEqual(production.coordination_rank_override, (1, 2)[winner])
            self.assertEqual(production.coordination_rank_override_by_id.id, self.user_ids[winner])
