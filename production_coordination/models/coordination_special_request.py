# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CATEGORIES = [
    ("packaging", "Packaging"),
    ("labelling", "Labelling"),
    ("specification", "Specification / Tolerance"),
    ("inspection", "Inspection / Certificate"),
    ("delivery", "Delivery"),
    ("other", "Other"),
]
STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("fulfilled", "Fulfilled"),
    ("verified", "Verified"),
    ("cancel", "Cancelled"),
]


class CoordinationSpecialRequest(models.Model):
    """A special customer request (packaging, labelling, a tolerance, a certificate...) that the
    departments concerned acknowledge, fulfil, and the coordinator or quality verifies."""

    _name = "coordination.special.request"
    _description = "Special Customer Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html()
    category = fields.Selection(CATEGORIES, required=True, default="other", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    department_ids = fields.Many2many(
        "coordination.department",
        "coordination_special_request_department_rel",
        "request_id",
        "department_id",
        string="Departments",
        check_company=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index=True,
        check_company=True,
        compute="_compute_sale_order_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sales Order Line",
        index=True,
        check_company=True,
        ondelete="cascade",
    )
    production_id = fields.Many2one(
        "mrp.production",
        string="Manufacturing Order",
        index=True,
        check_company=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        STATES, string="Status", required=True, default="new", index=True, tracking=True
    )

    @api.depends("sale_line_id")
    def _compute_sale_order_id(self):
        for request in self:
            if request.sale_line_id:
                request.sale_order_id = request.sale_line_id.order_id

    @api.depends("sale_order_id", "production_id")
    def _compute_partner_id(self):
        for request in self:
            if request.partner_id:
                continue
            request.partner_id = (
                request.sale_order_id.partner_id
                or request.production_id.procurement_group_id.partner_id
            )
