# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "method changed" mark of a work order: its department has not acknowledged a change
notice of its MO yet. Starting such a work order from a queue or a shop-floor card asks the
person to confirm they read the notice; every start before the acknowledgement is recorded on
the notice."""

from odoo import _, api, fields, models
from odoo.tools import SQL

from .coordination_const import CLOSED_WO_STATES

# The (work order, notice) pairs still waiting for the work order's department.
PENDING_NOTICES_SQL = """
    SELECT wo.id, ack.notice_id
      FROM mrp_workorder wo
      JOIN coordination_change_notice_production p ON p.production_id = wo.production_id
      JOIN coordination_change_notice_department ack
        ON ack.notice_id = p.notice_id AND ack.department_id = wo.coordination_department_id
      JOIN coordination_change_notice n ON n.id = ack.notice_id
     WHERE ack.state = 'pending' AND n.state = 'open'
       AND wo.state NOT IN %(closed)s
"""


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"  # pylint: disable=consider-merging-classes-inherited

    coordination_change_notice_ids = fields.Many2many(
        "coordination.change.notice",
        string="Change Notices",
        compute="_compute_coordination_change_notice_ids",
        search="_search_coordination_change_notice_ids",
        help="Change notices of this order that the work order's department has not "
        "acknowledged yet.",
    )
    coordination_is_method_changed = fields.Boolean(
        "Method Changed",
        compute="_compute_coordination_change_notice_ids",
        search="_search_coordination_is_method_changed",
        help="The manufacturing method changed and this work order's department has not "
        "acknowledged the change notice yet: read it before starting.",
    )

    coordination_method_label = fields.Char(
        "Method",
        compute="_compute_coordination_change_notice_ids",
        help='"Method changed" while a change notice waits for this work order\'s department.',
    )

    def _coordination_pending_notice_pairs(self, workorder_ids=None):
        query = SQL(PENDING_NOTICES_SQL, closed=CLOSED_WO_STATES)
        if workorder_ids is not None:
            query = SQL("%s AND wo.id = ANY(%s)", query, list(workorder_ids))
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.depends("state", "coordination_department_id", "production_id")
    def _compute_coordination_change_notice_ids(self):
        notices = {}
        ids = [wo_id for wo_id in self.ids if wo_id]
        if ids:
            for workorder_id, notice_id in self._coordination_pending_notice_pairs(ids):
                notices.setdefault(workorder_id, []).append(notice_id)
        Notice = self.env["coordination.change.notice"]
        for workorder in self:
            pending = Notice.browse(notices.get(workorder._origin.id, []))
            workorder.coordination_change_notice_ids = pending
            workorder.coordination_is_method_changed = bool(pending)
            workorder.coordination_method_label = _("Method changed") if pending else False

    def _search_coordination_is_method_changed(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(_("Unsupported search on Method Changed."))
        ids = list({wo_id for wo_id, _notice in self._coordination_pending_notice_pairs()})
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    def _search_coordination_change_notice_ids(self, operator, value):
        if operator not in ("in", "=") or not value:
            raise NotImplementedError(_("Unsupported search on Change Notices."))
        value = value if isinstance(value, list | tuple) else [value]
        ids = list(
            {
                wo_id
                for wo_id, notice_id in self._coordination_pending_notice_pairs()
                if notice_id in value
            }
        )
        return [("id", "in", ids)]

    # Starting ---------------------------------------------------------------------------------

    def action_coordination_start(self):
        """From a queue or a shop-floor card: first ask to confirm the pending notices were read
        (a wizard), unless the person just confirmed it."""
        if not self.env.context.get("coordination_change_notice_read"):
            # (the rights to start are checked first: nobody is asked about work they cannot do)
            self._coordination_check_may_operate(_("start"))
            pending = self.filtered("coordination_is_method_changed")
            if pending:
                return pending._coordination_action_confirm_notices()
        return super().action_coordination_start()

    def _coordination_action_confirm_notices(self):
        wizard = self.env["coordination.change.notice.start.wizard"].create(
            {"workorder_ids": [fields.Command.set(self.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Method changed: read the notice"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def button_start(self, raise_on_invalid_state=False):
        """Record who starts work whose department has not acknowledged a notice yet."""
        pairs = self._coordination_pending_notice_pairs(self.ids) if self.ids else []
        res = super().button_start(raise_on_invalid_state=raise_on_invalid_state)
        if pairs:
            confirmed = bool(self.env.context.get("coordination_change_notice_read"))
            departments = {wo.id: wo.coordination_department_id.id for wo in self}
            # sudo: the record of the start is the notice's, whoever starts the work.
            self.env["coordination.change.notice.start"].sudo().create(
                [
                    {
                        "notice_id": notice_id,
                        "workorder_id": workorder_id,
                        "department_id": departments.get(workorder_id),
                        "user_id": self.env.uid,
                        "is_confirmed": confirmed,
                    }
                    for workorder_id, notice_id in pairs
                ]
            )
        return res
