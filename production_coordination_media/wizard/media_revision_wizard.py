# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from ..models.const import REVISION_COLORS, REVISION_REASONS, revision_color


class MediaRevisionWizard(models.TransientModel):
    """Issue the next revision of a published day: reason, note, a preview of the changes
    and of the crew they concern; sends the new call sheet to those people only."""

    _name = "media.revision.wizard"
    _description = "New Call Sheet Revision"

    day_id = fields.Many2one("media.production.day", required=True, ondelete="cascade")
    number = fields.Integer(compute="_compute_preview")
    color = fields.Selection(REVISION_COLORS, compute="_compute_preview")
    reason = fields.Selection(REVISION_REASONS, required=True)
    note = fields.Text(required=True)
    diff_html = fields.Html("Changes", compute="_compute_preview", sanitize=True)
    affected_crew_ids = fields.Many2many(
        "media.crew.member", string="Sent To", compute="_compute_preview"
    )
    send = fields.Boolean("Send to the affected crew", default=True)

    @api.depends("day_id")
    def _compute_preview(self):
        CallSheet = self.env["media.call.sheet"]
        for wizard in self:
            day = wizard.day_id
            wizard.number = day.revision_id.number + 1
            wizard.color = revision_color(wizard.number)
            data = day._get_call_sheet_data()[day.id] if day else {}
            changes = CallSheet._diff(day.revision_id.snapshot or {}, data) if day else []
            wizard.diff_html = CallSheet._diff_html(changes, day._tz_name())
            wizard.affected_crew_ids = CallSheet._affected_crew_ids(data, changes) if day else []

    def action_confirm(self):
        ensure_one_record(self)
        revision = self.day_id._issue_revision(self.reason, self.note, send=self.send)
        if self.send and revision.affected_crew_ids and not revision.sent_crew_ids:
            # Many crew: a background job sends it (media.revision._send_or_enqueue).
            message = _(
                "%(revision)s issued; it is being sent to %(count)s crew member(s) in the "
                "background.",
                revision=revision.display_name,
                count=len(revision.affected_crew_ids),
            )
        else:
            message = _(
                "%(revision)s issued and sent to %(count)s crew member(s).",
                revision=revision.display_name,
                count=len(revision.sent_crew_ids),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
