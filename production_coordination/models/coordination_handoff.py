# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from .coordination_const import MANAGER_GROUP, OPEN_LEG_STATES
from .coordination_protected_mixin import check_action_access
from .coordination_utils import add_hours, ensure_one_record

_lt = LazyTranslate(__name__)

STATES = [
    ("waiting", "Waiting"),
    ("ready", "Ready"),
    ("in_progress", "In Progress"),
    ("blocked", "Blocked"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
# The timestamp written when a leg enters a state.
STATE_DATES = {
    "ready": "date_ready",
    "in_progress": "date_started",
    "blocked": "date_blocked",
    "done": "date_done",
    "cancel": "date_cancelled",
}


class CoordinationHandoff(models.Model):
    """One leg of a manufacturing order's route: the part of the work one department does.

    Legs follow each other in operation order. The receiving department accepts a leg
    handed off to it (``ready``), works on it (``in_progress``) and completes it, which hands
    the order to the next department.
    """

    _name = "coordination.handoff"
    _description = "Department Handoff"
    _inherit = ["mail.thread", "mail.activity.mixin", "coordination.protected.mixin"]
    _order = "production_id, sequence, id"
    _rec_names_search = ["production_id.name", "department_id.name", "department_id.code"]
    _check_company_auto = True

    production_id = fields.Many2one(
        "mrp.production",
        string="Manufacturing Order",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="production_id.company_id", store=True, index=True, readonly=True
    )
    department_id = fields.Many2one(
        "coordination.department",
        required=True,
        index=True,
        check_company=True,
        readonly=True,
        ondelete="restrict",
    )
    department_color = fields.Integer(related="department_id.color")
    kanban_color = fields.Integer(
        compute="_compute_kanban_color",
        help="Card colour on the handoff board: red when overdue, orange when blocked.",
    )
    supervisor_id = fields.Many2one(related="department_id.supervisor_id")
    sequence = fields.Integer(default=10, readonly=True, aggregator=None)
    state = fields.Selection(
        STATES, default="waiting", required=True, index=True, readonly=True, tracking=True
    )
    blocked_from_state = fields.Selection(
        [s for s in STATES if s[0] in ("waiting", "ready", "in_progress")],
        readonly=True,
        help="The state the leg returns to when it is unblocked.",
    )
    block_reason = fields.Text(readonly=True)
    blocked_by_id = fields.Many2one("res.users", readonly=True)
    date_ready = fields.Datetime("Handed Off", readonly=True, copy=False)
    date_started = fields.Datetime("Accepted", readonly=True, copy=False)
    date_blocked = fields.Datetime("Blocked On", readonly=True, copy=False)
    date_done = fields.Datetime("Completed", readonly=True, copy=False)
    date_cancelled = fields.Datetime("Cancelled On", readonly=True, copy=False)
    date_accept_deadline = fields.Datetime(
        "Accept Before",
        compute="_compute_date_accept_deadline",
        store=True,
        help="When the leg was handed off plus the department's acceptance time limit, "
        "counted in the working hours of its work centers.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Handed off and not accepted within the department's acceptance time limit.",
    )
    date_overdue_notified = fields.Datetime(readonly=True, copy=False)
    workorder_ids = fields.One2many("mrp.workorder", "coordination_handoff_id", readonly=True)
    workorder_count = fields.Integer(compute="_compute_work")
    duration_expected = fields.Float(
        "Expected Duration", compute="_compute_work", help="In minutes."
    )
    duration = fields.Float("Real Duration", compute="_compute_work", help="In minutes.")
    progress = fields.Float(
        compute="_compute_work",
        help="Done duration over expected duration of the leg's work orders.",
    )
    assignee_ids = fields.Many2many("res.users", compute="_compute_work", string="Assignees")
    product_id = fields.Many2one(related="production_id.product_id", store=True, index=True)
    production_state = fields.Selection(related="production_id.state", string="MO State")
    is_expedited = fields.Boolean(related="production_id.coordination_is_expedited")
    date_planned_start = fields.Datetime(
        compute="_compute_planned_dates", help="Planned start of the leg's first work order."
    )
    date_planned_finished = fields.Datetime(
        compute="_compute_planned_dates", help="Planned end of the leg's last work order."
    )
    # What the current user may do, for the buttons.
    can_accept = fields.Boolean(compute="_compute_user_actions")
    can_complete = fields.Boolean(compute="_compute_user_actions")
    can_block = fields.Boolean(compute="_compute_user_actions")
    can_unblock = fields.Boolean(compute="_compute_user_actions")

    @api.depends("production_id.name", "department_id.name")
    def _compute_display_name(self):
        for leg in self:
            leg.display_name = f"{leg.production_id.name} · {leg.department_id.name}"

    @api.depends(
        "date_ready",
        "department_id.handoff_acceptance_hours",
        "workorder_ids.workcenter_id.resource_calendar_id",
    )
    def _compute_date_accept_deadline(self):
        for leg in self:
            if not leg.date_ready:
                leg.date_accept_deadline = False
                continue
            hours = leg.department_id.handoff_acceptance_hours
            calendar = (
                leg.workorder_ids[:1].workcenter_id.resource_calendar_id
                or leg.company_id.resource_calendar_id
            )
            try:
                deadline = calendar and calendar.plan_hours(
                    hours, leg.date_ready, compute_leaves=True
                )
            except OverflowError:  # a handoff date at the end of time (9999)
                deadline = False
            # Beyond the calendar's planning reach (or past year 9999): in clock hours, capped.
            leg.date_accept_deadline = deadline or add_hours(leg.date_ready, hours)

    @api.depends("state", "date_accept_deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for leg in self:
            leg.is_overdue = (
                leg.state == "ready"
                and bool(leg.date_accept_deadline)
                and leg.date_accept_deadline < now
            )

    @api.depends("is_overdue", "state")
    def _compute_kanban_color(self):
        colors = {"blocked": 2, "ready": 4, "in_progress": 10, "done": 0, "waiting": 0}
        for leg in self:
            leg.kanban_color = 1 if leg.is_overdue else colors.get(leg.state, 0)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(_("Unsupported search on overdue handoffs."))
        overdue = [("state", "=", "ready"), ("date_accept_deadline", "<", fields.Datetime.now())]
        return overdue if (operator == "=") == bool(value) else ["!", "&", *overdue]

    @api.depends("workorder_ids.duration", "workorder_ids.duration_expected", "state")
    def _compute_work(self):
        for leg in self:
            workorders = leg.workorder_ids.filtered(lambda wo: wo.state != "cancel")
            leg.workorder_count = len(workorders)
            leg.duration_expected = sum(workorders.mapped("duration_expected"))
            leg.duration = sum(workorders.mapped("duration"))
            leg.assignee_ids = workorders.coordination_user_id
            if leg.duration_expected:
                leg.progress = min(100.0, 100.0 * leg.duration / leg.duration_expected)
            else:
                leg.progress = 100.0 if leg.state == "done" else 0.0

    @api.depends(
        "workorder_ids.date_start",
        "workorder_ids.date_finished",
        "production_id.date_start",
        "production_id.date_finished",
    )
    def _compute_planned_dates(self):
        for leg in self:
            if not leg.workorder_ids:
                # A leg without work orders (the MO's operation type's department) is the MO.
                leg.date_planned_start = leg.production_id.date_start
                leg.date_planned_finished = leg.production_id.date_finished
                continue
            # Work orders not planned yet have no dates: the leg has none either (the MO's own
            # start would be a made-up plan for it).
            starts = [d for d in leg.workorder_ids.mapped("date_start") if d]
            ends = [d for d in leg.workorder_ids.mapped("date_finished") if d]
            leg.date_planned_start = min(starts, default=False)
            leg.date_planned_finished = max(ends, default=False)

    @api.depends_context("uid")
    @api.depends("state", "department_id.member_ids", "department_id.supervisor_id")
    def _compute_user_actions(self):
        user = self.env.user
        is_manager = user.has_group(MANAGER_GROUP)
        for leg in self:
            supervises = is_manager or leg.department_id.supervisor_id == user
            member = is_manager or leg.department_id._is_member(user)
            leg.can_accept = supervises and leg.state == "ready"
            leg.can_complete = (
                supervises
                and leg.state in ("ready", "in_progress")
                and all(wo.state in ("done", "cancel") for wo in leg.workorder_ids)
            )
            leg.can_block = member and leg.state in ("waiting", "ready", "in_progress")
            leg.can_unblock = member and leg.state == "blocked"

    # Protection -------------------------------------------------------------------------------

    def _coordination_protected_fields(self):
        """A leg is made by its MO's route and moves only through its actions: nothing on it
        is written directly (see coordination.protected.mixin)."""
        route = _("the route of its manufacturing order (confirming or changing the order)")
        actions = _("Accept, Complete, Block and Unblock (and its work orders)")
        return {
            **dict.fromkeys(
                ["production_id", "company_id", "department_id", "sequence", "product_id"], route
            ),
            "workorder_ids": route,
            **dict.fromkeys(
                [
                    "state",
                    "blocked_from_state",
                    "block_reason",
                    "blocked_by_id",
                    "date_ready",
                    "date_started",
                    "date_blocked",
                    "date_done",
                    "date_cancelled",
                    "date_accept_deadline",
                ],
                actions,
            ),
            "date_overdue_notified": _("the overdue handoff notification"),
        }

    def _filter_history(self):
        """The legs that are the history of work done: accepted or started (even if cancelled
        since), blocked, completed. The route rebuild only drops legs nobody has started."""
        return self.filtered(
            lambda leg: leg.state in ("in_progress", "blocked", "done") or leg.date_started
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        started = self._filter_history()
        if started:
            raise UserError(
                _(
                    "%(handoffs)s were accepted, blocked or completed: they are kept as the "
                    "history of the work done. Cancel the manufacturing order instead.",
                    handoffs=", ".join(started.mapped("display_name")),
                )
            )

    # Permissions ------------------------------------------------------------------------------

    def _check_user_may(self, action):
        """Raise AccessError naming the action unless the user may do it on every leg.

        Supervisors accept and complete their departments' legs; their members and supervisor
        block and unblock them; coordinators do everything.
        """
        user = self.env.user
        phrases = {
            "accept": _("accept these handoffs"),
            "complete": _("complete these handoffs"),
            "block": _("block these handoffs"),
            "unblock": _("unblock these handoffs"),
        }
        check_action_access(self, "read", phrases[action])
        if self.env.su or user.has_group(MANAGER_GROUP):
            return
        labels = {
            "accept": _("accept"),
            "complete": _("complete"),
            "block": _("block"),
            "unblock": _("unblock"),
        }
        for leg in self:
            department = leg.department_id
            if action in ("accept", "complete"):
                allowed = department.supervisor_id == user
                who = _("the supervisor of %(department)s", department=department.name)
            else:
                allowed = department._is_member(user)
                who = _("the staff of %(department)s", department=department.name)
            if not allowed:
                raise AccessError(
                    _(
                        "You cannot %(action)s the handoff %(handoff)s: only %(who)s or a "
                        "coordinator can.",
                        action=labels[action],
                        handoff=leg.display_name,
                        who=who,
                    )
                )

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda leg: leg.state not in allowed)
        if wrong:
            leg = wrong[0]
            raise UserError(
                _(
                    "The handoff %(handoff)s is %(state)s: it cannot be %(action)s.",
                    handoff=leg.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        leg.state
                    ].lower(),
                    action=action,
                )
            )

    # Leg actions ------------------------------------------------------------------------------
    # Staff and supervisors only read legs: each action checks the user's role explicitly
    # (_check_user_may) and then changes the legs as superuser, so nobody can edit a leg's state
    # by writing on it directly.

    def action_accept(self):
        self._check_user_may("accept")
        self._check_state(("ready",), _("accepted"))
        self.sudo()._set_state("in_progress")
        return True

    def action_complete(self):
        self._check_user_may("complete")
        self._check_state(("ready", "in_progress"), _("completed"))
        unfinished = self.workorder_ids.filtered(lambda wo: wo.state not in ("done", "cancel"))
        if unfinished:
            raise UserError(
                _(
                    "Finish the work orders of %(handoff)s first: %(workorders)s.",
                    handoff=unfinished[0].coordination_handoff_id.display_name,
                    workorders=", ".join(unfinished.mapped("display_name")),
                )
            )
        self.sudo()._set_state("done")
        return True

    def action_open_block_wizard(self):
        """Block (or unblock) the legs: both ask for a reason."""
        unblock = all(leg.state == "blocked" for leg in self)
        self._check_user_may("unblock" if unblock else "block")
        return {
            "type": "ir.actions.act_window",
            "name": _("Unblock Handoff") if unblock else _("Block Handoff"),
            "res_model": "coordination.handoff.block.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_handoff_ids": self.ids,
                "default_mode": "unblock" if unblock else "block",
            },
        }

    def _block(self, reason):
        self._check_user_may("block")
        self._check_state(("waiting", "ready", "in_progress"), _("blocked"))
        if not (reason or "").strip():
            raise UserError(_("Say why the handoff is blocked."))
        user = self.env.user
        for state, legs in self.grouped("state").items():
            legs.sudo()._set_state(
                "blocked",
                reason=reason,
                extra={
                    "blocked_from_state": state,
                    "block_reason": reason,
                    "blocked_by_id": user.id,
                },
            )
        return True

    def _unblock(self, reason):
        self._check_user_may("unblock")
        self._check_state(("blocked",), _("unblocked"))
        if not (reason or "").strip():
            raise UserError(_("Say how the handoff was unblocked."))
        for state, legs in self.grouped("blocked_from_state").items():
            legs.sudo()._set_state(
                state or "waiting",
                reason=reason,
                extra={"block_reason": False, "blocked_by_id": False},
            )
        # A leg blocked while waiting may have been handed off meanwhile.
        self.production_id.sudo()._coordination_refresh_route_states()
        return True

    def _cancel(self):
        self.filtered(lambda leg: leg.state in OPEN_LEG_STATES)._set_state("cancel")

    # State machine ----------------------------------------------------------------------------

    def _set_state(self, state, reason=None, extra=None):
        """Move legs to `state`: timestamp, chatter note on the MO, activities, notifications."""
        if not self:
            return
        now = fields.Datetime.now()
        old_states = {leg: leg.state for leg in self}
        vals = dict(extra or {}, state=state)
        if state in STATE_DATES:
            vals[STATE_DATES[state]] = now
        if state == "ready":
            vals["date_overdue_notified"] = False
        self.write(vals)
        # Acceptance activities are answered as soon as the leg leaves "ready".
        left_ready = self.filtered(lambda leg: old_states[leg] == "ready" and state != "ready")
        if left_ready:
            left_ready.activity_feedback(
                ["production_coordination.mail_activity_type_handoff_overdue"]
            )
        labels = dict(self._fields["state"]._description_selection(self.env))
        for production, legs in self.grouped("production_id").items():
            lines = Markup("").join(
                Markup("<li><b>%s</b>: %s → %s</li>")
                % (leg.department_id.name, labels[old_states[leg]], labels[state])
                for leg in legs
            )
            body = Markup("<p>%s</p><ul>%s</ul>") % (_("Route update"), lines)
            if reason:
                body += Markup("<p>%s %s</p>") % (_("Reason:"), reason)
            partners = self.env["res.partner"]
            if state == "ready":
                departments = legs.department_id
                partners = (departments.member_ids | departments.supervisor_id).partner_id
            elif state == "blocked":
                partners = (
                    legs.department_id.supervisor_id | production._coordination_get_coordinator()
                ).partner_id - self.env.user.partner_id
            production.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=partners.ids,
            )
        if state == "done":
            self.production_id._coordination_refresh_route_states()

    def _sync_from_workorders(self):
        """Follow the shop floor: a started work order starts its leg (accepting it if needed),
        the last finished work order completes it."""
        open_legs = self.filtered(lambda leg: leg.state in ("waiting", "ready", "in_progress"))
        to_done, to_start = self.browse(), self.browse()
        for leg in open_legs:
            workorders = leg.workorder_ids.filtered(lambda wo: wo.state != "cancel")
            if not workorders:
                continue
            if all(wo.state == "done" for wo in workorders):
                to_done |= leg
            elif leg.state != "in_progress" and any(
                wo.state in ("progress", "done") for wo in workorders
            ):
                to_start |= leg
        to_start._set_state("in_progress")
        to_done._set_state("done")

    # Scheduled actions ------------------------------------------------------------------------

    @api.model
    def _cron_notify_overdue_handoffs(self):
        """One activity for the supervisor and one for the coordinator per overdue handoff, in
        one batch; a leg that makes it fail is skipped and reported (``coordination.batch``).

        :return: the legs notified
        """
        legs = self.search([("is_overdue", "=", True), ("date_overdue_notified", "=", False)])
        failures = self.env["coordination.batch"]._run_isolated(
            legs, lambda batch: batch._notify_overdue(), _lt("Notify overdue handoffs")
        )
        return legs.filtered(lambda leg: leg not in failures)

    def _notify_overdue(self):
        """One activity for the supervisor and one for the coordinator of each of these legs."""
        activity_type = self.env.ref("production_coordination.mail_activity_type_handoff_overdue")
        today = fields.Date.context_today(self)
        values = []
        for leg in self:
            users = (
                leg.department_id.supervisor_id | leg.production_id._coordination_get_coordinator()
            )
            for user in users:
                values.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(self._name),
                        "res_id": leg.id,
                        "automated": True,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": _(
                            "Accept %(production)s in %(department)s (handed off %(date)s)",
                            production=leg.production_id.name,
                            department=leg.department_id.name,
                            date=fields.Datetime.to_string(leg.date_ready),
                        ),
                    }
                )
        self.env["mail.activity"].create(values)
        self.write({"date_overdue_notified": fields.Datetime.now()})

    # Navigation -------------------------------------------------------------------------------

    def action_open_production(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the manufacturing order of this handoff"))
        check_action_access(
            self.production_id, "read", _("open the manufacturing order of this handoff")
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.production",
            "res_id": self.production_id.id,
            "view_mode": "form",
        }

    def action_open_workorders(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the work orders of this handoff"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.mrp_workorder_action_queue"
        )
        action["domain"] = [("coordination_handoff_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _get_progress(self, legs):
        """Duration-weighted progress (%) of several legs together."""
        workorders = legs.workorder_ids.filtered(lambda wo: wo.state != "cancel")
        expected = sum(workorders.mapped("duration_expected"))
        if not expected:
            done = legs.filtered(lambda leg: leg.state == "done")
            return 100.0 * len(done) / len(legs) if legs else 0.0
        return min(100.0, 100.0 * sum(workorders.mapped("duration")) / expected)
