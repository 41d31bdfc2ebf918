# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coordination_is_priority_customer = fields.Boolean(
        "Priority Customer",
        help="Manufacturing orders for this customer get the customer-request part of the "
        "priority score.",
    )

    coordination_on_time_rate = fields.Float(
        "On-Time Delivery (12 months, %)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        copy=False,
        index=True,
        help="Of the quantities this vendor had to deliver in the last 12 months (by the date "
        "promised when the order was confirmed), the share received by that date. Refreshed by "
        "the shortage scan's scheduled action.",
    )
    coordination_on_time_qty_due = fields.Float(
        "Quantity Due (12 months)",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="The quantity the on-time rate is computed on (0: no data).",
    )
