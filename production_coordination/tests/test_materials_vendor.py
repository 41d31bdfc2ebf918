# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import FOLLOWUP
from .common_materials import VendorCase


class TestVendorFollowUp(VendorCase):
    def test_delivery_risk_of_the_lines_that_feed_orders(self):
        second = self.env["product.product"].create({"name": "M-Plate", "is_storable": True})
        self.bom.bom_line_ids = [Command.create({"product_id": second.id, "product_qty": 1})]
        production = self._make_mo(2, 4)  # 4 tubes and 2 plates in 4 days
        late = self._make_po(4, -2)  # the tubes, expected 2 days ago
        at_risk = self._make_po(2, 6, product=second)  # the plates, 2 days after the need
        unrelated = self._make_po(5, 3, product=self.product)
        self._scan()
        self.assertEqual(late.order_line.coordination_delivery_risk, "late")
        self.assertEqual(at_risk.order_line.coordination_delivery_risk, "at_risk")
        self.assertEqual(at_risk.order_line.coordination_date_needed, production.date_start)
        self.assertEqual(at_risk.order_line.coordination_production_names, production.name)
        self.assertFalse(unrelated.order_line.coordination_delivery_risk)
        self.assertEqual(late.coordination_delivery_risk, "late")
        # The buyer's list of vendor deliveries for manufacturing, late filter.
        action = self.env.ref("production_coordination.purchase_order_line_action_delivery_risk")
        self.assertEqual(
            self.env["purchase.order.line"]
            .with_user(self.buyer)
            .search([*safe_eval(action.domain), ("coordination_delivery_risk", "=", "late")]),
            late.order_line,
        )

        # The plates' vendor promises them earlier: on time once the change is committed.
        at_risk.order_line.date_planned = production.date_start - timedelta(days=1)
        self.env.cr.precommit.run()
        self.assertEqual(at_risk.order_line.coordination_delivery_risk, "on_time")
        self.assertFalse(self._followups(at_risk))

    def test_late_lines_give_one_followup_per_order_across_runs(self):
        second = self.env["product.product"].create({"name": "M-Plate", "is_storable": True})
        self.bom.bom_line_ids = [Command.create({"product_id": second.id, "product_qty": 1})]
        self._make_mo(2, 4)
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "company_id": self.company.id,
                "user_id": self.other_buyer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "date_planned": self._now() - timedelta(days=1),
                        }
                    )
                    for product, qty in ((self.component, 4), (second, 2))
                ],
            }
        )
        order.button_confirm()
        self._scan()
        self.assertEqual(order.order_line.mapped("coordination_delivery_risk"), ["late", "late"])
        followup = self._followups(order)
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.user_id, self.other_buyer)
        # The message to the vendor lists both late lines.
        for product in (self.component, second):
            self.assertIn(product.display_name, followup.note)
        self._scan()
        self._scan()
        self.assertEqual(self._followups(order), followup)

        # The plates arrive: the same activity now lists the tubes only.
        picking = order.picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty if move.product_id == second else 0
        picking.move_ids.filtered(lambda m: m.product_id == second).picked = True
        picking.with_context(cancel_backorder=False)._action_done()
        self.env.cr.precommit.run()
        self.assertEqual(self._followups(order), followup)
        self.assertNotIn(second.display_name, followup.note)
        self.assertIn(f"{self.component.display_name}: 4.0", followup.note)
        # One tube of four arrives: the same activity now says three are missing.
        self._receive(order, 1)
        self.env.cr.precommit.run()
        self.assertEqual(self._followups(order), followup)
        self.assertIn(f"{self.component.display_name}: 3.0", followup.note)
        # Everything in: the follow-up is done.
        self._receive(order, 3)
        self.env.cr.precommit.run()
        self.assertFalse(self._followups(order))
        self.assertFalse(order.coordination_delivery_risk)

    def test_vendor_slip_tells_the_delayed_orders_once(self):
        production = self._make_mo(2, 3)
        production.move_finished_ids.date_deadline = production.date_start + timedelta(days=2)
        other = self._make_mo(1, 20)  # needs tubes long after the receipt
        order = self._make_po(6, 2)
        line = order.order_line
        self._scan()
        self.assertEqual(line.coordination_delivery_risk, "on_time")

        def comments():
            return {
                record: record.message_ids.filtered(lambda m: m.message_type == "comment")
                for record in (production, other, order)
            }

        before = comments()
        line.date_planned = line.date_planned + timedelta(days=5)
        after = comments()
        posted = {record: after[record] - before[record] for record in after}
        self.assertEqual(len(posted[production]), 1)
        self.assertFalse(posted[other])
        self.assertEqual(len(posted[order]), 1)
        self.assertIn(production.name, posted[order].body)
        # The MO's responsible and the buyer are told.
        self.assertIn(self.coordinator.partner_id, posted[production].partner_ids)
        self.assertIn(self.buyer.partner_id, posted[order].partner_ids)
        self.assertGreater(
            production.coordination_date_forecast, production.coordination_date_committed
        )

        # Once per change: scans and a write without change add nothing.
        self.env.cr.precommit.run()
        self._scan()
        line.date_planned = line.date_planned
        self.env.cr.precommit.run()
        again = comments()
        for record in again:
            self.assertEqual(again[record], after[record])
        self.assertEqual(line.coordination_delivery_risk, "at_risk")


class TestVendorOnTimeRate(VendorCase):
    def test_on_time_rate_by_quantity_over_twelve_months(self):
        now = self._now()
        # Promised 20 days ago: 10 received the day before, all on time.
        early = self._make_po(10, -20)
        self._receive(early, 10, now - timedelta(days=21))
        # Promised 10 days ago: 4 on the day, 6 three days late.
        split = self._make_po(10, -10)
        self._receive(split, 4, now - timedelta(days=10))
        self._receive(split, 6, now - timedelta(days=7))
        # Promised 5 days ago, nothing received yet: due, not on time.
        self._make_po(5, -5)
        # Not counted: promised in the future, or more than 12 months ago.
        self._make_po(7, 10)
        old = self._make_po(8, -400)
        self._receive(old, 8, now - timedelta(days=390))
        # The vendor moving the date later does not make a late delivery on time.
        moved = self._make_po(5, -3)
        moved.order_line.date_planned = now + timedelta(days=3)

        updated = self.env["res.partner"]._coordination_refresh_on_time_rates()
        self.assertIn(self.vendor.id, updated)
        self.assertEqual(self.vendor.coordination_on_time_qty_due, 30.0)
        self.assertEqual(self.vendor.coordination_on_time_rate, round(14 / 30 * 100, 1))

        # On the low-stock tasks of the vendor's products.
        self._make_mo(20, 3)
        self._scan()
        task = self._tasks()
        self.assertEqual(
            task.coordination_vendor_on_time_rate, self.vendor.coordination_on_time_rate
        )
        # The vendor list sorts by it.
        reliable = self.env["res.partner"].create({"name": "Reliable Co"})
        reliable_order = self._make_po(3, -4, vendor=reliable)
        self._receive(reliable_order, 3, now - timedelta(days=5))
        # (The scan's name for it, kept for one release.)
        self.env["coordination.material.scan"]._refresh_on_time_rates()
        action = self.env.ref("production_coordination.res_partner_action_on_time")
        vendors = self.env["res.partner"].search(
            [("id", "in", (self.vendor | reliable).ids), *safe_eval(action.domain)],
            order="coordination_on_time_rate desc",
        )
        self.assertEqual(vendors.ids, [reliable.id, self.vendor.id])


@tagged("post_install", "-at_install")
class TestMaterialsDemo(TransactionCase):
    """With demo data: open low-stock tasks (one critical at least) for the buyer, a late vendor
    delivery with its follow-up and the orders it holds up, a vendor slip told to the orders it
    delays; without demo data, none of it."""

    def test_demo_shows_shortages_and_late_deliveries(self):
        module = self.env["ir.module.module"].search([("name", "=", "production_coordination")])
        late = self.env.ref("production_coordination.purchase_worktops_late", False)
        if not module.demo:
            self.assertFalse(late)
            return
        # What the buyer sees once the scheduled action has run (again) since the install.
        self.env["coordination.material.scan"]._cron_scan_shortages()
        buyer = self.env.ref("production_coordination.user_buyer")
        action = self.env.ref("production_coordination.project_task_action_shortage")
        Task = self.env["project.task"].with_user(buyer)
        tasks = Task.search([*safe_eval(action.domain), ("is_closed", "=", False)])
        self.assertGreaterEqual(len(tasks), 3)
        worktops = tasks.filtered(
            lambda task: task.coordination_product_id
            == self.env.ref("production_coordination.product_worktop")
        )
        self.assertEqual(worktops.coordination_severity, "critical")
        self.assertEqual(worktops.user_ids, buyer)
        self.assertTrue(worktops.coordination_line_ids.mapped("production_name"))
        screws = tasks.filtered(
            lambda task: task.coordination_product_id
            == self.env.ref("production_coordination.product_screw_set")
        )
        self.assertEqual(screws.coordination_purchase_id.state, "draft")

        # The late worktops: one follow-up for the buyer, the orders they hold up.
        line = late.order_line
        self.assertEqual(line.coordination_delivery_risk, "late")
        self.assertEqual(late.coordination_delivery_risk, "late")
        self.assertTrue(line.coordination_production_names)
        followup = late.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(FOLLOWUP)
        )
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.user_id, buyer)
        self.assertIn(line.product_id.display_name, followup.note)

        # The steel sheets moved later: the orders that slip name the purchase, and the purchase
        # names them.
        sheets = self.env.ref("production_coordination.purchase_sheets")
        slipped = self.env["mrp.production"].search(
            [("move_raw_ids.product_id", "=", sheets.order_line.product_id.id)]
        )
        told = slipped.filtered(
            lambda production: production.message_ids.filtered(
                lambda message: sheets.name in message.body
            )
        )
        self.assertTrue(told)
        self.assertTrue(
            sheets.message_ids.filtered(
                lambda message: all(name in message.body for name in told.mapped("name"))
            )
        )
        # The vendors' on-time rates.
        self.assertGreater(self.env.ref("base.res_partner_18").coordination_on_time_qty_due, 0)
