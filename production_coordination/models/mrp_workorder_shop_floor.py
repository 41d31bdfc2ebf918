# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop-floor card of a work order: what the person at the machine needs to read on a phone
(expected time in hours and minutes, why it cannot start yet) and which of the big Start / Pause
/ Done buttons they may press."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coordination_const import CLOSED_WO_STATES, MANAGER_GROUP
from .coordination_format import format_minutes


# One file per capability of the work order (the shop-floor card), as the scan's services
# are: merged into mrp_workorder.py they would make one file of 790 lines.
class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"  # pylint: disable=consider-merging-classes-inherited

    coordination_waiting_department_id = fields.Many2one(
        "coordination.department",
        string="Waiting For",
        compute="_compute_coordination_waiting_department_id",
        help="The department that still holds the manufacturing order: this work order's "
        "department has not received it yet.",
    )
    coordination_block_reason = fields.Text(
        related="coordination_handoff_id.block_reason", string="Block Reason"
    )
    coordination_duration_label = fields.Char(
        "Expected Time",
        compute="_compute_coordination_duration_label",
        help="The expected duration in hours and minutes.",
    )
    coordination_is_working = fields.Boolean(
        "Working on It",
        compute="_compute_coordination_card_actions",
        help="The current user's time is running on this work order (not paused).",
    )
    coordination_can_operate = fields.Boolean(
        compute="_compute_coordination_card_actions",
        help="The current user may start, pause and finish this work order: its assignee, the "
        "supervisor of its department or a coordinator.",
    )
    coordination_can_start = fields.Boolean(
        compute="_compute_coordination_card_actions",
        help="Start (or resume) is possible now: open, not blocked, not waiting for another "
        "department, and the current user's time is not already running on it.",
    )

    @api.depends(
        "state",
        "coordination_handoff_id.state",
        "production_id.coordination_current_handoff_id",
    )
    def _compute_coordination_waiting_department_id(self):
        for workorder in self:
            workorder.coordination_waiting_department_id = (
                workorder._coordination_get_waiting_department()
            )

    def _coordination_get_waiting_department(self):
        """The department holding the MO while this work order's leg waits for it (the MO's
        current leg is an earlier one), else an empty recordset."""
        self.ensure_one()
        leg = self.coordination_handoff_id
        Department = self.env["coordination.department"]
        if self.state in CLOSED_WO_STATES or not leg or leg.state != "waiting":
            return Department
        # sudo: the current leg may belong to a department the user cannot read; only its
        # department's name is shown.
        current = self.production_id.sudo().coordination_current_handoff_id
        if not current or current == leg.sudo():
            return Department
        return current.department_id.sudo(False)

    @api.depends("duration_expected")
    def _compute_coordination_duration_label(self):
        for workorder in self:
            workorder.coordination_duration_label = format_minutes(
                self.env, workorder.duration_expected
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "coordination_user_id",
        "coordination_department_id.supervisor_id",
        "coordination_handoff_id.state",
        "production_id.coordination_current_handoff_id",
    )
    def _compute_coordination_card_actions(self):
        user = self.env.user
        is_manager = user.has_group(MANAGER_GROUP)
        # sudo: staff without Manufacturing rights cannot read time logs; only whether their
        # own time runs on these work orders is read.
        running = set(
            self.env["mrp.workcenter.productivity"]
            .sudo()
            .search(
                [
                    ("workorder_id", "in", self.ids),
                    ("user_id", "=", user.id),
                    ("date_end", "=", False),
                ]
            )
            .workorder_id.ids
        )
        for workorder in self:
            is_open = workorder.state not in CLOSED_WO_STATES
            workorder.coordination_is_working = is_open and workorder.id in running
            workorder.coordination_can_operate = is_open and (
                is_manager
                or user
                in (
                    workorder.coordination_user_id,
                    workorder.coordination_department_id.supervisor_id,
                )
            )
            workorder.coordination_can_start = (
                workorder.coordination_can_operate
                and not workorder.coordination_is_working
                and workorder.coordination_handoff_state != "blocked"
                and not workorder._coordination_get_waiting_department()
            )

    def _coordination_check_may_start(self):
        """Refuse to start work that another department still holds: the card's Start button is
        disabled then; this answers the same to an RPC caller."""
        for workorder in self:
            department = workorder._coordination_get_waiting_department()
            if department:
                raise UserError(
                    _(
                        "%(workorder)s is waiting for %(department)s: start it once "
                        "%(department)s hands the order over.",
                        workorder=workorder.display_name,
                        department=department.name,
                    )
                )

    def action_coordination_start(self):
        self._coordination_check_may_operate(_("start"))
        self._coordination_check_may_start()
        return super().action_coordination_start()
