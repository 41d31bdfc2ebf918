# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .coordination_const import OPEN_LEG_STATES
from .coordination_protected_mixin import check_action_access
from .coordination_utils import ensure_one_record

# What a supervisor may change on the departments they supervise; the rest is for coordinators.
SUPERVISOR_FIELDS = {"member_ids"}
MAX_ACCEPTANCE_HOURS = 8760  # a year of hours: beyond, deadlines overflow


class CoordinationDepartment(models.Model):
    """A production department: the unit work is handed off between."""

    _name = "coordination.department"
    _description = "Production Department"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code shown on boards and reports, unique per company.",
    )
    sequence = fields.Integer(default=10, aggregator=None)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer(aggregator=None)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="Accepts handoffs for the department and reports its progress.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "coordination_department_member_rel",
        "department_id",
        "user_id",
        string="Members",
        check_company=True,
        domain="[('share', '=', False)]",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    can_configure = fields.Boolean(
        compute="_compute_can_configure",
        help="The current user is a coordinator: they change everything, supervisors only members.",
    )
    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "coordination_department_workcenter_rel",
        "department_id",
        "workcenter_id",
        string="Work Centers",
        check_company=True,
        help="The work centers this department runs. A work center belongs to at most one "
        "department per company.",
    )
    handoff_acceptance_hours = fields.Float(
        string="Acceptance Time Limit",
        default=4.0,
        help="Working hours (on the work centers' calendars) the department has to accept a "
        "manufacturing order handed off to it before the handoff is overdue.",
    )
    handoff_ids = fields.One2many("coordination.handoff", "department_id")
    checkin_ids = fields.One2many("coordination.checkin", "department_id")
    # Board figures: computed in a few grouped queries for all displayed departments.
    handoff_ready_count = fields.Integer(compute="_compute_handoff_counts")
    handoff_progress_count = fields.Integer(compute="_compute_handoff_counts")
    handoff_blocked_count = fields.Integer(compute="_compute_handoff_counts")
    handoff_overdue_count = fields.Integer(compute="_compute_handoff_counts")
    workorder_open_count = fields.Integer(compute="_compute_load")
    load_minutes = fields.Float(
        string="Open Work (min)",
        compute="_compute_load",
        help="Expected minutes of the department's open work orders.",
    )
    load_hours = fields.Float(
        string="Open Work", compute="_compute_load", help="Expected hours of open work orders."
    )
    checkin_overdue_count = fields.Integer(compute="_compute_checkin_compliance")
    is_checkin_compliant = fields.Boolean(
        string="Check-ins Compliant",
        compute="_compute_checkin_compliance",
        search="_search_is_checkin_compliant",
        help="No check-in request of this department has waited more than 24 hours.",
    )
    date_last_checkin = fields.Datetime(compute="_compute_checkin_compliance")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Each department code must be unique within a company.",
        ),
        (
            "acceptance_hours_positive",
            "CHECK(handoff_acceptance_hours >= 0)",
            "The acceptance time limit cannot be negative.",
        ),
    ]

    @api.constrains("handoff_acceptance_hours")
    def _check_handoff_acceptance_hours(self):
        for department in self:
            if not 0 <= department.handoff_acceptance_hours <= MAX_ACCEPTANCE_HOURS:
                raise ValidationError(
                    _(
                        "%(department)s: the Acceptance Time Limit must be between 0 and "
                        "%(max)s hours, not %(value)s.",
                        department=department.name,
                        max=MAX_ACCEPTANCE_HOURS,
                        value=department.handoff_acceptance_hours,
                    )
                )

    @api.depends("member_ids")
    def _compute_member_count(self):
        for department in self:
            department.member_count = len(department.member_ids)

    @api.depends_context("uid")
    def _compute_can_configure(self):
        self.can_configure = self.env.user.has_group(
            "production_coordination.group_coordination_manager"
        )

    def _compute_handoff_counts(self):
        Handoff = self.env["coordination.handoff"]
        counts = {
            (department.id, state): count
            for department, state, count in Handoff._read_group(
                [("department_id", "in", self.ids), ("state", "in", OPEN_LEG_STATES)],
                ["department_id", "state"],
                ["__count"],
            )
        }
        overdue = dict(
            Handoff._read_group(
                [("department_id", "in", self.ids), ("is_overdue", "=", True)],
                ["department_id"],
                ["__count"],
            )
        )
        for department in self:
            department.handoff_ready_count = counts.get((department.id, "ready"), 0)
            department.handoff_progress_count = counts.get((department.id, "in_progress"), 0)
            department.handoff_blocked_count = counts.get((department.id, "blocked"), 0)
            department.handoff_overdue_count = overdue.get(department._origin, 0)

    def _compute_load(self):
        groups = {
            department: (count, minutes)
            for department, count, minutes in self.env["mrp.workorder"]._read_group(
                [
                    ("coordination_department_id", "in", self.ids),
                    ("state", "not in", ("done", "cancel")),
                ],
                ["coordination_department_id"],
                ["__count", "duration_expected:sum"],
            )
        }
        for department in self:
            count, minutes = groups.get(department._origin, (0, 0.0))
            department.workorder_open_count = count
            department.load_minutes = minutes
            department.load_hours = minutes / 60.0

    def _compute_checkin_compliance(self):
        Checkin = self.env["coordination.checkin"]
        overdue = dict(
            Checkin._read_group(
                [("department_id", "in", self.ids), ("is_overdue", "=", True)],
                ["department_id"],
                ["__count"],
            )
        )
        last = dict(
            Checkin._read_group(
                [("department_id", "in", self.ids), ("state", "=", "submitted")],
                ["department_id"],
                ["date_submitted:max"],
            )
        )
        for department in self:
            department.checkin_overdue_count = overdue.get(department._origin, 0)
            department.is_checkin_compliant = not department.checkin_overdue_count
            department.date_last_checkin = last.get(department._origin)

    def _search_is_checkin_compliant(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(_("Unsupported search on check-in compliance."))
        late = self.env["coordination.checkin"]._search([("is_overdue", "=", True)])
        non_compliant = [("id", "in", late.subselect("department_id"))]
        wants_compliant = (operator == "=") == bool(value)
        return ["!"] + non_compliant if wants_compliant else non_compliant

    @api.constrains("workcenter_ids", "company_id", "active")
    def _check_workcenter_single_department(self):
        """A work center runs for at most one (active) department in a company."""
        departments = self.filtered("active")
        if not departments.workcenter_ids:
            return
        others = self.search(
            [
                ("id", "not in", departments.ids),
                ("workcenter_ids", "in", departments.workcenter_ids.ids),
                ("company_id", "in", departments.company_id.ids),
            ]
        )
        everyone = departments | others
        for department in departments:
            for workcenter in department.workcenter_ids:
                clash = (everyone - department).filtered(
                    lambda d, wc=workcenter, dep=department: wc in d.workcenter_ids
                    and d.company_id == dep.company_id
                )
                if clash:
                    raise ValidationError(
                        _(
                            "The work center %(workcenter)s cannot belong to both %(first)s and "
                            "%(second)s: a work center runs for one department per company.",
                            workcenter=workcenter.display_name,
                            first=clash[0].display_name,
                            second=department.display_name,
                        )
                    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """Handoffs (kept by the database) and check-ins (deleted with the department) are the
        department's history: archive it instead."""
        # sudo: the history counts whoever may read it.
        used = self.browse()
        for model in ("coordination.handoff", "coordination.checkin"):
            for [department] in (
                self.env[model]
                .sudo()
                ._read_group([("department_id", "in", self.ids)], ["department_id"])
            ):
                used |= department
        if used:
            raise UserError(
                _(
                    "%(departments)s have handoffs or check-ins: they are the history of the "
                    "work done. Archive the department instead.",
                    departments=", ".join(used.sudo().mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._coordination_check_values(vals_list)  # before the code is looked up
        self._check_code_available(
            [
                (vals.get("code"), vals.get("company_id") or self.env.company.id)
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_supervisor_write(vals)
        if "code" in vals or "company_id" in vals:
            self._coordination_check_values([vals])  # before the code is looked up
            self._check_code_available(
                [
                    (vals.get("code", dep.code), vals.get("company_id", dep.company_id.id))
                    for dep in self
                ]
            )
        return super().write(vals)

    def _check_supervisor_write(self, vals):
        """Supervisors may change the members of their departments, and nothing else."""
        if self.env.su or self.env.user.has_group(
            "production_coordination.group_coordination_manager"
        ):
            return
        restricted = set(vals) - SUPERVISOR_FIELDS
        if restricted:
            names = ", ".join(
                self._fields[f].string for f in sorted(restricted) if f in self._fields
            )
            raise AccessError(
                _(
                    "Only coordinators can change these fields of a department: %(fields)s.",
                    fields=names,
                )
            )

    def _check_code_available(self, pairs):
        """Refuse a (code, company) already taken, naming the department that has it.

        Checked before writing so the user gets a clear message; the SQL constraint stays
        the guarantee under concurrency.
        """
        pairs = [(code, company_id) for code, company_id in pairs if code]
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                raise ValidationError(
                    _("The department code %(code)s is used twice.", code=pair[0])
                )
            seen.add(pair)
        domain = expression.OR(
            [[("code", "=", code), ("company_id", "=", company_id)] for code, company_id in pairs]
        )
        clash = self.with_context(active_test=False).search(
            expression.AND([domain, [("id", "not in", self.ids)]]), limit=1
        )
        if clash:
            raise ValidationError(
                _(
                    "The department code %(code)s is already used by %(department)s "
                    "in %(company)s.",
                    code=clash.code,
                    department=clash.display_name,
                    company=clash.company_id.display_name,
                )
            )

    @api.model
    def _get_workcenter_departments(self, workcenters, companies):
        """Map (work center id, company id) to the department running it."""
        departments = self.search(
            [("workcenter_ids", "in", workcenters.ids), ("company_id", "in", companies.ids)]
        )
        return {
            (workcenter.id, department.company_id.id): department
            for department in departments
            for workcenter in department.workcenter_ids
        }

    def _is_member(self, user):
        """Staff of this department: its members and its supervisor."""
        self.ensure_one()
        return user in self.member_ids or user == self.supervisor_id

    # Actions ----------------------------------------------------------------------------------

    def _action_for(self, xmlid, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = dict(context or {}, default_department_id=self.id)
        return action

    def action_open_queue(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the queue of this department"))
        action = self._action_for(
            "production_coordination.mrp_workorder_action_queue",
            [("coordination_department_id", "=", self.id)],
        )
        action["display_name"] = _("%(department)s queue", department=self.display_name)
        return action

    def action_open_handoffs(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the handoffs of this department"))
        return self._action_for(
            "production_coordination.coordination_handoff_action",
            [("department_id", "=", self.id)],
            {"search_default_open": 1},
        )

    def action_open_checkins(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the check-ins of this department"))
        return self._action_for(
            "production_coordination.coordination_checkin_action",
            [("department_id", "=", self.id)],
        )
