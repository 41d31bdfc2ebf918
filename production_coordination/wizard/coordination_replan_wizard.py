# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models

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
        """The work centers asked for, refused when the user is not a supervisor or a
        coordinator, or may not read one of them (the many2many would hide it)."""
        workcenters = self.sudo().workcenter_ids.with_env(self.env)
        self.env["coordination.replan"]._check_may_preview(workcenters)
        return workcenters

    def _preview(self):
        ensure_one_record(self)
        changes = self.env["coordination.replan"]._replan(self._get_workcenters())
        lines = [
            Command.create({**vals, "workorder_ids": [Command.set(vals["workorder_ids"])]})
            for vals in changes
        ]
        self.write({"line_ids": [Command.clear(), *lines], "is_previewed": True})

    def action_preview(self):
        ensure_one_record(self)
        self._preview()
        return self._action_reopen()

    def action_apply(self):
        """Apply the replan previewed (previewed first when it was not): at once, or in the
        background when it moves many work orders (``coordination.replan._get_job_threshold``).
        The MOs that changed since the preview are left as they are, and the user is told why.
        """
        ensure_one_record(self)
        Replan = self.env["coordination.replan"]
        workcenters = self._get_workcenters()
        self.env["mrp.production"]._coordination_check_coordinator(
            _("replan work orders by priority")
        )
        if not self.is_previewed:
            self._preview()
        previewed = self.line_ids.workorder_ids
        if len(previewed) >= Replan._get_job_threshold():
            Replan._enqueue_apply(workcenters, previewed)
            return self._notify(
                "info",
                _(
                    "The replan of %(count)s work orders is being applied in the background: "
                    "you will be notified when it is done.",
                    count=len(previewed),
                ),
            )
        result = Replan._apply_previewed(workcenters, previewed)
        return self._notify(
            "warning" if result["refused"] else "success", Replan._describe_result(result)
        )

    def _notify(self, kind, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": kind,
                "message": message,
                "sticky": kind == "warning",
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
    workorder_ids = fields.Many2many(
        "mrp.workorder", string="Work Orders Moved", help="The work orders the replan moves."
    )
    date_start_old = fields.Datetime("Start Now")
    date_finished_old = fields.Datetime("End Now")
    date_start_new = fields.Datetime("New Start")
    date_finished_new = fields.Datetime("New End")
    is_later = fields.Boolean("Later", help="The MO ends later than it is planned now.")
    shift_hours = fields.Float("Shift (h)", help="How much later (or earlier) the MO ends.")
