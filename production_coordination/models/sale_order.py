# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .coordination_const import MANAGER_GROUP
from .coordination_format import write_in_languages
from .coordination_production_review import REVIEW_STATES
from .coordination_protected_mixin import check_action_access, check_action_group

SALESMAN_GROUP = "sales_team.group_sale_salesman"
# Quotations: what a review waits for.
QUOTATION_STATES = ("draft", "sent")
# The review's results, written by the review only.
REVIEW_FIELDS = [
    "coordination_review_state",
    "coordination_date_feasible",
    "coordination_review_constraint",
    "coordination_review_user_id",
    "coordination_date_reviewed",
    "coordination_review_key",
    "coordination_review_line_ids",
]
CONFIRM_FIELDS = [
    "coordination_confirm_forced_by_id",
    "coordination_confirm_forced_reason",
    "coordination_date_confirm_forced",
]


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "coordination.protected.mixin"]

    coordination_review_state = fields.Selection(
        REVIEW_STATES,
        "Production Review",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Feasible: the order can be made by its commitment date (or expected date). At "
        "risk: only just, or only if what is short is ordered in time. Not feasible: not by "
        "that date.",
    )
    coordination_date_feasible = fields.Datetime(
        "Earliest Completion",
        readonly=True,
        copy=False,
        help="When every manufactured line can be made at the earliest: components from stock, "
        "receipts, sub-assemblies made or bought (vendor lead time), the work placed in the "
        "work centers' free capacity.",
    )
    coordination_review_constraint = fields.Char(
        "Binding Constraint",
        readonly=True,
        copy=False,
        translate=True,
        help="What sets the earliest completion date.",
    )
    coordination_review_user_id = fields.Many2one(
        "res.users", "Reviewed By", readonly=True, copy=False
    )
    coordination_date_reviewed = fields.Datetime("Reviewed On", readonly=True, copy=False)
    coordination_review_notes = fields.Text(
        "Review Notes", copy=False, help="The reviewer's notes for the salesperson."
    )
    coordination_review_key = fields.Char(
        readonly=True,
        copy=False,
        help="Technical: the lines reviewed (product and quantity), to see a change since.",
    )
    coordination_review_line_ids = fields.One2many(
        "coordination.review.line", "order_id", "Review Lines", readonly=True, copy=False
    )
    coordination_review_component_ids = fields.One2many(
        "coordination.review.line",
        "order_id",
        "Requirements",
        domain=[("kind", "=", "component")],
        readonly=True,
    )
    coordination_review_work_ids = fields.One2many(
        "coordination.review.line",
        "order_id",
        "Work per Work Center",
        domain=[("kind", "=", "work")],
        readonly=True,
    )
    coordination_review_request_ids = fields.One2many(
        "coordination.review.line",
        "order_id",
        "Special Requests Reviewed",
        domain=[("kind", "=", "request")],
        readonly=True,
    )
    coordination_review_needed = fields.Boolean(
        "Waiting for Review",
        compute="_compute_coordination_review_needed",
        store=True,
        help="A quotation with a manufactured line (a product with a bill of materials) never "
        "reviewed, or whose lines changed since the review.",
    )
    coordination_confirm_forced_by_id = fields.Many2one(
        "res.users", "Confirmed Despite Review By", readonly=True, copy=False
    )
    coordination_confirm_forced_reason = fields.Text(
        "Reason to Confirm Despite Review", readonly=True, copy=False
    )
    coordination_date_confirm_forced = fields.Datetime(
        "Confirmed Despite Review On", readonly=True, copy=False
    )

    def _coordination_protected_fields(self):
        return {
            **dict.fromkeys(REVIEW_FIELDS, _("Production Review")),
            **dict.fromkeys(CONFIRM_FIELDS, _("Confirm (despite the production review)")),
        }

    @api.depends(
        "state",
        "order_line.product_id",
        "order_line.product_uom_qty",
        "coordination_review_key",
    )
    def _compute_coordination_review_needed(self):
        for order in self:
            order.coordination_review_needed = (
                order.state in QUOTATION_STATES
                and any(order.order_line.product_id.product_tmpl_id.bom_ids)
                and order.coordination_review_key != order._coordination_review_fingerprint()
            )

    def _coordination_review_fingerprint(self):
        """The lines as reviewed: product and quantity of each (a change asks for a new
        review)."""
        self.ensure_one()
        return ";".join(
            f"{line.product_id.id}:{line.product_uom_qty:g}:{line.product_uom.id}"
            for line in self.order_line.sorted("id")
            if not line.display_type and line.product_id
        )

    # Review -----------------------------------------------------------------------------------

    def action_coordination_review(self):
        """Review the orders now (coordinators): the result is stored on them and their lines;
        the notification says what was found."""
        check_action_group(
            self.env, [MANAGER_GROUP], _("review the production of an order"), _("coordinators")
        )
        check_action_access(self, "write", _("review the production of an order"))
        if not self:
            raise UserError(_("Select the quotations or sales orders to review."))
        closed = self.filtered(lambda order: order.state not in (*QUOTATION_STATES, "sale"))
        if closed:
            raise UserError(
                _(
                    "%(orders)s cannot be reviewed: cancelled or locked.",
                    orders=", ".join(closed.mapped("name")),
                )
            )
        results = self._coordination_review()
        order = self[:1]
        result = results[order.id]
        state_label = dict(
            self._fields["coordination_review_state"]._description_selection(self.env)
        ).get(result["state"], "")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Production Review"),
                "message": (
                    _(
                        "%(order)s: %(state)s, earliest completion %(date)s (%(constraint)s).",
                        order=order.name,
                        state=state_label,
                        date=format_datetime(self.env, result["date_feasible"])
                        if result["date_feasible"]
                        else _("none"),
                        constraint=result["constraint"],
                    )
                    if len(self) == 1
                    else _("%(count)s orders reviewed.", count=len(self))
                ),
                "type": {"feasible": "success", "at_risk": "warning"}.get(
                    result["state"], "danger"
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _coordination_review(self, now=None):
        """Review these orders and store the result (the caller checked the user's role and
        access). Orders without any manufactured line: UserError naming them, nothing
        written. Returns the engine's result ({order id: ...})."""
        # sudo: the review reads BoMs, stock, receipts, vendors and work centers the reviewer
        # may not read, and writes only its own results on these orders.
        orders = self.sudo()
        # The author of the review's notes, read with the orders (one read, however many).
        author = self.env.user.partner_id
        (orders.partner_id | orders.company_id.partner_id | author).mapped("name")
        results = self.env["coordination.production.review"].sudo()._review(orders, now=now)
        empty = orders.filtered(lambda order: not results[order.id]["lines"])
        if empty:
            raise UserError(
                _(
                    "Nothing to review on %(orders)s: no line has a product with a bill of "
                    "materials (%(products)s).",
                    orders=", ".join(empty.mapped("name")),
                    products=", ".join(
                        empty.order_line.filtered("product_id").product_id.mapped("display_name")
                    )
                    or _("no products"),
                )
            )
        now = now or fields.Datetime.now()
        requirements = []
        for order in orders:
            result = results[order.id]
            requirements += result["requirements"]
            order.write(
                {
                    "coordination_review_state": result["state"],
                    "coordination_date_feasible": result["date_feasible"],
                    "coordination_review_user_id": self.env.uid,
                    "coordination_date_reviewed": now,
                    "coordination_review_key": order._coordination_review_fingerprint(),
                }
            )
            write_in_languages(
                order, "coordination_review_constraint", result["constraint_translations"]
            )
            for line in order.order_line:
                info = result["lines"].get(line.id)
                line.write({"coordination_date_feasible": info["date_feasible"] if info else False})
                write_in_languages(
                    line,
                    "coordination_review_constraint",
                    info["constraint_translations"] if info else {},
                )
        self.env["coordination.review.line"]._replace_lines(orders, requirements)
        orders._message_log_batch(
            author_id=author.id,
            bodies={
                order.id: Markup("<p>%s</p>")
                % _(
                    "Production review: %(state)s, earliest completion %(date)s (%(constraint)s).",
                    state=dict(
                        self._fields["coordination_review_state"]._description_selection(self.env)
                    ).get(results[order.id]["state"], ""),
                    date=format_datetime(self.env, results[order.id]["date_feasible"])
                    if results[order.id]["date_feasible"]
                    else _("none"),
                    constraint=results[order.id]["constraint"],
                )
                for order in orders
            },
        )
        return results

    # Confirmation -----------------------------------------------------------------------------

    def _coordination_review_blocks(self):
        """The orders whose commitment date (or expected date) comes before the earliest
        completion the review found (or that the review found not feasible at all)."""
        return self.filtered(
            lambda order: order.coordination_review_state == "not_feasible"
            or (
                order.coordination_date_feasible
                and (order.commitment_date or order.expected_date)
                and order.coordination_date_feasible
                > (order.commitment_date or order.expected_date)
            )
        )

    def action_confirm(self):
        """From the order's Confirm button (context ``coordination_review_check``): an order
        whose commitment date is before the earliest completion the review found opens the
        warning instead (confirm anyway with a reason, or move the date); other callers confirm
        as Odoo does."""
        if self.env.context.get("coordination_review_check"):
            blocked = self._coordination_review_blocks()
            if blocked:
                return blocked[:1]._coordination_confirm_warning()
        return super().action_confirm()

    def _coordination_confirm_warning(self):
        self.ensure_one()
        wizard = self.env["coordination.review.confirm.wizard"].create({"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Production Review"),
            "res_model": "coordination.review.confirm.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _coordination_confirm_despite_review(self, reason):
        """Confirm, recording who confirmed despite the review and why."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(
                _("Say why %(order)s is confirmed despite the review.", order=self.name)
            )
        # sudo: protected fields, written by this action for the user who confirms.
        self.sudo().write(
            {
                "coordination_confirm_forced_by_id": self.env.uid,
                "coordination_confirm_forced_reason": reason.strip(),
                "coordination_date_confirm_forced": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "Confirmed despite the production review (earliest completion %(date)s: "
                "%(constraint)s). Reason: %(reason)s",
                date=format_datetime(self.env, self.coordination_date_feasible)
                if self.coordination_date_feasible
                else _("none"),
                constraint=self.coordination_review_constraint or "",
                reason=reason.strip(),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return self.with_context(coordination_review_check=False).action_confirm()

    def _coordination_move_date_to_feasible(self):
        """Move the commitment date to the earliest completion, then confirm."""
        self.ensure_one()
        if not self.coordination_date_feasible:
            raise UserError(
                _(
                    "%(order)s has no feasible date (%(constraint)s): it cannot be moved to one.",
                    order=self.name,
                    constraint=self.coordination_review_constraint or "",
                )
            )
        old = self.commitment_date or self.expected_date
        self.commitment_date = self.coordination_date_feasible
        self.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "Delivery date moved from %(old)s to %(new)s, the earliest completion of the "
                "production review (%(constraint)s).",
                old=format_datetime(self.env, old) if old else _("none"),
                new=format_datetime(self.env, self.commitment_date),
                constraint=self.coordination_review_constraint or "",
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return self.with_context(coordination_review_check=False).action_confirm()


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    coordination_date_feasible = fields.Datetime("Earliest Completion", readonly=True, copy=False)
    coordination_review_constraint = fields.Char(
        "Binding Constraint", readonly=True, copy=False, translate=True
    )
