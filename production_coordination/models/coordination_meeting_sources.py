# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
""" "Plan Meeting" on the records a meeting can be about: an MO (coordination meeting), a
low-stock task or a purchase order (vendor meeting), a sales order (customer meeting)."""

from odoo import models


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    def action_coordination_plan_meeting(self):
        return self.env["coordination.meeting.wizard"]._action_open(
            [self],
            "coordination",
            self.env._("Coordination meeting: %s", ", ".join(self.mapped("name"))),
        )


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"  # pylint: disable=consider-merging-classes-inherited

    def action_coordination_plan_meeting(self):
        return self.env["coordination.meeting.wizard"]._action_open(
            [self],
            "vendor",
            self.env._(
                "Vendor meeting: %(vendor)s (%(orders)s)",
                vendor=", ".join(self.partner_id.mapped("name")),
                orders=", ".join(self.mapped("name")),
            ),
        )


class ProjectTask(models.Model):
    _inherit = "project.task"  # pylint: disable=consider-merging-classes-inherited

    def action_coordination_plan_meeting(self):
        vendors = self.coordination_vendor_id
        return self.env["coordination.meeting.wizard"]._action_open(
            [self],
            "vendor",
            self.env._(
                "Vendor meeting: %s",
                ", ".join(vendors.mapped("name") or self.coordination_product_id.mapped("name")),
            ),
        )


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def action_coordination_plan_meeting(self):
        return self.env["coordination.meeting.wizard"]._action_open(
            [self],
            "customer",
            self.env._(
                "Customer meeting: %(customer)s (%(orders)s)",
                customer=", ".join(self.partner_id.mapped("name")),
                orders=", ".join(self.mapped("name")),
            ),
        )


class CoordinationSpecialRequest(models.Model):
    _inherit = "coordination.special.request"  # pylint: disable=consider-merging-classes-inherited

    def action_coordination_plan_meeting(self):
        return self.env["coordination.meeting.wizard"]._action_open(
            [self],
            "customer",
            self.env._(
                "Customer meeting: %(customer)s (%(requests)s)",
                customer=", ".join(self.partner_id.mapped("name")),
                requests=", ".join(self.mapped("name")),
            ),
        )
