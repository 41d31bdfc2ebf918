# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Replan by priority: plan the unstarted work of some work centers again, MO by MO in rank
order, with Odoo's own planning, so that the MOs ranked first get the first slots.

The preview computes, without writing anything (so that a read replica can serve it), what
that planning would write: :meth:`CoordinationReplan._compute_plan` follows
``mrp.production._plan_workorders`` / ``mrp.workorder._plan_workorder`` step by step and asks
the work centers for their first free slots (``mrp.workcenter._get_first_available_slot``) with
the slots of the work orders being replanned ignored and those already planned by the preview
counted as busy. Applying runs Odoo's own planning (:meth:`CoordinationReplan._plan`); the tests
check that both give the same dates.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .coordination_const import CLOSED_WO_STATES, SUPERVISOR_GROUP, UNSTARTED_WO_STATES
from .coordination_protected_mixin import check_action_access, check_action_group
from .coordination_utils import clamp_date

PLANNABLE_MO_STATES = ("confirmed", "progress")
# A replan writes many MO dates: their priority is refreshed once, before the commit.
DEFER_PRIORITY = {"coordination_defer_priority": True}
LATER_TOLERANCE = timedelta(minutes=1)


class CoordinationReplan(models.AbstractModel):
    _name = "coordination.replan"
    _description = "Replan by Priority"

    @api.model
    def _get_workorders(self, workcenters):
        """The work orders a replan of these work centers moves: their unstarted work orders
        (no time logged) and, to keep each MO's order of operations, the unstarted work orders
        that come after them. Started work orders never move."""
        Workorder = self.env["mrp.workorder"]
        workorders = Workorder.search(
            [
                ("workcenter_id", "in", workcenters.ids),
                ("state", "in", UNSTARTED_WO_STATES),
                ("time_ids", "=", False),
                ("production_id.state", "in", PLANNABLE_MO_STATES),
            ]
        )
        followers = workorders
        while followers:
            followers = (
                followers.needed_by_workorder_ids.filtered(
                    lambda wo: wo.state in UNSTARTED_WO_STATES and not wo.time_ids
                )
                - workorders
            )
            workorders |= followers
        return workorders

    @api.model
    def _sort_productions(self, productions):
        """Planning order: rank 1 first, MOs without a rank last, then by start."""
        return productions.sorted(
            lambda p: (not p.coordination_rank, p.coordination_rank, p.date_start, p.id)
        )

    @api.model
    @api.readonly
    def get_preview(self, workcenter_ids):
        """What a replan by priority of these work centers would change, computed without
        writing: public and read-only (``@api.readonly``: a read replica serves it when Odoo
        has one). For supervisors and coordinators, on work centers they may read.

        :param workcenter_ids: ids of ``mrp.workcenter``
        :return: one dict per MO concerned, in planning order: the keys of
            ``coordination.replan.wizard.line`` (``production_id``, ``rank``, old and new
            dates, ``is_later``, ``shift_hours``...), ``production_name`` and ``workorders``
            (each work order moved: ``id``, ``name``, ``workcenter_id``, new ``date_start``
            and ``date_finished``)
        """
        workcenters = self._read_workcenter_ids(workcenter_ids)
        self._check_may_preview(workcenters)
        changes, slots = self._preview(workcenters)
        productions = self.env["mrp.production"].browse(
            [change["production_id"] for change in changes]
        )
        names = {production.id: production.name for production in productions}
        for change in changes:
            change["production_name"] = names[change["production_id"]]
            change["workorders"] = [
                {
                    "id": workorder.id,
                    "name": workorder.name,
                    "workcenter_id": slots[workorder][2].id if workorder in slots else False,
                    "date_start": slots[workorder][0] if workorder in slots else False,
                    "date_finished": slots[workorder][1] if workorder in slots else False,
                }
                for workorder in self.env["mrp.workorder"].browse(change["workorder_ids"])
            ]
        return changes

    @api.model
    def _read_workcenter_ids(self, workcenter_ids):
        """The work centers of `workcenter_ids` (a list of ids); UserError naming what is not."""
        if not isinstance(workcenter_ids, list | tuple) or not workcenter_ids:
            raise UserError(_("Give the work centers to replan as a list of ids."))
        for value in workcenter_ids:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UserError(_("Unknown work center: %r.", value))
        workcenters = self.env["mrp.workcenter"].browse(dict.fromkeys(workcenter_ids))
        missing = set(workcenters.ids) - set(workcenters.exists().ids)
        if missing:
            raise UserError(_("Unknown work center: %r.", min(missing)))
        return workcenters

    @api.model
    def _check_may_preview(self, workcenters):
        """Supervisors and coordinators preview the work centers they may read."""
        action = _("replan work orders by priority")
        check_action_group(self.env, [SUPERVISOR_GROUP], action, _("supervisors and coordinators"))
        check_action_access(workcenters, "read", action)

    @api.model
    def _preview(self, workcenters):
        """(changes, work order slots) of a replan of `workcenters`, computed without writing
        (:meth:`_compute_plan`). The changes are those :meth:`_replan` returns."""
        workorders = self._get_workorders(workcenters)
        productions = self._sort_productions(workorders.production_id)
        before = {p.id: (p.date_start, p.date_finished) for p in productions}
        after, slots = self._compute_plan(workorders, productions)
        return self._get_changes(workorders, productions, before, after), slots

    @api.model
    def _replan(self, workcenters, apply=False, previewed=None):
        """Plan the work of these work centers again by priority; without `apply`, only say
        what would change (:meth:`_preview`). Returns one dict per MO concerned, in planning
        order.

        With `previewed` (the work orders a preview showed), the MOs that changed since are
        left as they are (:meth:`_get_refusals`), and so are MOs the preview did not show."""
        if not apply:
            return self._preview(workcenters)[0]
        self.env["mrp.production"]._coordination_check_coordinator(
            _("replan work orders by priority")
        )
        workorders = self._get_workorders(workcenters)
        if previewed is not None:
            refused = self._get_refusals(previewed)
            kept = previewed.production_id.filtered(lambda p: p not in refused)
            workorders = workorders.filtered(lambda wo: wo.production_id in kept)
        productions = self._sort_productions(workorders.production_id)
        before = {p.id: (p.date_start, p.date_finished) for p in productions}
        after = self._plan(workorders, productions)
        changes = self._get_changes(workorders, productions, before, after)
        self._post_changes(productions, changes, workcenters)
        self.env["coordination.workcenter.load"]._refresh(productions.company_id)
        return changes

    @api.model
    def _get_refusals(self, previewed):
        """{MO: why it is not replanned} for the MOs of the `previewed` work orders that changed
        since the preview: closed or cancelled, or one of those work orders has started."""
        refused = {}
        states = dict(self.env["mrp.production"]._fields["state"]._description_selection(self.env))
        for workorder in previewed.sudo():
            production = workorder.production_id
            if production in refused:
                continue
            if production.state not in PLANNABLE_MO_STATES:
                refused[production] = _(
                    "%(production)s is %(state)s now.",
                    production=production.name,
                    state=states.get(production.state, production.state),
                )
            elif workorder.state not in UNSTARTED_WO_STATES or workorder.time_ids:
                refused[production] = _(
                    "%(workorder)s has started since the preview.",
                    workorder=workorder.display_name,
                )
        return refused

    @api.model
    def _get_changes(self, workorders, productions, before, after):
        """One dict per MO of `productions` (in that order): its dates `before` and `after`
        ({MO id: (start, end)}), and the work orders of `workorders` that move."""
        ranks = {p.id: p.coordination_rank for p in productions}
        moved = defaultdict(list)
        for workorder in workorders:
            moved[workorder.production_id.id].append(workorder.id)
        changes = []
        for sequence, production in enumerate(productions, start=1):
            (old_start, old_end), (new_start, new_end) = before[production.id], after[production.id]
            changes.append(
                {
                    "sequence": sequence,
                    "production_id": production.id,
                    "rank": ranks[production.id],
                    "workorder_count": len(moved[production.id]),
                    "workorder_ids": moved[production.id],
                    "date_start_old": old_start,
                    "date_finished_old": old_end,
                    "date_start_new": new_start,
                    "date_finished_new": new_end,
                    "is_later": bool(old_end and new_end and new_end - old_end > LATER_TOLERANCE),
                    "shift_hours": round((new_end - old_end).total_seconds() / 3600, 2)
                    if old_end and new_end
                    else 0.0,
                }
            )
        return changes

    @api.model
    def _plan(self, workorders, productions):
        """Unplan the work orders, then plan their MOs one by one in the given order with
        Odoo's planning (`mrp.production._plan_workorders`). Returns {MO id: (start, end)}.

        Every MO starts from the same moment: the earliest start of the work orders moved (not
        before now), so the order decides who gets the first slots; an MO that was not planned
        yet still never starts before its own start date, as with Odoo's Plan button.
        """
        workorders = workorders.with_context(**DEFER_PRIORITY)
        productions = productions.with_context(**DEFER_PRIORITY)
        if not workorders:
            return {}
        release = self._get_release_dates(workorders, productions)
        workorders.leave_id.unlink()
        workorders.write({"date_start": False, "date_finished": False})
        for production in productions:
            production.with_context(force_date=True).write({"date_start": release[production.id]})
            try:
                production._plan_workorders()
            except OverflowError as error:  # Odoo's slot search runs past year 9999
                raise UserError(
                    _(
                        "%(production)s cannot be planned: its dates are out of range "
                        "(year 9999). Correct its start date first.",
                        production=production.name,
                    )
                ) from error
        self.env.flush_all()
        return {p.id: (p.date_start, p.date_finished) for p in productions}

    @api.model
    def _get_release_dates(self, workorders, productions):
        """{MO id: the start it is planned from} (see :meth:`_plan`)."""
        window_start = max(
            fields.Datetime.now(),
            min(wo.date_start or wo.production_id.date_start for wo in workorders),
        )
        return {
            p.id: window_start if p.is_planned else max(window_start, p.date_start)
            for p in productions
        }

    @api.model
    def _compute_plan(self, workorders, productions):
        """What :meth:`_plan` would write, computed without writing anything.

        Follows Odoo's planning step by step (``mrp.production._plan_workorders``, then
        ``mrp.workorder._plan_workorder`` from each last work order back through its
        predecessors, on the work center or the alternative that finishes first). The slots
        of `workorders` count as free (applying removes them); the slots this plan gives count
        as busy, as the calendar leaves Odoo creates would.

        Not followed: ``_link_workorders_and_moves``, which Odoo runs first and which links
        work orders that are not linked yet (they are linked when the MO is confirmed).

        :return: ({MO id: (start, end)}, {work order: (start, end, work center)})
        """
        if not workorders:
            return {}, {}
        release = self._get_release_dates(workorders, productions)
        preview = _PlanPreview(self.env, workorders)
        after = {}
        for production in productions:
            try:
                for workorder in production.workorder_ids.filtered(
                    lambda wo: not wo.needed_by_workorder_ids
                ):
                    preview.plan(workorder, release[production.id])
            except OverflowError as error:  # Odoo's slot search runs past year 9999
                raise UserError(
                    _(
                        "%(production)s cannot be planned: its dates are out of range "
                        "(year 9999). Correct its start date first.",
                        production=production.name,
                    )
                ) from error
            planned = [
                preview.dates(wo)
                for wo in production.workorder_ids
                if wo.state not in CLOSED_WO_STATES and all(preview.dates(wo))
            ]
            after[production.id] = (
                min(start for start, _end in planned) if planned else release[production.id],
                max(end for _start, end in planned) if planned else production.date_finished,
            )
        return after, preview.slots

    @api.model
    def _post_changes(self, productions, changes, workcenters):
        """A note on each MO whose dates changed."""
        names = ", ".join(workcenters.mapped("display_name"))
        for production, change in zip(productions, changes, strict=True):
            if (change["date_start_old"], change["date_finished_old"]) == (
                change["date_start_new"],
                change["date_finished_new"],
            ):
                continue
            production.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "Replanned by priority (rank %(rank)s) on %(workcenters)s: start %(old_start)s"
                    " → %(new_start)s, end %(old_end)s → %(new_end)s.",
                    rank=change["rank"] or _("none"),
                    workcenters=names,
                    old_start=self._format(change["date_start_old"]),
                    new_start=self._format(change["date_start_new"]),
                    old_end=self._format(change["date_finished_old"]),
                    new_end=self._format(change["date_finished_new"]),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _format(self, moment):
        if not moment:
            return _("none")
        return format_datetime(self.env, clamp_date(moment), dt_format="short")


class _PlanPreview:
    """Odoo's planning of work orders (``mrp.workorder._plan_workorder(replan=False)``),
    followed without writing: the slots of the work orders being replanned (`moving`) count as
    free, those planned here as busy (where Odoo would create calendar leaves)."""

    def __init__(self, env, moving):
        self.env = env
        self.ignored = moving.leave_id
        self.moving = set(moving.ids)
        self.slots = {}  # work order: (start, end, work center)
        self.busy = defaultdict(list)  # work center id: [(start, end)] planned here

    def dates(self, workorder):
        if workorder in self.slots:
            return self.slots[workorder][:2]
        if workorder.id in self.moving:
            return (False, False)  # unplanned first, as Odoo does
        return (workorder.date_start, workorder.date_finished)

    def plan(self, workorder, production_start):
        """Plan `workorder` after its predecessors (planned first), from its MO's start."""
        date_start = max(production_start, datetime.now())
        for before in workorder.blocked_by_workorder_ids:
            if before.state in CLOSED_WO_STATES:
                continue
            self.plan(before, production_start)
            finished = self.dates(before)[1]
            if finished and finished > date_start:
                date_start = finished
        if workorder.state not in UNSTARTED_WO_STATES:
            return
        if workorder in self.slots or (workorder.leave_id and workorder.id not in self.moving):
            return  # planned already
        best = None
        for workcenter in (
            workorder.workcenter_id | workorder.workcenter_id.alternative_workcenter_ids
        ):
            slot = self._get_slot(workorder, workcenter, date_start)
            if slot and (not best or slot[1] < best[1]):
                best = slot
        if not best:
            raise UserError(
                self.env._(
                    "Impossible to plan the workorder. Please check the workcenter availabilities."
                )
            )
        self.slots[workorder] = best
        self.busy[best[2].id].append(best[:2])

    def _get_slot(self, workorder, workcenter, date_start):
        """(start, end, work center) of the first free slot there, or None."""
        if not workcenter.resource_calendar_id:
            raise UserError(
                self.env._("There is no defined calendar on workcenter %s.", workcenter.name)
            )
        if workcenter == workorder.workcenter_id:
            duration = workorder.duration_expected
        else:
            duration = workorder._get_duration_expected(alternative_workcenter=workcenter)
        date_from, date_to = workcenter._get_first_available_slot(
            date_start,
            duration,
            leaves_to_ignore=self.ignored,
            extra_leaves_slots=self.busy[workcenter.id],
        )
        return (date_from, date_to, workcenter) if date_from and date_to else None
