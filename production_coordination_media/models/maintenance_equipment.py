# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record


class MaintenanceEquipment(models.Model):
    """Equipment booked on production days: Odoo's maintenance equipment (categories, serial
    numbers, maintenance requests), with a day rate and the department that uses it."""

    _inherit = "maintenance.equipment"

    coordination_is_bookable = fields.Boolean(
        "Bookable for Productions",
        help="Offered when booking equipment on production days.",
    )
    coordination_department_id = fields.Many2one(
        "media.department",
        string="Production Department",
        check_company=True,
        help="The crew department that uses this equipment (its crew is told when it "
        "changes on a call sheet).",
    )
    coordination_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_coordination_currency_id",
    )
    coordination_day_rate = fields.Monetary(
        "Day Rate",
        currency_field="coordination_currency_id",
        # Costs are not for the crew: equipment managers (media coordinators are) read it.
        groups="maintenance.group_equipment_manager",
    )
    coordination_booking_ids = fields.One2many(
        "media.booking", "equipment_id", string="Production Bookings"
    )
    coordination_booking_count = fields.Integer(
        "Production Booking Count", compute="_compute_coordination_booking_count"
    )

    @api.constrains("coordination_day_rate")
    def _check_coordination_day_rate(self):
        for equipment in self:
            if equipment.coordination_day_rate < 0:
                raise ValidationError(
                    _(
                        "%(equipment)s: the Day Rate cannot be negative (%(rate)s).",
                        equipment=equipment.display_name,
                        rate=equipment.coordination_day_rate,
                    )
                )

    def _compute_coordination_currency_id(self):
        for equipment in self:
            equipment.coordination_currency_id = (
                equipment.company_id.currency_id or self.env.company.currency_id
            )

    def _compute_coordination_booking_count(self):
        counts = dict(
            self.env["media.booking"]._read_group(
                [("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"]
            )
        )
        for equipment in self:
            equipment.coordination_booking_count = counts.get(equipment, 0)

    def action_coordination_open_schedule(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the schedule of this equipment"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_booking_action"
        )
        action["name"] = _("Schedule of %s", self.display_name)
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {
            "default_resource_type": "equipment",
            "default_equipment_id": self.id,
        }
        return action
