# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .coordination_utils import ensure_one_record


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coordination_special_request_ids = fields.One2many(
        "coordination.special.request",
        "sale_order_id",
        string="Special Requests",
        domain=[("production_id", "=", False)],
        help="What the customer asked for: copied to the manufacturing orders made for the "
        "lines, where the departments acknowledge and fulfil them.",
    )


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    coordination_special_request_ids = fields.One2many(
        "coordination.special.request",
        "sale_line_id",
        string="Special Requests",
        domain=[("production_id", "=", False)],
    )
    coordination_special_request_count = fields.Integer(
        "Special Request Count", compute="_compute_coordination_special_request_count"
    )

    @api.depends("coordination_special_request_ids")
    def _compute_coordination_special_request_count(self):
        for line in self:
            line.coordination_special_request_count = len(
                line.coordination_special_request_ids.filtered(lambda r: r.state != "cancel")
            )

    def action_coordination_new_special_request(self):
        """A special request for this line (saved order)."""
        line = ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Special Request: %s", line.product_id.display_name),
            "res_model": "coordination.special.request",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_sale_order_id": line.order_id.id,
                "default_sale_line_id": line.id,
                "default_company_id": line.company_id.id,
                "default_partner_id": line.order_id.partner_id.id,
            },
        }
