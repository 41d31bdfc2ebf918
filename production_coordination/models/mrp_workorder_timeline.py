# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work order timeline (OCA web_timeline): what an item shows, and moving it.

Moving a work order on the timeline replans it through Odoo's own planning: the work center's
first available slot from the dropped start (`mrp.workcenter._get_first_available_slot`: its
working hours and time off; a start outside them goes to the next working time), then Odoo's
`write` of the dates (the work center's leave, the MO's dates). Where Odoo would refuse, or the
move would break its planning rules (a work order that has started, another work order of the
work center at that time, before its predecessor or past its successor's start), the move is
refused with Odoo's reason and nothing is written."""

import json
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime

from .coordination_const import (
    CLOSED_WO_STATES,
    MANAGER_GROUP,
    OPEN_MO_STATES,
    UNSTARTED_WO_STATES,
)
from .coordination_format import format_number
from .coordination_protected_mixin import check_action_access
from .coordination_utils import check_plan_date, ensure_one_record

# Odoo's planner moves unstarted work orders (UNSTARTED_WO_STATES, mrp.workorder._plan_workorder)
# of open MOs (OPEN_MO_STATES).
# Fields the timeline sends with a move: the dates, and the field it groups by.
MOVE_DATE_FIELDS = ("date_start", "date_finished")
MOVE_FUTURE_DAYS = 3660


# One file per capability of the work order (the timeline's moves), as the scan's services
# are: merged into mrp_workorder.py they would make one file of 790 lines.
class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"  # pylint: disable=consider-merging-classes-inherited

    # compute_sudo: every work order the user reads shows its MO and its leg's state; the
    # reason of a block only to those who may read the leg (see the compute).
    coordination_is_late = fields.Boolean(
        "Late",
        compute="_compute_coordination_timeline",
        compute_sudo=True,
        help="Not finished, and planned to finish in the past or after its MO's committed date.",
    )
    coordination_timeline_tooltip = fields.Text(
        "Timeline Details",
        compute="_compute_coordination_timeline",
        compute_sudo=True,
        help="What the work order timeline shows on hover: the order, its plan, its marks "
        "(expedited, blocked, late) and Odoo's own planning warnings.",
    )

    @api.depends_context("uid", "tz", "lang")
    @api.depends(
        "state",
        "date_start",
        "date_finished",
        "production_id.coordination_date_committed",
        "coordination_handoff_id.state",
        "coordination_handoff_id.block_reason",
    )
    def _compute_coordination_timeline(self):
        now = fields.Datetime.now()
        env = self.env
        readable_legs = self.coordination_handoff_id.sudo(False)._filtered_access("read")
        for workorder in self:
            production = workorder.production_id
            committed = production.coordination_date_committed
            finish = workorder.date_finished
            workorder.coordination_is_late = bool(
                workorder.state not in CLOSED_WO_STATES
                and finish
                and (finish < now or (committed and finish > committed))
            )
            qty = format_number(
                self.env, workorder.qty_remaining or workorder.qty_production, 3, trim=True
            )
            lines = [
                _(
                    "%(production)s – %(operation)s: %(qty)s %(uom)s %(product)s",
                    production=production.name,
                    operation=workorder.name,
                    qty=qty,
                    uom=workorder.product_uom_id.name or "",
                    product=workorder.product_id.display_name,
                )
            ]
            if workorder.date_start and finish:
                lines.append(
                    _(
                        "Planned %(start)s – %(finish)s on %(workcenter)s",
                        start=format_datetime(env, workorder.date_start, dt_format="short"),
                        finish=format_datetime(env, finish, dt_format="short"),
                        workcenter=workorder.workcenter_id.name,
                    )
                )
            state = dict(workorder._fields["state"]._description_selection(env))
            lines.append(_("Status: %s", state.get(workorder.state, workorder.state)))
            if workorder.coordination_is_expedited:
                lines.append(_("Expedited: %s", production.coordination_expedite_reason or ""))
            leg = workorder.coordination_handoff_id
            if leg.state == "blocked":
                lines.append(
                    _(
                        "Blocked in %(department)s: %(reason)s",
                        department=leg.department_id.name,
                        reason=leg.block_reason if leg in readable_legs else "…",
                    )
                )
            elif leg.state == "waiting":
                lines.append(_("Waiting for the previous department"))
            if workorder.coordination_is_late:
                if finish < now:
                    lines.append(_("Late: it should already be finished"))
                else:
                    lines.append(
                        _(
                            "Late: planned to finish after the committed date, %s",
                            format_datetime(env, committed, dt_format="short"),
                        )
                    )
            # Odoo's own planning warnings (the Gantt's popover): conflicts, predecessors.
            popover = json.loads(workorder.json_popover or "{}")
            lines.extend(info["msg"] for info in popover.get("infos", ()) if info.get("msg"))
            workorder.coordination_timeline_tooltip = "\n".join(lines)

    # Moving on the timeline ======================================================================

    def coordination_timeline_move(self, vals):
        """Move this work order as the timeline's drag says: `vals` holds the new planned
        start (`date_start`; the finish sent is ignored: Odoo computes it from the expected
        duration) and the value of the field the timeline groups by (`workcenter_id` moves it
        to that work center; the department, or any other field, must stay as it is).

        Coordinators move any work order, supervisors those of their departments. Returns
        True; refusals are a UserError with Odoo's reason (AccessError for the role), and
        nothing is written."""
        ensure_one_record(self)
        check_action_access(self, "read", _("move this work order"))
        date_start, workcenter = self._coordination_read_move(vals)
        self._coordination_check_may_move(workcenter)
        date_from, date_to, duration = self._coordination_plan_move(date_start, workcenter)
        values = {"date_start": date_from, "date_finished": date_to}
        if workcenter != self.workcenter_id:
            values.update(workcenter_id=workcenter.id, duration_expected=duration)
        # sudo: the role was checked above. Odoo's write also moves the work center's leave and
        # the MO's dates, which supervisors without Manufacturing rights may not write. The
        # dates are the slot planned above: Odoo must not compute the finish again.
        self.sudo().with_context(bypass_duration_calculation=True).write(values)
        return True

    def _coordination_read_move(self, vals):
        """(planned start, work center) from the values a timeline move sends; UserError for
        anything else."""
        if not isinstance(vals, dict):
            raise UserError(_("Moving a work order takes its new values (a dictionary)."))
        label = self._fields["date_start"]._description_string(self.env)
        value = vals.get("date_start")
        try:
            date_start = fields.Datetime.to_datetime(value) if value else None
        except (TypeError, ValueError):
            date_start = None
        if date_start is None or not isinstance(value, str | datetime):
            raise UserError(
                _("%(field)s is not a date and time: %(value)r.", field=label, value=value)
            )
        workcenter = self.workcenter_id
        for name, value in vals.items():
            if name in MOVE_DATE_FIELDS:
                continue
            field = self._fields.get(name) if isinstance(name, str) else None
            if name == "workcenter_id":
                if not value:
                    raise UserError(_("%s needs a work center: drop it on one.", self.display_name))
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise UserError(_("Unknown work center: %r.", value))
                workcenter = self.env["mrp.workcenter"].browse(value).exists()
                if not workcenter:
                    raise UserError(_("Unknown work center: %r.", value))
                continue
            current = self[name] if field and field.type == "many2one" else None
            if field and field.type == "many2one" and (value or False) == current.id:
                continue  # the group it stays in
            raise UserError(
                _(
                    "Moving %(workorder)s on the timeline changes its dates and work center "
                    "only, not %(field)s.",
                    workorder=self.display_name,
                    field=field._description_string(self.env) if field else repr(name),
                )
            )
        return date_start, workcenter

    def _coordination_check_may_move(self, workcenter):
        """Coordinators move any work order; supervisors those of their departments, onto a
        work center of their departments."""
        user = self.env.user
        if self.env.su or user.has_group(MANAGER_GROUP):
            return
        department = self.coordination_department_id
        # sudo: which departments run the target work center, whoever may read them.
        departments = department | workcenter.sudo().coordination_department_ids.filtered(
            lambda dept: dept.active and dept.company_id == self.company_id
        )
        if department and all(dept.supervisor_id == user for dept in departments):
            return
        raise AccessError(
            _(
                "Only a coordinator or the supervisor of %(department)s can move %(workorder)s.",
                department=department.name or _("its department"),
                workorder=self.display_name,
            )
        )

    def _coordination_plan_move(self, date_start, workcenter):
        """(start, finish, expected minutes) of this work order started from `date_start` on
        `workcenter`, by Odoo's planning; UserError with Odoo's reason where it would refuse.
        Reads only."""
        # sudo: the role was checked; the plan reads the work center's other work orders and
        # this one's predecessors and successors, which may belong to departments the
        # supervisor cannot read (only their names are shown).
        workorder = self.sudo()
        production = workorder.production_id
        if production.state not in OPEN_MO_STATES or workorder.state not in (UNSTARTED_WO_STATES):
            states = dict(workorder._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(workorder)s is %(state)s: Odoo plans only the work orders of confirmed "
                    "manufacturing orders that have not started.",
                    workorder=workorder.display_name,
                    state=states.get(workorder.state, workorder.state),
                )
            )
        if workcenter.company_id and workcenter.company_id != workorder.company_id:
            raise UserError(
                _(
                    "%(workcenter)s belongs to %(company)s, not to the company of %(workorder)s.",
                    workcenter=workcenter.display_name,
                    company=workcenter.company_id.name,
                    workorder=workorder.display_name,
                )
            )
        if not workcenter.resource_calendar_id:
            raise UserError(_("There is no defined calendar on workcenter %s.", workcenter.name))
        if date_start < fields.Datetime.now():
            raise UserError(
                _(
                    "%(workorder)s cannot start in the past (%(start)s): Odoo plans work orders "
                    "from now on.",
                    workorder=workorder.display_name,
                    start=format_datetime(self.env, date_start, dt_format="short"),
                )
            )
        label = self._fields["date_start"]._description_string(self.env)
        check_plan_date(self.env, date_start, label, 0, MOVE_FUTURE_DAYS)
        if workcenter == workorder.workcenter_id:
            duration = workorder.duration_expected
        else:
            duration = workorder._get_duration_expected(alternative_workcenter=workcenter)
        # Odoo's slot: the first time from `date_start` when the work center works and no other
        # work order holds it; and the same ignoring the other work orders (their leaves).
        busy = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", workcenter.resource_id.id),
                    ("time_type", "=", "other"),
                    ("date_to", ">", date_start),
                ]
            )
        )
        own = workorder.leave_id
        date_from, date_to = workcenter._get_first_available_slot(
            date_start, duration, leaves_to_ignore=own
        )
        free_from, free_to = workcenter._get_first_available_slot(
            date_start, duration, leaves_to_ignore=busy | own
        )
        if not date_from or not free_from:
            raise UserError(
                _("Impossible to plan the workorder. Please check the workcenter availabilities.")
            )
        when = self._coordination_format_period
        if (date_from, date_to) != (free_from, free_to):
            overlapping = (busy - own).filtered(
                lambda leave: leave.date_from < free_to and leave.date_to > free_from
            )
            others = workorder.search([("leave_id", "in", overlapping.ids)])
            raise UserError(
                _(
                    "%(workorder)s cannot be planned %(period)s: planned at the same time as "
                    "other workorder(s) at %(workcenter)s (%(others)s). The first free slot "
                    "there is %(free)s.",
                    workorder=workorder.display_name,
                    period=when(free_from, free_to),
                    workcenter=workcenter.display_name,
                    others=", ".join(others.mapped("display_name"))
                    or ", ".join(overlapping.mapped("name")),
                    free=when(date_from, date_to),
                )
            )
        previous = workorder.blocked_by_workorder_ids.filtered(
            lambda wo: wo.state not in CLOSED_WO_STATES and wo.date_start and wo.date_finished
        )
        for before in previous.sorted("date_finished", reverse=True)[:1]:
            if before.date_finished > free_from:
                raise UserError(
                    _(
                        "%(workorder)s cannot start %(start)s: scheduled before the previous "
                        "work order, %(previous)s, planned %(period)s.",
                        workorder=workorder.display_name,
                        start=format_datetime(self.env, free_from, dt_format="short"),
                        previous=before.display_name,
                        period=when(before.date_start, before.date_finished),
                    )
                )
        following = workorder.needed_by_workorder_ids.filtered(
            lambda wo: wo.state not in CLOSED_WO_STATES and wo.date_start and wo.date_finished
        )
        for after in following.sorted("date_start")[:1]:
            if after.date_start < free_to:
                raise UserError(
                    _(
                        "%(workorder)s would finish %(finish)s, after the next work order, "
                        "%(next)s, starts (planned %(period)s): move that one first.",
                        workorder=workorder.display_name,
                        finish=format_datetime(self.env, free_to, dt_format="short"),
                        next=after.display_name,
                        period=when(after.date_start, after.date_finished),
                    )
                )
        return free_from, free_to, duration

    def _coordination_format_period(self, start, finish):
        return _(
            "from %(start)s to %(finish)s",
            start=format_datetime(self.env, start, dt_format="short"),
            finish=format_datetime(self.env, finish, dt_format="short"),
        )
