# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Change notices: a manufacturing method changed (a BoM's components, its operations, a work
center's default data, or something no record shows). The notice lists the open MOs that use
the method, the departments concerned, what each MO got (the new method or the old one), and
each department's acknowledgement."""

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .coordination_const import MANAGER_GROUP
from .coordination_format import word_in_languages, write_in_languages
from .coordination_protected_mixin import check_action_access
from .coordination_utils import ensure_one_record
from .mrp_bom_change_notice import PENDING_KEY

# The MOs a notice concerns: not done, not cancelled.
NOTICE_MO_STATES = ("draft", "confirmed", "progress", "to_close")
CHANGE_KINDS = [
    ("component_added", "Component added"),
    ("component_removed", "Component removed"),
    ("component_changed", "Component changed"),
    ("operation_added", "Operation added"),
    ("operation_removed", "Operation removed"),
    ("operation_changed", "Operation changed"),
    ("workcenter_changed", "Work center changed"),
]
OUTCOMES = [
    ("pending", "To decide"),
    ("updated", "New method"),
    ("kept", "Old method"),
    ("refused", "Update refused"),
    ("closed", "Closed"),
]


class CoordinationChangeNotice(models.Model):
    _name = "coordination.change.notice"
    _description = "Change Notice (Manufacturing Method Changed)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    bom_id = fields.Many2one(
        "mrp.bom",
        string="Bill of Materials",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    product_tmpl_id = fields.Many2one(related="bom_id.product_tmpl_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    origin = fields.Selection(
        [("automatic", "Record changed"), ("manual", "Written by hand")],
        required=True,
        default="manual",
        readonly=True,
        help="Record changed: created when the BoM, its operations or a work center's default "
        "data were edited. Written by hand: a change no record shows (a new tool, a new "
        "inspection step).",
    )
    description = fields.Html(help="What changed and what the departments must do differently.")
    state = fields.Selection(
        [("open", "To Acknowledge"), ("acknowledged", "Acknowledged"), ("cancel", "Cancelled")],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )
    is_cancelled = fields.Boolean(readonly=True, copy=False)
    policy = fields.Selection(
        [
            ("apply", "Apply to orders not started"),
            ("keep", "Keep the old method for released orders"),
        ],
        tracking=True,
        help="Apply: the orders not started yet are updated to the new method through Odoo's "
        "Update BoM; started ones keep the old method. Keep: only the drafts are updated; "
        "the orders already released keep the old method.",
    )
    date_policy = fields.Datetime("Policy Applied On", readonly=True, copy=False)
    line_ids = fields.One2many("coordination.change.notice.line", "notice_id", string="Changes")
    operation_ids = fields.Many2many(
        "mrp.routing.workcenter",
        string="Operations Changed",
        help="The operations whose work orders change (empty: the whole BoM).",
    )
    production_line_ids = fields.One2many(
        "coordination.change.notice.production", "notice_id", string="Orders"
    )
    department_line_ids = fields.One2many(
        "coordination.change.notice.department", "notice_id", string="Departments"
    )
    start_ids = fields.One2many(
        "coordination.change.notice.start", "notice_id", string="Started Before Acknowledgement"
    )
    production_count = fields.Integer(compute="_compute_counts")
    department_pending_count = fields.Integer(
        "Departments to Acknowledge", compute="_compute_counts"
    )
    can_acknowledge = fields.Boolean(
        compute="_compute_can_acknowledge",
        help="The current user supervises a department that has not acknowledged this notice.",
    )

    @api.depends("is_cancelled", "department_line_ids.state")
    def _compute_state(self):
        for notice in self:
            if notice.is_cancelled:
                notice.state = "cancel"
            elif any(line.state == "pending" for line in notice.department_line_ids):
                notice.state = "open"
            else:
                notice.state = "acknowledged"

    @api.depends("production_line_ids", "department_line_ids.state")
    def _compute_counts(self):
        for notice in self:
            notice.production_count = len(notice.production_line_ids)
            notice.department_pending_count = len(
                notice.department_line_ids.filtered(lambda line: line.state == "pending")
            )

    @api.depends_context("uid")
    @api.depends("department_line_ids.state", "department_line_ids.department_id.supervisor_id")
    def _compute_can_acknowledge(self):
        user = self.env.user
        for notice in self:
            notice.can_acknowledge = notice.state == "open" and any(
                line.state == "pending" and line.department_id.supervisor_id == user
                for line in notice.department_line_ids
            )

    # Creation ---------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        boms = self.env["mrp.bom"].browse(
            [vals["bom_id"] for vals in vals_list if vals.get("bom_id")]
        )
        archived = boms.filtered(lambda bom: not bom.active)
        if archived:
            raise UserError(
                _(
                    "%(bom)s is archived: no order uses it any more. Write the notice on the "
                    "BoM in use.",
                    bom=archived[0].display_name,
                )
            )
        for vals in vals_list:
            if vals.get("bom_id") and not vals.get("company_id"):
                bom = self.env["mrp.bom"].browse(vals["bom_id"])
                vals["company_id"] = bom.company_id.id or self.env.company.id
        notices = super().create(vals_list)
        manual = notices.filtered(lambda notice: notice.origin == "manual")
        if manual:
            manual._compute_impact()
            manual._notify_departments()
        return notices

    @api.model
    def _create_pending_notices(self):
        """Write the notices of the method changes collected in this transaction (see
        mrp_bom_change_notice.py): one per BoM, with every change as a line. A BoM no open
        order uses and no department runs gets none (nobody to tell). Runs just before the
        commit; tests call ``env.cr.precommit.run()``."""
        pending = self.env.cr.precommit.data.pop(PENDING_KEY, None)
        if not pending or not pending["boms"]:
            return self.browse()
        # sudo: the notice is written for whoever changed the method (a BoM manager, an import).
        boms = self.env["mrp.bom"].sudo().browse(list(pending["boms"])).exists()
        boms = boms.filtered("active")
        if not boms:
            return self.browse()
        vals_list = []
        for bom in boms:
            entry = pending["boms"][bom.id]
            vals_list.append(
                {
                    "name": _("%(bom)s: method changed", bom=bom.display_name),
                    "bom_id": bom.id,
                    "company_id": bom.company_id.id or self.env.company.id,
                    "origin": "automatic",
                    # (a change of the whole BoM concerns all its operations: none listed)
                    "operation_ids": [
                        Command.set(
                            []
                            if entry["whole"]
                            else self.env["mrp.routing.workcenter"]
                            .sudo()
                            .browse(list(entry["operations"]))
                            .exists()
                            .ids
                        )
                    ],
                    "line_ids": [
                        Command.create(
                            {
                                "sequence": index,
                                "kind": kind,
                                "subject": subject,
                                "value_before": before,
                                "value_after": after,
                            }
                        )
                        for index, (kind, subject, before, after) in enumerate(entry["lines"])
                    ],
                }
            )
        notices = self.sudo().create(vals_list)
        notices._compute_impact()
        silent = notices.filtered(
            lambda notice: not notice.production_line_ids and not notice.department_line_ids
        )
        silent.unlink()
        notices -= silent
        notices._notify_departments()
        return notices

    def _compute_impact(self):
        """List the open MOs using the notices' BoMs (and, when operations changed, those with
        such a work order not done), and the departments running their work centers."""
        Production = self.env["mrp.production"].sudo()
        productions = Production.search(
            [("bom_id", "in", self.bom_id.ids), ("state", "in", NOTICE_MO_STATES)]
        )
        by_bom = {}
        for production in productions:
            by_bom.setdefault(production.bom_id.id, Production)
            by_bom[production.bom_id.id] |= production
        workcenters = (
            self.operation_ids.workcenter_id | self.bom_id.operation_ids.workcenter_id
        ).sudo()
        departments = (
            self.env["coordination.department"]
            .sudo()
            ._get_workcenter_departments(workcenters, self.company_id)
        )
        production_vals, department_vals = [], []
        for notice in self:
            mos = by_bom.get(notice.bom_id.id, Production)
            operations = notice.operation_ids
            if operations:
                mos = mos.filtered(
                    lambda mo, ops=operations: mo.state == "draft"
                    or any(
                        wo.operation_id in ops and wo.state not in ("done", "cancel")
                        for wo in mo.workorder_ids
                    )
                    or not mo.workorder_ids
                )
            else:
                operations = notice.bom_id.operation_ids
            production_vals += [
                {"notice_id": notice.id, "production_id": mo.id, "outcome": "pending"} for mo in mos
            ]
            concerned = self.env["coordination.department"].sudo()
            for workcenter in operations.workcenter_id:
                concerned |= departments.get((workcenter.id, notice.company_id.id), concerned[:0])
            department_vals += [
                {"notice_id": notice.id, "department_id": department.id} for department in concerned
            ]
        # sudo: the notice lists every order and department concerned, whoever changed the BoM.
        self.env["coordination.change.notice.production"].sudo().create(production_vals)
        self.env["coordination.change.notice.department"].sudo().create(department_vals)

    def _notify_departments(self):
        """An activity for each concerned department's supervisor; a message on the BoM and on
        the MOs concerned (with the diff)."""
        activity_type = self.env.ref(
            "production_coordination.mail_activity_type_change_notice", raise_if_not_found=False
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_vals, lines = [], self.env["coordination.change.notice.department"]
        for notice in self.sudo():
            for line in notice.department_line_ids:
                supervisor = line.department_id.supervisor_id
                if not supervisor:
                    continue
                lines |= line
                activity_vals.append(
                    {
                        "res_model_id": model_id,
                        "res_id": notice.id,
                        "activity_type_id": activity_type.id if activity_type else False,
                        "summary": _(
                            "Acknowledge for %(department)s", department=line.department_id.name
                        ),
                        "user_id": supervisor.id,
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
        # sudo: the activities are the supervisors', created for whoever changed the method.
        activities = self.env["mail.activity"].sudo().create(activity_vals)
        for line, activity in zip(lines, activities, strict=True):
            line.activity_id = activity
        for notice in self.sudo():
            body = notice._message_body()
            notice.bom_id.message_post(body=body, subtype_xmlid="mail.mt_note")
            for production in notice.production_line_ids.production_id:
                production.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _message_body(self):
        self.ensure_one()
        link = Markup('<a href="#" data-oe-model="%s" data-oe-id="%s">%s</a>') % (
            self._name,
            self.id,
            self.name,
        )
        items = Markup("").join(Markup("<li>%s</li>") % line._label() for line in self.line_ids)
        body = Markup("%s %s") % (_("Method changed:"), link)
        if items:
            body += Markup("<ul>%s</ul>") % items
        departments = ", ".join(self.department_line_ids.department_id.mapped("name"))
        if departments:
            body += Markup("<p>%s</p>") % _(
                "To acknowledge by: %(departments)s", departments=departments
            )
        return body

    def _start_summary(self):
        """What the person about to start reads: the notice, its changes, its description."""
        self.ensure_one()
        summary = Markup("<h5>%s</h5>") % self.name
        if self.line_ids:
            summary += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % line._label() for line in self.line_ids
            )
        if not is_html_empty(self.description):
            summary += self.description
        return summary

    # Policy -----------------------------------------------------------------------------------

    def action_apply_policy(self):
        """Give each order concerned the new method or keep the old one, by the policy: an order
        not started (and, with "keep", not released: a draft) is updated through Odoo's own
        Update BoM; Odoo's refusal is recorded on the order's line."""
        self._check_coordinator(_("apply a change notice to its orders"))
        for notice in self:
            if not notice.policy:
                raise UserError(
                    _(
                        "%(notice)s: choose a policy (apply to the orders not started, or keep the "
                        "old method for released orders) first.",
                        notice=notice.name,
                    )
                )
            if notice.state == "cancel":
                raise UserError(_("%(notice)s is cancelled.", notice=notice.name))
            for line in notice.production_line_ids.filtered(lambda x: x.outcome == "pending"):
                line._apply(notice.policy)
            notice.date_policy = fields.Datetime.now()
            outcomes = notice.production_line_ids.mapped("outcome")
            notice.message_post(
                body=_(
                    "Policy applied: %(updated)s order(s) got the new method, %(kept)s keep the "
                    "old one, %(refused)s refused by Odoo.",
                    updated=outcomes.count("updated"),
                    kept=outcomes.count("kept"),
                    refused=outcomes.count("refused"),
                )
            )
        return True

    # Acknowledgement --------------------------------------------------------------------------

    def action_acknowledge(self):
        """Acknowledge the notice for every pending department the current user supervises."""
        ensure_one_record(self)
        user = self.env.user
        lines = self.department_line_ids.filtered(
            lambda line: line.state == "pending" and line.department_id.supervisor_id == user
        )
        if not lines:
            raise UserError(
                _(
                    "%(notice)s has no department of yours waiting to acknowledge it: only the "
                    "supervisor of a department concerned acknowledges for it.",
                    notice=self.name,
                )
            )
        return lines.action_acknowledge()

    def action_cancel(self):
        self._check_coordinator(_("cancel a change notice"))
        self.is_cancelled = True
        # sudo: the supervisors' activities go with the notice.
        self.sudo().department_line_ids.activity_id.unlink()
        return True

    def action_open_productions(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id("mrp.mrp_production_action")
        action["domain"] = [("id", "in", self.production_line_ids.production_id.ids)]
        action["context"] = {}
        return action

    def _check_coordinator(self, action):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only coordinators can %(action)s.", action=action))
        check_action_access(self, "write", action)


class CoordinationChangeNoticeLine(models.Model):
    """One change of the method: what it was, what it is."""

    _name = "coordination.change.notice.line"
    _description = "Change Notice: Change"
    _check_company_auto = True
    _order = "notice_id, sequence, id"

    notice_id = fields.Many2one(
        "coordination.change.notice", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(CHANGE_KINDS, required=True)
    subject = fields.Char(required=True, help="The component, operation or work center.")
    value_before = fields.Char("Before")
    value_after = fields.Char("After")

    def _label(self):
        self.ensure_one()
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        text = f"{kind}: {self.subject}"
        if self.value_before or self.value_after:
            text += f" ({self.value_before or '—'} → {self.value_after or '—'})"
        return escape(text)


class CoordinationChangeNoticeProduction(models.Model):
    """An order concerned by a notice, and the method it got."""

    _name = "coordination.change.notice.production"
    _description = "Change Notice: Order Concerned"
    _check_company_auto = True
    _order = "notice_id, production_id"
    _rec_name = "production_id"

    notice_id = fields.Many2one(
        "coordination.change.notice", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    production_id = fields.Many2one("mrp.production", required=True, index=True, ondelete="cascade")
    production_state = fields.Selection(related="production_id.state", string="Order State")
    outcome = fields.Selection(OUTCOMES, required=True, default="pending")
    outcome_message = fields.Text("Reason", readonly=True, translate=True)

    _sql_constraints = [
        (
            "notice_production_uniq",
            "unique(notice_id, production_id)",
            "An order is listed once per change notice.",
        )
    ]

    def _apply(self, policy):
        """Update this order to the new method if the policy and its progress allow it."""
        self.ensure_one()
        production = self.production_id
        started = production.state not in ("draft", "confirmed") or any(
            wo.state in ("progress", "done") or wo.time_ids for wo in production.workorder_ids
        )
        if production.state in ("done", "cancel"):
            self._set_outcome(
                "closed",
                word_in_languages(self.env, lambda env: env._("The order was closed meanwhile.")),
            )
            return
        if started:
            self._set_outcome(
                "kept",
                word_in_languages(
                    self.env, lambda env: env._("Started: the work goes on with the old method.")
                ),
            )
            return
        if policy == "keep" and production.state != "draft":
            self._set_outcome(
                "kept",
                word_in_languages(
                    self.env, lambda env: env._("Released: keeps the old method (the policy).")
                ),
            )
            return
        try:
            with self.env.cr.savepoint():
                production.action_update_bom()
        except UserError as error:
            # Odoo's refusal, as it was worded: the same text in every language.
            self._set_outcome("refused", {"en_US": error.args[0]})
            return
        self._set_outcome("updated", {})

    def _set_outcome(self, outcome, messages):
        """The order's outcome, and why in every language of `messages` ({language: text})."""
        self.write({"outcome": outcome})
        write_in_languages(self, "outcome_message", messages)


class CoordinationChangeNoticeDepartment(models.Model):
    """A department concerned by a notice, and its supervisor's acknowledgement."""

    _name = "coordination.change.notice.department"
    _description = "Change Notice: Department Acknowledgement"
    _check_company_auto = True
    _order = "notice_id, department_id"
    _rec_name = "department_id"

    notice_id = fields.Many2one(
        "coordination.change.notice", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    department_id = fields.Many2one(
        "coordination.department", required=True, index=True, ondelete="cascade"
    )
    supervisor_id = fields.Many2one(related="department_id.supervisor_id")
    state = fields.Selection(
        [("pending", "To Acknowledge"), ("acknowledged", "Acknowledged")],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    acknowledged_by_id = fields.Many2one("res.users", "Acknowledged By", readonly=True)
    date_acknowledged = fields.Datetime("Acknowledged On", readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    can_acknowledge = fields.Boolean(compute="_compute_can_acknowledge")

    _sql_constraints = [
        (
            "notice_department_uniq",
            "unique(notice_id, department_id)",
            "A department acknowledges a change notice once.",
        )
    ]

    @api.depends_context("uid")
    @api.depends("state", "department_id.supervisor_id")
    def _compute_can_acknowledge(self):
        for line in self:
            line.can_acknowledge = (
                line.state == "pending" and line.department_id.supervisor_id == self.env.user
            )

    def action_acknowledge(self):
        """The supervisor of each department acknowledges for it (time and person recorded)."""
        user = self.env.user
        for line in self:
            if line.state != "pending":
                raise UserError(
                    _(
                        "%(department)s acknowledged %(notice)s already.",
                        department=line.department_id.name,
                        notice=line.notice_id.name,
                    )
                )
            if line.notice_id.state == "cancel":
                raise UserError(_("%(notice)s is cancelled.", notice=line.notice_id.name))
            if line.department_id.supervisor_id != user:
                raise AccessError(
                    _(
                        "Only the supervisor of %(department)s acknowledges %(notice)s for it.",
                        department=line.department_id.name,
                        notice=line.notice_id.name,
                    )
                )
        # sudo: supervisors only read the notices; the acknowledgement is checked above.
        self.sudo().write(
            {
                "state": "acknowledged",
                "acknowledged_by_id": user.id,
                "date_acknowledged": fields.Datetime.now(),
            }
        )
        for line in self.sudo():
            if line.activity_id:
                line.activity_id.with_user(user).sudo().action_feedback(
                    feedback=_(
                        "Acknowledged for %(department)s.", department=line.department_id.name
                    )
                )
            line.notice_id.message_post(
                body=_(
                    "%(department)s acknowledged the change (%(user)s).",
                    department=line.department_id.name,
                    user=user.name,
                ),
                author_id=user.partner_id.id,
            )
        return True


class CoordinationChangeNoticeStart(models.Model):
    """A work order started while its department had not acknowledged a notice."""

    _name = "coordination.change.notice.start"
    _description = "Change Notice: Started Before Acknowledgement"
    _check_company_auto = True
    _order = "date desc, id desc"

    notice_id = fields.Many2one(
        "coordination.change.notice", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    workorder_id = fields.Many2one("mrp.workorder", required=True, ondelete="cascade")
    production_id = fields.Many2one(related="workorder_id.production_id")
    department_id = fields.Many2one("coordination.department", readonly=True)
    user_id = fields.Many2one("res.users", "Started By", required=True, readonly=True)
    date = fields.Datetime("Started On", required=True, default=fields.Datetime.now)
    is_confirmed = fields.Boolean(
        "Confirmed Reading",
        readonly=True,
        help="The person confirmed they read the notice before starting.",
    )
