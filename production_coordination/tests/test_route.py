# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from .common import RouteCase


class TestRoute(RouteCase):
    def test_confirmed_mo_gets_one_leg_per_department_in_operation_order(self):
        production = self._make_mo()
        self.assertEqual(
            self._route(production), [("TCUT", "ready"), ("TASM", "waiting"), ("TQC", "waiting")]
        )
        cutting = self._leg(production, self.cutting)
        # Consecutive operations of one department form one leg.
        self.assertEqual(
            cutting.workorder_ids, self._wo(production, "Cut") | self._wo(production, "Drill")
        )
        self.assertTrue(cutting.date_ready)
        self.assertEqual(production.coordination_current_handoff_id, cutting)
        self.assertEqual(self._wo(production, "Assemble").coordination_department_id, self.assembly)

    def test_draft_mo_has_no_route(self):
        production = self._make_mo(confirm=False)
        self.assertFalse(production.coordination_handoff_ids)

    def test_same_department_apart_gives_two_legs(self):
        production = self._make_mo()
        self._wo(production, "Inspect").workcenter_id = self.wc_drill
        self.assertEqual(
            self._route(production), [("TCUT", "ready"), ("TASM", "waiting"), ("TCUT", "waiting")]
        )

    def test_mo_without_work_orders_uses_operation_type_department(self):
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "product_qty": 1,
                "sequence": 100,
                "bom_line_ids": [
                    Command.create({"product_id": self.component.id, "product_qty": 1})
                ],
            }
        )
        picking_type = (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.company.id)], limit=1)
            .manu_type_id
        )
        picking_type.coordination_department_id = self.assembly
        production = self._make_mo(bom=bom)
        self.assertFalse(production.workorder_ids)
        self.assertEqual(self._route(production), [("TASM", "ready")])

        picking_type.coordination_department_id = False
        production = self._make_mo(bom=bom)
        self.assertFalse(production.coordination_handoff_ids)

    def test_adding_and_moving_operations_rebuilds_route(self):
        production = self._make_mo()
        # A new operation on the inspection bench, after everything: joins the Quality leg.
        self.env["mrp.workorder"].create(
            {
                "name": "Pack",
                "production_id": production.id,
                "workcenter_id": self.wc_inspect.id,
                "product_uom_id": production.product_uom_id.id,
                "sequence": 99,
            }
        )
        quality = self._leg(production, self.quality)
        self.assertEqual(len(quality), 1)
        self.assertIn(self._wo(production, "Pack"), quality.workorder_ids)
        # The assembly operation moves to the inspection bench: Quality takes it over.
        self._wo(production, "Assemble").workcenter_id = self.wc_inspect
        self.assertEqual(self._route(production), [("TCUT", "ready"), ("TQC", "waiting")])
        self.assertEqual(len(self._leg(production, self.quality).workorder_ids), 3)

    def test_started_leg_is_never_lost(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        self._wo(production, "Cut").with_user(self.alice).button_start()
        self.assertEqual(cutting.state, "in_progress")
        # Moving the drilling to another department keeps the started leg and its work.
        self._wo(production, "Drill").workcenter_id = self.wc_bench
        self.assertEqual(
            self._route(production),
            [("TCUT", "in_progress"), ("TASM", "waiting"), ("TQC", "waiting")],
        )
        self.assertEqual(self._leg(production, self.cutting), cutting)
        self.assertEqual(cutting.workorder_ids, self._wo(production, "Cut"))
        # Unlinking its last unstarted work order elsewhere does not touch it either.
        self._wo(production, "Inspect").unlink()
        self.assertEqual(self._route(production), [("TCUT", "in_progress"), ("TASM", "waiting")])
        self.assertTrue(cutting.exists())

    def test_route_posted_on_chatter(self):
        production = self._make_mo()
        bodies = " ".join(production.message_ids.mapped("body"))
        self.assertIn("T-Cutting", bodies)
        self.assertIn("T-Quality", bodies)
