# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class MediaLocation(models.Model):
    _name = "media.location"
    _description = "Shooting Location"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    address = fields.Char(compute="_compute_address")
    map_url = fields.Char("Map", compute="_compute_address")
    contact_id = fields.Many2one("res.partner", string="Location Contact", check_company=True)
    contact_phone = fields.Char(related="contact_id.phone")
    access_note = fields.Text("Access")
    parking_note = fields.Text("Parking")
    nearest_hospital = fields.Text()
    date_available_from = fields.Date("Available From")
    date_available_to = fields.Date("Available Until")
    note = fields.Text()

    @api.constrains("date_available_from", "date_available_to")
    def _check_dates(self):
        for location in self:
            if (
                location.date_available_from
                and location.date_available_to
                and location.date_available_to < location.date_available_from
            ):
                raise ValidationError(
                    _(
                        "%s is available until a date before its first available date.",
                        location.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        """Published days would lose their location (the crew's call sheets name it): archive
        it instead."""
        # sudo: the days count whoever may read them.
        days = (
            self.env["media.production.day"]
            .sudo()
            .search([("location_id", "in", self.ids), ("revision_ids", "!=", False)])
        )
        if days:
            raise UserError(
                _(
                    "%(locations)s are on published production days: archive them instead of "
                    "deleting them.",
                    locations=", ".join(days.location_id.mapped("name")),
                )
            )

    @api.depends("street", "street2", "zip", "city", "country_id")
    def _compute_address(self):
        for location in self:
            parts = [
                location.street,
                location.street2,
                " ".join(filter(None, [location.zip, location.city])),
                location.country_id.name,
            ]
            location.address = ", ".join(part for part in parts if part)
            query = location.address or location.name
            location.map_url = query and "https://www.google.com/maps/search/?" + urlencode(
                {"api": 1, "query": query}
            )
