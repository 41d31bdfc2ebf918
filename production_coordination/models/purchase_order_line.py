# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, fields, models

from .coordination_material_scan import DELIVERY_RISKS, PURCHASED_STATES


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "coordination.protected.mixin"]

    coordination_delivery_risk = fields.Selection(
        DELIVERY_RISKS,
        "Delivery Risk",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="For lines that feed open manufacturing orders: late (the expected date has passed "
        "and it is not fully received), at risk (expected after the components are needed), on "
        "time. Kept by the shortage scan, and when the line's dates or receipts change.",
    )
    coordination_date_needed = fields.Datetime(
        "Needed On",
        readonly=True,
        copy=False,
        help="When the first manufacturing order it feeds needs it.",
    )
    coordination_production_names = fields.Char(
        "Feeds Orders", readonly=True, copy=False, help="The manufacturing orders it feeds."
    )
    coordination_date_promised = fields.Datetime(
        "Promised Date",
        readonly=True,
        copy=False,
        help="The expected arrival when the order was confirmed (the on-time rate is measured "
        "against it).",
    )

    def _coordination_protected_fields(self):
        """The delivery risk and what it is measured against are the shortage scan's and the
        order confirmation's (see coordination.protected.mixin)."""
        return {
            **dict.fromkeys(
                [
                    "coordination_delivery_risk",
                    "coordination_date_needed",
                    "coordination_production_names",
                ],
                _("the shortage scan"),
            ),
            "coordination_date_promised": _("Confirm Order"),
        }

    def write(self, vals):
        if not vals.get("date_planned"):
            res = super().write(vals)
            if "product_qty" in vals:
                self._coordination_refresh_later()
            return res
        new_date = fields.Datetime.to_datetime(vals["date_planned"])
        slipping = self.filtered(
            lambda line: line.state in PURCHASED_STATES
            and not line.display_type
            and line.date_planned
            and new_date > line.date_planned
        )
        old_dates = {line.id: line.date_planned for line in slipping}
        # sudo: a buyer moves the date; the MOs it delays are recomputed and told, whatever
        # the buyer may read.
        Scan = self.env["coordination.material.scan"].sudo()
        snapshot = Scan._slip_snapshot(slipping.sudo()) if slipping else None
        res = super().write(vals)
        if slipping:
            Scan._notify_slip(slipping.sudo(), old_dates, snapshot)
        self._coordination_refresh_later()
        return res

    def _coordination_refresh_later(self):
        """Rescan the products of confirmed lines before the commit (risk, tasks)."""
        by_company = defaultdict(set)
        for line in self:
            if line.product_id and line.state in PURCHASED_STATES:
                by_company[line.company_id.id].add(line.product_id.id)
        if by_company:
            self.env["coordination.material.scan"]._refresh_later(by_company)
