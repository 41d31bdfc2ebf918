# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round, formatLang

from .coordination_const import MANAGER_GROUP, SEVERITIES
from .coordination_low_stock_sync import TASK_COLUMNS
from .coordination_protected_mixin import check_action_access
from .coordination_shortage_line import MO_READERS
from .coordination_utils import ensure_one_record

PURCHASE_USER = "purchase.group_purchase_user"
# Purchase orders not confirmed yet: requests for quotation, without receipts.
RFQ_STATES = ("draft", "sent", "to approve")


# Low-stock task fields kept by the shortage scan (the RFQ: by Create RFQ); of the columns it
# writes, Odoo's own (deadline, priority) stay the buyer's too.
SCAN_FIELDS = [
    "coordination_product_id",
    "coordination_warehouse_id",
    "coordination_line_ids",
    *(name for name in TASK_COLUMNS if name.startswith("coordination_")),
]


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "coordination.protected.mixin"]

    # Low-stock tasks: one per product and warehouse, kept by the shortage scan. -------------------
    coordination_product_id = fields.Many2one(
        "product.product",
        "Component",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The product that runs short (low-stock tasks only).",
        copy=False,
    )
    coordination_warehouse_id = fields.Many2one(
        "stock.warehouse",
        "Warehouse",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        copy=False,
    )
    coordination_uom_id = fields.Many2one(
        related="coordination_product_id.uom_id", string="Unit of Measure"
    )
    # The scan writes its columns (TASK_COLUMNS of coordination_low_stock_sync.py: the fields
    # marked below, and Odoo's date_deadline and priority) with coordination_sql.bulk_update, and
    # inserts the lines in SQL: no tracking, no write() override, no protected-field or value
    # check, no @api.depends recomputation. Nothing may be computed from them.
    # Written in SQL by the shortage scan.
    coordination_shortage_qty = fields.Float(
        "Shortage",
        digits="Product Unit of Measure",
        readonly=True,
        help="What must arrive by the need date so that no manufacturing order lacks it and the "
        "stock stays at the reordering rule minimum.",
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_date_need = fields.Datetime(
        "Needed On",
        readonly=True,
        help="When the projected stock first falls short.",
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_severity = fields.Selection(
        SEVERITIES,
        "Severity",
        readonly=True,
        index="btree_not_null",
        help="Critical: ordered today, the vendor's lead time still misses the need date. "
        "High: it must be ordered within a week. Normal: there is time.",
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_qty_min = fields.Float(
        "Reordering Minimum",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_qty_lowest = fields.Float(
        "Lowest Projected Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="The lowest the stock falls within the horizon, with the receipts expected.",
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_production_count = fields.Integer("Blocked Orders", readonly=True, copy=False)
    # Written in SQL by the shortage scan.
    coordination_line_ids = fields.One2many(
        "coordination.shortage.line",
        "task_id",
        string="Blocked Manufacturing Orders",
        readonly=True,
    )
    # Written in SQL by the shortage scan.
    coordination_vendor_id = fields.Many2one(
        "res.partner",
        "Suggested Vendor",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_vendor_currency_id = fields.Many2one("res.currency", readonly=True, copy=False)
    # Written in SQL by the shortage scan.
    coordination_vendor_price = fields.Monetary(
        "Vendor Price",
        currency_field="coordination_vendor_currency_id",
        readonly=True,
        copy=False,
    )
    # Written in SQL by the shortage scan.
    coordination_lead_days = fields.Float(
        "Lead Time (days)",
        readonly=True,
        aggregator="max",
        help="The vendor's delivery lead time plus the company's purchase lead times.",
        copy=False,
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
    coordination_purchase_state = fields.Selection(
        related="coordination_purchase_id.state",
        string="RFQ Status",
        help="Confirmed (or cancelled): Create RFQ orders what the confirmed purchases do not "
        "cover any more. Not confirmed yet: Open RFQ opens it, with what is still missing added.",
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

    def _coordination_protected_fields(self):
        """What the shortage scan keeps on low-stock tasks, and the RFQ of Create RFQ (see
        coordination.protected.mixin). The task's stage, state and assignees are the
        buyer's."""
        return {
            **dict.fromkeys(SCAN_FIELDS, _("the shortage scan")),
            "coordination_purchase_id": _("Create RFQ"),
        }

    @api.constrains("project_id", "company_id", "coordination_warehouse_id")
    def _check_coordination_project(self):
        """A low-stock task stays in the procurement coordination project of its warehouse's
        company: moved elsewhere, the scan would not see it and the buyers of that company
        would lose it (and another company's users would read it)."""
        # sudo: buyers may not read warehouses; only their company is compared.
        for task in self.sudo().filtered("coordination_warehouse_id"):
            company = task.coordination_warehouse_id.company_id
            if (
                task.company_id != company
                or task.project_id.company_id != company
                or not task.project_id.coordination_is_procurement
            ):
                raise ValidationError(
                    _(
                        "%(task)s is the low-stock task of warehouse %(warehouse)s: it stays in "
                        "the procurement coordination project of %(company)s.",
                        task=task.name,
                        warehouse=task.coordination_warehouse_id.name,
                        company=company.name,
                    )
                )

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
        check_action_access(self, "write", action)

    def action_coordination_create_rfq(self):
        """Order what the task's purchases do not cover yet, then open the request for
        quotation (RFQ) it is in; the notification says what happened.

        The shortage is net of the confirmed purchases. The RFQs not confirmed yet (draft, sent,
        to approve) of the product for the warehouse are not counted in it: what they hold is
        already asked for. The rest is added to a draft RFQ (the task's, else one of the
        suggested vendor for the warehouse) or, without one, to a new RFQ for the vendor. When
        nothing is left to order, the button opens the task's RFQ (or purchase order).
        """
        ensure_one_record(self)
        self._coordination_check_purchase_user(_("create a request for quotation"))
        if not self.coordination_product_id:
            raise UserError(_("%s is not a low-stock task.", self.name))
        product = self.coordination_product_id
        rfq_lines = self._coordination_get_rfq_lines()
        asked = sum(rfq_lines.mapped("product_uom_qty"))
        to_order = float_round(
            self.coordination_shortage_qty - asked,
            precision_rounding=product.uom_id.rounding,
        )
        if to_order > 0:
            order, created = self._coordination_order_rest(to_order, rfq_lines)
            message_vals = {
                "qty": formatLang(self.env, to_order, dp="Product Unit of Measure"),
                "uom": product.uom_id.name,
                "order": order.name,
                "vendor": order.partner_id.name,
            }
            if created:
                message = _(
                    "Request for quotation %(order)s created for %(vendor)s: %(qty)s %(uom)s.",
                    **message_vals,
                )
            else:
                message = _(
                    "%(qty)s %(uom)s added to request for quotation %(order)s (%(vendor)s).",
                    **message_vals,
                )
            self._coordination_link_purchase(order, message)
        else:
            order = self._coordination_open_purchase(rfq_lines)
            message = _(
                "Nothing more to order: %(order)s covers what is missing.", order=order.name
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Request for Quotation"),
                "message": message,
                "type": "success" if to_order > 0 else "info",
                "next": {
                    "type": "ir.actions.act_window",
                    "res_model": "purchase.order",
                    "res_id": order.id,
                    "view_mode": "form",
                    "views": [(False, "form")],
                },
            },
        }

    def _coordination_get_rfq_lines(self):
        """The lines of the product for the task's warehouse in RFQs not confirmed yet: what is
        asked for already, which the shortage (net of confirmed purchases) does not count."""
        self.ensure_one()
        lines = self.env["purchase.order.line"].search(
            [
                ("product_id", "=", self.coordination_product_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "in", RFQ_STATES),
                ("display_type", "=", False),
                "|",
                ("order_id.picking_type_id.warehouse_id", "=", self.coordination_warehouse_id.id),
                ("order_id.picking_type_id.warehouse_id", "=", False),
            ],
            order="id",
        )
        # The task's own RFQ first: it is the one the button opens and adds to.
        return lines.sorted(lambda line: line.order_id != self.coordination_purchase_id)

    def _coordination_order_rest(self, qty, rfq_lines):
        """Add `qty` (in the product's unit) to a draft RFQ of the warehouse: the task's, else
        the suggested vendor's; without one, create an RFQ for the vendor.

        :return: (order, created)
        """
        self.ensure_one()
        product = self.coordination_product_id
        drafts = rfq_lines.order_id.filtered(
            lambda order: order.state == "draft"
            and order.picking_type_id == self.coordination_warehouse_id.in_type_id
        )
        order = (
            drafts.filtered(lambda order: order == self.coordination_purchase_id)[:1]
            or (drafts.filtered(lambda order: order.partner_id == self.coordination_vendor_id)[:1])
        )
        if not order and self.coordination_vendor_id:
            # A draft RFQ of the vendor for the warehouse, for other products so far.
            order = self.env["purchase.order"].search(
                [
                    ("partner_id", "=", self.coordination_vendor_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "draft"),
                    ("picking_type_id", "=", self.coordination_warehouse_id.in_type_id.id),
                ],
                order="id",
                limit=1,
            )
        if not order:
            return self._coordination_create_rfq(qty), True
        line = rfq_lines.filtered(lambda line: line.order_id == order)[:1]
        if line:
            line.product_qty += product.uom_id._compute_quantity(qty, line.product_uom)
        else:
            order.order_line = [Command.create(self._prepare_coordination_rfq_line_vals(qty))]
        return order, False

    def _coordination_open_purchase(self, rfq_lines):
        """The order the button opens when nothing is left to order: the RFQ that holds the
        product (the task's first), else the task's purchase order."""
        self.ensure_one()
        order = rfq_lines.order_id[:1] or self.coordination_purchase_id
        if not order or order.state == "cancel":
            raise UserError(_("There is no shortage left to order."))
        return order

    def _coordination_link_purchase(self, order, message):
        """Link the task to `order`, move it to Ordered and say so in its chatter."""
        # sudo: protected field; the caller checked the user's access to this task.
        self.sudo().coordination_purchase_id = order
        stages = self.project_id._coordination_get_stages()
        if self.stage_id == stages["todo"]:
            self.stage_id = stages["ordered"]
        self.message_post(
            body=Markup("<p>%s</p>") % message,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _coordination_create_rfq(self, qty):
        """A new RFQ for the suggested vendor: `qty` of the product (in its unit)."""
        product = self.coordination_product_id
        if not self.coordination_vendor_id:
            raise UserError(
                _(
                    "%(product)s has no vendor: add one on the product's Purchase tab, then scan "
                    "again.",
                    product=product.display_name,
                )
            )
        return (
            self.env["purchase.order"]
            .with_company(self.company_id)
            .create(self._prepare_coordination_rfq_vals(qty))
        )

    def _prepare_coordination_rfq_vals(self, qty):
        return {
            "partner_id": self.coordination_vendor_id.id,
            "company_id": self.company_id.id,
            "user_id": self.env.user.id,
            "picking_type_id": self.coordination_warehouse_id.in_type_id.id,
            "origin": self.name,
            "order_line": [Command.create(self._prepare_coordination_rfq_line_vals(qty))],
        }

    def _prepare_coordination_rfq_line_vals(self, qty):
        """An RFQ line for `qty` of the product (in its unit), in its purchase unit."""
        product = self.coordination_product_id
        return {
            "product_id": product.id,
            "product_qty": product.uom_id._compute_quantity(qty, product.uom_po_id),
            "product_uom": product.uom_po_id.id,
        }

    def action_coordination_open_forecast(self):
        """Odoo's forecast report of the product in the task's warehouse; for users who may not
        read manufacturing orders (the report shows them), the open moves of the product in and
        out of the warehouse in date order."""
        ensure_one_record(self)
        check_action_access(self, "read", _("open the forecast of this low-stock task"))
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

    def action_coordination_scan_shortages(self):
        """ "Scan Now": one background scan job per current company (see
        ``coordination.material.scan._enqueue_scans``); the user is notified when each is done.

        Not ``@api.model``: the list's header button sends the selected ids (none), as every
        button does; the tasks it is called on do not matter."""
        user = self.env.user
        if not (user.has_group(PURCHASE_USER) or user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only purchasing users and coordinators can scan for shortages."))
        # sudo: the scan reads manufacturing orders and writes tasks and activities that
        # purchasing users may not; its result is the same whoever starts it. The job runs as
        # this user in superuser mode, and notifies this user.
        self.env["coordination.material.scan"].sudo()._enqueue_scans(self.env.companies.sudo())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Shortage Scan"),
                "message": _(
                    "The scan has started in the background: you will be notified when the "
                    "tasks are up to date."
                ),
                "type": "success",
            },
        }
