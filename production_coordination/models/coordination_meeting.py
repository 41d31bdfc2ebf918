# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Coordination meetings: a calendar event about some records (MOs, purchase orders, low-stock
tasks, sales orders, special requests), with the agenda built from their open problems, the
attendees those problems call for, and after the meeting its minutes and action items.

Planned by the wizard (`coordination.meeting.wizard`), which asks `coordination.meeting.agenda`
for the agenda and attendees and `coordination.meeting.slot` for the first free slot."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .coordination_protected_mixin import check_action_access, check_action_group
from .coordination_utils import ensure_one_record

GROUP_MANAGER = "production_coordination.group_coordination_manager"


class CoordinationMeeting(models.Model):
    _name = "coordination.meeting"
    _description = "Coordination Meeting"
    _inherit = ["mail.thread", "coordination.protected.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("coordination", "Coordination meeting"),
            ("vendor", "Vendor meeting"),
            ("customer", "Customer meeting"),
        ],
        required=True,
        default="coordination",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Minutes posted"), ("cancel", "Cancelled")],
        required=True,
        default="planned",
        readonly=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Organizer", default=lambda self: self.env.user, readonly=True
    )
    event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", readonly=True, index=True, ondelete="set null"
    )
    date_start = fields.Datetime(related="event_id.start", store=True, string="Start")
    date_stop = fields.Datetime(related="event_id.stop", store=True, string="End")
    partner_ids = fields.Many2many(related="event_id.partner_ids", string="Attendees")
    attendee_ids = fields.One2many(related="event_id.attendee_ids", string="Invitations")
    link_ids = fields.One2many("coordination.meeting.link", "meeting_id", string="About")
    agenda = fields.Html(readonly=True, sanitize=True)
    minutes = fields.Html()
    action_ids = fields.One2many("coordination.meeting.action", "meeting_id", string="Actions")
    action_overdue_count = fields.Integer(compute="_compute_action_overdue_count")
    date_minutes = fields.Datetime("Minutes Posted On", readonly=True)

    def _coordination_protected_fields(self):
        plan = self.env._("Plan Meeting")
        post = self.env._("Post Minutes")
        return {
            "state": post,
            "date_minutes": post,
            "agenda": plan,
            "event_id": plan,
            "kind": plan,
            "company_id": plan,
        }

    @api.depends("action_ids.is_overdue")
    def _compute_action_overdue_count(self):
        for meeting in self:
            meeting.action_overdue_count = len(meeting.action_ids.filtered("is_overdue"))

    @api.model
    def _plan_weekly(self, company=None, organizer=None):
        """Plan the weekly coordination meeting of `company` (default: the current one) at the
        first slot its attendees are all free, as `organizer` (a res.users id; default: the
        current user, who must be a coordinator): what the dashboard's "Plan meeting" does
        for all departments, in one call (demo data, scripts). Returns the meeting; UserError
        when there is no common free slot."""
        env = self.env if not organizer else self.with_user(organizer).env
        company = env["res.company"].browse(company) if isinstance(company, int) else company
        company = company or env.company
        env = env(context=dict(env.context, allowed_company_ids=company.ids))
        action = env["coordination.dashboard"].action_plan_meeting({"company_ids": company.ids})
        wizard = env["coordination.meeting.wizard"].browse(action["res_id"])
        if not wizard.date_start:
            raise UserError(wizard.slot_note)
        return env["coordination.meeting"].browse(wizard.action_plan()["res_id"])

    # Actions -----------------------------------------------------------------------------------

    def action_open_event(self):
        ensure_one_record(self)
        if not self.event_id:
            raise UserError(self.env._("The calendar event of %s was deleted.", self.name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.event_id.id,
            "views": [[False, "form"]],
            "target": "current",
        }

    def action_post_minutes(self):
        """After the meeting: each action item becomes an activity on the record it concerns
        (owner, deadline), and the minutes are posted on every linked record and here.
        Coordinators only; refused without minutes, with an action item lacking its record,
        owner or deadline, or on a cancelled meeting (nothing is changed then)."""
        action = self.env._("Post Minutes")
        check_action_group(self.env, [GROUP_MANAGER], action, self.env._("coordinators"))
        check_action_access(self, "write", action)
        for meeting in self:
            meeting._check_minutes()
        todo = self.action_ids.filtered(lambda item: not item.date_posted)
        todo._create_activities()
        for meeting in self:
            meeting._post_minutes()
        self.sudo().write({"state": "done", "date_minutes": fields.Datetime.now()})
        return True

    def action_cancel(self):
        action = self.env._("Cancel Meeting")
        check_action_group(self.env, [GROUP_MANAGER], action, self.env._("coordinators"))
        check_action_access(self, "write", action)
        if self.filtered(lambda meeting: meeting.state == "done"):
            raise UserError(self.env._("A meeting whose minutes were posted cannot be cancelled."))
        self.event_id.action_archive()
        self.sudo().state = "cancel"
        return True

    def _check_minutes(self):
        self.ensure_one()
        if self.state == "cancel":
            raise UserError(self.env._("The meeting %s was cancelled.", self.name))
        if is_html_empty(self.minutes):
            raise UserError(self.env._("Write the minutes of %s before posting them.", self.name))
        for item in self.action_ids:
            missing = [
                label
                for label, value in (
                    (self.env._("the record it concerns"), item.link_id),
                    (self.env._("an owner"), item.user_id),
                    (self.env._("a deadline"), item.date_deadline),
                )
                if not value
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The action item “%(item)s” needs %(missing)s.",
                        item=item.name,
                        missing=", ".join(missing),
                    )
                )

    def _post_minutes(self):
        """The minutes and the action items, on the meeting and each linked record."""
        self.ensure_one()
        items = Markup("").join(
            Markup("<li>%s — %s, %s (%s)</li>")
            % (item.name, item.user_id.name, item.date_deadline, item.link_id.name)
            for item in self.action_ids
        )
        body = Markup("<p><b>%s</b></p>%s") % (
            self.env._("Minutes of %(meeting)s", meeting=self.name),
            self.minutes,
        )
        if items:
            body += Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Action items:"), items)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        # In the coordinator's name, as superuser: posting needs write access to the record
        # (a sales order, a purchase order) which the meeting was about and they may only read.
        author = self.env.user.partner_id.id
        for records in self.link_ids._records().values():
            if hasattr(records, "message_post"):
                for record in records.sudo():
                    record.message_post(body=body, subtype_xmlid="mail.mt_note", author_id=author)
