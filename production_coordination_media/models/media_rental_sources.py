# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requesting a rental from a production day or a booking."""

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record


class MediaProductionDay(models.Model):
    _inherit = "media.production.day"  # pylint: disable=consider-merging-classes-inherited

    rental_ids = fields.Many2many(
        "media.rental",
        "media_production_day_media_rental_rel",
        "media_production_day_id",
        "media_rental_id",
        string="Rentals",
    )

    def action_request_rental(self):
        """A new rental for these days (of one production), in a dialog."""
        if not self:
            raise UserError(_("Choose the production days to hire equipment for."))
        check_action_access(self, "write", _("request a rental for these days"))
        if len(self.project_id) > 1:
            raise UserError(_("Request a rental for the days of one production at a time."))
        cancelled = self.filtered(lambda day: day.state == "cancelled")
        if cancelled:
            raise UserError(
                _(
                    "%s is cancelled: a rental is for days that take place.",
                    ", ".join(cancelled.mapped("display_name")),
                )
            )
        self.project_id._coordination_check_open()
        return self.env["media.rental"]._action_request_form(self.project_id, days=self)


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"  # pylint: disable=consider-merging-classes-inherited

    coordination_rental_id = fields.Many2one(
        "media.rental",
        string="Rental",
        index="btree_not_null",
        ondelete="set null",
        help="Hired-in equipment: the rental it is booked for (from its vendor).",
    )


class MediaBooking(models.Model):
    _inherit = "media.booking"  # pylint: disable=consider-merging-classes-inherited

    def action_request_rental(self):
        """A new rental for this booking's day, in a dialog (named after its equipment)."""
        ensure_one_record(self)
        action = self.day_id.action_request_rental()
        action["context"]["default_booking_id"] = self.id
        if self.equipment_id:
            action["context"]["default_name"] = self.equipment_id.name
        return action
