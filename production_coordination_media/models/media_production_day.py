# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import (
    add_days,
    add_delta,
    check_plan_date,
    ensure_one_record,
    to_timezone,
)
from odoo.addons.production_coordination.tools import tz_name, tz_or_utc

from .const import DAY_TYPES

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
# Calls and wraps are planned at most this far from today (1900 and 9999 are typing errors).
PLAN_PAST_DAYS = 10 * 366
PLAN_FUTURE_DAYS = 10 * 366


class MediaProductionDay(models.Model):
    """A shoot day, prep day or post session of a production: where, when, which scenes, who
    and what is booked. Publishing it freezes its call sheet as revision 1; every later change
    is sent as a numbered revision."""

    _name = "media.production.day"
    _description = "Production Day"
    _inherit = ["mail.thread", "mail.activity.mixin", "coordination.protected.mixin"]
    _order = "date_call, id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        check_company=True,
        domain=[("is_media_production", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        required=True,
        precompute=True,
        index=True,
    )
    day_type = fields.Selection(DAY_TYPES, string="Type", default="shoot", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default=lambda self: tz_name(self.env.user.tz),
        help="Call times on the call sheet and in the emails are given in this time zone.",
    )
    date_call = fields.Datetime("General Call", required=True, tracking=True)
    date_wrap = fields.Datetime("Wrap", required=True, tracking=True)
    date = fields.Date(compute="_compute_date", store=True, index=True)
    location_id = fields.Many2one("media.location", tracking=True, check_company=True)
    location_map_url = fields.Char(related="location_id.map_url", string="Map")
    task_ids = fields.Many2many(
        "project.task",
        string="Scenes / Segments",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    booking_ids = fields.One2many("media.booking", "day_id", string="Bookings", copy=True)
    crew_count = fields.Integer("Crew", compute="_compute_counts", compute_sudo=True)
    weather_note = fields.Text("Weather")
    hospital_note = fields.Text(
        "Nearest Hospital", compute="_compute_hospital_note", store=True, readonly=False
    )
    safety_note = fields.Text("Safety Notes")
    note = fields.Text("Notes")
    day_number = fields.Integer(compute="_compute_day_number", compute_sudo=True)
    day_count = fields.Integer(compute="_compute_day_number", compute_sudo=True)
    day_label = fields.Char("Day", compute="_compute_day_number", compute_sudo=True)
    revision_ids = fields.One2many("media.revision", "day_id", string="Revisions")
    revision_id = fields.Many2one(
        "media.revision",
        string="Current Revision",
        compute="_compute_revision_id",
        store=True,
    )
    revision_number = fields.Integer(related="revision_id.number", string="Revision")
    revision_color = fields.Selection(related="revision_id.color")
    revision_sent = fields.Boolean(compute="_compute_revision_sent")
    has_pending_changes = fields.Boolean(compute="_compute_has_pending_changes", compute_sudo=True)
    pending_changes_html = fields.Html(compute="_compute_has_pending_changes", compute_sudo=True)
    recipient_ids = fields.One2many("media.call.sheet.recipient", "day_id", string="Recipients")
    unconfirmed_count = fields.Integer("Unconfirmed", compute="_compute_counts", compute_sudo=True)
    confirmed_count = fields.Integer("Confirmed", compute="_compute_counts", compute_sudo=True)

    @api.constrains("tz")
    def _check_tz(self):
        # Odoo does not check the values of a selection given by a function (_tz_get).
        for day in self:
            if tz_name(day.tz) != day.tz:
                raise ValidationError(
                    _(
                        "%(day)s: unknown time zone %(tz)r (field Time Zone).",
                        day=day.display_name,
                        tz=day.tz,
                    )
                )
        # Another time zone moves the day's date: its bookings must still be on it.
        self.booking_ids._check_on_day_date()

    @api.constrains("date_call", "date_wrap")
    def _check_dates(self):
        for day in self:
            for name in ("date_call", "date_wrap"):
                check_plan_date(
                    self.env,
                    day[name],
                    self._fields[name]._description_string(self.env),
                    PLAN_PAST_DAYS,
                    PLAN_FUTURE_DAYS,
                )
            if day.date_wrap <= day.date_call:
                raise ValidationError(
                    _("%s: the wrap must come after the general call.", day.display_name)
                )

    # Computes ===================================================================================

    @api.depends("project_id.company_id")
    def _compute_company_id(self):
        for day in self:
            day.company_id = day.project_id.company_id or day.company_id or self.env.company

    @api.depends("date_call", "tz")
    def _compute_date(self):
        for day in self:
            day.date = day.date_call and day._localize(day.date_call).date()

    @api.depends("location_id")
    def _compute_hospital_note(self):
        for day in self:
            if day.location_id.nearest_hospital:
                day.hospital_note = day.location_id.nearest_hospital

    @api.depends("project_id", "day_type", "date_call", "state")
    @api.depends_context("lang")
    def _compute_day_number(self):
        """ "Day 3 of 12": the rank among the production's days of the same type (cancelled
        days do not count), from one search for all the productions."""
        projects = self.project_id
        ranks, totals = {}, defaultdict(int)
        if projects:
            days = self.search(
                [("project_id", "in", projects.ids), ("state", "!=", "cancelled")],
                order="date_call, id",
            )
            for day in days:
                key = (day.project_id.id, day.day_type)
                totals[key] += 1
                ranks[day.id] = totals[key]
        type_labels = dict(self._fields["day_type"]._description_selection(self.env))
        for day in self:
            key = (day.project_id.id, day.day_type)
            day.day_number = ranks.get(day._origin.id, 0)
            day.day_count = totals.get(key, 0)
            day.day_label = (
                _(
                    "%(type)s %(number)s of %(count)s",
                    type=type_labels.get(day.day_type, ""),
                    number=day.day_number,
                    count=day.day_count,
                )
                if day.day_number
                else type_labels.get(day.day_type, "")
            )

    @api.depends("project_id.name", "day_label", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for day in self:
            when = format_date(self.env, day.date, date_format="EEE d MMM") if day.date else ""
            day.display_name = " – ".join(
                part for part in (day.project_id.name, day.day_label, when) if part
            )

    @api.depends("revision_ids.number")
    def _compute_revision_id(self):
        for day in self:
            day.revision_id = day.revision_ids.sorted("number")[-1:]

    @api.depends("revision_id.date_sent")
    def _compute_revision_sent(self):
        for day in self:
            day.revision_sent = bool(day.revision_id.date_sent)

    @api.depends("booking_ids", "recipient_ids.state", "recipient_ids.revision_id")
    def _compute_counts(self):
        for day in self:
            day.crew_count = len(day.booking_ids.crew_member_id)
            on_sheet = day.recipient_ids.filtered(lambda r: r.state != "released")
            day.confirmed_count = len(on_sheet.filtered(lambda r: r.state == "confirmed"))
            day.unconfirmed_count = len(on_sheet) - day.confirmed_count

    @api.depends(
        "date_call",
        "date_wrap",
        "location_id",
        "task_ids",
        "weather_note",
        "hospital_note",
        "safety_note",
        "note",
        "booking_ids.date_call",
        "booking_ids.date_wrap",
        "booking_ids.role_id",
        "booking_ids.crew_member_id",
        "booking_ids.equipment_id",
        "revision_id",
    )
    def _compute_has_pending_changes(self):
        published = self.filtered(lambda d: d.state == "published" and d.revision_id)
        CallSheet = self.env["media.call.sheet"]
        data = CallSheet._get_data(published)
        for day in self:
            changes = (
                CallSheet._diff(day.revision_id.snapshot, data[day.id]) if day in published else []
            )
            day.has_pending_changes = bool(changes)
            day.pending_changes_html = changes and CallSheet._diff_html(changes, day._tz_name())

    # ORM ========================================================================================

    def _coordination_protected_fields(self):
        """The day's state, revisions and confirmations change only through its actions, its
        conflicts and date through what they are computed from (see
        coordination.protected.mixin in production_coordination)."""
        return {
            "state": _("Publish, Cancel Day and Restore"),
            **dict.fromkeys(["revision_id", "revision_ids"], _("Publish and New Revision")),
            "recipient_ids": _("Send Call Sheet"),
            **dict.fromkeys(
                ["conflict_count", "conflict_description"],
                _("the conflict check (change the bookings, the location or the date)"),
            ),
            "date": _("the general call and the time zone"),
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        published = self.filtered("revision_ids")
        if published:
            raise UserError(
                _(
                    "These days have published call sheets: cancel them instead of deleting "
                    "them (the crew keeps the history): %s",
                    ", ".join(published.mapped("display_name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # Values checked first: the lines below look records up with them.
        self._coordination_check_values(vals_list)
        self.env["project.project"].browse(
            {vals["project_id"] for vals in vals_list if vals.get("project_id")}
        )._coordination_check_open()
        return super().create(vals_list)

    def write(self, vals):
        # Values checked first: the lines below look records up with them.
        self._coordination_check_values([vals])
        if vals.get("project_id"):
            self.env["project.project"].browse(vals["project_id"])._coordination_check_open()
        shifts = {}
        if "date_call" in vals or "date_wrap" in vals:
            shifts = {day: (day.date_call, day.date_wrap) for day in self}
        neighbors = self.env["media.booking"]
        if "state" in vals:
            # Cancelling or restoring a day frees or books its people again (see
            # media.booking._lock_resources).
            self.booking_ids._lock_resources()
            neighbors = self.booking_ids._conflict_neighbors()
        res = super().write(vals)
        if shifts:
            self._shift_bookings(shifts)
        if neighbors:
            neighbors.modified(["date_call"])
        return res

    def _shift_bookings(self, previous):
        """Moving a day moves its bookings by the same amount; a new wrap time applies to the
        bookings that wrapped with the day. One write per distinct new time span."""
        new_spans = defaultdict(lambda: self.env["media.booking"])
        for day, (old_call, old_wrap) in previous.items():
            delta = day.date_call - old_call
            for booking in day.booking_ids:
                call, wrap = (
                    add_delta(booking.date_call, delta),
                    add_delta(booking.date_wrap, delta),
                )
                if booking.date_wrap == old_wrap:
                    wrap = day.date_wrap
                if (call, wrap) != (booking.date_call, booking.date_wrap) and wrap > call:
                    new_spans[call, wrap] |= booking
        for (call, wrap), bookings in new_spans.items():
            bookings.write({"date_call": call, "date_wrap": wrap})

    # Helpers ====================================================================================

    def _tz_name(self):
        """The day's time zone, UTC when the stored one is unknown (saved before it was
        checked)."""
        return tz_name(self.tz)

    def _localize(self, value):
        """A naive UTC datetime as an aware datetime in the day's time zone (within the dates
        Python knows: a call typed at 9999-12-31 is refused, not a crash)."""
        return to_timezone(value, tz_or_utc(self.tz))

    def _end_of_day(self):
        """The end of the day in its time zone (or the wrap, for night shoots), naive UTC."""
        self.ensure_one()
        tz = tz_or_utc(self.tz)
        midnight = tz.localize(add_days(datetime.combine(self.date, time.min), 1))
        end = midnight.astimezone(pytz.utc).replace(tzinfo=None)
        wraps = [self.date_wrap, *self.booking_ids.mapped("date_wrap")]
        return max(end, *wraps)

    def _check_coordinator(self, action):
        """Media coordinators only, on days they may change."""
        if not self.env.user.has_group(MEDIA_COORDINATOR):
            raise AccessError(_("Only media coordinators can %s.", action))
        check_action_access(self, "write", action)

    def _check_call_sheet_printable(self):
        """Who may print the call sheet of these days, checked by the Print action and by the
        report: those who read the days (the crew booked on them, media coordinators); the
        crew once the day is published."""
        check_action_access(self, "read", _("print the call sheet"))
        if not self.env.user.has_group(MEDIA_COORDINATOR):
            unpublished = self.filtered(lambda day: not day.revision_id)
            if unpublished:
                raise UserError(
                    _("The call sheet of %s is not published yet.", unpublished[0].display_name)
                )

    # Call sheet (media_call_sheet.py) ===========================================================

    def _get_call_sheet_data(self):
        """Each day's call sheet as plain data (see ``media.call.sheet._get_data``): what a
        revision freezes and what the PDF and the emails show. Returns {day id: data}."""
        return self.env["media.call.sheet"]._get_data(self)

    @api.model
    def _diff_call_sheets(self, old, new):
        """Deprecated: ``media.call.sheet._diff``."""
        return self.env["media.call.sheet"]._diff(old, new)

    @api.model
    def _affected_crew_ids(self, new, changes):
        """Deprecated: ``media.call.sheet._affected_crew_ids``."""
        return self.env["media.call.sheet"]._affected_crew_ids(new, changes)

    @api.model
    def _sheet_crew_ids(self, data):
        """Deprecated: ``media.call.sheet._crew_ids``."""
        return self.env["media.call.sheet"]._crew_ids(data)

    def _diff_html(self, changes, tz):
        """Deprecated: ``media.call.sheet._diff_html``."""
        return self.env["media.call.sheet"]._diff_html(changes, tz)

    # Actions ====================================================================================

    def _check_publishable(self):
        """Refuse when a day has conflicts, listing them.

        The conflicts are checked again here, in SQL and under the lock of the people and
        equipment booked (see media.booking._lock_resources), not taken from the stored counts:
        a booking made at the same moment in another production may not have reached them."""
        bookings = self.booking_ids
        bookings._lock_resources()
        (bookings | bookings._conflict_neighbors()).modified(["date_call"])
        blocked = self.filtered("conflict_count")
        if blocked:
            # Worded outside the translated call (the .pot extraction evaluates its strings).
            details = "\n".join(
                f"{day.display_name}:\n{day.conflict_description}" for day in blocked
            )
            raise UserError(_("Resolve the conflicts before publishing:\n%s", details))

    def action_publish(self):
        """Freeze the call sheets of draft days as revision 1 (White)."""
        self._check_coordinator(_("publish production days"))
        not_draft = self.filtered(lambda d: d.state != "draft")
        if not_draft:
            raise UserError(
                _(
                    "Only draft days can be published; issue a revision for the others: %s",
                    ", ".join(not_draft.mapped("display_name")),
                )
            )
        empty = self.filtered(lambda d: not d.booking_ids)
        if empty:
            raise UserError(
                _(
                    "Book crew on these days before publishing them: %s",
                    ", ".join(empty.mapped("display_name")),
                )
            )
        self._check_publishable()
        CallSheet = self.env["media.call.sheet"]
        data = CallSheet._get_data(self)
        # sudo: revisions and the state are protected; role and access checked above.
        self.env["media.revision"].sudo().create(
            [
                {
                    "day_id": day.id,
                    "number": 1,
                    "snapshot": data[day.id],
                    "affected_crew_ids": [Command.set(CallSheet._crew_ids(data[day.id]))],
                }
                for day in self
            ]
        )
        self.sudo().write({"state": "published"})
        return True

    def _create_revision(self, reason, note):
        """Freeze the current call sheet as the next revision, with its diff from the
        previous one and the crew it affects."""
        self.ensure_one()
        self._check_coordinator(_("revise call sheets"))
        if self.state != "published":
            raise UserError(_("Publish %s before revising it.", self.display_name))
        self._check_publishable()
        CallSheet = self.env["media.call.sheet"]
        data = CallSheet._get_data(self)[self.id]
        changes = CallSheet._diff(self.revision_id.snapshot, data)
        if not changes:
            raise UserError(
                _(
                    "Nothing changed on %(day)s since %(revision)s.",
                    day=self.display_name,
                    revision=self.revision_id.display_name,
                )
            )
        # sudo: revisions are protected; role and access checked above.
        revision = (
            self.env["media.revision"]
            .sudo()
            .create(
                {
                    "day_id": self.id,
                    "number": self.revision_id.number + 1,
                    "reason": reason,
                    "note": note,
                    "snapshot": data,
                    "diff": changes,
                    "affected_crew_ids": [Command.set(CallSheet._affected_crew_ids(data, changes))],
                }
            )
        )
        return revision.sudo(False)

    def _issue_revision(self, reason, note, send=True):
        """Create the next revision and, with `send`, email it to the crew it affects (by a
        background job when they are many: ``media.revision._send_or_enqueue``)."""
        revision = self._create_revision(reason, note)
        if send and revision.affected_crew_ids:
            revision._send_or_enqueue(revision.affected_crew_ids)
        return revision

    def action_open_revision_wizard(self):
        ensure_one_record(self)
        self._check_coordinator(_("revise call sheets"))
        if not self.has_pending_changes:
            raise UserError(
                _(
                    "Nothing changed on %(day)s since %(revision)s.",
                    day=self.display_name,
                    revision=self.revision_id.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("New Revision"),
            "res_model": "media.revision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_day_id": self.id},
        }

    def action_send_call_sheet(self):
        """Send the current revision to the crew on the sheet who have not received it; to
        many crew, by a background job (``media.revision._send_or_enqueue``): then the
        coordinator is told it is being sent, and notified when it is."""
        self._check_coordinator(_("send call sheets"))
        queued = self.env["media.production.day"]
        for day in self:
            if day.state != "published":
                raise UserError(_("Publish %s before sending its call sheet.", day.display_name))
            if day.has_pending_changes:
                raise UserError(
                    _(
                        "%s has changes that are not published: issue a revision first.",
                        day.display_name,
                    )
                )
            revision = day.revision_id
            on_sheet = revision._get_crew()
            received = day.recipient_ids.filtered(lambda r, rev=revision: r.revision_id == rev)
            to_send = on_sheet - received.crew_member_id
            if not to_send:
                raise UserError(
                    _(
                        "Everybody on %(day)s has received %(revision)s; send a reminder to "
                        "those who have not confirmed.",
                        day=day.display_name,
                        revision=revision.display_name,
                    )
                )
            if revision._send_or_enqueue(to_send):
                queued |= day
        if not queued:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": _("Call Sheet"),
                "message": _(
                    "The call sheet of %s is being sent to the crew in the background; you "
                    "will be notified when it is sent.",
                    ", ".join(queued.mapped("display_name")),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_send_reminder(self):
        """Remind the crew who have not confirmed their call."""
        self._check_coordinator(_("send reminders"))
        pending = self.recipient_ids.filtered(lambda r: r.state == "sent")
        if not pending:
            raise UserError(_("Everybody has confirmed their call."))
        pending._send_reminder()
        return True

    def action_print_call_sheet(self):
        self._check_call_sheet_printable()
        return self.env.ref(
            "production_coordination_media.media_production_day_report_call_sheet"
        ).report_action(self)

    def action_cancel(self):
        self._check_coordinator(_("cancel production days"))
        self.sudo().write({"state": "cancelled"})
        return True

    def action_restore(self):
        self._check_coordinator(_("restore production days"))
        # sudo: the state is protected; role and access checked above.
        cancelled = self.filtered(lambda d: d.state == "cancelled").sudo()
        cancelled.filtered("revision_ids").write({"state": "published"})
        cancelled.filtered(lambda d: not d.revision_ids).write({"state": "draft"})
        return True

    def action_open_recipients(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the confirmations of this day"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_call_sheet_recipient_action"
        )
        action["domain"] = [("day_id", "=", self.id)]
        action["context"] = {}
        return action
