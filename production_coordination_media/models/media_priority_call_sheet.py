# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MediaCallSheet(models.AbstractModel):
    _inherit = "media.call.sheet"

    @api.model
    def _booking_entry(self, booking):
        """A pencil is not on the call sheet: only confirmed bookings are published."""
        if booking.hold_state == "hold":
            return None, None
        return super()._booking_entry(booking)
