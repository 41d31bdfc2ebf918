# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from ..models.media_booking_check import CHECKIN_CONDITIONS


class MediaBookingCheckin(models.TransientModel):
    """Check equipment bookings in: their condition and a note (a faulty one opens a
    maintenance request, see media.booking._check_in)."""

    _name = "media.booking.checkin"
    _description = "Check Equipment In"

    booking_ids = fields.Many2many("media.booking", string="Bookings", required=True)
    condition = fields.Selection(CHECKIN_CONDITIONS, required=True, default="ok")
    note = fields.Text(help="What is damaged or faulty (required then).")

    def action_check_in(self):
        ensure_one_record(self)
        if not self.booking_ids:
            raise UserError(_("Choose the bookings to check in."))
        requests = self.booking_ids._check_in(self.condition, self.note)
        if len(requests) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "maintenance.request",
                "res_id": requests.id,
                "view_mode": "form",
            }
        return {"type": "ir.actions.act_window_close"}
