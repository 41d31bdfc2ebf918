# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .coordination_utils import ensure_one_record


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    coordination_change_notice_line_ids = fields.One2many(
        "coordination.change.notice.production",
        "production_id",
        string="Change Notice Lines",
        readonly=True,
    )
    coordination_change_notice_count = fields.Integer(
        "Change Notices", compute="_compute_coordination_change_notice_count"
    )
    coordination_change_notice_pending_count = fields.Integer(
        "Change Notices to Acknowledge",
        compute="_compute_coordination_change_notice_count",
        help="Change notices of this order that a department concerned has not acknowledged.",
    )

    @api.depends(
        "coordination_change_notice_line_ids.notice_id.state",
    )
    def _compute_coordination_change_notice_count(self):
        for production in self:
            notices = production.coordination_change_notice_line_ids.notice_id
            production.coordination_change_notice_count = len(notices)
            production.coordination_change_notice_pending_count = len(
                notices.filtered(lambda notice: notice.state == "open")
            )

    def _split_productions(self, amounts=False, cancel_remaining_qty=False, set_consumed_qty=False):
        """Backorders and splits follow the change notices of their order, with its method (they
        are copies of it: the same outcome)."""
        # sudo: the notice's lines follow the order, whoever splits it.
        lines = self.sudo().coordination_change_notice_line_ids
        productions = super()._split_productions(
            amounts=amounts,
            cancel_remaining_qty=cancel_remaining_qty,
            set_consumed_qty=set_consumed_qty,
        )
        if lines:
            listed = {
                (line.notice_id.id, line.production_id.id)
                for line in lines.notice_id.sudo().production_line_ids
            }
            vals_list = []
            for line in lines:
                origin = line.production_id
                for production in productions:
                    key = (line.notice_id.id, production.id)
                    if (
                        production == origin
                        or production.procurement_group_id != origin.procurement_group_id
                        or key in listed
                    ):
                        continue
                    listed.add(key)
                    vals_list.append(
                        {
                            "notice_id": line.notice_id.id,
                            "production_id": production.id,
                            "outcome": line.outcome,
                            "outcome_message": line.outcome_message,
                        }
                    )
            self.env["coordination.change.notice.production"].sudo().create(vals_list)
        return productions

    def action_coordination_open_change_notices(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_change_notice_action"
        )
        action["domain"] = [("production_line_ids.production_id", "=", self.id)]
        action["context"] = {}
        return action
