# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii
import json
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import hash_sign, verify_hash_signed

from .const import REVIEW_DECISIONS

TOKEN_SCOPE = "production_coordination_media.review"
# A review link works this many days after the round was sent.
REVIEW_LINK_DAYS = 30
# A comment line of the review page that starts with a time code: "01:23 the logo is small".
TIME_CODE_LINE = re.compile(r"^\s*(\d{1,3}):(\d{2})\b\s*[-–:]?\s*(.*)$")


class MediaReviewRequest(models.Model):
    """One client contact asked to review one round: their personal, signed link (no login,
    expires, opens that review only) and their decision."""

    _name = "media.review.request"
    _description = "Client Review Request"
    _order = "round_id, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "media.review.round", required=True, ondelete="cascade", index=True, check_company=True
    )
    deliverable_id = fields.Many2one(related="round_id.deliverable_id", store=True)
    version_id = fields.Many2one(related="round_id.version_id")
    project_id = fields.Many2one(related="round_id.project_id", store=True, string="Production")
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True)
    decision = fields.Selection(REVIEW_DECISIONS, readonly=True)
    date_decided = fields.Datetime("Decided On", readonly=True)
    comment_ids = fields.One2many("media.review.comment", "request_id", string="Comments")
    review_url = fields.Char(compute="_compute_review_url")

    _sql_constraints = [
        ("partner_uniq", "unique(round_id, partner_id)", "A contact reviews a round once."),
    ]

    def _compute_review_url(self):
        for request in self:
            request.review_url = request.id and (
                f"{request.get_base_url()}/media/review/{request.id}"
                f"?token={request._get_review_token()}"
            )

    # Tokens =====================================================================================

    def _get_review_token(self):
        """A signed token that opens this request's review and nothing else; it expires
        REVIEW_LINK_DAYS after the round was sent."""
        self.ensure_one()
        sent = self.round_id.date_sent or fields.Datetime.now()
        return hash_sign(
            self.env(su=True),
            TOKEN_SCOPE,
            {"request": self.id, "round": self.round_id.id},
            expiration=sent + timedelta(days=REVIEW_LINK_DAYS),
        )

    @api.model
    def _get_by_token(self, request_id, token):
        """The request a review link is for (sudo), or an empty recordset when the token is
        invalid, expired or for another request."""
        try:
            payload = verify_hash_signed(self.env(su=True), TOKEN_SCOPE, token or "")
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, json.JSONDecodeError):
            payload = None
        # sudo: the public page has no user; the token alone opens its one request.
        empty = self.sudo().browse()
        if not isinstance(payload, dict) or payload.get("request") != request_id:
            return empty
        # sudo: the link works without login; the token proves who it is for.
        request = self.sudo().browse(request_id).exists()
        if not request or request.round_id.id != payload.get("round"):
            return empty
        return request

    # Decision ===================================================================================

    @api.model
    def _parse_comments(self, text):
        """The review page's comments, one per line; a line starting with ``mm:ss`` is
        time-coded. Returns [(time code or "", note)]; ValidationError naming a line whose
        time code is not a valid ``mm:ss``."""
        comments = []
        for line in (text or "").splitlines():
            if not line.strip():
                continue
            match = TIME_CODE_LINE.match(line)
            if match:
                minutes, seconds, note = match.groups()
                if int(seconds) > 59:
                    raise ValidationError(
                        _("Not a valid time code (mm:ss, seconds up to 59): %s", line.strip())
                    )
                if not note.strip():
                    raise ValidationError(_("Add a note after the time code: %s", line.strip()))
                comments.append((f"{int(minutes):02d}:{seconds}", note.strip()))
            else:
                comments.append(("", line.strip()))
        return comments

    def _decide(self, decision, text):
        """The client's decision through their link (sudo: the token proves who it is).
        ValidationError naming what is wrong: a decision that is none, changes without a
        comment, a round already decided or superseded."""
        self.ensure_one()
        if decision not in dict(REVIEW_DECISIONS):
            raise ValidationError(_("Choose Approve or Request changes."))
        review_round = self.round_id
        if review_round.state != "waiting":
            raise ValidationError(
                _(
                    "This review was already closed (%s): nothing was changed.",
                    dict(review_round._fields["state"]._description_selection(self.env)).get(
                        review_round.state
                    ),
                )
            )
        comments = self._parse_comments(text)
        if decision == "changes_requested" and not comments:
            raise ValidationError(_("Tell us what to change: add a comment."))
        general = "\n".join(note for code, note in comments if not code)
        timed = [(code, note) for code, note in comments if code]
        return review_round._decide(self, decision, general, timed)
