# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_MANAGER, GROUP_SUPERVISOR


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def _start_tour_or_fail(self, url, tour, login):
        # Odoo skips a browser test when Chromium or websocket-client is missing:
        # for us that is a broken installation, so the test fails instead.
        try:
            self.start_tour(url, tour, login=login)
        except unittest.SkipTest as exc:
            self.fail(f"The browser test could not run: {exc}")

    def test_coordinator_opens_coordination_app(self):
        coordinator = new_test_user(
            self.env, "pc_tour_coordinator", groups=GROUP_MANAGER, name="Tour Coordinator"
        )
        self.env["coordination.department"].create(
            {"name": "Tour Assembly", "code": "TOURA", "supervisor_id": coordinator.id}
        )
        self._start_tour_or_fail("/odoo", "production_coordination_open_app", coordinator.login)

    def test_supervisor_accepts_and_blocks_handoffs(self):
        supervisor = new_test_user(
            self.env,
            "pc_tour_supervisor",
            groups=f"{GROUP_SUPERVISOR},mrp.group_mrp_user",
            name="Tour Supervisor",
        )
        bench = self.env["mrp.workcenter"].create({"name": "Tour Bench"})
        department = self.env["coordination.department"].create(
            {
                "name": "Tour Welding",
                "code": "TOURW",
                "supervisor_id": supervisor.id,
                "member_ids": [Command.set(supervisor.ids)],
                "workcenter_ids": [Command.set(bench.ids)],
            }
        )
        product = self.env["product.product"].create({"name": "Tour Frame", "is_storable": True})
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Weld", "workcenter_id": bench.id, "time_cycle_manual": 30}
                    )
                ],
            }
        )
        productions = self.env["mrp.production"].create(
            [
                {"product_id": product.id, "bom_id": bom.id, "product_qty": qty, "origin": origin}
                for qty, origin in ((1, "TOUR-ACCEPT"), (2, "TOUR-BLOCK"))
            ]
        )
        productions.action_confirm()
        to_accept, to_block = productions.coordination_handoff_ids.sorted("production_id")
        self.assertEqual((to_accept.state, to_block.state), ("ready", "ready"))

        self.env.flush_all()
        self._start_tour_or_fail(
            "/odoo/coordination-handoffs",
            "production_coordination_supervisor_handoffs",
            supervisor.login,
        )
        self.assertEqual(to_accept.state, "in_progress")
        self.assertEqual(to_block.state, "blocked")
        self.assertEqual(to_block.block_reason, "Welding wire out of stock")
        self.assertEqual(to_block.blocked_by_id, supervisor)
        self.assertEqual(department.handoff_blocked_count, 1)

    def test_coordinator_filters_the_dashboard_and_opens_a_tile(self):
        coordinator = new_test_user(
            self.env, "pc_tour_dashboard", groups=GROUP_MANAGER, name="Dashboard Coordinator"
        )
        saw, booth = self.env["mrp.workcenter"].create(
            [{"name": "Tour Saw"}, {"name": "Tour Booth"}]
        )
        cutting, painting = self.env["coordination.department"].create(
            [
                {"name": "Tour Cutting", "code": "TOURC", "workcenter_ids": [Command.set(saw.ids)]},
                {
                    "name": "Tour Painting",
                    "code": "TOURP",
                    "workcenter_ids": [Command.set(booth.ids)],
                },
            ]
        )
        product = self.env["product.product"].create({"name": "Tour Desk", "is_storable": True})
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Cut", "workcenter_id": saw.id, "time_cycle_manual": 30}
                    ),
                    Command.create(
                        {"name": "Paint", "workcenter_id": booth.id, "time_cycle_manual": 30}
                    ),
                ],
            }
        )
        production = self.env["mrp.production"].create({"product_id": product.id, "bom_id": bom.id})
        production.action_confirm()
        leg = production.coordination_handoff_ids.filtered(lambda h: h.department_id == cutting)
        leg._block("Saw blade broken")
        # The filters the user chose last time are what the dashboard opens with: start from all.
        coordinator.coordination_dashboard_filters = False
        self.env.flush_all()
        self._start_tour_or_fail(
            "/odoo/coordination", "production_coordination_dashboard", coordinator.login
        )
        self.assertEqual(coordinator.coordination_dashboard_filters["department_ids"], cutting.ids)
        self.assertTrue(painting.active)
