# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    coordination_to_bring = fields.Text(
        "Asked to Bring",
        help="What this attendee of a coordination meeting is asked to bring (set when the "
        "meeting is planned, from the problems on its agenda).",
    )

    def _send_invitation_emails(self):
        """Attendees of coordination meetings get the coordination invitation: what they are
        asked to bring and the agenda."""
        meeting = self.filtered(
            lambda attendee: attendee.event_id.res_model == "coordination.meeting"
        )
        template = self.env.ref(
            "production_coordination.mail_template_meeting_invitation", raise_if_not_found=False
        )
        if meeting and template:
            meeting._send_mail_to_attendees(template, force_send=True)
            return super(CalendarAttendee, self - meeting)._send_invitation_emails()
        return super()._send_invitation_emails()
