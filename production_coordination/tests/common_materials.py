# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The materials layers of the test fixtures (see common.py): `MaterialsCase` (a company of
its own, a bought component, buyers), then `VendorCase` (receipts, follow-ups) and
`PhysicalCase` (MOs with a work order to start)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import (
    FOLLOWUP,
    GROUP_MANAGER,
    PURCHASE_MANAGER,
    PURCHASE_USER,
    CoordinationCommon,
)


@tagged("post_install", "-at_install")
class MaterialsCase(CoordinationCommon):
    """A company of its own (tasks, projects and buyers are per company), a component bought
    from a vendor with a 5-day lead time, a product made of 2 of them, and the people: buyers
    who are only purchasing users, a purchase manager, a coordinator, a project user.

    After installation (post_install): purchasing users read bills of materials (which Odoo's
    purchase form needs once manufacturing is installed) through ``purchase_mrp``, which Odoo
    installs automatically after this module."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Materials Plant"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)])
        cls.project = cls.company.coordination_procurement_project_id

        def user(login, groups, name):
            return cls._user(login, groups, name, company=cls.company)

        cls.buyer = user("pcm_buyer", PURCHASE_USER, "Bea Buyer")
        cls.other_buyer = user("pcm_buyer2", PURCHASE_USER, "Otto Other")
        cls.default_buyer = user("pcm_default_buyer", PURCHASE_USER, "Dora Default")
        cls.purchase_manager = user("pcm_manager", PURCHASE_MANAGER, "Max Manager")
        cls.coordinator = user(
            "pcm_coordinator", f"{GROUP_MANAGER},mrp.group_mrp_manager", "Cora Coordinator"
        )
        cls.project_user = user("pcm_project", "project.group_project_user", "Pia Project")
        cls.vendor = cls.env["res.partner"].create({"name": "Tube Supply Co"})
        cls.component = cls._make_product(
            "M-Tube",
            seller_ids=[Command.create({"partner_id": cls.vendor.id, "price": 10.0, "delay": 5})],
        )
        cls.product = cls._make_product("M-Frame")
        cls.bom = cls._make_bom(cls.product, [(cls.component, 2)], company_id=False)

    def _now(self):
        return fields.Datetime.now().replace(microsecond=0)

    def _make_mo(self, qty, days, confirm=True, **vals):
        production = self.env["mrp.production"].create(
            {
                "product_id": self.product.id,
                "bom_id": self.bom.id,
                "product_qty": qty,
                "company_id": self.company.id,
                "date_start": self._now() + timedelta(days=days),
                "user_id": self.coordinator.id,
                **vals,
            }
        )
        if confirm:
            production.action_confirm()
        return production

    def _make_po(self, qty, days, vendor=None, user=None, confirm=True, product=None):
        order = self.env["purchase.order"].create(
            {
                "partner_id": (vendor or self.vendor).id,
                "company_id": self.company.id,
                "user_id": (user or self.buyer).id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": (product or self.component).id,
                            "product_qty": qty,
                            "price_unit": 10.0,
                            "date_planned": self._now() + timedelta(days=days),
                        }
                    )
                ],
            }
        )
        if confirm:
            order.button_confirm()
        return order

    def _click_rfq(self, task, kind=None):
        """Create RFQ: the purchase order it opens (after its notification, of `kind`)."""
        action = task.action_coordination_create_rfq()
        self.assertEqual(action["tag"], "display_notification")
        if kind:
            self.assertEqual(action["params"]["type"], kind)
        target = action["params"]["next"]
        self.assertEqual(target["res_model"], "purchase.order")
        return self.env["purchase.order"].with_user(task.env.user).browse(target["res_id"])

    def _scan(self, company=None, products=None):
        return self.env["coordination.material.scan"]._scan(
            company or self.company, product_ids=products and products.ids
        )[(company or self.company).id]

    def _tasks(self, product=None, company=None):
        return (
            self.env["project.task"]
            .with_context(active_test=False)
            .search(
                [
                    ("coordination_product_id", "=", (product or self.component).id),
                    ("company_id", "=", (company or self.company).id),
                ]
            )
        )


class VendorCase(MaterialsCase):
    """MaterialsCase with receipts and the vendor follow-ups they answer."""

    def _followups(self, order):
        return order.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(FOLLOWUP))

    def _receive(self, order, qty, done_date=None):
        """Receive `qty` of the order's first open receipt (a backorder for the rest), done on
        `done_date`."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))[:1]
        move = picking.move_ids
        move.quantity = qty
        move.picked = True
        picking.with_context(cancel_backorder=False)._action_done()
        if done_date:
            move.date = done_date
        return move


class PhysicalCase(VendorCase):
    """MaterialsCase with a bill of materials that has one operation, so that MOs have a work
    order to start."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workcenter = cls.env["mrp.workcenter"].create(
            {"name": "M-Bench", "company_id": cls.company.id}
        )
        cls.bom_wo = cls._make_bom(
            cls.product,
            [(cls.component, 2)],
            [{"name": "Assemble", "workcenter_id": cls.workcenter.id, "time_cycle_manual": 30}],
            company_id=cls.company.id,
            sequence=100,
        )

    def _make_wo_mo(self, qty, days, **vals):
        return self._make_mo(qty, days, bom_id=self.bom_wo.id, **vals)

    def _start(self, production):
        """What the operator does: start the first work order (as the coordinator, who has
        Manufacturing rights)."""
        production.workorder_ids[:1].with_user(self.coordinator).button_start()
        # The work order changes refresh the MO's readiness before the commit.
        self.env.cr.precommit.run()

    def _readiness(self, production):
        production.invalidate_recordset(["coordination_readiness"])
        return production.with_user(self.coordinator).coordination_readiness

    def _task_state(self, company=None):
        """(shortage quantity, blocked MOs) of the component's open task, None without one."""
        task = self._tasks(company=company).filtered(lambda t: not t.is_closed and t.active)
        if not task:
            return None
        return task.coordination_shortage_qty, task.coordination_line_ids.production_id
