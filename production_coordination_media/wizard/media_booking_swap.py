# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record


class MediaBookingSwap(models.TransientModel):
    """Swap a contested booking to an alternative free at that time: a crew member of the same
    role or department, equipment of the same category (media.booking._get_alternatives)."""

    _name = "media.booking.swap"
    _description = "Swap a Booking to an Alternative"

    booking_id = fields.Many2one("media.booking", required=True, ondelete="cascade")
    resource_type = fields.Selection(related="booking_id.resource_type")
    conflict_description = fields.Text(related="booking_id.conflict_description")
    alternative_crew_ids = fields.Many2many(
        "media.crew.member", compute="_compute_alternatives", string="Free Crew"
    )
    alternative_equipment_ids = fields.Many2many(
        "maintenance.equipment", compute="_compute_alternatives", string="Free Equipment"
    )
    crew_member_id = fields.Many2one(
        "media.crew.member",
        string="Swap To (Crew)",
        domain="[('id', 'in', alternative_crew_ids)]",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Swap To (Equipment)",
        domain="[('id', 'in', alternative_equipment_ids)]",
    )

    @api.depends("booking_id")
    def _compute_alternatives(self):
        Booking = self.env["media.booking"]
        alternatives = Booking._get_alternatives(self.booking_id.ids)
        for wizard in self:
            found = alternatives.get(wizard.booking_id.id, [])
            wizard.alternative_crew_ids = [i for model, i in found if model == "media.crew.member"]
            wizard.alternative_equipment_ids = [
                i for model, i in found if model == "maintenance.equipment"
            ]

    def action_swap(self):
        ensure_one_record(self)
        booking = self.booking_id
        check_action_access(booking, "write", self.env._("swap this booking"))
        if booking.resource_type == "crew":
            chosen, field, allowed = (
                self.crew_member_id,
                "crew_member_id",
                self.alternative_crew_ids,
            )
        else:
            chosen, field, allowed = (
                self.equipment_id,
                "equipment_id",
                self.alternative_equipment_ids,
            )
        if not chosen:
            raise UserError(self.env._("Choose who or what takes over %s.", booking.display_name))
        if chosen not in allowed:
            raise UserError(
                self.env._(
                    "%(resource)s is not free during %(booking)s (or not of the same role, "
                    "department or category): choose one of the alternatives listed.",
                    resource=chosen.display_name,
                    booking=booking.display_name,
                )
            )
        booking.write({field: chosen.id})
        return {"type": "ir.actions.act_window_close"}


class MediaBooking(models.Model):
    _inherit = "media.booking"  # pylint: disable=consider-merging-classes-inherited

    def action_open_swap(self):
        """The swap wizard of this booking (alternatives free at its times)."""
        ensure_one_record(self)
        check_action_access(self, "write", self.env._("swap this booking"))
        context = {"default_booking_id": self.id}
        # The best alternative (same role first, then by name) is proposed.
        for model, record_id in self._get_alternatives(self.ids).get(self.id, [])[:1]:
            field = "crew_member_id" if model == "media.crew.member" else "equipment_id"
            context[f"default_{field}"] = record_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Swap %s", self.resource_name),
            "res_model": "media.booking.swap",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }
