# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MediaCrewUnavailability(models.Model):
    """Dates a crew member cannot work (holidays, another job): bookings on them are
    conflicts. Crew users enter their own."""

    _name = "media.crew.unavailability"
    _description = "Crew Unavailable Dates"
    _order = "date_from desc, id"
    _check_company_auto = True

    crew_member_id = fields.Many2one(
        "media.crew.member",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        default=lambda self: self.env["media.crew.member"].search(
            [("user_id", "=", self.env.uid)], limit=1
        ),
    )
    company_id = fields.Many2one(related="crew_member_id.company_id", store=True)
    date_from = fields.Date("From", required=True)
    date_to = fields.Date("To", required=True)
    reason = fields.Char()

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    _(
                        "The unavailable dates of %(crew)s end (%(date_to)s) before they "
                        "start (%(date_from)s).",
                        crew=period.crew_member_id.name,
                        date_to=period.date_to,
                        date_from=period.date_from,
                    )
                )

    # The bookings on these dates get (or lose) a conflict: like a booking, a change locks the
    # crew member first (see media.booking._lock_resources).

    @api.model_create_multi
    def create(self, vals_list):
        periods = super().create(vals_list)
        self.env["media.booking"]._lock_resources(crew_member_ids=periods.crew_member_id.ids)
        return periods

    def write(self, vals):
        if {"crew_member_id", "date_from", "date_to"} & vals.keys():
            # Values checked first: the lines below look records up with them.
            self._coordination_check_values([vals])
            crew_ids = self.crew_member_id.ids
            if vals.get("crew_member_id"):
                crew_ids.append(vals["crew_member_id"])
            self.env["media.booking"]._lock_resources(crew_member_ids=crew_ids)
        return super().write(vals)

    def unlink(self):
        self.env["media.booking"]._lock_resources(crew_member_ids=self.crew_member_id.ids)
        return super().unlink()
