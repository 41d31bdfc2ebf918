# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

from .coordination_const import CLOSED_TASK_STATES, EPSILON, MANAGER_GROUP, PURCHASE_GROUP
from .coordination_protected_mixin import check_action_access, check_action_group
from .coordination_sql import typed_arrays
from .coordination_utils import ensure_one_record

# The stored columns the review writes in SQL (`_replace_lines`); ``task_id`` is set later by
# the line's actions.
SQL_COLUMNS = [
    "order_id",
    "company_id",
    "kind",
    "level",
    "product_id",
    "warehouse_id",
    "qty_required",
    "qty_available",
    "qty_to_make",
    "qty_to_buy",
    "date_available",
    "date_need",
    "date_order_by",
    "vendor_id",
    "lead_days",
    "workcenter_id",
    "department_id",
    "name",
    "work_minutes",
    "date_start",
    "date_finished",
    "date_full_until",
    "special_request_id",
    "request_state",
]


class CoordinationReviewLine(models.Model):
    """One line of a sales order's production review: a component (or product made) with
    what the order needs of it, or a work center with the work the order brings it."""

    _name = "coordination.review.line"
    _description = "Production Review Line"
    _inherit = ["coordination.protected.mixin"]
    _order = "order_id, kind, level, id"
    _check_company_auto = True

    # Every stored field but task_id is written in SQL by the review (`_replace_lines`): no
    # create() override, no check, no @api.depends recomputation; nothing is computed from them.
    order_id = fields.Many2one(
        "sale.order", "Order", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    kind = fields.Selection(
        [("component", "Component"), ("work", "Work Center"), ("request", "Special Request")],
        required=True,
        readonly=True,
    )
    special_request_id = fields.Many2one(
        "coordination.special.request", readonly=True, ondelete="cascade", check_company=True
    )
    request_state = fields.Selection(
        [
            ("new", "To Acknowledge"),
            ("acknowledged", "Acknowledged"),
            ("fulfilled", "Fulfilled"),
            ("verified", "Verified"),
        ],
        "Request Status",
        readonly=True,
        help="How far the department concerned is with the special request.",
    )
    level = fields.Integer(readonly=True, help="0: the product sold; 1: its components; ...")
    product_id = fields.Many2one("product.product", "Product", readonly=True, check_company=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True, check_company=True)
    qty_required = fields.Float("Required", digits="Product Unit of Measure", readonly=True)
    qty_available = fields.Float(
        "From Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="What the stock and the expected receipts can give after every open demand.",
    )
    qty_to_make = fields.Float("To Make", digits="Product Unit of Measure", readonly=True)
    qty_to_buy = fields.Float("To Buy", digits="Product Unit of Measure", readonly=True)
    is_short = fields.Boolean(compute="_compute_is_short", search="_search_is_short")
    date_available = fields.Datetime(
        "Available On", readonly=True, help="When the stock and receipts cover their part."
    )
    date_need = fields.Datetime(
        "Needed On",
        readonly=True,
        help="When it must be there for the line to be finished by the commitment date.",
    )
    date_order_by = fields.Datetime(
        "Order By", readonly=True, help="The need date minus the vendor's lead time."
    )
    vendor_id = fields.Many2one("res.partner", "Vendor", readonly=True)
    lead_days = fields.Float("Lead Time (days)", readonly=True)
    workcenter_id = fields.Many2one(
        "mrp.workcenter", "Work Center", readonly=True, check_company=True
    )
    department_id = fields.Many2one("coordination.department", readonly=True, check_company=True)
    name = fields.Char(readonly=True)
    work_minutes = fields.Float("Work (min)", readonly=True)
    work_hours = fields.Float("Work (h)", compute="_compute_work_hours", digits=(16, 1))
    date_start = fields.Datetime("Earliest Start", readonly=True)
    date_finished = fields.Datetime("Earliest Finish", readonly=True)
    date_full_until = fields.Date(
        "Full Until",
        readonly=True,
        help="The last week (Monday) the work center had no free capacity for this work.",
    )
    task_id = fields.Many2one("project.task", "Low-Stock Task", readonly=True)

    def _coordination_protected_fields(self):
        return self._coordination_all_fields(_("the production review"))

    @api.depends("kind", "product_id", "name")
    def _compute_display_name(self):
        """The component's name, else the name the review stored (the work center's, the
        request's): salespeople read the lines without reading work centers."""
        for line in self:
            name = line.product_id.display_name if line.kind == "component" else line.name
            line.display_name = name or ""

    @api.depends("qty_to_buy")
    def _compute_is_short(self):
        for line in self:
            line.is_short = line.qty_to_buy > EPSILON

    def _search_is_short(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on Short: %s", operator))
        positive = (operator == "=") == value
        return [("qty_to_buy", ">" if positive else "<=", EPSILON)]

    @api.depends("work_minutes")
    def _compute_work_hours(self):
        for line in self:
            line.work_hours = line.work_minutes / 60

    # Written by the review --------------------------------------------------------------------

    @api.model
    def _replace_lines(self, orders, rows):
        """Replace the review lines of these orders by ``rows`` (values of their stored fields):
        plain derived rows without logic of their own, hundreds for a large order: one DELETE,
        one INSERT (in SQL, so that their number does not change the number of queries). The
        caller checked the user's role."""
        self.flush_model()
        self.env.cr.execute(
            SQL("DELETE FROM coordination_review_line WHERE order_id = ANY(%s)", orders.ids)
        )
        if rows:
            now = fields.Datetime.now()
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO coordination_review_line
                           (%s, create_uid, create_date, write_uid, write_date)
                    SELECT *, %s, %s, %s, %s FROM unnest(%s)
                    """,
                    SQL(", ").join(SQL.identifier(name) for name in SQL_COLUMNS),
                    self.env.uid,
                    now,
                    self.env.uid,
                    now,
                    typed_arrays(
                        self,
                        SQL_COLUMNS,
                        (
                            [None if row.get(name) is False else row.get(name) for row in rows]
                            for name in SQL_COLUMNS
                        ),
                    ),
                )
            )
        self.invalidate_model()
        orders.invalidate_recordset(
            [
                "coordination_review_line_ids",
                "coordination_review_component_ids",
                "coordination_review_work_ids",
                "coordination_review_request_ids",
            ]
        )

    # Actions ----------------------------------------------------------------------------------

    def action_create_low_stock_task(self):
        """The low-stock task of each short component for its warehouse: the open one when
        there is one, else a new one with the review's shortage (the shortage scan's task
        values, vendor and buyers). Coordinators and purchasing users."""
        check_action_group(
            self.env,
            [MANAGER_GROUP, PURCHASE_GROUP],
            _("create low-stock tasks from a production review"),
            _("coordinators and purchasing users"),
        )
        check_action_access(self, "read", _("create low-stock tasks from a production review"))
        lines = self._check_short()
        tasks = lines._ensure_tasks()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.project_task_action_shortage"
        )
        action["domain"] = [("id", "in", tasks.ids)]
        if len(tasks) == 1:
            action.update(res_id=tasks.id, view_mode="form", views=[(False, "form")])
        return action

    def action_create_rfq(self):
        """A request for quotation for a short component, through its low-stock task (the
        task's Create RFQ: the vendor's draft RFQ of the warehouse, or a new one)."""
        ensure_one_record(self)
        check_action_group(
            self.env,
            [PURCHASE_GROUP],
            _("create a request for quotation"),
            _("purchasing users"),
        )
        check_action_access(self, "read", _("create a request for quotation"))
        task = self._check_short()._ensure_tasks()
        return task.action_coordination_create_rfq()

    def _check_short(self):
        lines = self.filtered(lambda line: line.kind == "component" and line.is_short)
        if not lines:
            raise UserError(
                _(
                    "Nothing to order: %s is not a component short for this order.",
                    ", ".join(self.mapped("display_name")) or _("nothing selected"),
                )
            )
        return lines

    def _ensure_tasks(self):
        """The open low-stock task of each line's (component, warehouse), created with the
        review's shortage when there is none (or reopened when closed); linked to the lines."""
        Task = self.env["project.task"]
        Sync = self.env["coordination.low.stock.sync"]
        # sudo: low-stock tasks are kept by the scan (protected fields, every buyer's); the
        # caller's role and access to the review lines were checked.
        existing = {
            (task.coordination_product_id.id, task.coordination_warehouse_id.id): task
            for task in Task.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("coordination_product_id", "in", self.product_id.ids),
                    ("coordination_warehouse_id", "in", self.warehouse_id.ids),
                ]
            )
        }
        tasks = Task
        for company, lines in self.grouped("company_id").items():
            project = company.sudo().coordination_procurement_project_id
            if not project:
                raise UserError(
                    _(
                        "%(company)s has no procurement coordination project: set it in "
                        "Settings.",
                        company=company.name,
                    )
                )
            shortages = {
                (line.product_id.id, line.warehouse_id.id): {"qty": line.qty_to_buy}
                for line in lines
            }
            vendors = Sync.sudo()._select_vendors(company, shortages)
            buyers = Sync.sudo()._get_buyers(company, {v["partner_id"] for v in vendors.values()})
            stages = project._coordination_get_stages()
            digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
            now = fields.Datetime.now()
            for line in lines:
                key = (line.product_id.id, line.warehouse_id.id)
                task = existing.get(key)
                vendor = vendors.get(line.product_id.id)
                if task and task.active and task.state not in CLOSED_TASK_STATES:
                    line.sudo().task_id = task
                    tasks |= task
                    continue
                need = line.date_need or now
                projection = {
                    "qty": line.qty_to_buy,
                    "date": need,
                    "date_stockout": need,
                    "lowest": -line.qty_to_buy,
                    "productions": {},
                }
                values = Sync._prepare_task_values(projection, vendor, 0.0, now, digits)
                values["coordination_shortage_qty"] = float_round(
                    line.qty_to_buy, precision_digits=digits
                )
                users = Sync._assignees(vendor, buyers)
                note = Markup("<p>%s</p>") % _(
                    "Shortage found by the production review of %(order)s: %(qty)s %(uom)s "
                    "needed on %(date)s.",
                    order=line.order_id.name,
                    qty=values["coordination_shortage_qty"],
                    uom=line.product_uom_id.name,
                    date=fields.Datetime.to_string(need),
                )
                if task:
                    task.sudo().write(
                        {
                            **values,
                            "state": "01_in_progress",
                            "stage_id": stages["todo"].id,
                            "active": True,
                            "user_ids": [Command.set(users)],
                        }
                    )
                else:
                    name = Sync._task_names([key])[key]
                    task = (
                        Task.sudo()
                        .with_context(mail_create_nolog=True)
                        .create(
                            {
                                "name": name,
                                "project_id": project.id,
                                "stage_id": stages["todo"].id,
                                "coordination_product_id": key[0],
                                "coordination_warehouse_id": key[1],
                                "user_ids": [Command.set(users)],
                                **values,
                            }
                        )
                    )
                task.sudo().message_post(
                    body=note, message_type="comment", subtype_xmlid="mail.mt_note"
                )
                line.sudo().task_id = task
                tasks |= task
        return tasks.with_env(self.env)
