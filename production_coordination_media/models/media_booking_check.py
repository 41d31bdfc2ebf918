# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Check-out and check-in of booked equipment.

A media coordinator checks an equipment booking out when the equipment leaves for the shoot and
checks it in when it comes back, with its condition: ok, damaged or faulty (and a note). A
faulty check-in opens a corrective maintenance request (Odoo Maintenance) on the equipment,
linked to the booking and its production: from then on the equipment is out of service (its
later bookings show the maintenance conflict) until the request is done."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
    check_action_group,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

COORDINATOR = "production_coordination_media.group_media_coordinator"
CHECKIN_CONDITIONS = [("ok", "OK"), ("damaged", "Damaged"), ("faulty", "Faulty")]


class MediaBooking(models.Model):
    _inherit = "media.booking"  # pylint: disable=consider-merging-classes-inherited

    date_checked_out = fields.Datetime(
        "Checked Out", readonly=True, copy=False, help="When the equipment left for the shoot."
    )
    date_checked_in = fields.Datetime(
        "Checked In", readonly=True, copy=False, help="When the equipment came back."
    )
    checkin_condition = fields.Selection(
        CHECKIN_CONDITIONS,
        string="Condition at Check-in",
        readonly=True,
        copy=False,
        help="Faulty: a maintenance request was opened for the equipment.",
    )
    checkin_note = fields.Text("Check-in Note", readonly=True, copy=False)
    maintenance_request_id = fields.Many2one(
        "maintenance.request",
        string="Maintenance Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Opened by the faulty check-in of this booking.",
    )
    check_state = fields.Selection(
        [("none", "Not Checked Out"), ("out", "Checked Out"), ("in", "Checked In")],
        string="Check-out",
        compute="_compute_check_state",
    )

    @api.depends("date_checked_out", "date_checked_in")
    def _compute_check_state(self):
        for booking in self:
            booking.check_state = (
                "in" if booking.date_checked_in else "out" if booking.date_checked_out else "none"
            )

    def _coordination_protected_fields(self):
        action = _("the Check Out and Check In buttons")
        return {
            **super()._coordination_protected_fields(),
            **dict.fromkeys(
                [
                    "date_checked_out",
                    "date_checked_in",
                    "checkin_condition",
                    "checkin_note",
                    "maintenance_request_id",
                ],
                action,
            ),
        }

    def _check_checkable(self, action):
        """The checks shared by check-out and check-in: a media coordinator, equipment
        bookings they may change, on days not cancelled."""
        check_action_group(self.env, [COORDINATOR], action, _("media coordinators"))
        check_action_access(self, "write", action)
        for booking in self:
            if booking.resource_type != "equipment":
                raise UserError(
                    _(
                        "%s is a crew booking: only equipment is checked out and in.",
                        booking.display_name,
                    )
                )
            if booking.day_id.state == "cancelled":
                raise UserError(
                    _(
                        "%s is on a cancelled day: its equipment is not checked out or in.",
                        booking.display_name,
                    )
                )

    def action_check_out(self):
        """The equipment leaves for the shoot (once)."""
        self._check_checkable(_("check equipment out"))
        done = self.filtered("date_checked_out")
        if done:
            raise UserError(_("%s is already checked out.", ", ".join(done.mapped("display_name"))))
        # sudo: the check-out fields are protected (set by this action only).
        self.sudo().write({"date_checked_out": fields.Datetime.now()})
        return True

    def action_check_in(self):
        """Open the check-in wizard (condition and note) for this booking."""
        ensure_one_record(self)
        self._check_checked_out(_("check equipment in"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Check In %s", self.resource_name),
            "res_model": "media.booking.checkin",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_ids": self.ids},
        }

    def _check_checked_out(self, action):
        self._check_checkable(action)
        not_out = self.filtered(lambda booking: not booking.date_checked_out)
        if not_out:
            raise UserError(
                _(
                    "%s is not checked out: check it out before checking it in.",
                    ", ".join(not_out.mapped("display_name")),
                )
            )
        done = self.filtered("date_checked_in")
        if done:
            raise UserError(_("%s is already checked in.", ", ".join(done.mapped("display_name"))))

    def _check_in(self, condition, note=False):
        """Check these bookings in with this condition (ok, damaged, faulty) and note; a
        faulty one opens a maintenance request on its equipment, linked to the booking and its
        production. Returns the requests opened."""
        valid = dict(self._fields["checkin_condition"]._description_selection(self.env))
        if condition not in valid:
            raise ValidationError(
                _(
                    "The condition at check-in must be one of %(conditions)s, not %(value)r.",
                    conditions=", ".join(valid),
                    value=condition,
                )
            )
        if note is not False and not isinstance(note, str):
            raise ValidationError(_("The check-in note must be text, not %r.", note))
        if condition in ("damaged", "faulty") and not (note or "").strip():
            raise ValidationError(
                _("Say what is %s in the check-in note.", valid[condition].lower())
            )
        self._check_checked_out(_("check equipment in"))
        requests = self.env["maintenance.request"]
        now = fields.Datetime.now()
        for booking in self:
            vals = {
                "date_checked_in": now,
                "checkin_condition": condition,
                "checkin_note": note or False,
            }
            if condition == "faulty":
                request = booking._open_maintenance_request(note)
                vals["maintenance_request_id"] = request.id
                requests |= request
            # sudo: the check-in fields are protected (set by this action only).
            booking.sudo().write(vals)
        return requests

    def _prepare_maintenance_request_vals(self, note):
        self.ensure_one()
        equipment = self.equipment_id
        return {
            "maintenance_team_id": self._get_maintenance_team().id,
            "name": _(
                "Faulty at check-in: %(equipment)s (%(date)s)",
                equipment=equipment.name,
                date=format_date(self.env, self.date),
            ),
            "equipment_id": equipment.id,
            "maintenance_type": "corrective",
            "description": note,
            "request_date": fields.Date.context_today(self),
            "company_id": self.company_id.id,
            "coordination_booking_id": self.id,
            "coordination_project_id": self.project_id.id,
        }

    def _get_maintenance_team(self):
        """The team that repairs the equipment: its own, else one of the booking's company
        (or shared); a UserError naming the company when it has none."""
        self.ensure_one()
        team = self.equipment_id.maintenance_team_id
        if team and team.company_id in (self.company_id, self.env["res.company"]):
            return team
        # sudo: only which team exists is read, to file the request with it.
        team = (
            self.env["maintenance.team"]
            .sudo()
            .search(
                [("company_id", "in", [self.company_id.id, False])], order="company_id", limit=1
            )
        )
        if not team:
            raise UserError(
                _(
                    "%s has no maintenance team to repair faulty equipment: create one "
                    "(Maintenance > Configuration > Maintenance Teams), then check it in again.",
                    self.company_id.name,
                )
            )
        return team

    def _open_maintenance_request(self, note):
        # The coordinator is an equipment manager: the request is created with their rights.
        return self.env["maintenance.request"].create(self._prepare_maintenance_request_vals(note))

    def action_open_maintenance_request(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the maintenance request of this booking"))
        return {
            "type": "ir.actions.act_window",
            "res_model": "maintenance.request",
            "res_id": self.maintenance_request_id.id,
            "view_mode": "form",
        }
