# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .const import REVIEW_STATES


class MediaDeliverable(models.Model):
    """Versions and client review rounds of a deliverable; delivered only once the client
    approved its last version."""

    _inherit = "media.deliverable"

    version_ids = fields.One2many("media.deliverable.version", "deliverable_id", "Versions")
    version_id = fields.Many2one(
        "media.deliverable.version",
        string="Last Version",
        compute="_compute_version_id",
    )
    review_round_ids = fields.One2many("media.review.round", "deliverable_id", "Review Rounds")
    review_round_count = fields.Integer("Rounds", compute="_compute_review_round_count")
    review_partner_ids = fields.Many2many(
        "res.partner",
        "media_deliverable_review_partner_rel",
        string="Client Reviewers",
        help="The client's contacts who receive the review link (the production's customer "
        "when empty).",
    )
    review_state = fields.Selection(
        REVIEW_STATES,
        string="Client Review",
        compute="_compute_review_state",
        store=True,
    )
    is_review_billable = fields.Boolean(
        "Billable Rounds",
        compute="_compute_review_round_count",
        help="More review rounds than the production's contract includes.",
    )

    @api.depends("version_ids.number")
    def _compute_version_id(self):
        for deliverable in self:
            deliverable.version_id = deliverable.version_ids.sorted("number")[-1:]

    @api.depends("review_round_ids.is_billable")
    def _compute_review_round_count(self):
        for deliverable in self:
            deliverable.review_round_count = len(deliverable.review_round_ids)
            deliverable.is_review_billable = any(deliverable.review_round_ids.mapped("is_billable"))

    @api.depends("version_ids.review_state", "version_ids.number")
    def _compute_review_state(self):
        for deliverable in self:
            last = deliverable.version_ids.sorted("number")[-1:]
            deliverable.review_state = last.review_state if last else "draft"

    def write(self, vals):
        # Marking delivered is checked; a deliverable created delivered (an import of what was
        # delivered before reviews were kept here) is not: it has no version to approve.
        if vals.get("state") == "delivered":
            not_approved = self.filtered(lambda d: d.review_state != "approved")
            if not_approved:
                raise UserError(
                    _(
                        "A deliverable is delivered only after the client approved its last "
                        "version: %s",
                        ", ".join(not_approved.mapped("name")),
                    )
                )
        return super().write(vals)

    def _get_review_partners(self):
        self.ensure_one()
        return self.review_partner_ids or self.project_id.partner_id

    def action_send_for_review(self):
        """Start the next review round with the last version: a personal link to each of the
        client's contacts; a round still waiting is superseded."""
        self.env["media.production.day"]._check_coordinator(_("send for review"))
        self.check_access("write")
        rounds = self.env["media.review.round"]
        for deliverable in self:
            rounds |= deliverable._send_for_review()
        # Worded before the outer call: Babel skips a message nested in another call's arguments.
        sent = [
            self.env._(
                "%(round)s to %(contacts)s",
                round=r.display_name,
                contacts=", ".join(r.request_ids.partner_id.mapped("name")),
            )
            for r in rounds
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Sent for review: %s.", ", ".join(sent)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _send_for_review(self):
        self.ensure_one()
        version = self.version_id
        if not version:
            raise UserError(_("%s has no version to review: upload one first.", self.name))
        if self.state == "delivered":
            raise UserError(_("%s is delivered already.", self.name))
        if version.review_state in ("waiting", "approved"):
            raise UserError(
                _(
                    "%(version)s of %(deliverable)s is already %(state)s: upload a new version "
                    "to start another round.",
                    version=version.display_name,
                    deliverable=self.name,
                    state=dict(version._fields["review_state"]._description_selection(self.env))[
                        version.review_state
                    ].lower(),
                )
            )
        partners = self._get_review_partners()
        if not partners:
            raise UserError(
                _(
                    "%s: choose the client's reviewers (or set the production's customer).",
                    self.name,
                )
            )
        missing = partners.filtered(lambda p: not p.email)
        if missing:
            raise UserError(
                _(
                    "Add an email address for these client contacts before sending: %s",
                    ", ".join(missing.mapped("name")),
                )
            )
        Round = self.env["media.review.round"]
        # sudo: a superseded round is closed by Send for Review only (role checked by callers).
        self.review_round_ids.filtered(lambda r: r.state == "waiting").sudo().write(
            {"state": "cancelled"}
        )
        now = fields.Datetime.now()
        review_round = Round.create(
            {
                "deliverable_id": self.id,
                "version_id": version.id,
                "number": (max(self.review_round_ids.mapped("number"), default=0)) + 1,
                "date_sent": now,
                "date_due": Round._default_date_due(),
                "request_ids": [(0, 0, {"partner_id": partner.id}) for partner in partners],
            }
        )
        self.write({"state": "review"})
        self.env.ref("production_coordination_media.mail_template_review_request").send_mail_batch(
            review_round.request_ids.ids
        )
        review_round._message_log(
            body=_("Sent for review to %s.", ", ".join(partners.mapped("name")))
        )
        if review_round.is_billable:
            review_round.message_post(
                body=_(
                    "Round %(number)s of %(included)s included: this round is billable.",
                    number=review_round.number,
                    included=review_round.rounds_included,
                ),
                partner_ids=self.project_id.coordination_producer_id.ids,
            )
        return review_round

    def action_open_review_rounds(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_review_round_action"
        )
        action["domain"] = [("deliverable_id", "=", self.id)]
        action["context"] = {"default_deliverable_id": self.id}
        return action
