# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

COORDINATOR = "production_coordination_media.group_media_coordinator"


class MediaRental(models.Model):
    """Equipment or a service hired in from a vendor for a production's days.

    Requesting it (`action_request`) adds a line to the production's draft request for
    quotation from the vendor (a new one when there is none), with the pickup and return dates
    and the production's analytic account. Confirming the order makes it ordered (cancelling
    the order cancels it), then it is picked up (out) and returned; a rental out after its
    return date is overdue (`is_overdue`, searchable). Crew users read the rentals of the days
    they are booked on (the call sheet lists them), never their prices."""

    _name = "media.rental"
    _description = "Production Rental"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_pickup, id"
    _check_company_auto = True

    name = fields.Char("What", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain=[("is_media_production", "=", True)],
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Vendor", required=True, check_company=True, tracking=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        check_company=True,
        domain=[("purchase_ok", "=", True)],
        default=lambda self: self.env.ref(
            "production_coordination_media.product_media_rental", raise_if_not_found=False
        ),
        groups=COORDINATOR,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_unit = fields.Monetary("Price", groups=COORDINATOR, help="For the whole rental period.")
    amount = fields.Monetary(
        "Amount", related="purchase_line_id.price_subtotal", groups=COORDINATOR
    )
    day_ids = fields.Many2many(
        "media.production.day",
        "media_production_day_media_rental_rel",
        "media_rental_id",
        "media_production_day_id",
        string="Days",
        check_company=True,
        domain="[('project_id', '=', project_id), ('state', '!=', 'cancelled')]",
    )
    department_id = fields.Many2one(
        "media.department",
        string="Department",
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The crew department that uses it: the call sheet lists it with that "
        "department (by default the booking's it was requested from).",
    )
    booking_id = fields.Many2one(
        "media.booking",
        string="Booking",
        check_company=True,
        ondelete="set null",
        help="The booking this rental was requested for.",
    )
    date_pickup = fields.Date("Pickup", required=True, tracking=True)
    date_return = fields.Date("Return", required=True, tracking=True)
    date_returned = fields.Date("Returned On", tracking=True, copy=False)
    purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Purchase Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        groups=COORDINATOR,
    )
    purchase_id = fields.Many2one(
        related="purchase_line_id.order_id",
        string="Purchase Order",
        store=True,
        index="btree_not_null",
        groups=COORDINATOR,
    )
    state = fields.Selection(
        [
            ("draft", "Requested"),
            ("ordered", "Ordered"),
            ("out", "Picked Up"),
            ("returned", "Returned"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    is_overdue = fields.Boolean(
        "Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Picked up and not returned after its return date.",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Hired Equipment",
        readonly=True,
        copy=False,
        check_company=True,
        ondelete="set null",
        help="The hired-in equipment booked on the rental's days (named after the rental and "
        "its vendor): it shows in the team schedule and on the call sheets.",
    )
    note = fields.Text()

    @api.constrains("date_pickup", "date_return", "date_returned")
    def _check_dates(self):
        for rental in self:
            if rental.date_return < rental.date_pickup:
                raise ValidationError(
                    _(
                        "%(rental)s: the Return date (%(return)s) cannot come before the Pickup "
                        "date (%(pickup)s).",
                        rental=rental.name,
                        pickup=format_date(self.env, rental.date_pickup),
                        **{"return": format_date(self.env, rental.date_return)},
                    )
                )
            if rental.date_returned and rental.date_returned < rental.date_pickup:
                raise ValidationError(
                    _(
                        "%s: the Returned On date cannot come before the Pickup date.",
                        rental.name,
                    )
                )

    @api.constrains("quantity", "price_unit")
    def _check_amounts(self):
        # sudo: the check must hold whoever writes (a purchase user confirming the order
        # changes a rental without reading its price fields' group).
        for rental in self.sudo():
            if rental.quantity <= 0:
                raise ValidationError(_("%s: the Quantity must be positive.", rental.name))
            if rental.price_unit < 0:
                raise ValidationError(_("%s: the Price cannot be negative.", rental.name))

    @api.constrains("day_ids", "project_id")
    def _check_days(self):
        for rental in self:
            cancelled = rental.day_ids.filtered(lambda day: day.state == "cancelled")
            if cancelled:
                raise ValidationError(
                    _(
                        "%(rental)s: %(days)s is cancelled (Days): a rental is for days that "
                        "take place.",
                        rental=rental.name,
                        days=", ".join(cancelled.mapped("display_name")),
                    )
                )
            foreign = rental.day_ids - rental.day_ids.filtered_domain(
                [("project_id", "=", rental.project_id.id)]
            )
            if foreign:
                raise ValidationError(
                    _(
                        "%(rental)s: %(days)s belongs to another production (Days).",
                        rental=rental.name,
                        days=", ".join(foreign.mapped("display_name")),
                    )
                )

    @api.depends("booking_id")
    def _compute_department_id(self):
        for rental in self:
            if rental.booking_id and not rental.department_id:
                rental.department_id = (
                    rental.booking_id.equipment_id.coordination_department_id
                    or rental.booking_id.department_id
                )

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for rental in self:
            rental.is_overdue = rental.state == "out" and rental.date_return < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue rentals with = or != and True or False."))
        domain = [
            ("state", "=", "out"),
            ("date_return", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def write(self, vals):
        res = super().write(vals)
        if {"day_ids", "name", "partner_id", "state", "department_id"} & vals.keys():
            self.filtered("equipment_id")._sync_bookings()
        return res

    # -- Hired-in equipment on the schedule ------------------------------------------------------

    def _equipment_name(self):
        self.ensure_one()
        return _("%(what)s (%(vendor)s)", what=self.name, vendor=self.partner_id.name)

    def _prepare_equipment_vals(self):
        self.ensure_one()
        return {
            "name": self._equipment_name(),
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "coordination_department_id": self.department_id.id,
            "coordination_rental_id": self.id,
            # Not offered when booking equipment: it is this rental's only.
            "coordination_is_bookable": False,
        }

    def _sync_bookings(self):
        """The hired-in equipment of each rental of `self` is booked on the rental's days that
        take place (until the rental is cancelled), named after it and its
        vendor: new bookings for new days, none left on the days it no longer covers."""
        Booking = self.env["media.booking"]
        for rental in self:
            if not rental.equipment_id:
                rental.equipment_id = self.env["maintenance.equipment"].create(
                    rental._prepare_equipment_vals()
                )
            equipment = rental.equipment_id
            if (equipment.name, equipment.coordination_department_id) != (
                rental._equipment_name(),
                rental.department_id,
            ):
                equipment.write(
                    {
                        "name": rental._equipment_name(),
                        "partner_id": rental.partner_id.id,
                        "coordination_department_id": rental.department_id.id,
                    }
                )
            wanted = (
                rental.day_ids.filtered(lambda day: day.state != "cancelled")
                if rental.state != "cancel"
                else self.env["media.production.day"]
            )
            booked = Booking.search([("equipment_id", "=", equipment.id)])
            kept = booked.filtered_domain([("day_id", "in", wanted.ids)])
            (booked - kept).unlink()
            note = self.env._("Hired from %s", rental.partner_id.name)
            Booking.create(
                [
                    {
                        "day_id": day.id,
                        "resource_type": "equipment",
                        "equipment_id": equipment.id,
                        "note": note,
                    }
                    for day in wanted - kept.day_id
                ]
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ordered(self):
        ordered = self.filtered(lambda rental: rental.state not in ("draft", "cancel"))
        if ordered:
            raise UserError(
                _(
                    "%s are ordered: cancel their purchase order instead of deleting them.",
                    ", ".join(ordered.mapped("name")),
                )
            )

    # -- Requesting ----------------------------------------------------------------------------

    @api.model
    def _action_request_form(self, project, days=None, booking=None):
        """A new rental of `project` in a dialog (for `days`, from `booking`)."""
        days = days or self.env["media.production.day"]
        context = {
            "default_project_id": project.id,
            "default_day_ids": days.ids,
            "default_booking_id": booking and booking.id,
        }
        if days:
            context["default_date_pickup"] = min(days.mapped("date"))
            context["default_date_return"] = max(days.mapped("date"))
        if booking and booking.equipment_id:
            context["default_name"] = booking.equipment_id.name
        return {
            "type": "ir.actions.act_window",
            "name": _("Request Rental"),
            "res_model": "media.rental",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("production_coordination_media.media_rental_view_form_request").id,
                    "form",
                )
            ],
            "target": "new",
            "context": context,
        }

    def _prepare_purchase_line_vals(self, order):
        self.ensure_one()
        account = self.project_id._coordination_analytic_account()
        when = _(
            "pickup %(pickup)s, return %(return)s",
            pickup=format_date(self.env, self.date_pickup),
            **{"return": format_date(self.env, self.date_return)},
        )
        return {
            "order_id": order.id,
            "product_id": self.product_id.id,
            "name": f"{self.name} ({when})",
            "product_qty": self.quantity,
            "price_unit": self.price_unit,
            "date_planned": fields.Datetime.to_datetime(self.date_pickup),
            "analytic_distribution": {str(account.id): 100.0},
            "coordination_budget_category": "equipment",
            "coordination_day_id": self.day_ids.sorted("date_call")[:1].id,
            "coordination_date_pickup": self.date_pickup,
            "coordination_date_return": self.date_return,
        }

    def action_request(self):
        """Add each requested rental of `self` to its production's draft request for quotation
        from its vendor (a new one when there is none). Returns that RFQ for one rental."""
        for rental in self:
            if rental.state != "draft" or rental.purchase_line_id:
                raise UserError(_("%s is already on a purchase order.", rental.name))
            rental.project_id._coordination_check_open()
            order = self.env["purchase.order"]._coordination_rfq_for(
                rental.project_id, rental.partner_id
            )
            rental.purchase_line_id = self.env["purchase.order.line"].create(
                rental._prepare_purchase_line_vals(order)
            )
            rental.message_post(body=_("Added to %s.", order._get_html_link()))
        self._sync_bookings()
        if len(self) == 1:
            return {"type": "ir.actions.act_window_close"}
        return True

    def action_open_purchase(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the purchase order of this rental"))
        if not self.purchase_id:
            raise UserError(_("%s is not on a purchase order yet.", self.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_id.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("production_coordination_media.purchase_order_view_form_media").id,
                    "form",
                )
            ],
        }

    def action_pickup(self):
        check_action_access(self, "write", _("mark these rentals picked up"))
        not_ordered = self.filtered(lambda rental: rental.state != "ordered")
        if not_ordered:
            raise UserError(
                _(
                    "Confirm the purchase order of %s before its pickup.",
                    ", ".join(not_ordered.mapped("name")),
                )
            )
        self.write({"state": "out"})

    def action_return(self):
        check_action_access(self, "write", _("mark these rentals returned"))
        not_out = self.filtered(lambda rental: rental.state != "out")
        if not_out:
            raise UserError(
                _("%s are not picked up: nothing to return.", ", ".join(not_out.mapped("name")))
            )
        today = fields.Date.context_today(self)
        for rental in self:
            rental.write({"state": "returned", "date_returned": rental.date_returned or today})

    def action_cancel(self):
        """Cancel requested rentals: their line leaves the request for quotation. An ordered
        rental is cancelled by cancelling its purchase order."""
        check_action_access(self, "write", _("cancel these rentals"))
        not_draft = self.filtered(lambda rental: rental.state not in ("draft", "cancel"))
        if not_draft:
            raise UserError(
                _(
                    "%s are ordered: cancel their purchase order to cancel them.",
                    ", ".join(not_draft.mapped("name")),
                )
            )
        lines = self.purchase_line_id.filtered(lambda line: line.state in ("draft", "sent"))
        self.write({"state": "cancel"})
        # sudo: the rentals' own lines leave their draft RFQ; purchase_stock reads their
        # (absent) stock moves on the way, which media coordinators have no right to read.
        lines.sudo().unlink()
