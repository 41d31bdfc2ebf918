# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .const import REVIEW_STATES

# Days the client has to answer a round (its due date, editable), then a reminder a day.
REVIEW_DUE_DAYS = 5


class MediaReviewRound(models.Model):
    """Round N of a deliverable's client review: one version sent to the client's contacts,
    each with a personal link (media.review.request). The first decision of a contact decides
    the round; rounds beyond those included in the production's contract are billable."""

    _name = "media.review.round"
    _description = "Client Review Round"
    _inherit = ["mail.thread"]
    _order = "deliverable_id, number desc"
    _check_company_auto = True

    deliverable_id = fields.Many2one(
        "media.deliverable", required=True, ondelete="cascade", index=True, check_company=True
    )
    version_id = fields.Many2one(
        "media.deliverable.version",
        required=True,
        ondelete="restrict",
        check_company=True,
        domain="[('deliverable_id', '=', deliverable_id)]",
    )
    project_id = fields.Many2one(
        related="deliverable_id.project_id", store=True, index=True, string="Production"
    )
    company_id = fields.Many2one(related="deliverable_id.company_id", store=True, index=True)
    number = fields.Integer("Round", readonly=True, aggregator=None)
    rounds_included = fields.Integer(
        related="project_id.coordination_review_rounds_included", string="Rounds Included"
    )
    is_billable = fields.Boolean(
        "Billable",
        compute="_compute_is_billable",
        store=True,
        help="A round beyond those included in the production's contract.",
    )
    state = fields.Selection(
        REVIEW_STATES[1:], default="waiting", required=True, readonly=True, tracking=True
    )
    date_sent = fields.Datetime("Sent On", readonly=True)
    date_due = fields.Date("Answer Due")
    date_decided = fields.Datetime("Decided On", readonly=True)
    date_reminded = fields.Datetime("Reminded On", readonly=True)
    decided_by_id = fields.Many2one("res.partner", string="Decided By", readonly=True)
    request_ids = fields.One2many("media.review.request", "round_id", string="Client Contacts")
    comment_ids = fields.One2many("media.review.comment", "round_id", string="Comments")
    comment = fields.Text("Client's Message", readonly=True)
    comment_summary = fields.Text("All Comments", compute="_compute_comment_summary")
    day_ids = fields.Many2many(
        "media.production.day",
        string="Days Moved",
        check_company=True,
        domain="[('project_id', '=', project_id), ('state', '!=', 'cancelled')]",
        help="The shoot or post days the requested changes move: Issue Client Revisions "
        "sends their new call sheets as revisions with the reason 'Client request'.",
    )
    revision_ids = fields.Many2many(
        "media.revision", string="Schedule Revisions", readonly=True, check_company=True
    )

    _sql_constraints = [
        ("number_uniq", "unique(deliverable_id, number)", "Round numbers are unique."),
    ]

    @api.depends("number", "deliverable_id.name")
    def _compute_display_name(self):
        for review_round in self:
            review_round.display_name = _(
                "%(deliverable)s, round %(number)s",
                deliverable=review_round.deliverable_id.name,
                number=review_round.number,
            )

    @api.depends("comment", "comment_ids.time_code", "comment_ids.note")
    def _compute_comment_summary(self):
        """The client's message and their time-coded comments, one a line (the trail)."""
        for review_round in self:
            lines = [review_round.comment or ""] + review_round.comment_ids.mapped("display_name")
            review_round.comment_summary = "\n".join(line for line in lines if line) or False

    @api.depends("number", "project_id.coordination_review_rounds_included")
    def _compute_is_billable(self):
        for review_round in self:
            review_round.is_billable = (
                review_round.number > review_round.project_id.coordination_review_rounds_included
            )

    # Decisions ===================================================================================

    def _decide(self, request, decision, comment, time_comments):
        """Record `request`'s decision on this round (the review link; sudo): the round, its
        version and its deliverable follow. `time_comments`: [(time code or "", note)]."""
        self.ensure_one()
        now = fields.Datetime.now()
        request.write({"decision": decision, "date_decided": now})
        self.env["media.review.comment"].create(
            [
                {"request_id": request.id, "time_code": code or False, "note": note}
                for code, note in time_comments
            ]
        )
        self.write(
            {
                "state": decision,
                "date_decided": now,
                "decided_by_id": request.partner_id.id,
                "comment": comment or False,
            }
        )
        deliverable_state = "review" if decision == "approved" else "in_progress"
        self.deliverable_id.write({"state": deliverable_state})
        body = Markup("<p>%s</p>") % (
            _(
                "%(contact)s approved %(version)s.",
                contact=request.partner_id.name,
                version=self.version_id.display_name,
            )
            if decision == "approved"
            else _(
                "%(contact)s requested changes to %(version)s.",
                contact=request.partner_id.name,
                version=self.version_id.display_name,
            )
        )
        if comment:
            body += Markup("<p>%s</p>") % comment
        for comment_ in self.comment_ids.filtered(lambda c: c.request_id == request):
            body += Markup("<p>%s</p>") % comment_.display_name
        self.message_post(body=body, partner_ids=self._notify_partner_ids())
        return True

    def _notify_partner_ids(self):
        """The production's coordinator (a user) hears about the client's decision."""
        return self.project_id.coordination_coordinator_id.partner_id.ids

    # Actions ====================================================================================

    def action_issue_client_revisions(self):
        """The requested changes move the linked days: issue the next call sheet revision of
        each published day whose schedule changed, with the reason 'Client request' and the
        client's comments as its note (the existing revision flow: media.production.day
        _issue_revision, sent to the crew it affects)."""
        ensure_one_record(self)
        self.env["media.production.day"]._check_coordinator(_("issue schedule revisions"))
        self.check_access("write")
        if self.state != "changes_requested":
            raise UserError(
                _("%s: the client has not requested changes; nothing to revise.", self.display_name)
            )
        if not self.day_ids:
            raise UserError(_("%s: add the days the changes move first.", self.display_name))
        days = self.day_ids.filtered(
            lambda day: day.state == "published" and day.has_pending_changes
        )
        if not days:
            raise UserError(
                _(
                    "None of these days has a published schedule that changed: %s. Move the "
                    "days first; draft days need no revision.",
                    ", ".join(self.day_ids.mapped("display_name")),
                )
            )
        note = _(
            "Client changes (%(round)s): %(comments)s",
            round=self.display_name,
            comments=self.comment or "; ".join(self.comment_ids.mapped("display_name")),
        )
        revisions = self.env["media.revision"]
        for day in days:
            revisions |= day._issue_revision("client", note)
        # sudo: the trail of revisions is written by this action only (role checked above).
        self.sudo().revision_ids = [(4, revision.id) for revision in revisions]
        issued = ", ".join(f"{r.day_id.display_name} {r.display_name}" for r in revisions)
        self.message_post(body=_("Schedule revisions issued: %s", issued))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%s schedule revision(s) issued with the reason 'Client request'.",
                    len(revisions),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_send_reminder(self):
        self.env["media.production.day"]._check_coordinator(_("remind the client"))
        self.check_access("write")
        self._send_reminders()

    def _send_reminders(self):
        """Remind the contacts who have not answered these waiting rounds, with their link."""
        waiting = self.filtered(lambda r: r.state == "waiting")
        requests = waiting.request_ids.filtered(lambda r: not r.decision)
        if requests:
            self.env.ref(
                "production_coordination_media.mail_template_review_reminder"
            ).send_mail_batch(requests.ids)
        # sudo: the reminder date is kept by the reminders (the cron and the button), not
        # by the users who trigger them.
        waiting.sudo().write({"date_reminded": fields.Datetime.now()})
        for review_round in waiting:
            review_round._message_log(
                body=_(
                    "Reminder sent to %s.",
                    ", ".join(
                        review_round.request_ids.filtered(lambda r: not r.decision).mapped(
                            "partner_id.name"
                        )
                    ),
                )
            )
        return waiting

    @api.model
    def _cron_send_reminders(self):
        """Rounds still waiting after their due date: remind the client once a day."""
        today = fields.Date.context_today(self)
        start_of_today = fields.Datetime.to_datetime(today)
        rounds = self.search(
            [
                ("state", "=", "waiting"),
                ("date_due", "<", today),
                "|",
                ("date_reminded", "=", False),
                ("date_reminded", "<", start_of_today),
            ]
        )
        return rounds._send_reminders()

    @api.model
    def _default_date_due(self):
        return fields.Date.context_today(self) + timedelta(days=REVIEW_DUE_DAYS)
