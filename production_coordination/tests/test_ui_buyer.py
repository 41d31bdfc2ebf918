# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer's day: a purchasing user (Purchase rights only, like the demo's Bruno Keller) opens
the low-stock tasks from the Purchase app, reads what blocks which order and creates the request
for quotation; and reads no more than the record rules allow."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .browser import TourMixin
from .common_materials import MaterialsCase


@tagged("post_install", "-at_install")
class TestBuyerUi(TourMixin, MaterialsCase, HttpCase):
    """Two low-stock tasks of the company: M-Tube for Bea Buyer (the company's default buyer),
    M-Bolt for Otto Other (who handles the bolt vendor's RFQ); one order lacks both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.coordination_buyer_id = cls.buyer
        cls.bolt_vendor = cls.env["res.partner"].create({"name": "Bolt Supply Co"})
        cls.bolt = cls.env["product.product"].create(
            {
                "name": "M-Bolt",
                "is_storable": True,
                "seller_ids": [
                    Command.create({"partner_id": cls.bolt_vendor.id, "price": 1.0, "delay": 2})
                ],
            }
        )
        cls.bom.bom_line_ids = [Command.create({"product_id": cls.bolt.id, "product_qty": 4})]

    def _shortages(self):
        """An order of 2 frames lacking 4 tubes and 8 bolts; the bolt vendor's last RFQ (for
        something else) is Otto's. Returns the order and the tube and bolt tasks."""
        self._make_po(1, 30, vendor=self.bolt_vendor, user=self.other_buyer, product=self.product)
        production = self._make_mo(2, 3)
        self._scan()
        return production, self._tasks(), self._tasks(self.bolt)

    def test_buyer_creates_the_rfq_from_a_low_stock_task(self):
        production, tube_task, bolt_task = self._shortages()
        self.assertEqual(tube_task.user_ids, self.buyer)
        self.assertEqual(bolt_task.user_ids, self.other_buyer)
        self.assertFalse(tube_task.coordination_purchase_id)
        self.env.flush_all()

        self.browser_size = "1440x900"
        self.start_tour_or_fail(
            "/odoo/purchase", "production_coordination_buyer_low_stock", self.buyer.login
        )
        order = tube_task.coordination_purchase_id
        self.assertEqual(order.partner_id, self.vendor)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.user_id, self.buyer)
        self.assertEqual(order.order_line.product_id, self.component)
        self.assertEqual(order.order_line.product_qty, 4.0)
        self.assertEqual(tube_task.stage_id, self.project._coordination_get_stages()["ordered"])
        # Only the task he worked on changed.
        self.assertFalse(bolt_task.coordination_purchase_id)
        self.assertIn(production.name, tube_task.coordination_line_ids.mapped("production_name"))

    def test_buyer_on_a_phone(self):
        __, tube_task, __ = self._shortages()
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo/coordination-low-stock",
            "production_coordination_buyer_low_stock_phone",
            self.buyer.login,
            phone=True,
        )
        self.assertEqual(tube_task.coordination_purchase_id.partner_id, self.vendor)

    def test_buyer_reads_only_what_the_rules_allow(self):
        production, tube_task, bolt_task = self._shortages()
        # Ordinary tasks of his company: one in a project every employee sees, one in a project
        # for invited users only (he is not invited).
        Project = self.env["project.project"]
        open_house, board_room = Project.create(
            [
                {"name": name, "company_id": self.company.id, "privacy_visibility": visibility}
                for name, visibility in (("Open House", "employees"), ("Board", "followers"))
            ]
        )
        public, private = self.env["project.task"].create(
            [
                {"name": "Paint the gate", "project_id": open_house.id},
                {"name": "Budget 2027", "project_id": board_room.id},
            ]
        )
        # Another company's low-stock task: he does not work for that company.
        other_company = self.env["res.company"].create({"name": "Other Plant"})
        other_warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", other_company.id)]
        )
        foreign = (
            self.env["project.task"]
            .with_company(other_company)
            .create(
                {
                    "name": "M-Tube at the other plant",
                    "project_id": other_company.coordination_procurement_project_id.id,
                    "company_id": other_company.id,
                    "coordination_product_id": self.component.id,
                    "coordination_warehouse_id": other_warehouse.id,
                }
            )
        )
        employee = new_test_user(
            self.env,
            "pcm_employee",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.env.flush_all()

        Task = self.env["project.task"].with_user(self.buyer)
        # Every low-stock task of his company (his and Otto's) ...
        self.assertEqual(
            Task.search([("coordination_warehouse_id", "!=", False)]), tube_task | bolt_task
        )
        self.assertEqual(Task.search([("user_ids", "in", self.buyer.id)]), tube_task)
        # ... and otherwise what Odoo shows every employee: nothing more.
        seen_by_employee = self.env["project.task"].with_user(employee).search([])
        self.assertIn(public, seen_by_employee)
        self.assertEqual(Task.search([]), seen_by_employee | tube_task | bolt_task)
        for hidden in (private, foreign):
            with self.assertRaises(AccessError):
                hidden.with_user(self.buyer).check_access("read")
        # He updates the tasks (stage, notes).
        bolt_task.with_user(self.buyer).check_access("write")
        # What blocks which order he reads on the task, never the manufacturing order itself.
        with self.assertRaises(AccessError):
            production.with_user(self.buyer).check_access("read")
        self.assertEqual(
            tube_task.with_user(self.buyer).coordination_line_ids.production_name, production.name
        )
