# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .coordination_const import CLOSED_WO_STATES, MANAGER_GROUP, UNSTARTED_WO_STATES
from .coordination_protected_mixin import check_action_access

# Work order changes that move their MO's forecast, slack or readiness.
PRIORITY_INPUTS = {"state", "date_start", "date_finished", "duration_expected", "workcenter_id"}


class MrpWorkorder(models.Model):
    _name = "mrp.workorder"
    _inherit = ["mrp.workorder", "coordination.protected.mixin"]

    coordination_handoff_id = fields.Many2one(
        "coordination.handoff",
        string="Handoff",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    coordination_department_id = fields.Many2one(
        related="coordination_handoff_id.department_id",
        string="Department",
        store=True,
        index="btree_not_null",
    )
    coordination_handoff_state = fields.Selection(
        related="coordination_handoff_id.state", string="Handoff State"
    )
    coordination_member_ids = fields.Many2many(related="coordination_department_id.member_ids")
    coordination_user_id = fields.Many2one(
        "res.users",
        string="Assignee",
        index="btree_not_null",
        copy=False,
        domain="[('id', 'in', coordination_member_ids)]",
        help="Who does this work order: a member of its department.",
    )
    coordination_can_assign = fields.Boolean(
        compute="_compute_coordination_can_assign",
        help="The current user may (re)assign this work order.",
    )
    coordination_activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null"
    )
    coordination_is_expedited = fields.Boolean(
        related="production_id.coordination_is_expedited", store=True, string="Expedited"
    )
    coordination_priority = fields.Selection(
        related="production_id.priority", store=True, string="Priority"
    )
    # Written in SQL by the priority refresh (the MO's rank, coordination.priority._rerank).
    coordination_rank = fields.Integer(
        "Rank",
        readonly=True,
        copy=False,
        index=True,
        aggregator=None,
        help="The rank of its MO (1 = do first), kept in step by the priority refresh.",
    )

    def _coordination_protected_fields(self):
        """The leg, department, rank and assignment activity of a work order follow its MO's
        route and priority (see coordination.protected.mixin); the assignee is set by
        supervisors and coordinators (checked in `write`)."""
        route = _("the route of its manufacturing order")
        return {
            "coordination_handoff_id": route,
            "coordination_department_id": route,
            "coordination_is_expedited": _("Expedite on its manufacturing order"),
            "coordination_priority": _("the priority of its manufacturing order"),
            "coordination_rank": _("the priority refresh"),
            "coordination_activity_id": _("assigning the work order"),
        }

    @api.depends_context("uid")
    @api.depends("coordination_department_id.supervisor_id")
    def _compute_coordination_can_assign(self):
        user = self.env.user
        is_manager = user.has_group(MANAGER_GROUP)
        for workorder in self:
            workorder.coordination_can_assign = (
                is_manager or workorder.coordination_department_id.supervisor_id == user
            )

    @api.constrains("coordination_user_id", "coordination_department_id")
    def _check_coordination_user(self):
        for workorder in self:
            user, department = workorder.coordination_user_id, workorder.coordination_department_id
            if user and department and user not in department.member_ids:
                raise ValidationError(
                    _(
                        "%(user)s is not a member of %(department)s: they cannot be assigned "
                        "%(workorder)s.",
                        user=user.name,
                        department=department.name,
                        workorder=workorder.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        workorders = super().create(vals_list)
        workorders.production_id._coordination_build_route()
        return workorders

    def write(self, vals):
        if "coordination_user_id" in vals:
            self._coordination_check_may_assign()
        res = super().write(vals)
        if PRIORITY_INPUTS & set(vals):
            self.production_id._coordination_refresh_priority_later()
        if "state" in vals:
            self._coordination_on_state_change()
        if "workcenter_id" in vals:
            self.production_id._coordination_build_route()
        if "coordination_user_id" in vals:
            self._coordination_sync_activities()
        return res

    def unlink(self):
        productions = self.production_id
        # sudo: the assignee's activity goes with its work order, whoever may delete the order.
        self.coordination_activity_id.sudo().unlink()
        res = super().unlink()
        productions.exists()._coordination_build_route()
        return res

    def button_start(self, raise_on_invalid_state=False):
        blocked = self.coordination_handoff_id.filtered(lambda leg: leg.state == "blocked")
        if blocked:
            raise UserError(
                _(
                    "%(handoff)s is blocked (%(reason)s): unblock it before starting its work "
                    "orders.",
                    handoff=blocked[0].display_name,
                    reason=blocked[0].block_reason,
                )
            )
        return super().button_start(raise_on_invalid_state=raise_on_invalid_state)

    # Shop-floor actions from the queue -------------------------------------------------------
    # Department staff may have no Manufacturing rights: they start, pause and finish the work
    # orders assigned to them from their queue. The check below limits it to their own work
    # orders (supervisors: their departments'); the work order is then operated as superuser,
    # still in the user's name (time logs are theirs).

    def _coordination_check_may_operate(self, action):
        check_action_access(self, "read", _("%(action)s these work orders", action=action))
        user = self.env.user
        if self.env.su or user.has_group(MANAGER_GROUP):
            return
        for workorder in self:
            if user in (
                workorder.coordination_user_id,
                workorder.coordination_department_id.supervisor_id,
            ):
                continue
            raise AccessError(
                _(
                    "You cannot %(action)s %(workorder)s: it is assigned to %(user)s.",
                    action=action,
                    workorder=workorder.display_name,
                    user=workorder.coordination_user_id.name or _("nobody"),
                )
            )

    # The assignee may operate their work order without Manufacturing rights: the role is
    # checked above (_coordination_check_may_operate), then Odoo's own button runs as superuser.
    def action_coordination_start(self):
        self._coordination_check_may_operate(_("start"))
        return self.sudo().button_start()

    def action_coordination_pause(self):
        self._coordination_check_may_operate(_("pause"))
        return self.sudo().button_pending()

    def action_coordination_finish(self):
        self._coordination_check_may_operate(_("finish"))
        return self.sudo().button_finish()

    def _coordination_on_state_change(self):
        """Legs follow their work orders; finished work orders answer their activity."""
        self.coordination_handoff_id.sudo()._sync_from_workorders()
        done = self.filtered(lambda wo: wo.state == "done").coordination_activity_id
        if done:
            done.sudo().action_feedback(feedback=_("Work order done."))
        self.filtered(lambda wo: wo.state == "cancel").coordination_activity_id.sudo().unlink()

    def _coordination_check_may_assign(self):
        """Supervisors (re)assign their departments' work orders; coordinators any."""
        user = self.env.user
        if self.env.su or user.has_group(MANAGER_GROUP):
            return
        foreign = self.filtered(lambda wo: wo.coordination_department_id.supervisor_id != user)
        if foreign:
            raise AccessError(
                _(
                    "Only the supervisor of %(department)s or a coordinator can assign "
                    "%(workorder)s.",
                    department=foreign[0].coordination_department_id.name or _("its department"),
                    workorder=foreign[0].display_name,
                )
            )

    def _coordination_set_handoff(self, leg):
        """Put work orders on a leg; an assignee who is not in the leg's department is released."""
        to_move = self.filtered(lambda wo: wo.coordination_handoff_id != leg)
        if not to_move:
            return
        members = leg.department_id.member_ids
        keep = to_move.filtered(lambda wo: wo.coordination_user_id in members)
        keep.write({"coordination_handoff_id": leg.id})
        (to_move - keep).write({"coordination_handoff_id": leg.id, "coordination_user_id": False})

    def _coordination_assign(self):
        """Give each unassigned open work order to the member of its department with the least
        open expected minutes assigned (ties by name)."""
        workorders = self.filtered(
            lambda wo: wo.coordination_department_id
            and wo.state not in CLOSED_WO_STATES
            and wo.coordination_user_id not in wo.coordination_department_id.member_ids
        )
        members = workorders.coordination_department_id.member_ids
        if not members:
            return
        load = defaultdict(float)
        # sudo: the load counts every open work order of the members, including those of
        # departments the supervisor assigning them cannot read.
        for user, minutes in (
            self.env["mrp.workorder"]
            .sudo()
            ._read_group(
                [
                    ("coordination_user_id", "in", members.ids),
                    ("state", "not in", CLOSED_WO_STATES),
                ],
                ["coordination_user_id"],
                ["duration_expected:sum"],
            )
        ):
            load[user] = minutes
        chosen = defaultdict(lambda: self.browse())
        for workorder in workorders.sorted(lambda wo: (wo.production_id.id, wo.sequence, wo.id)):
            candidates = workorder.coordination_department_id.member_ids
            if not candidates:
                continue
            user = min(candidates, key=lambda u: (load[u], u.name or "", u.id))
            load[user] += workorder.duration_expected
            chosen[user] |= workorder
        # sudo: staff and supervisors may not write work orders; assigning is the feature.
        for user, assigned in chosen.items():
            assigned.sudo().write({"coordination_user_id": user.id})

    def _coordination_sync_activities(self):
        """One assignment activity per assigned open work order, on its MO, for its assignee.

        Activities are managed as superuser: the assigner may not be allowed to write on the
        previous assignee's activity.
        """
        activity_type = self.env.ref("production_coordination.mail_activity_type_workorder")
        model_id = self.env["ir.model"]._get_id("mrp.production")
        to_create = []
        for workorder in self.sudo():
            activity = workorder.coordination_activity_id
            user = workorder.coordination_user_id
            if not user or workorder.state in CLOSED_WO_STATES:
                activity.unlink()
                continue
            if activity:
                activity.user_id = user
                continue
            to_create.append(
                (
                    workorder,
                    {
                        "res_model_id": model_id,
                        "res_id": workorder.production_id.id,
                        "automated": True,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": (workorder.date_start or fields.Datetime.now()).date(),
                        "summary": _(
                            "%(operation)s for %(production)s",
                            operation=workorder.name,
                            production=workorder.production_id.name,
                        ),
                    },
                )
            )
        # mail.activity.create subscribes assignees with one browse() per user that keeps duplicate
        # ids: two activities for one user on one MO in the same call insert the follower twice.
        # Create in rounds where each (user, MO) pair appears once.
        rounds, seen = defaultdict(list), defaultdict(int)
        for workorder, vals in to_create:
            key = (vals["user_id"], vals["res_id"])
            rounds[seen[key]].append((workorder, vals))
            seen[key] += 1
        # sudo: whoever (re)assigns a work order creates the activity for its new assignee.
        for batch in rounds.values():
            activities = self.env["mail.activity"].sudo().create([vals for _wo, vals in batch])
            for (workorder, _vals), activity in zip(batch, activities, strict=True):
                workorder.sudo().coordination_activity_id = activity

    # Planning ------------------------------------------------------------------------------------

    def _coordination_plan_from(self, start, released):
        """Plan this work order in the first free slot of its work center from `start` and
        after its predecessors, as Odoo's planning does, then push its successors that would
        start before it ends. The slots of `released` (work orders) count as free. UserError
        naming the work order when no slot is found.

        :return: [(work order, previous start)] of every work order moved
        """
        self.ensure_one()
        moved = [(self, self.date_start)]
        start = max([start, *self._coordination_predecessor_ends()])
        try:
            date_start, date_finished = self.workcenter_id._get_first_available_slot(
                start,
                self.duration_expected,
                leaves_to_ignore=(released | self).leave_id,
            )
        except OverflowError:  # planned at the end of time (year 9999): Odoo's search overflows
            date_start, date_finished = False, _("its planned dates are out of range.")
        if not date_start:
            raise UserError(
                _(
                    "%(workorder)s cannot be planned: %(reason)s",
                    workorder=self.display_name,
                    reason=date_finished,
                )
            )
        # Odoo's own mechanism: the work order's dates move its calendar leave and, for its
        # first or last work order, the manufacturing order's dates.
        self.with_context(bypass_duration_calculation=True).write(
            {"date_start": date_start, "date_finished": date_finished}
        )
        for successor in self.needed_by_workorder_ids.sorted(lambda wo: (wo.sequence, wo.id)):
            if (
                successor.state in UNSTARTED_WO_STATES
                and successor.date_start
                and successor.date_start < date_finished
            ):
                moved += successor._coordination_plan_from(date_finished, successor.browse())
        return moved

    def _coordination_predecessor_ends(self):
        """When the work orders this one waits for end (``datetime.min`` without any)."""
        return [
            predecessor.date_finished
            for predecessor in self.blocked_by_workorder_ids
            if predecessor.state != "cancel" and predecessor.date_finished
        ] or [datetime.min]
