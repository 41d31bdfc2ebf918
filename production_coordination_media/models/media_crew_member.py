# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record


class MediaCrewMember(models.Model):
    """A person who can be booked on production days: a contact, optionally an Odoo user
    (who then sees "My Schedule")."""

    _name = "media.crew.member"
    _description = "Crew Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="restrict", tracking=True
    )
    name = fields.Char(related="partner_id.name", store=True, index="trigram")
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    mobile = fields.Char(related="partner_id.mobile", readonly=False)
    image_128 = fields.Image(related="partner_id.image_128")
    user_id = fields.Many2one(
        "res.users",
        string="User",
        domain=[("share", "=", False)],
        tracking=True,
        help="An internal user linked to this crew member sees their own bookings and call "
        "sheets under My Schedule.",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Leave empty for freelancers working for every company.",
    )
    active = fields.Boolean(default=True)
    role_id = fields.Many2one("media.role", string="Main Role", tracking=True, check_company=True)
    role_ids = fields.Many2many("media.role", string="Roles", check_company=True)
    department_id = fields.Many2one(
        "media.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    unavailability_ids = fields.One2many(
        "media.crew.unavailability", "crew_member_id", string="Unavailable Dates"
    )
    booking_ids = fields.One2many("media.booking", "crew_member_id", string="Bookings")
    booking_count = fields.Integer(compute="_compute_booking_count")
    note = fields.Text()

    _sql_constraints = [
        (
            "user_uniq",
            "unique(user_id)",
            "A user can be linked to one crew member only.",
        ),
    ]

    @api.model
    def _install_crew_group(self):
        """On install and update: the users linked to a crew member are in the Crew group
        (before it existed, crew users were department staff of the Coordination app)."""
        crew = self.env.ref("production_coordination_media.group_media_crew")
        users = self.with_context(active_test=False).sudo().search([("user_id", "!=", False)])
        missing = users.user_id.filtered(lambda user: not user.share and crew not in user.groups_id)
        if missing:
            crew.sudo().write({"users": [Command.link(user.id) for user in missing]})

    @api.depends("role_id")
    def _compute_department_id(self):
        for member in self:
            if member.role_id:
                member.department_id = member.role_id.department_id

    @api.ondelete(at_uninstall=False)
    def _unlink_except_booked(self):
        """Deleting a crew member would delete the call sheets sent to them and their
        confirmations (and their bookings keep them): archive them instead."""
        # sudo: the history counts whoever may read it.
        booked = (
            self.env["media.booking"]
            .sudo()
            .search([("crew_member_id", "in", self.ids)])
            .crew_member_id
            | self.env["media.call.sheet.recipient"]
            .sudo()
            .search([("crew_member_id", "in", self.ids)])
            .crew_member_id
        )
        if booked:
            raise UserError(
                _(
                    "%(crew)s are booked on production days or received call sheets: archive "
                    "them instead of deleting them.",
                    crew=", ".join(booked.mapped("name")),
                )
            )

    def _compute_booking_count(self):
        counts = dict(
            self.env["media.booking"]._read_group(
                [("crew_member_id", "in", self.ids)], ["crew_member_id"], ["__count"]
            )
        )
        for member in self:
            member.booking_count = counts.get(member, 0)

    def action_open_schedule(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the schedule of this crew member"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_booking_action"
        )
        action["name"] = _("Schedule of %s", self.name)
        action["domain"] = [("crew_member_id", "=", self.id)]
        action["context"] = {"default_crew_member_id": self.id}
        return action
