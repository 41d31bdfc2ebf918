# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What covers a component is what is physically there, in every later state of an MO.

Once an MO's work starts, Odoo marks its component moves picked with their whole quantity and
reserves it on the quants even when nothing is on hand: those moves must still count as short
for the low-stock task, the MO's readiness and the delivery risk of the purchases that feed it.
"""

from odoo import Command
from odoo.tests import Form, new_test_user

from .common import PURCHASE_USER
from .common_materials import PhysicalCase


class TestPhysicalCover(PhysicalCase):
    def test_started_work_without_stock_is_short_until_the_receipt(self):
        production = self._make_wo_mo(2, 2)  # 4 tubes, nothing on hand
        self._start(production)
        # Odoo's own view: the 4 tubes are "reserved" and picked although none is there.
        move = production.move_raw_ids
        self.assertEqual((move.quantity, move.picked), (4.0, True))

        self._scan()
        self.assertEqual(self._task_state(), (4.0, production))
        line = self._tasks().coordination_line_ids
        self.assertEqual((line.qty_required, line.qty_available, line.qty_missing), (4, 0, 4))
        self.assertEqual(self._readiness(production), "short")

        # The buyer orders: it arrives tomorrow, after the work started.
        order = self._make_po(4, 1)
        self._scan()
        self.assertEqual(order.order_line.coordination_delivery_risk, "at_risk")
        self.assertEqual(order.order_line.coordination_production_names, production.name)

        # Received: the task is solved, the order ready, the line no longer at risk.
        self._receive(order, 4)
        self.env.cr.precommit.run()
        self.assertIsNone(self._task_state())
        production._coordination_refresh_priority()
        self.assertEqual(self._readiness(production), "ready")
        self.assertFalse(order.order_line.coordination_delivery_risk)

    def test_partly_produced_with_a_backorder(self):
        self._stock(2)
        order = self._make_po(4, 10)  # the rest, in 10 days
        production = self._make_wo_mo(3, 1)  # 6 tubes: 2 on hand
        self._start(production)
        # One frame made with 2 tubes, the other two in a backorder, whose work starts too.
        production.qty_producing = 1
        production._set_qty_producing()
        Form.from_action(self.env, production.button_mark_done()).save().action_backorder()
        self.assertEqual(production.state, "done")
        backorder = production.procurement_group_id.mrp_production_ids - production
        self.assertEqual(backorder.product_qty, 2)
        self._start(backorder)

        self._scan()
        self.assertEqual(self._task_state(), (4.0, backorder))
        self.assertEqual(self._readiness(backorder), "late")  # the 4 tubes come in 10 days
        self.assertEqual(order.order_line.coordination_delivery_risk, "at_risk")
        self.assertEqual(order.order_line.coordination_production_names, backorder.name)

    def test_split_order_counts_both_parts(self):
        order = self._make_po(8, 20)
        production = self._make_wo_mo(4, 2)  # 8 tubes
        action = production.action_split()
        wizard = Form.from_action(self.env, action)
        wizard.counter = 2
        wizard.save().action_split()
        first, second = production.procurement_group_id.mrp_production_ids.sorted("id")
        self.assertEqual((first.product_qty, second.product_qty), (2, 2))
        self._start(first)

        self._scan()
        self.assertEqual(self._task_state(), (8.0, first | second))
        (first | second)._coordination_refresh_priority()
        self.assertEqual(self._readiness(first), "late")  # the tubes come in 20 days
        self.assertEqual(self._readiness(second), "late")
        self.assertEqual(
            set(order.order_line.coordination_production_names.split(", ")),
            {first.name, second.name},
        )

    def test_cancelled_order_frees_what_it_held(self):
        self._stock(4)
        later = self._make_wo_mo(2, 10)  # reserves the 4 tubes
        earlier = self._make_wo_mo(2, 2)  # nothing left to reserve
        order = self._make_po(4, 5)
        self._start(earlier)  # Odoo reserves 4 more on the same 4 tubes
        self.assertEqual(later.move_raw_ids.quantity + earlier.move_raw_ids.quantity, 8.0)

        # The started order takes the tubes; the later one gets the purchase, in time.
        self._scan()
        self.assertIsNone(self._task_state())
        (earlier | later)._coordination_refresh_priority()
        self.assertEqual(self._readiness(earlier), "ready")
        self.assertEqual(self._readiness(later), "expected")
        self.assertEqual(order.order_line.coordination_delivery_risk, "on_time")
        self.assertEqual(order.order_line.coordination_production_names, later.name)

        # Without the purchase, the later order is the one short.
        order.button_cancel()
        self.env.cr.precommit.run()
        self.assertEqual(self._task_state(), (4.0, later))
        later._coordination_refresh_priority()
        self.assertEqual(self._readiness(later), "short")

        # Cancelled, it needs nothing any more.
        later.action_cancel()
        self._scan()
        self.assertIsNone(self._task_state())
        self.assertEqual(self._readiness(earlier), "ready")

    def test_second_company_counts_its_own_stock(self):
        other = self.env["res.company"].create({"name": "Other Plant"})
        env = self.env(context=dict(self.env.context, allowed_company_ids=other.ids))
        other_warehouse = env["stock.warehouse"].search([("company_id", "=", other.id)])
        env["stock.quant"]._update_available_quantity(
            self.component, other_warehouse.lot_stock_id, 10
        )
        workcenter = env["mrp.workcenter"].create({"name": "O-Bench", "company_id": other.id})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "company_id": other.id,
                "bom_line_ids": [
                    Command.create({"product_id": self.component.id, "product_qty": 2})
                ],
                "operation_ids": [
                    Command.create({"name": "Assemble", "workcenter_id": workcenter.id})
                ],
            }
        )
        theirs = env["mrp.production"].create(
            {
                "product_id": self.product.id,
                "bom_id": bom.id,
                "product_qty": 5,
                "company_id": other.id,
                "picking_type_id": other_warehouse.manu_type_id.id,
            }
        )
        theirs.action_confirm()  # 10 tubes of their own, reserved
        mine = self._make_wo_mo(2, 2)
        self._start(mine)
        theirs.workorder_ids.button_start()
        self.env.cr.precommit.run()
        order = self._make_po(4, 1)

        self._scan()
        self._scan(other)
        self.assertEqual(self._task_state(), (4.0, mine))
        self.assertIsNone(self._task_state(company=other))
        self.assertEqual(order.order_line.coordination_delivery_risk, "at_risk")
        self.assertEqual(order.order_line.coordination_production_names, mine.name)
        self.assertEqual(self._readiness(mine), "short")
        self.assertEqual(theirs.with_env(env).coordination_readiness, "ready")
        # The buyer of the other company does not see this company's task.
        other_buyer = new_test_user(
            self.env,
            "pcm_other_physical_buyer",
            groups=PURCHASE_USER,
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Task = (
            self.env["project.task"]
            .with_user(other_buyer)
            .with_context(allowed_company_ids=other.ids)
        )
        self.assertFalse(Task.search([("coordination_product_id", "=", self.component.id)]))
