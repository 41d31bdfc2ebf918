# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoordinationMeetingAction(models.Model):
    """An action item of a meeting: who does what by when, about which of the meeting's
    records. Posting the minutes makes it a to-do activity on that record (`activity_id`);
    done when that activity is marked done."""

    _name = "coordination.meeting.action"
    _description = "Coordination Meeting Action Item"
    _inherit = ["coordination.protected.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "coordination.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    name = fields.Char("Action", required=True)
    link_id = fields.Many2one(
        "coordination.meeting.link",
        check_company=True,
        string="About",
        domain="[('meeting_id', '=', meeting_id)]",
        ondelete="restrict",
    )
    user_id = fields.Many2one("res.users", string="Owner", domain="[('share', '=', False)]")
    date_deadline = fields.Date("Deadline")
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    date_posted = fields.Datetime(readonly=True, help="When the minutes made it an activity.")
    # Stored: the overdue domain reads no mail.activity (whose search filters by the
    # records the user may read).
    is_activity_open = fields.Boolean(related="activity_id.active", store=True)
    state = fields.Selection(
        [("draft", "To post"), ("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")],
        compute="_compute_state",
    )
    is_overdue = fields.Boolean(compute="_compute_state", search="_search_is_overdue")

    def _coordination_protected_fields(self):
        post = self.env._("Post Minutes")
        return {"activity_id": post, "date_posted": post}

    @api.depends("activity_id", "is_activity_open", "date_posted", "date_deadline")
    @api.depends_context("tz")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for item in self:
            if not item.date_posted:
                item.state = "draft"
            elif not item.activity_id:
                item.state = "cancel"  # its activity was deleted
            elif item.is_activity_open:
                item.state = "open"
            else:
                item.state = "done"  # kept archived when done (its type's keep_done)
            item.is_overdue = item.state == "open" and item.date_deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search overdue action items with = or != True."))
        domain = [
            ("activity_id", "!=", False),
            ("is_activity_open", "=", True),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") != value:
            return ["!", "&", "&", *domain]
        return domain

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        """A posted action item is an activity on its record: it stays (mark that done)."""
        posted = self.filtered("date_posted")
        if posted:
            raise UserError(
                self.env._(
                    "The action item “%s” was posted with the minutes: mark its activity done "
                    "or cancel the activity instead of deleting it.",
                    posted[0].name,
                )
            )

    @api.constrains("link_id", "meeting_id")
    def _check_link(self):
        for item in self:
            if item.link_id and item.link_id.meeting_id != item.meeting_id:
                raise ValidationError(
                    self.env._(
                        "The action item “%(item)s” must concern one of the records of its "
                        "meeting %(meeting)s.",
                        item=item.name,
                        meeting=item.meeting_id.name,
                    )
                )

    def _create_activities(self):
        """One to-do activity per action item on the record it concerns (as superuser: the
        coordinator posting the minutes assigns work on records, e.g. a purchase order, that
        Odoo may not let them write; the activity is Odoo's own, shown to its owner)."""
        todo = self.env.ref("production_coordination.mail_activity_type_meeting_action")
        models = self.env["ir.model"].sudo()
        vals_list = [
            {
                "res_model_id": models._get_id(item.link_id.res_model),
                "res_id": item.link_id.res_id,
                "activity_type_id": todo.id,
                "summary": item.name,
                "note": self.env._(
                    "Action item of the meeting %(meeting)s.", meeting=item.meeting_id.name
                ),
                "user_id": item.user_id.id,
                "date_deadline": item.date_deadline,
            }
            for item in self
        ]
        activities = self.env["mail.activity"].sudo().create(vals_list)
        now = fields.Datetime.now()
        for item, activity in zip(self, activities, strict=True):
            item.sudo().write({"activity_id": activity.id, "date_posted": now})
