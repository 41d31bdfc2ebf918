# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stock reserved for later orders while earlier ones wait: netted as an MRP does, no purchase,
and the coordinator told which reservation to move."""

from odoo.exceptions import AccessError

from .common_materials import PhysicalCase


class TestReservationMoves(PhysicalCase):
    def _suggestions(self):
        return self.env["coordination.reservation.suggestion"].search(
            [("product_id", "=", self.component.id)]
        )

    def _dashboard_tile(self, user=None):
        self.env.invalidate_all()
        data = (
            self.env["coordination.dashboard"]
            .with_user(user or self.coordinator)
            .get_dashboard_data({"company_ids": self.company.ids})
        )
        return {tile["key"]: tile for tile in data["tiles"]}.get("reservations_to_move")

    def test_reservation_held_by_a_later_order(self):
        self._stock(4)
        later = self._make_mo(2, 10)  # confirmed first: reserves the 4 tubes
        earlier = self._make_mo(2, 2)  # needs 4 tubes first, finds none to reserve
        order = self._make_po(4, 6)  # arrives before the later order needs it
        self.assertEqual(later.move_raw_ids.quantity, 4.0)
        self.assertEqual(earlier.move_raw_ids.quantity, 0.0)

        # Stock and purchase cover the 8 tubes: nothing to buy.
        self._scan()
        self.assertIsNone(self._task_state())
        self.assertEqual(order.order_line.coordination_delivery_risk, "on_time")
        self.assertEqual(order.order_line.coordination_production_names, later.name)
        (earlier | later)._coordination_refresh_priority()
        self.assertEqual(self._readiness(earlier), "ready")
        self.assertEqual(self._readiness(later), "expected")

        # The coordinator is told to move the reservation, on both orders and the dashboard.
        suggestion = self._suggestions()
        self.assertEqual(
            (
                suggestion.from_production_id,
                suggestion.to_production_id,
                suggestion.product_qty,
                suggestion.warehouse_id,
                suggestion.company_id,
            ),
            (later, earlier, 4.0, self.warehouse, self.company),
        )
        coordinator_earlier = earlier.with_user(self.coordinator)
        self.assertEqual(coordinator_earlier.coordination_reservation_in_ids, suggestion)
        self.assertEqual(
            later.with_user(self.coordinator).coordination_reservation_out_ids.to_production_id,
            earlier,
        )
        self.assertIn(later.name, suggestion.with_user(self.coordinator).display_name)
        # What the MO form's Coordination tab reads.
        shown = coordinator_earlier.web_read(
            {
                "coordination_reservation_in_ids": {
                    "fields": {
                        "from_production_id": {"fields": {"display_name": {}}},
                        "product_qty": {},
                    }
                }
            }
        )[0]["coordination_reservation_in_ids"]
        self.assertEqual(shown[0]["from_production_id"]["id"], later.id)
        self.assertEqual(shown[0]["product_qty"], 4.0)
        tile = self._dashboard_tile()
        self.assertEqual(tile["count"], 2)
        opened = (
            self.env["mrp.production"].with_user(self.coordinator).search(tile["action"]["domain"])
        )
        self.assertEqual(opened, earlier | later)

        # A purchasing user sees no manufacturing orders, so no suggestion either.
        with self.assertRaises(AccessError):
            suggestion.with_user(self.buyer).read(["product_qty"])

        # Moved in Odoo: the suggestion is gone once the change is committed and the rank job,
        # within seconds, has netted the two MOs' components again.
        later.do_unreserve()
        earlier.action_assign()
        later.action_assign()
        self.assertEqual(earlier.move_raw_ids.quantity, 4.0)
        self.env.cr.precommit.run()
        self.assertTrue(self._suggestions())
        self._run_rank_jobs()
        self.assertFalse(self._suggestions())
        self.assertEqual(self._dashboard_tile()["count"], 0)
        self.assertEqual(self._readiness(earlier), "ready")
        self._scan()
        self.assertIsNone(self._task_state())

    def test_without_purchase_the_later_order_is_short(self):
        self._stock(4)
        later = self._make_mo(2, 10)
        earlier = self._make_mo(2, 2)
        self._scan()
        # The buyer buys for the later order, by the date it needs the tubes.
        task = self._tasks()
        self.assertEqual(self._task_state(), (4.0, later))
        self.assertEqual(task.coordination_date_need, later.date_start)
        (earlier | later)._coordination_refresh_priority()
        self.assertEqual(self._readiness(earlier), "ready")
        self.assertEqual(self._readiness(later), "short")
        self.assertEqual(self._suggestions().to_production_id, earlier)

        # The later order is cancelled: its reservation is free, nothing to move (once the
        # rank job has netted its components again).
        later.action_cancel()
        self._run_rank_jobs()
        self.assertFalse(self._suggestions())

    def test_picked_components_are_not_moved(self):
        """Components picked for an order whose work has started stay with it, even for an
        order needed earlier."""
        self._stock(4)
        later = self._make_wo_mo(2, 10)
        earlier = self._make_mo(2, 2)
        self._start(later)
        (earlier | later)._coordination_refresh_priority()
        self.assertFalse(self._suggestions())
        self.assertEqual(self._readiness(later), "ready")
        self.assertEqual(self._readiness(earlier), "short")
        self._scan()
        self.assertEqual(self._task_state(), (4.0, earlier))

    def test_refresh_queries_do_not_grow_with_the_suggestions(self):
        def queries(productions):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            productions._coordination_refresh_priority()
            return self.env.cr.sql_log_count - before

        self._stock(2)
        productions = self.env["mrp.production"]
        for days in (20, 2):
            productions |= self._make_mo(1, days)
        queries(productions)
        few = queries(productions)
        self.assertEqual(len(self._suggestions()), 1)
        self._stock(6)
        for days in (21, 22, 23):
            productions |= self._make_mo(1, days)
        for days in (3, 4, 5):
            productions |= self._make_mo(1, days)
        queries(productions)
        self.assertEqual(len(self._suggestions()), 4)
        self.assertEqual(queries(productions), few)
