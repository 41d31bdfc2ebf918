# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .coordination_const import MANAGER_GROUP
from .coordination_protected_mixin import check_action_access
from .coordination_utils import ensure_one_record

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
# Requests an MO cannot be marked done with (unless a coordinator overrode them).
UNFULFILLED_STATES = ("new", "acknowledged")
ACTIVITY_TYPE = "production_coordination.mail_activity_type_special_request"
# The order of the lifecycle: a request on a sales line is as far as the least advanced of its
# copies on the manufacturing orders made for the line.
STATE_RANK = {"new": 0, "acknowledged": 1, "fulfilled": 2, "verified": 3}


class CoordinationSpecialRequest(models.Model):
    """A special customer request (packaging, labelling, a tolerance, a certificate...) that the
    departments concerned acknowledge, then fulfil; the coordinator or quality verifies it.

    Entered on a quotation or sales order line, or on an MO. A request of a sales line is copied
    to every MO made for the line (and to their backorders and splits): each copy follows its
    own lifecycle, the line's request shows the least advanced of them."""

    _name = "coordination.special.request"
    _description = "Special Customer Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "coordination.protected.mixin"]
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
        help="The departments concerned: each acknowledges the request, then records it fulfilled.",
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
        domain="[('order_id', '=', sale_order_id)]",
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
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    state = fields.Selection(
        STATES, string="Status", required=True, default="new", index=True, tracking=True
    )
    origin_request_id = fields.Many2one(
        "coordination.special.request",
        string="Copied From",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The request of the sales line (or of the order split) this one was copied from.",
    )
    copy_ids = fields.One2many(
        "coordination.special.request",
        "origin_request_id",
        string="On Manufacturing Orders",
        readonly=True,
    )
    department_status_ids = fields.One2many(
        "coordination.special.request.department",
        "request_id",
        string="Departments' Progress",
        readonly=True,
    )
    pending_department_ids = fields.Many2many(
        "coordination.department",
        string="Waiting For",
        compute="_compute_pending_department_ids",
        help="The departments that have not acknowledged, or not fulfilled, the request yet.",
    )
    verified_by_id = fields.Many2one("res.users", "Verified By", readonly=True, copy=False)
    date_verified = fields.Datetime("Verified On", readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)
    override_reason = fields.Text(
        readonly=True,
        copy=False,
        help="Why a coordinator let the manufacturing order be done before the request was "
        "fulfilled.",
    )
    overridden_by_id = fields.Many2one("res.users", "Overridden By", readonly=True, copy=False)
    date_overridden = fields.Datetime("Overridden On", readonly=True, copy=False)
    summary = fields.Char(
        compute="_compute_summary", help="Category and title, for badges and reports."
    )
    can_acknowledge = fields.Boolean(compute="_compute_can")
    can_fulfil = fields.Boolean(compute="_compute_can")
    can_verify = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")
    can_edit = fields.Boolean(
        compute="_compute_can",
        help="The current user changes what was asked (coordinators and salespeople); "
        "supervisors complete the description only.",
    )

    # Computes ---------------------------------------------------------------------------------

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

    @api.depends("sale_order_id", "production_id")
    def _compute_company_id(self):
        for request in self:
            company = request.production_id.company_id or request.sale_order_id.company_id
            if company:
                request.company_id = company
            elif not request.company_id:
                request.company_id = self.env.company

    @api.depends("category", "name")
    def _compute_summary(self):
        labels = dict(self._fields["category"]._description_selection(self.env))
        for request in self:
            request.summary = f"{labels.get(request.category, '')}: {request.name or ''}"

    @api.depends("department_status_ids.state", "state")
    def _compute_pending_department_ids(self):
        for request in self:
            if request.state in ("verified", "cancel"):
                request.pending_department_ids = False
                continue
            wanted = "fulfilled" if request.state == "acknowledged" else "acknowledged"
            request.pending_department_ids = request.department_status_ids.filtered(
                lambda line, wanted=wanted: STATE_RANK[line.state] < STATE_RANK[wanted]
            ).department_id

    @api.depends_context("uid")
    @api.depends("state", "department_status_ids.state", "sale_order_id")
    def _compute_can(self):
        is_coordinator = self.env.user.has_group(MANAGER_GROUP)
        can_edit = is_coordinator or self._is_salesperson()
        for request in self:
            request.can_edit = can_edit
            mine = request._department_lines_of_user()
            is_open = request.state in UNFULFILLED_STATES
            request.can_acknowledge = is_open and any(line.state == "new" for line in mine)
            request.can_fulfil = is_open and any(line.state != "fulfilled" for line in mine)
            request.can_verify = request.state == "fulfilled" and request._may_verify()
            request.can_cancel = request.state in UNFULFILLED_STATES + ("fulfilled",) and (
                is_coordinator or bool(request.sale_order_id and request._is_salesperson())
            )

    # Constraints ------------------------------------------------------------------------------

    @api.constrains("department_ids", "state")
    def _check_department_ids(self):
        # (the 18.0.1.2.0 migration turns old free-text flags into requests, in superuser mode:
        # a company without any department keeps its flag as a request without department)
        if self.env.su and self.env.context.get("coordination_request_migrating"):
            return
        for request in self:
            if not request.department_ids and request.state != "cancel":
                raise ValidationError(
                    _(
                        "The special request “%s” names no department: choose the departments "
                        "concerned (they acknowledge and fulfil it).",
                        request.name,
                    )
                )

    @api.constrains("sale_line_id", "production_id")
    def _check_anchor(self):
        for request in self:
            if not (request.sale_line_id or request.sale_order_id or request.production_id):
                raise ValidationError(
                    _(
                        "The special request “%s” belongs to no sales order line, sales order "
                        "or manufacturing order.",
                        request.name,
                    )
                )
            line = request.sale_line_id
            if line and request.sale_order_id and line.order_id != request.sale_order_id:
                raise ValidationError(
                    _(
                        "The line “%(line)s” of the special request “%(request)s” is not a line "
                        "of %(order)s.",
                        line=line.display_name,
                        request=request.name,
                        order=request.sale_order_id.name,
                    )
                )

    # CRUD -------------------------------------------------------------------------------------

    def _coordination_protected_fields(self):
        actions = _("Acknowledge, Fulfilled, Verify and Cancel")
        return {
            **dict.fromkeys(["state", "verified_by_id", "date_verified", "cancel_reason"], actions),
            **dict.fromkeys(
                ["override_reason", "overridden_by_id", "date_overridden"],
                _("Override (on the manufacturing order)"),
            ),
            "origin_request_id": _("the manufacturing orders made for the sales line"),
        }

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._sync_department_status()
        requests._schedule_acknowledgements()
        if not self.env.context.get("coordination_request_no_follow"):
            requests._follow_to_productions()
        requests.production_id._coordination_refresh_for_requests()
        return requests

    def write(self, vals):
        self._check_supervisor_write(vals)
        productions = self.production_id if "production_id" in vals else self.env["mrp.production"]
        res = super().write(vals)
        if "department_ids" in vals:
            self._sync_department_status()
            self._update_state()
            self._schedule_acknowledgements()
        if {"production_id", "state"} & set(vals):
            (productions | self.production_id)._coordination_refresh_for_requests()
        return res

    def _check_supervisor_write(self, vals):
        """Supervisors (neither coordinators nor salespeople) add details to the description of
        their departments' requests; what was asked and who is concerned is the coordinator's
        or the salesperson's."""
        user = self.env.user
        if self.env.su or user.has_group(MANAGER_GROUP) or self._is_salesperson():
            return
        changed = set(vals) - {"description"}
        if changed:
            raise AccessError(
                _(
                    "Only coordinators and salespeople change %(fields)s of a special request; "
                    "supervisors complete its description.",
                    fields=", ".join(
                        sorted(
                            self._fields[name].string if name in self._fields else name
                            for name in changed
                        )
                    ),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_fulfilled(self):
        if any(request.state in ("fulfilled", "verified") for request in self):
            raise UserError(
                _("A fulfilled or verified special request is kept: cancel it instead.")
            )

    def _sync_department_status(self):
        """One progress line per department concerned (added and removed with them)."""
        lines = self.env["coordination.special.request.department"].sudo()
        to_create = []
        for request in self:
            current = request.sudo().department_status_ids
            current.filtered(
                lambda line, wanted=request.department_ids: line.department_id not in wanted
            ).unlink()
            missing = request.department_ids - current.department_id
            to_create += [
                {"request_id": request.id, "department_id": department.id} for department in missing
            ]
        lines.create(to_create)

    # Activities -----------------------------------------------------------------------------------

    def _schedule_acknowledgements(self):
        """An activity for the supervisor of each department concerned that has not acknowledged
        the request (not on copies: the request they come from has it). In superuser mode: the
        author (a salesperson, say) schedules for others."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return
        for request in self.sudo():
            if request.origin_request_id or request.state not in UNFULFILLED_STATES:
                continue
            waiting = request.department_status_ids.filtered(lambda line: line.state == "new")
            scheduled = request.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).user_id
            for supervisor in waiting.department_id.supervisor_id - scheduled:
                request.activity_schedule(
                    ACTIVITY_TYPE,
                    user_id=supervisor.id,
                    note=_(
                        "%(category)s for %(departments)s: acknowledge it, then record it "
                        "fulfilled.",
                        category=dict(self._fields["category"]._description_selection(self.env))[
                            request.category
                        ],
                        departments=", ".join(
                            waiting.department_id.filtered(
                                lambda d, s=supervisor: d.supervisor_id == s
                            ).mapped("name")
                        ),
                    ),
                )

    def _close_acknowledgements(self):
        """Mark done the acknowledgement activities of supervisors whose departments all
        acknowledged (on these requests and the ones they were copied from)."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return
        requests = self.sudo() | self.sudo().origin_request_id
        for request in requests:
            waiting = request.department_status_ids.filtered(lambda line: line.state == "new")
            activities = request.activity_ids.filtered(
                lambda a, w=waiting: a.activity_type_id == activity_type
                and a.user_id not in w.department_id.supervisor_id
            )
            if activities:
                activities.action_feedback(feedback=_("Acknowledged"))

    # Lifecycle ------------------------------------------------------------------------------------

    def _is_salesperson(self):
        return self.env.user.has_group("sales_team.group_sale_salesman")

    def _may_verify(self):
        """Coordinators verify, and the supervisor of a quality department of the company."""
        self.ensure_one()
        user = self.env.user
        if user.has_group(MANAGER_GROUP):
            return True
        return bool(
            self.env["coordination.department"].search_count(
                [
                    ("coordination_is_quality", "=", True),
                    ("supervisor_id", "=", user.id),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )

    def _department_lines_of_user(self):
        """The progress lines the current user acts on: all for coordinators, their supervised
        departments' for supervisors."""
        self.ensure_one()
        lines = self.sudo().department_status_ids
        if self.env.user.has_group(MANAGER_GROUP):
            return lines
        return lines.filtered(lambda line: line.department_id.supervisor_id == self.env.user)

    def _check_acting(self, action):
        check_action_access(self, "read", action)
        for request in self:
            if request.state not in UNFULFILLED_STATES:
                raise UserError(
                    _(
                        "The special request “%(request)s” is %(state)s: it cannot be %(action)s.",
                        request=request.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            request.state
                        ].lower(),
                        action=action,
                    )
                )
            if not request._department_lines_of_user():
                raise AccessError(
                    _(
                        "Only the supervisors of %(departments)s (or a coordinator) can "
                        "%(action)s the special request “%(request)s”.",
                        departments=", ".join(request.department_ids.mapped("name")),
                        action=action,
                        request=request.name,
                    )
                )

    def action_acknowledge(self):
        """The current user's departments (all, for a coordinator) acknowledge the request, and
        those of its copies on manufacturing orders (and of the sales line's request a copy
        comes from: the department knows it)."""
        self._check_acting(_("acknowledge"))
        requests = (
            self
            | self.sudo().copy_ids.filtered(lambda r: r.state == "new")
            | self.sudo().origin_request_id.filtered(
                lambda r: not r.production_id and r.state in UNFULFILLED_STATES
            )
        )
        now = fields.Datetime.now()
        for request in requests:
            lines = request._department_lines_of_user().filtered(lambda line: line.state == "new")
            lines.write(
                {
                    "state": "acknowledged",
                    "acknowledged_by_id": self.env.user.id,
                    "date_acknowledged": now,
                }
            )
        requests._update_state()
        requests._close_acknowledgements()
        return True

    def action_fulfil(self, note=None):
        """The current user's departments record the request fulfilled (acknowledging it if
        they had not)."""
        self._check_acting(_("record as fulfilled"))
        requests = self | self.sudo().copy_ids.filtered(lambda r: r.state in UNFULFILLED_STATES)
        now = fields.Datetime.now()
        user = self.env.user
        for request in requests:
            lines = request._department_lines_of_user().filtered(
                lambda line: line.state != "fulfilled"
            )
            for line in lines:
                line.write(
                    {
                        "state": "fulfilled",
                        "acknowledged_by_id": line.acknowledged_by_id.id or user.id,
                        "date_acknowledged": line.date_acknowledged or now,
                        "fulfilled_by_id": user.id,
                        "date_fulfilled": now,
                        "note": note or line.note,
                    }
                )
            if lines:
                request.sudo().message_post(
                    body=_(
                        "Fulfilled for %(departments)s by %(user)s.",
                        departments=", ".join(lines.department_id.mapped("name")),
                        user=user.name,
                    )
                    + (Markup("<br/>") + note if note else ""),
                )
        requests._update_state()
        requests._close_acknowledgements()
        return True

    def action_verify(self):
        check_action_access(self, "read", _("verify special requests"))
        for request in self:
            if request.state != "fulfilled":
                raise UserError(
                    _(
                        "The special request “%s” is not fulfilled yet: it cannot be verified.",
                        request.name,
                    )
                )
            if not request._may_verify():
                raise AccessError(
                    _(
                        "Only a coordinator or the supervisor of a quality department can verify "
                        "the special request “%s”.",
                        request.name,
                    )
                )
        requests = self | self.sudo().copy_ids.filtered(lambda r: r.state == "fulfilled")
        requests.sudo().write(
            {
                "state": "verified",
                "verified_by_id": self.env.user.id,
                "date_verified": fields.Datetime.now(),
            }
        )
        self._update_origin_state()
        return True

    def action_cancel(self, reason=None):
        check_action_access(self, "read", _("cancel special requests"))
        for request in self:
            if request.state in ("verified", "cancel"):
                raise UserError(
                    _("The special request “%s” is verified or cancelled already.", request.name)
                )
            if not request.can_cancel:
                raise AccessError(
                    _(
                        "Only a coordinator, or the salesperson of its sales order, can cancel "
                        "the special request “%s”.",
                        request.name,
                    )
                )
        requests = self | self.sudo().copy_ids.filtered(lambda r: r.state != "cancel")
        requests.sudo().write({"state": "cancel", "cancel_reason": reason or False})
        requests.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        ).unlink()
        self._update_origin_state()
        return True

    def _update_state(self):
        """new / acknowledged / fulfilled from the departments' progress (verified and
        cancelled requests stay)."""
        for request in self.sudo():
            if request.state in ("verified", "cancel"):
                continue
            states = set(request.department_status_ids.mapped("state"))
            if states and states == {"fulfilled"}:
                state = "fulfilled"
            elif states and "new" not in states:
                state = "acknowledged"
            else:
                state = "new"
            if request.state != state:
                request.state = state
        self._update_origin_state()

    def _update_origin_state(self):
        """A sales line's request is as far as the least advanced of its copies."""
        origins = self.sudo().origin_request_id.filtered(
            lambda r: not r.production_id and r.state != "cancel"
        )
        for origin in origins:
            states = [c.state for c in origin.copy_ids if c.state != "cancel"]
            if not states:
                continue
            state = min(states, key=STATE_RANK.get)
            if origin.state != state:
                origin.state = state

    # Views --------------------------------------------------------------------------------------

    def action_open(self):
        request = ensure_one_record(self)
        check_action_access(request, "read", _("open this special request"))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": request.id,
            "view_mode": "form",
            "target": "current",
        }
