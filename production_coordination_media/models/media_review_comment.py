# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TIME_CODE = re.compile(r"^\d{2,3}:[0-5]\d$")


class MediaReviewComment(models.Model):
    """A time-coded comment of the client on a video version (``mm:ss`` + note)."""

    _name = "media.review.comment"
    _description = "Client Review Comment"
    _order = "round_id, time_seconds, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "media.review.request", required=True, ondelete="cascade", index=True, check_company=True
    )
    round_id = fields.Many2one(related="request_id.round_id", store=True, index=True)
    partner_id = fields.Many2one(related="request_id.partner_id", string="Contact")
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    time_code = fields.Char(help="mm:ss in the video")
    time_seconds = fields.Integer(compute="_compute_time_seconds", store=True, aggregator=None)
    note = fields.Text(required=True)

    @api.depends("time_code")
    def _compute_time_seconds(self):
        for comment in self:
            minutes, __, seconds = (comment.time_code or "").partition(":")
            comment.time_seconds = (
                int(minutes) * 60 + int(seconds)
                if comment.time_code and TIME_CODE.match(comment.time_code)
                else 0
            )

    @api.depends("time_code", "note")
    def _compute_display_name(self):
        for comment in self:
            comment.display_name = (
                f"{comment.time_code} {comment.note}" if comment.time_code else comment.note
            )

    @api.constrains("time_code")
    def _check_time_code(self):
        for comment in self.filtered("time_code"):
            if not TIME_CODE.match(comment.time_code):
                raise ValidationError(_("Not a valid time code (mm:ss): %s", comment.time_code))
