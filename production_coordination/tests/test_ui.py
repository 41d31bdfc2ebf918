# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .browser import TourMixin
from .common import GROUP_MANAGER, GROUP_SUPERVISOR


@tagged("post_install", "-at_install")
class TestUi(TourMixin, HttpCase):
    def test_coordinator_opens_coordination_app(self):
        coordinator = new_test_user(
            self.env, "pc_tour_coordinator", groups=GROUP_MANAGER, name="Tour Coordinator"
        )
        self.env["coordination.department"].create(
            {"name": "Tour Assembly", "code": "TOURA", "supervisor_id": coordinator.id}
        )
        self.start_tour_or_fail("/odoo", "production_coordination_open_app", coordinator.login)

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
        self.start_tour_or_fail(
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
        self.start_tour_or_fail(
            "/odoo/coordination", "production_coordination_dashboard", coordinator.login
        )
        self.assertEqual(coordinator.coordination_dashboard_filters["department_ids"], cutting.ids)
        self.assertTrue(painting.active)

    def test_coordinator_dashboard_on_a_phone(self):
        """At 390 px the departments are cards with their load bars, nothing cut off."""
        coordinator = new_test_user(
            self.env, "pc_tour_phone", groups=GROUP_MANAGER, name="Phone Coordinator", tz="UTC"
        )
        calendar = self.env["resource.calendar"].create({"name": "Tour 40 h", "tz": "UTC"})
        saw, booth = self.env["mrp.workcenter"].create(
            [
                {"name": "Tour Panel Saw", "resource_calendar_id": calendar.id},
                {"name": "Tour Spray Booth", "resource_calendar_id": calendar.id},
            ]
        )
        self.env["coordination.department"].create(
            [
                {
                    "name": "Tour Cutting and Edge Banding",
                    "code": "TOURCE",
                    "supervisor_id": coordinator.id,
                    "workcenter_ids": [Command.set(saw.ids)],
                },
                {
                    "name": "Tour Painting and Finishing",
                    "code": "TOURPF",
                    "workcenter_ids": [Command.set(booth.ids)],
                },
            ]
        )
        product = self.env["product.product"].create({"name": "Tour Cabinet", "is_storable": True})
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Cut", "workcenter_id": saw.id, "time_cycle_manual": 600}
                    ),
                    Command.create(
                        {"name": "Paint", "workcenter_id": booth.id, "time_cycle_manual": 300}
                    ),
                ],
            }
        )
        production = self.env["mrp.production"].create(
            {
                "product_id": product.id,
                "bom_id": bom.id,
                "product_qty": 3,
                "date_start": datetime.now() + timedelta(hours=1),
            }
        )
        production.action_confirm()
        self.env["coordination.workcenter.load"]._refresh(self.env.company)
        coordinator.coordination_dashboard_filters = False
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo/coordination",
            "production_coordination_dashboard_phone",
            coordinator.login,
            phone=True,
        )

    def test_dashboard_component(self):
        """The dashboard's component tests (hoot: static/tests/unit/), in the browser."""
        try:
            self.browser_js(
                "/web/tests?headless&loglevel=2&timeout=15000"
                "&filter=production_coordination%20dashboard",
                "",
                "",
                login="admin",
                timeout=900,
                success_signal="[HOOT] test suite succeeded",
                error_checker=lambda message: "[HOOT]" not in message
                or message == "[HOOT] test failed (see above for details)",
            )
        except unittest.SkipTest as exc:
            self.fail(f"The browser test could not run: {exc}")
