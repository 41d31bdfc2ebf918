# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from odoo.addons.production_coordination.models.coordination_format import format_number
from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
    check_action_group,
)

from .const import PROBLEM_CATEGORIES, PROBLEM_ROOT_CAUSES, PROBLEM_SEVERITIES

_lt = LazyTranslate(__name__)

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
MEDIA_PRODUCER = "production_coordination_media.group_media_producer"

PROBLEM_STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("verified", "Verified"),
]
# A problem in one of these states still threatens the schedule.
UNRESOLVED_STATES = ("open", "in_progress")


class MediaProblem(models.Model):
    """A work problem of a production (the problem log): what happened, how bad, who owns it
    and by when it must be resolved, why it happened (root cause) and how it was resolved.

    Linked to the production and optionally to its days, bookings, deliverables and equipment.
    Crew users report problems and read those they reported or that are linked to their
    bookings; media coordinators manage them all."""

    _name = "media.problem"
    _description = "Production Problem"
    _inherit = ["mail.thread", "mail.activity.mixin", "coordination.protected.mixin"]
    _order = "date_due, id desc"
    _check_company_auto = True

    name = fields.Char("Problem", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        domain=[("is_media_production", "=", True)],
    )
    # Media productions always have a company (see project.project): so do their problems.
    # (No check_company on the production: the company follows it; a new problem has none yet,
    # and the company domain would then offer no production.)
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    category = fields.Selection(
        PROBLEM_CATEGORIES, required=True, default="other", tracking=True, index=True
    )
    severity = fields.Selection(
        PROBLEM_SEVERITIES, required=True, default="medium", tracking=True, index=True
    )
    is_blocking = fields.Boolean(
        "Blocking",
        tracking=True,
        help="While it is open, the call sheets of its days cannot be published or sent.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index="btree_not_null",
        domain="[('share', '=', False)]",
        help="Who gets it resolved.",
    )
    reporter_id = fields.Many2one(
        "res.users",
        string="Reported By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        copy=False,
    )
    date_reported = fields.Datetime(
        "Reported On", default=fields.Datetime.now, required=True, readonly=True, copy=False
    )
    date_due = fields.Date(
        "Due",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        help="By default the day it was reported plus the resolution time of its severity "
        "(Settings > Media Productions).",
    )
    state = fields.Selection(
        PROBLEM_STATES,
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    root_cause = fields.Selection(PROBLEM_ROOT_CAUSES, tracking=True, index=True)
    description = fields.Text()
    resolution = fields.Text()
    date_resolved = fields.Datetime("Resolved On", readonly=True, copy=False)
    resolve_hours = fields.Float(
        "Time to Resolve (hours)",
        compute="_compute_resolve_hours",
        store=True,
        aggregator="avg",
        help="From its report to its resolution (0 while not resolved: filter on the resolved "
        "ones for the average).",
    )
    date_escalated = fields.Datetime(
        "Escalated On",
        readonly=True,
        copy=False,
        help="When it was escalated to the producer and the coordinator, past its due date "
        "and not resolved (once).",
    )
    is_overdue = fields.Boolean(
        "Past Due",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not resolved and its due date has passed.",
    )
    day_ids = fields.Many2many(
        "media.production.day",
        "media_problem_media_production_day_rel",
        "media_problem_id",
        "media_production_day_id",
        string="Days",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    booking_ids = fields.Many2many(
        "media.booking",
        "media_booking_media_problem_rel",
        "media_problem_id",
        "media_booking_id",
        string="Bookings",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    deliverable_ids = fields.Many2many(
        "media.deliverable",
        "media_deliverable_media_problem_rel",
        "media_problem_id",
        "media_deliverable_id",
        string="Deliverables",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
        groups=MEDIA_COORDINATOR,
    )
    equipment_ids = fields.Many2many(
        "maintenance.equipment",
        "maintenance_equipment_media_problem_rel",
        "media_problem_id",
        "maintenance_equipment_id",
        string="Equipment",
        check_company=True,
    )

    # Schedule impact (see _compute_impact) ----------------------------------------------------
    impact_booking_ids = fields.Many2many(
        "media.booking",
        string="Affected Bookings",
        compute="_compute_impact",
        help="The bookings on its days, and those linked to it.",
    )
    impact_booking_count = fields.Integer("Bookings Affected", compute="_compute_impact")
    impact_crew_hours = fields.Float(
        "Crew Hours Affected",
        compute="_compute_impact",
        help="The booked hours (call to wrap) of the crew bookings affected.",
    )
    impact_deliverable_ids = fields.Many2many(
        "media.deliverable",
        string="Deliverables at Risk",
        compute="_compute_impact",
        groups=MEDIA_COORDINATOR,
        help="Its deliverables, not delivered yet, due on or before its own due date (or "
        "today, past it): they slip if it is not resolved by then.",
    )
    blocked_day_ids = fields.Many2many(
        "media.production.day",
        string="Days Blocked",
        compute="_compute_impact",
        help="A blocking problem not resolved: its days (not cancelled) whose call sheets "
        "cannot be published or sent.",
    )
    blocked_days_text = fields.Char("Days Blocked (Text)", compute="_compute_impact")
    impact_summary = fields.Char("Schedule Impact", compute="_compute_impact")

    @api.constrains("project_id", "day_ids", "booking_ids", "deliverable_ids")
    def _check_links(self):
        """Its days, bookings and deliverables are its production's."""
        # sudo: a crew user links what they can read, but the check must see every link
        # (deliverables are hidden from crew) to refuse another production's.
        for problem in self.sudo():
            project = problem.project_id
            foreign = (
                problem.day_ids.filtered(lambda d, p=project: d.project_id != p).mapped(
                    "display_name"
                )
                + problem.booking_ids.filtered(lambda b, p=project: b.project_id != p).mapped(
                    "display_name"
                )
                + problem.deliverable_ids.filtered(lambda d, p=project: d.project_id != p).mapped(
                    "display_name"
                )
            )
            if foreign:
                raise ValidationError(
                    _(
                        "%(problem)s: link only the days, bookings and deliverables of its "
                        "production %(production)s, not %(others)s.",
                        problem=problem.name,
                        production=project.display_name,
                        others=", ".join(foreign),
                    )
                )

    @api.depends("severity", "date_reported", "project_id")
    def _compute_date_due(self):
        for problem in self:
            company = problem.project_id.company_id or self.env.company
            reported = fields.Date.context_today(
                problem, problem.date_reported or fields.Datetime.now()
            )
            problem.date_due = reported + timedelta(
                days=company._coordination_problem_days(problem.severity)
            )

    @api.depends("date_reported", "date_resolved")
    def _compute_resolve_hours(self):
        for problem in self:
            if problem.date_resolved and problem.date_reported:
                seconds = (problem.date_resolved - problem.date_reported).total_seconds()
                problem.resolve_hours = max(seconds, 0.0) / 3600
            else:
                problem.resolve_hours = 0.0

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for problem in self:
            problem.is_overdue = bool(
                problem.state in UNRESOLVED_STATES and problem.date_due and problem.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Past Due can only be searched with = or != True/False."))
        domain = [
            ("state", "in", UNRESOLVED_STATES),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends(
        "state",
        "is_blocking",
        "date_due",
        "day_ids.state",
        "day_ids.booking_ids",
        "booking_ids",
        "deliverable_ids.state",
        "deliverable_ids.date_due",
    )
    @api.depends_context("lang")
    def _compute_impact(self):
        """Its schedule impact while it is not resolved (nothing once it is)."""
        today = fields.Date.context_today(self)
        may_see_deliverables = self.env.su or self.env.user.has_group(MEDIA_COORDINATOR)
        for problem in self:
            unresolved = problem.state in UNRESOLVED_STATES
            # sudo: the impact counts every booking of its days, also other crew's that a crew
            # reporter cannot read; only counts and hours are shown.
            days = problem.sudo().day_ids.filtered(lambda d: d.state != "cancelled")
            bookings = (days.booking_ids | problem.sudo().booking_ids) if unresolved else None
            bookings = bookings or self.env["media.booking"]
            crew = bookings.filtered(lambda b: b.resource_type == "crew")
            hours = sum((b.date_wrap - b.date_call).total_seconds() for b in crew) / 3600
            problem.impact_booking_ids = bookings
            problem.impact_booking_count = len(bookings)
            problem.impact_crew_hours = hours
            blocked = days if unresolved and problem.is_blocking else days.browse()
            problem.blocked_day_ids = blocked
            problem.blocked_days_text = ", ".join(
                f"{day.day_label} ({format_date(self.env, day.date)})" for day in blocked
            )
            at_risk = self.env["media.deliverable"]
            if unresolved and may_see_deliverables:
                limit = max(problem.date_due or today, today)
                at_risk = problem.deliverable_ids.filtered(
                    lambda d, limit=limit: d.state != "delivered"
                    and d.date_due
                    and d.date_due <= limit
                )
            problem.impact_deliverable_ids = at_risk
            parts = []
            if blocked:
                parts.append(_("%s day(s) blocked", len(blocked)))
            if bookings:
                parts.append(_("%s booking(s)", len(bookings)))
            if hours:
                parts.append(_("%s crew hours", format_number(self.env, hours, 1, trim=True)))
            if at_risk:
                parts.append(_("%s deliverable(s) at risk", len(at_risk)))
            problem.impact_summary = ", ".join(parts) if parts else _("None")

    # Actions ====================================================================================

    def _check_manager(self, action):
        check_action_group(self.env, [MEDIA_COORDINATOR], action, _("media coordinators"))
        check_action_access(self, "write", action)

    def action_start(self):
        self._check_manager(_("start working on problems"))
        self._check_state(("open",), _("Only open problems can be started"))
        # sudo: the state is protected; role and access checked above.
        self.sudo().write({"state": "in_progress"})
        return True

    def action_resolve(self):
        """Resolved: needs its root cause and its resolution (the problem log learns from
        them: see the method recommendations)."""
        self._check_manager(_("resolve problems"))
        self._check_state(UNRESOLVED_STATES, _("Only open or in-progress problems can be resolved"))
        missing = self.filtered(lambda p: not p.root_cause or not (p.resolution or "").strip())
        if missing:
            raise UserError(
                _(
                    "Give the root cause and the resolution before resolving: %s",
                    ", ".join(missing.mapped("display_name")),
                )
            )
        # sudo: the state is protected; role and access checked above.
        self.sudo().write({"state": "resolved", "date_resolved": fields.Datetime.now()})
        return True

    def action_verify(self):
        self._check_manager(_("verify problems"))
        self._check_state(("resolved",), _("Only resolved problems can be verified"))
        # sudo: the state is protected; role and access checked above.
        self.sudo().write({"state": "verified"})
        return True

    def action_reopen(self):
        self._check_manager(_("reopen problems"))
        self._check_state(("resolved", "verified"), _("Only resolved problems can be reopened"))
        # sudo: the state is protected; role and access checked above.
        self.sudo().write({"state": "open", "date_resolved": False, "date_escalated": False})
        return True

    def _check_state(self, states, message):
        wrong = self.filtered(lambda p: p.state not in states)
        if wrong:
            raise UserError(
                _(
                    "%(message)s: %(problems)s",
                    message=message,
                    problems=", ".join(wrong.mapped("display_name")),
                )
            )

    # Escalation =================================================================================

    @api.model
    def _cron_escalate(self):
        """Escalate, once, every problem not resolved past its due date: a to-do activity for
        the production's producer and its coordinator (``coordination.batch`` isolates a
        problem that fails)."""
        problems = self.search([("is_overdue", "=", True), ("date_escalated", "=", False)])
        return self.env["coordination.batch"]._run_isolated(
            problems, lambda batch: batch._escalate(), _lt("Escalate past-due problems")
        )

    def _escalation_users(self):
        """The users told when the problem escalates: the production's producer (the users of
        the producer contact; without one, the company's Producer group users) and its
        coordinator."""
        self.ensure_one()
        project = self.project_id
        company = self.company_id
        users = project.coordination_producer_id.user_ids.filtered(lambda u: not u.share)
        if not users:
            users = self.env.ref(MEDIA_PRODUCER).users.filtered(
                lambda u: company in u.company_ids and not u.share and u.active
            )
        users |= project.coordination_coordinator_id or project.user_id
        return users.filtered(lambda u: u.active and company in u.company_ids)

    def _escalate(self):
        """A to-do for each escalation user, written in their language (dates in their
        format)."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        for problem in self:
            for user in problem._escalation_users():
                context = user.partner_id._coordination_mail_context(problem.company_id)
                local = problem.with_context(**context)
                env = local.env
                severities = dict(local._fields["severity"]._description_selection(env))
                problem.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=env._("Problem past due: %s", problem.name),
                    note=env._(
                        "%(problem)s (%(severity)s) is past its due date %(date)s and not "
                        "resolved. Schedule impact: %(impact)s.",
                        problem=problem.name,
                        severity=severities[problem.severity],
                        date=format_date(env, problem.date_due),
                        impact=local.impact_summary,
                    ),
                    user_id=user.id,
                )
        self.write({"date_escalated": now})

    def _coordination_protected_fields(self):
        actions = _("its buttons (Start, Resolve, Verify, Reopen)")
        return {
            "state": actions,
            "date_resolved": actions,
            "date_escalated": _("the escalation of past-due problems"),
            "reporter_id": _("reporting it (the user who creates it)"),
        }

    @api.model_create_multi
    def create(self, vals_list):
        problems = super().create(vals_list)
        # Crew users report on the productions they may read (those they are booked on).
        if not self.env.su and not self.env.user.has_group(MEDIA_COORDINATOR):
            problems.project_id.check_access("read")
            problems.day_ids.check_access("read")
            problems.booking_ids.check_access("read")
        return problems
