# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .coordination_handoff import MANAGER_GROUP
from .coordination_material_scan import SEVERITIES
from .coordination_shortage_line import MO_READERS

PURCHASE_USER = "purchase.group_purchase_user"


class ProjectTask(models.Model):
    _inherit = "project.task"

    # Low-stock tasks: one per product and warehouse, kept by the shortage scan. -------------------
    coordination_product_id = fields.Many2one(
        "product.product",
        "Component",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The product that runs short (low-stock tasks only).",
    )
    coordination_warehouse_id = fields.Many2one(
        "stock.warehouse",
        "Warehouse",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    coordination_uom_id = fields.Many2one(
        related="coordination_product_id.uom_id", string="Unit of Measure"
    )
    coordination_shortage_qty = fields.Float(
        "Shortage",
        digits="Product Unit of Measure",
        readonly=True,
        help="What must arrive by the need date so that no manufacturing order lacks it and the "
        "stock stays at the reordering rule minimum.",
    )
    coordination_date_need = fields.Datetime(
        "Needed On", readonly=True, help="When the projected stock first falls short."
    )
    coordination_severity = fields.Selection(
        SEVERITIES,
        "Severity",
        readonly=True,
        index="btree_not_null",
        help="Critical: ordered today, the vendor's lead time still misses the need date. "
        "High: it must be ordered within a week. Normal: there is time.",
    )
    coordination_qty_min = fields.Float(
        "Reordering Minimum", digits="Product Unit of Measure", readonly=True
    )
    coordination_qty_lowest = fields.Float(
        "Lowest Projected Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="The lowest the stock falls within the horizon, with the receipts expected.",
    )
    coordination_production_count = fields.Integer("Blocked Orders", readonly=True)
    coordination_line_ids = fields.One2many(
        "coordination.shortage.line",
        "task_id",
        string="Blocked Manufacturing Orders",
        readonly=True,
    )
    coordination_vendor_id = fields.Many2one(
        "res.partner", "Suggested Vendor", readonly=True, index="btree_not_null"
    )
    coordination_vendor_currency_id = fields.Many2one("res.currency", readonly=True)
    coordination_vendor_price = fields.Monetary(
        "Vendor Price", currency_field="coordination_vendor_currency_id", readonly=True
    )
    coordination_lead_days = fields.Float(
        "Lead Time (days)",
        readonly=True,
        help="The vendor's delivery lead time plus the company's purchase lead times.",
    )
    coordination_vendor_on_time_rate = fields.Float(
        related="coordination_vendor_id.commercial_partner_id.coordination_on_time_rate",
        string="Vendor On-Time Rate (%)",
    )
    coordination_vendor_qty_due = fields.Float(
        related="coordination_vendor_id.commercial_partner_id.coordination_on_time_qty_due",
        string="Vendor Quantity Due (12 months)",
    )
    coordination_purchase_id = fields.Many2one(
        "purchase.order", "Request for Quotation", readonly=True, copy=False
    )
    coordination_purchase_line_ids = fields.Many2many(
        "purchase.order.line",
        string="Open Purchases",
        compute="_compute_coordination_purchase_line_ids",
        groups=PURCHASE_USER,
        help="Requests for quotation and purchase orders of this product for this warehouse "
        "that are not fully received.",
    )

    _sql_constraints = [
        (
            "coordination_shortage_key_unique",
            "unique(coordination_product_id, coordination_warehouse_id)",
            "There is already a low-stock task for this product and warehouse.",
        )
    ]

    def _compute_coordination_purchase_line_ids(self):
        tasks = self.filtered("coordination_product_id")
        (self - tasks).coordination_purchase_line_ids = False
        if not tasks:
            return
        lines = self.env["purchase.order.line"].search(
            [
                ("product_id", "in", tasks.coordination_product_id.ids),
                ("company_id", "in", tasks.company_id.ids),
                ("state", "!=", "cancel"),
                ("display_type", "=", False),
            ],
            order="date_planned, id",
        )
        lines = lines.filtered(lambda line: line.qty_received < line.product_qty)
        for task in tasks:
            task.coordination_purchase_line_ids = lines.filtered(
                lambda line, task=task: line.product_id == task.coordination_product_id
                and line.company_id == task.company_id
                and line.order_id.picking_type_id.warehouse_id
                in (task.coordination_warehouse_id, self.env["stock.warehouse"])
            )

    def get_formview_id(self, access_uid=None):
        """Low-stock tasks open in their own form (purchasing staff may not be project users)."""
        if len(self) == 1 and self.coordination_warehouse_id:
            return self.env.ref("production_coordination.project_task_view_form_shortage").id
        return super().get_formview_id(access_uid=access_uid)

    # Buttons ------------------------------------------------------------------------------------

    def _coordination_check_purchase_user(self, action):
        if not self.env.user.has_group(PURCHASE_USER):
            raise AccessError(_("Only purchasing users can %(action)s.", action=action))

    def action_coordination_create_rfq(self):
        """A draft purchase order for the suggested vendor and the shortage, linked to the task;
        once it exists (and is not cancelled), the button opens it."""
        self.ensure_one()
        self._coordination_check_purchase_user(_("create a request for quotation"))
        if not self.coordination_product_id:
            raise UserError(_("%s is not a low-stock task.", self.name))
        order = self.coordination_purchase_id
        if not order or order.state == "cancel":
            order = self._coordination_create_rfq()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _coordination_create_rfq(self):
        product = self.coordination_product_id
        if not self.coordination_vendor_id:
            raise UserError(
                _(
                    "%(product)s has no vendor: add one on the product's Purchase tab, then scan "
                    "again.",
                    product=product.display_name,
                )
            )
        if self.coordination_shortage_qty <= 0:
            raise UserError(_("There is no shortage left to order."))
        order = (
            self.env["purchase.order"]
            .with_company(self.company_id)
            .create(self._prepare_coordination_rfq_vals())
        )
        self.coordination_purchase_id = order
        stages = self.project_id._coordination_get_stages()
        if self.stage_id == stages["todo"]:
            self.stage_id = stages["ordered"]
        self.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "Request for quotation %(order)s created for %(vendor)s.",
                order=order.name,
                vendor=order.partner_id.name,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return order

    def _prepare_coordination_rfq_vals(self):
        product = self.coordination_product_id
        qty = product.uom_id._compute_quantity(self.coordination_shortage_qty, product.uom_po_id)
        return {
            "partner_id": self.coordination_vendor_id.id,
            "company_id": self.company_id.id,
            "user_id": self.env.user.id,
            "picking_type_id": self.coordination_warehouse_id.in_type_id.id,
            "origin": self.name,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_qty": qty,
                        "product_uom": product.uom_po_id.id,
                    }
                )
            ],
        }

    def action_coordination_open_forecast(self):
        """Odoo's forecast report of the product in the task's warehouse; for users who may not
        read manufacturing orders (the report shows them), the open moves of the product in and
        out of the warehouse in date order."""
        self._coordination_ensure_one()
        product, warehouse = self.coordination_product_id, self.coordination_warehouse_id
        if not product:
            raise UserError(_("%s is not a low-stock task.", self.name))
        if any(self.env.user.has_group(group) for group in MO_READERS.split(",")):
            action = product.action_product_forecast_report()
            action["context"] = {
                "active_id": product.id,
                "active_model": "product.product",
                "warehouse_id": warehouse.id,
            }
            return action
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "Forecast: %(product)s in %(warehouse)s",
                product=product.display_name,
                warehouse=warehouse.name,
            ),
            "res_model": "stock.move",
            "view_mode": "list",
            "views": [
                (self.env.ref("production_coordination.stock_move_view_list_forecast").id, "list")
            ],
            "domain": [
                ("product_id", "=", product.id),
                ("state", "not in", ("draft", "done", "cancel")),
                "|",
                ("location_id.warehouse_id", "=", warehouse.id),
                ("location_dest_id.warehouse_id", "=", warehouse.id),
            ],
            "context": {"create": False},
        }

    @api.model
    def action_coordination_scan_shortages(self):
        """ "Scan Now": scan the current companies and say what changed."""
        user = self.env.user
        if not (user.has_group(PURCHASE_USER) or user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only purchasing users and coordinators can scan for shortages."))
        # sudo: the scan reads manufacturing orders and writes tasks and activities that
        # purchasing users may not; its result is the same whoever starts it.
        results = self.env["coordination.material.scan"].sudo()._scan(self.env.companies.sudo())
        if any(counts is None for counts in results.values()):
            message, kind = (
                _("Another scan is running: the tasks will be up to date in a moment."),
                "warning",
            )
        else:
            total = {
                key: sum(counts[key] for counts in results.values())
                for key in ("created", "updated", "closed", "reopened")
            }
            message = _(
                "%(created)s new, %(updated)s updated, %(closed)s closed, %(reopened)s reopened.",
                **total,
            )
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Shortage Scan"),
                "message": message,
                "type": kind,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
