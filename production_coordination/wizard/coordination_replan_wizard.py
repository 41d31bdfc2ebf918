# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models

from ..models.coordination_const import SUPERVISOR_GROUP
from ..models.coordination_protected_mixin import check_action_access, check_action_group
from ..models.coordination_utils import ensure_one_record


class CoordinationReplanWizard(models.TransientModel):
    _name = "coordination.replan.wizard"
    _description = "Replan Work Orders by Priority"

    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "coordination_replan_wizard_workcenter_rel",
        "wizard_id",
        "workcenter_id",
        string="Work Centers",
        help="Their unstarted work orders are planned again, MO by MO in rank order.",
    )
    line_ids = fields.One2many("coordination.replan.wizard.line", "wizard_id", readonly=True)
    is_previewed = fields.Boolean(readonly=True)
    later_count = fields.Integer("MOs Later", compute="_compute_later_count")

    @api.depends("line_ids.is_later")
    def _compute_later_count(self):
        for wizard in self:
            wizard.later_count = len(wizard.line_ids.filtered("is_later"))

    @api.model
    def _action_open(self, workcenters):
        """The wizard for these work centers, already showing its preview."""
        wizard = self.create({"workcenter_ids": [Command.set(workcenters.ids)]})
        if workcenters:
            wizard._preview()
        return wizard._action_reopen()

    def _action_reopen(self):
        ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Replan by Priority"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _get_workcenters(self):
        """The work centers asked for, refused when the user is not a coordinator or may not
        read one of them (the many2many would hide it)."""
        action = _("replan work orders by priority")
        check_action_group(self.env, [SUPERVISOR_GROUP], action, _("supervisors and coordinators"))
        workcenters = self.sudo().workcenter_ids.with_env(self.env)
        check_action_access(workcenters, "read", action)
        return workcenters

    def _preview(self):
        ensure_one_record(self)
        changes = self.env["coordination.replan"]._replan(self._get_workcenters())
        self.write(
            {
                "line_ids": [Command.clear()] + [Command.create(vals) for vals in changes],
                "is_previewed": True,
            }
        )

    def action_preview(self):
        ensure_one_record(self)
        self._preview()
        return self._action_reopen()

    def action_apply(self):
        ensure_one_record(self)
        changes = self.env["coordination.replan"]._replan(self._get_workcenters(), apply=True)
        moved = [
            change
            for change in changes
            if (change["date_start_old"], change["date_finished_old"])
            != (change["date_start_new"], change["date_finished_new"])
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s manufacturing orders replanned by priority.", count=len(moved)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class CoordinationReplanWizardLine(models.TransientModel):
    _name = "coordination.replan.wizard.line"
    _description = "Replan by Priority: One Manufacturing Order"
    _order = "sequence, id"

    wizard_id = fields.Many2one("coordination.replan.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer(help="Planning order.")
    production_id = fields.Many2one("mrp.production", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="production_id.product_id")
    rank = fields.Integer()
    workorder_count = fields.Integer("Work Orders", help="Work orders the replan moves.")
    date_start_old = fields.Datetime("Start Now")
    date_finished_old = fields.Datetime("End Now")
    date_start_new = fields.Datetime("New Start")
    date_finished_new = fields.Datetime("New End")
    is_later = fields.Boolean("Later", help="The MO ends later than it is planned now.")
    shift_hours = fields.Float("Shift (h)", help="How much later (or earlier) the MO ends.")
