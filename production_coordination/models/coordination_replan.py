# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Replan by priority: plan the unstarted work of some work centers again, MO by MO in rank
order, with Odoo's own planning, so that the MOs ranked first get the first slots.

The preview runs exactly the same planning inside a savepoint that is rolled back.
"""

from collections import Counter
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .coordination_const import UNSTARTED_WO_STATES
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
    def _replan(self, workcenters, apply=False):
        """Plan the work of these work centers again by priority; without `apply`, only say
        what would change. Returns one dict per MO concerned, in planning order."""
        if apply:
            self.env["mrp.production"]._coordination_check_coordinator(
                _("replan work orders by priority")
            )
        workorders = self._get_workorders(workcenters)
        productions = self._sort_productions(workorders.production_id)
        before = {p.id: (p.date_start, p.date_finished) for p in productions}
        ranks = {p.id: p.coordination_rank for p in productions}
        if apply:
            after = self._plan(workorders, productions)
        else:
            savepoint = self.env.cr.savepoint()
            try:
                after = self._plan(workorders, productions)
            finally:
                savepoint.close(rollback=True)
                self.env.invalidate_all()
        moved = Counter(wo.production_id.id for wo in workorders)
        changes = []
        for sequence, production in enumerate(productions, start=1):
            (old_start, old_end), (new_start, new_end) = before[production.id], after[production.id]
            changes.append(
                {
                    "sequence": sequence,
                    "production_id": production.id,
                    "rank": ranks[production.id],
                    "workorder_count": moved[production.id],
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
        if apply:
            self._post_changes(productions, changes, workcenters)
            self.env["coordination.workcenter.load"]._refresh(productions.company_id)
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
        window_start = max(
            fields.Datetime.now(),
            min(wo.date_start or wo.production_id.date_start for wo in workorders),
        )
        release = {
            p.id: window_start if p.is_planned else max(window_start, p.date_start)
            for p in productions
        }
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
