# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii
import json
from datetime import timezone

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_time
from odoo.tools.misc import hash_sign, verify_hash_signed

from odoo.addons.production_coordination.tools import tz_name

TOKEN_SCOPE = "production_coordination_media.call_sheet_confirmation"


class MediaCallSheetRecipient(models.Model):
    """A crew member who received a day's call sheet: which revision, when, and whether they
    confirmed their call (through their personal link)."""

    _name = "media.call.sheet.recipient"
    _description = "Call Sheet Recipient"
    _inherit = ["coordination.protected.mixin"]
    _order = "day_id, state desc, id"
    _rec_name = "crew_member_id"
    _check_company_auto = True

    day_id = fields.Many2one(
        "media.production.day",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    project_id = fields.Many2one(related="day_id.project_id", store=True, string="Production")
    company_id = fields.Many2one(related="day_id.company_id", store=True, index=True)
    date = fields.Date(related="day_id.date", store=True)
    crew_member_id = fields.Many2one(
        "media.crew.member", required=True, ondelete="cascade", index=True, check_company=True
    )
    partner_id = fields.Many2one(related="crew_member_id.partner_id")
    user_id = fields.Many2one(related="crew_member_id.user_id", store=True, index=True)
    revision_id = fields.Many2one(
        "media.revision", string="Revision Sent", ondelete="set null", check_company=True
    )
    revision_number = fields.Integer(related="revision_id.number", string="Revision")
    revision_color = fields.Selection(related="revision_id.color")
    is_current = fields.Boolean(
        "Latest Revision", compute="_compute_is_current", help="Has the latest revision."
    )
    state = fields.Selection(
        [("sent", "Sent"), ("confirmed", "Confirmed"), ("released", "Released")],
        default="sent",
        required=True,
        readonly=True,
    )
    date_sent = fields.Datetime("Sent On", readonly=True)
    date_confirmed = fields.Datetime("Confirmed On", readonly=True)
    date_reminded = fields.Datetime("Reminded On", readonly=True)
    date_call = fields.Datetime("Call", compute="_compute_call")
    date_wrap = fields.Datetime("Wrap", compute="_compute_call")
    role = fields.Char(compute="_compute_call")
    call_time_display = fields.Char("Call Time", compute="_compute_call")
    date_display = fields.Char("Day Date", compute="_compute_call")
    general_call_display = fields.Char("General Call", compute="_compute_call")
    day_label = fields.Char("Day Name", compute="_compute_call")
    location_name = fields.Char("Location", compute="_compute_call")
    location_map_url = fields.Char("Map", compute="_compute_call")
    diff_html = fields.Html(related="revision_id.diff_html", string="Changes")
    confirm_url = fields.Char(compute="_compute_confirm_url")

    _sql_constraints = [
        (
            "crew_uniq",
            "unique(day_id, crew_member_id)",
            "A crew member receives a day's call sheet once (with its revisions).",
        ),
    ]

    def _coordination_protected_fields(self):
        """Who received which revision and whether they confirmed: written by Send Call Sheet,
        New Revision, Remind Unconfirmed and the person's own confirmation link only (see
        coordination.protected.mixin in production_coordination)."""
        return self._coordination_all_fields(
            _("Send Call Sheet, New Revision, Remind Unconfirmed and the confirmation link")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        raise UserError(
            _(
                "Call sheet confirmations are the record of what each person received and "
                "confirmed: they are kept. Cancel the day instead."
            )
        )

    @api.depends("revision_id", "day_id.revision_id")
    def _compute_is_current(self):
        for recipient in self:
            recipient.is_current = recipient.revision_id == recipient.day_id.revision_id

    @api.depends("revision_id.snapshot", "crew_member_id.partner_id.tz")
    @api.depends_context("lang")
    def _compute_call(self):
        """The call as sent: from the revision the person received, in the language of the
        context (a mail: the person's). Times are the day's local times; they name the day's
        time zone when the person lives in another one."""
        day_types = dict(
            self.env["media.production.day"]._fields["day_type"]._description_selection(self.env)
        )
        for recipient in self:
            sheet = recipient.revision_id.snapshot or {}
            entry = sheet.get("bookings", {}).get(f"crew-{recipient.crew_member_id.id}", {})
            tz = tz_name(sheet.get("tz") or recipient.day_id.tz)
            partner_tz = recipient.crew_member_id.partner_id.tz
            zone = f" ({tz})" if partner_tz and tz_name(partner_tz) != tz else ""
            recipient.date_call = entry.get("call") or False
            recipient.date_wrap = entry.get("wrap") or False
            recipient.role = entry.get("role", "")
            recipient.call_time_display = recipient.date_call and (
                format_time(
                    self.env,
                    fields.Datetime.to_datetime(recipient.date_call),
                    tz=tz,
                    time_format="short",
                )
                + zone
            )
            recipient.date_display = sheet.get("date") and format_date(
                self.env, sheet["date"], date_format="full"
            )
            recipient.general_call_display = sheet.get("call") and (
                format_time(
                    self.env,
                    fields.Datetime.to_datetime(sheet["call"]),
                    tz=tz,
                    time_format="short",
                )
                + zone
            )
            recipient.day_label = recipient._day_label(sheet, day_types)
            location = sheet.get("location") or {}
            recipient.location_name = location.get("name", "")
            recipient.location_map_url = location.get("map_url", "")

    def _day_label(self, sheet, day_types):
        """The day's name as sent ("Shoot day 2 of 3"), in the language of the context (the
        sheet keeps the sender's words)."""
        day_type = day_types.get(sheet.get("day_type"))
        if not day_type:
            return sheet.get("day_label", "")
        if not sheet.get("day_number"):
            return day_type
        return self.env._(
            "%(type)s %(number)s of %(count)s",
            type=day_type,
            number=sheet["day_number"],
            count=sheet.get("day_count", 0),
        )

    def _compute_confirm_url(self):
        for recipient in self:
            recipient.confirm_url = (
                recipient.id
                and recipient.revision_id
                and (
                    f"{recipient.get_base_url()}/media/call-sheet/{recipient.id}/confirm"
                    f"?token={recipient._get_confirm_token()}"
                )
            )

    # Tokens =====================================================================================

    def _get_confirm_token(self):
        """A signed token that confirms this recipient's call for the revision they received,
        and nothing else; it expires at the end of the day."""
        self.ensure_one()
        expiry = self.day_id._end_of_day().replace(tzinfo=timezone.utc)
        return hash_sign(
            self.env(su=True),
            TOKEN_SCOPE,
            {"recipient": self.id, "revision": self.revision_id.number},
            expiration=expiry,
        )

    @api.model
    def _get_by_token(self, recipient_id, token):
        """The recipient a confirmation link is for (sudo), or an empty recordset when the
        token is invalid, expired, for another recipient or for an older revision."""
        try:
            payload = verify_hash_signed(self.env(su=True), TOKEN_SCOPE, token or "")
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, json.JSONDecodeError):
            payload = None
        empty = self.sudo().browse()
        if not isinstance(payload, dict) or payload.get("recipient") != recipient_id:
            return empty
        # sudo: the link works without login; the token proves who it is for.
        recipient = self.sudo().browse(recipient_id).exists()
        if (
            not recipient
            or recipient.state == "released"
            or recipient.revision_id.number != payload.get("revision")
        ):
            return empty
        return recipient

    def _confirm(self):
        """Confirm the call (the confirmation link, whose token proves who it is for)."""
        to_confirm = self.filtered(lambda r: r.state == "sent")
        to_confirm.sudo().write({"state": "confirmed", "date_confirmed": fields.Datetime.now()})
        return to_confirm

    def _send_reminder(self):
        """Remind these recipients (unconfirmed) of their call, with their link."""
        pending = self.filtered(lambda r: r.state == "sent")
        if pending:
            self.env.ref(
                "production_coordination_media.mail_template_call_sheet_reminder"
            ).send_mail_batch(pending.ids)
            # sudo: protected field; the callers check the user is a media coordinator.
            pending.sudo().write({"date_reminded": fields.Datetime.now()})
            for day in pending.day_id:
                day._message_log(
                    body=_(
                        "Reminder sent to %s.",
                        ", ".join(
                            pending.filtered(lambda r, day=day: r.day_id == day).mapped(
                                "crew_member_id.name"
                            )
                        ),
                    )
                )
        return pending
