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

    def action_coordination_open_change_notices(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_change_notice_action"
        )
        action["domain"] = [("production_line_ids.production_id", "=", self.id)]
        action["context"] = {}
        return action
