# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record


class MaintenanceRequest(models.Model):
    """A maintenance request opened by a faulty check-in knows its booking and production."""

    _inherit = "maintenance.request"

    coordination_booking_id = fields.Many2one(
        "media.booking",
        string="Production Booking",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        domain=[("resource_type", "=", "equipment")],
        help="The equipment booking whose faulty check-in opened this request.",
    )
    coordination_project_id = fields.Many2one(
        "project.project",
        string="Production",
        compute="_compute_coordination_project_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
        domain=[("is_media_production", "=", True)],
        help="The media production where the equipment failed.",
    )

    @api.depends("coordination_booking_id")
    def _compute_coordination_project_id(self):
        for request in self:
            if request.coordination_booking_id:
                request.coordination_project_id = request.coordination_booking_id.project_id

    def action_coordination_open_booking(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the booking of this maintenance request"))
        return {
            "type": "ir.actions.act_window",
            "res_model": "media.booking",
            "res_id": self.coordination_booking_id.id,
            "view_mode": "form",
        }
