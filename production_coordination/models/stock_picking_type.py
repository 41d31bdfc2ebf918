# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    coordination_department_id = fields.Many2one(
        "coordination.department",
        string="Coordination Department",
        check_company=True,
        help="Manufacturing orders of this type without work orders are handled by this "
        "department: their route has one leg.",
    )
