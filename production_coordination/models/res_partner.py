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
