# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date, format_datetime, format_time

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import (
    clamp_date,
    ensure_one_record,
)

# Changes of these booking fields change its conflicts and those of its neighbours.
CONFLICT_FIELDS = {
    "day_id",
    "resource_type",
    "crew_member_id",
    "equipment_id",
    "date_call",
    "date_wrap",
}


def live_production(alias):
    """SQL: the production `alias` still holds its bookings (not archived, not wrapped)."""
    return SQL(
        "(%(p)s.active AND %(p)s.coordination_phase IS DISTINCT FROM 'wrapped')",
        p=SQL.identifier(alias),
    )


class MediaBooking(models.Model):
    """A crew member or a piece of equipment on a production day, with call and wrap times.

    Conflicts are stored on each booking: the same person or equipment booked at overlapping
    times (in any live production: archived and wrapped ones hold nobody), a crew member's
    unavailable dates, equipment under maintenance. They are computed for any number of
    bookings with one SQL query per kind of check.

    Two coordinators booking the same person at the same moment must see each other's
    booking: every change of a booking locks its people and equipment first
    (`_lock_resources`), so the second transaction waits for the first and is then retried
    with its booking in view."""

    _name = "media.booking"
    _description = "Production Booking"
    _inherit = ["coordination.protected.mixin"]
    _order = "date_call, id"
    _check_company_auto = True

    day_id = fields.Many2one(
        "media.production.day",
        string="Day",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    project_id = fields.Many2one(
        related="day_id.project_id", string="Production", store=True, index=True
    )
    company_id = fields.Many2one(related="day_id.company_id", store=True, index=True)
    date = fields.Date(related="day_id.date", store=True)
    day_state = fields.Selection(related="day_id.state", string="Day Status")
    day_label = fields.Char(related="day_id.day_label", string="Day Name")
    location_id = fields.Many2one(related="day_id.location_id")
    resource_type = fields.Selection(
        [("crew", "Crew"), ("equipment", "Equipment")],
        string="Type",
        required=True,
        default="crew",
    )
    crew_member_id = fields.Many2one(
        "media.crew.member",
        string="Crew Member",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain=[("coordination_is_bookable", "=", True)],
    )
    resource_name = fields.Char("Booked", compute="_compute_resource_name")
    user_id = fields.Many2one(related="crew_member_id.user_id", store=True, index=True)
    role_id = fields.Many2one(
        "media.role",
        string="Role",
        compute="_compute_role_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    department_id = fields.Many2one(
        "media.department",
        string="Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    date_call = fields.Datetime(
        "Call",
        compute="_compute_times",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date_wrap = fields.Datetime(
        "Wrap",
        compute="_compute_times",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    note = fields.Char()
    conflict_count = fields.Integer("Conflicts", compute="_compute_conflicts", store=True)
    # In the reader's language: worded at display from the conflicts found (not stored; the
    # stored count is what is searched and added up).
    conflict_description = fields.Text(
        "Conflict Details", compute="_compute_conflict_description", compute_sudo=True
    )
    call_sheet_state = fields.Selection(
        [("sent", "To confirm"), ("confirmed", "Confirmed"), ("released", "Released")],
        string="Call Sheet",
        compute="_compute_call_sheet_state",
        help="The booked person's call sheet of this day: sent and to confirm, or confirmed.",
    )

    @api.constrains("day_id", "date_call", "date_wrap")
    def _check_on_day_date(self):
        """A booking is on its day: its call on the day's date (in the day's time zone) or
        within the day's own times (a night shoot past midnight); its wrap the same date, the
        next one (an overnight wrap), or before the day's wrap."""
        for booking in self:
            day = booking.day_id
            if not (day.date and booking.date_call and booking.date_wrap):
                continue
            if not self._fits_day(day, booking.date_call, booking.date_wrap):
                tz = day._tz_name()
                raise ValidationError(
                    _(
                        "%(who)s on %(day)s: the Call (%(call)s) and the Wrap (%(wrap)s) must "
                        "fall on the day's date, %(date)s (the wrap may run past midnight).",
                        who=booking.resource_name,
                        day=day.display_name,
                        call=format_datetime(self.env, booking.date_call, tz=tz),
                        wrap=format_datetime(self.env, booking.date_wrap, tz=tz),
                        date=format_date(self.env, day.date),
                    )
                )

    @api.model
    def _fits_day(self, day, date_call, date_wrap):
        """Whether a call and a wrap (naive UTC) keep a booking on `day` (see
        `_check_on_day_date`)."""
        call_date = day._localize(date_call).date()
        wrap_date = day._localize(date_wrap).date()
        call_ok = call_date == day.date or day.date_call <= date_call <= day.date_wrap
        wrap_ok = (
            wrap_date in (day.date, day.date + timedelta(days=1)) or date_wrap <= day.date_wrap
        )
        return call_ok and wrap_ok

    @api.constrains("resource_type", "crew_member_id", "equipment_id", "date_call", "date_wrap")
    def _check_booking(self):
        for booking in self:
            if booking.resource_type == "crew" and not booking.crew_member_id:
                raise ValidationError(
                    _("Choose the crew member booked on %s.", booking.day_id.display_name)
                )
            if booking.resource_type == "equipment" and not booking.equipment_id:
                raise ValidationError(
                    _("Choose the equipment booked on %s.", booking.day_id.display_name)
                )
            if booking.crew_member_id and booking.equipment_id:
                raise ValidationError(
                    _(
                        "A booking is for a crew member or for equipment, not both "
                        "(%(crew)s, %(equipment)s).",
                        crew=booking.crew_member_id.name,
                        equipment=booking.equipment_id.display_name,
                    )
                )
            if booking.date_wrap <= booking.date_call:
                raise ValidationError(
                    _(
                        "%(who)s on %(day)s: the wrap must come after the call.",
                        who=booking.resource_name,
                        day=booking.day_id.display_name,
                    )
                )

    # Computes ===================================================================================

    @api.depends("day_id.recipient_ids.state", "crew_member_id")
    def _compute_call_sheet_state(self):
        recipients = self.env["media.call.sheet.recipient"].search(
            [
                ("day_id", "in", self.day_id.ids),
                ("crew_member_id", "in", self.crew_member_id.ids),
            ]
        )
        states = {(r.day_id.id, r.crew_member_id.id): r.state for r in recipients}
        for booking in self:
            booking.call_sheet_state = states.get(
                (booking.day_id.id, booking.crew_member_id.id), False
            )

    @api.depends("crew_member_id.name", "equipment_id.display_name")
    def _compute_resource_name(self):
        for booking in self:
            booking.resource_name = (
                booking.crew_member_id.name
                if booking.resource_type == "crew"
                else booking.equipment_id.display_name
            ) or ""

    @api.depends("resource_name", "role_id", "day_id")
    def _compute_display_name(self):
        for booking in self:
            role = f" ({booking.role_id.name})" if booking.role_id else ""
            booking.display_name = f"{booking.resource_name}{role} – {booking.day_id.display_name}"

    @api.depends("crew_member_id")
    def _compute_role_id(self):
        for booking in self:
            member = booking.crew_member_id
            if member and booking.role_id not in member.role_id | member.role_ids:
                booking.role_id = member.role_id

    @api.onchange("resource_type")
    def _onchange_resource_type(self):
        # Switching between crew and equipment in the form clears the other resource.
        if self.resource_type == "crew":
            self.equipment_id = False
        elif self.resource_type == "equipment":
            self.crew_member_id = False

    @api.depends("role_id", "crew_member_id", "equipment_id")
    def _compute_department_id(self):
        for booking in self:
            booking.department_id = (
                booking.role_id.department_id
                or booking.crew_member_id.department_id
                or booking.equipment_id.coordination_department_id
                or booking.department_id
            )

    @api.depends("day_id")
    def _compute_times(self):
        for booking in self:
            if not booking.date_call:
                booking.date_call = booking.day_id.date_call
            if not booking.date_wrap:
                booking.date_wrap = booking.day_id.date_wrap

    @api.depends(
        "date_call",
        "date_wrap",
        "date",
        "crew_member_id",
        "equipment_id",
        "day_id.state",
        "project_id.active",
        "project_id.coordination_phase",
        "crew_member_id.unavailability_ids.date_from",
        "crew_member_id.unavailability_ids.date_to",
        "equipment_id.maintenance_ids.stage_id",
        "equipment_id.maintenance_ids.archive",
        "equipment_id.maintenance_ids.maintenance_type",
        "equipment_id.maintenance_ids.request_date",
        "equipment_id.maintenance_ids.schedule_date",
        "equipment_id.maintenance_ids.duration",
    )
    def _compute_conflicts(self):
        conflicts = self._get_conflicts()
        for booking in self:
            booking.conflict_count = len(conflicts.get(booking._origin.id, []))

    @api.depends("conflict_count", *_compute_conflicts._depends)
    @api.depends_context("lang")
    def _compute_conflict_description(self):
        """The conflicts worded in the reader's language: the same queries as the count, once
        for all the bookings read together (a list page)."""
        conflicts = self._get_conflicts()
        for booking in self:
            booking.conflict_description = "\n".join(conflicts.get(booking._origin.id, [])) or False

    # Conflict engine ============================================================================

    def _get_conflicts(self):
        """{booking id: [conflict, ...]} for these bookings: three queries, whatever their
        number (`_get_overlaps`, `_get_unavailabilities`, `_get_maintenances`), then batched
        reads to word them (`_word_conflicts`). Bookings of cancelled days and of archived or
        wrapped productions have none and cause none."""
        ids = [booking_id for booking_id in self._origin.ids if booking_id]
        if not ids:
            return {}
        self._flush_conflict_fields()
        return self._word_conflicts(
            ids,
            self._get_overlaps(ids),
            self._get_unavailabilities(ids),
            self._get_maintenances(ids),
        )

    @api.model
    def _flush_conflict_fields(self):
        """Flush what the conflict queries read."""
        self.env["project.project"].flush_model(["active", "coordination_phase"])
        self.env["media.production.day"].flush_model(["state", "date", "tz", "project_id"])
        self.env["media.booking"].flush_model(
            ["day_id", "crew_member_id", "equipment_id", "date_call", "date_wrap", "date"]
        )
        self.env["media.crew.unavailability"].flush_model(
            ["crew_member_id", "date_from", "date_to"]
        )
        self.env["maintenance.request"].flush_model(
            [
                "equipment_id",
                "stage_id",
                "archive",
                "maintenance_type",
                "request_date",
                "schedule_date",
                "duration",
            ]
        )

    @api.model
    def _get_overlaps(self, ids):
        """[(booking id, other booking id)]: the same person or equipment booked at the same
        time elsewhere."""
        return self.env.execute_query(
            SQL(
                """
                SELECT a.id, b.id
                  FROM media_booking a
                  JOIN media_production_day a_day ON a_day.id = a.day_id
                  JOIN project_project a_project ON a_project.id = a_day.project_id
                  JOIN media_booking b
                    ON b.id != a.id
                   AND (b.crew_member_id = a.crew_member_id OR b.equipment_id = a.equipment_id)
                   AND tsrange(LEAST(b.date_call, b.date_wrap), GREATEST(b.date_call, b.date_wrap))
                    && tsrange(LEAST(a.date_call, a.date_wrap), GREATEST(a.date_call, a.date_wrap))
                  JOIN media_production_day b_day ON b_day.id = b.day_id
                  JOIN project_project b_project ON b_project.id = b_day.project_id
                 WHERE a.id = ANY(%(ids)s)
                   AND a_day.state != 'cancelled'
                   AND b_day.state != 'cancelled'
                   AND %(a_live)s
                   AND %(b_live)s
                 ORDER BY b.date_call, b.id
                """,
                ids=ids,
                a_live=live_production("a_project"),
                b_live=live_production("b_project"),
            )
        )

    @api.model
    def _get_unavailabilities(self, ids):
        """[(booking id, unavailability id)]: the crew member is unavailable that day, all day
        or for hours that overlap the booking (local time of its day)."""
        self.env["media.crew.unavailability"].flush_model(["hour_from", "hour_to"])
        return self.env.execute_query(
            SQL(
                """
                SELECT b.id, u.id
                  FROM media_booking b
                  JOIN media_production_day d ON d.id = b.day_id
                  JOIN project_project p ON p.id = d.project_id
                  JOIN media_crew_unavailability u
                    ON u.crew_member_id = b.crew_member_id
                   AND b.date BETWEEN u.date_from AND u.date_to
                 WHERE b.id = ANY(%(ids)s)
                   AND d.state != 'cancelled'
                   AND %(live)s
                   AND (COALESCE(u.hour_from, 0) <= 0 AND COALESCE(u.hour_to, 24) >= 24
                        OR tsrange(b.date_call AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s,
                                   b.date_wrap AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)
                           && tsrange(b.date + u.hour_from * INTERVAL '1 hour',
                                      b.date + u.hour_to * INTERVAL '1 hour'))
                 ORDER BY u.date_from, u.id
                """,
                ids=ids,
                live=live_production("p"),
                # (a time zone PostgreSQL does not know, saved before they were checked: UTC)
                tz=SQL(
                    "COALESCE((SELECT z.name FROM pg_timezone_names z WHERE z.name = d.tz), 'UTC')"
                ),
            )
        )

    @api.model
    def _get_maintenances(self, ids):
        """[(booking id, maintenance request id)]: the equipment is out of service."""
        # An open corrective request takes the equipment out of service from its request
        # date until it is done; a preventive one for its scheduled duration (a day when none).
        return self.env.execute_query(
            SQL(
                """
                SELECT b.id, r.id
                  FROM media_booking b
                  JOIN media_production_day d ON d.id = b.day_id
                  JOIN project_project p ON p.id = d.project_id
                  JOIN maintenance_request r ON r.equipment_id = b.equipment_id
                  LEFT JOIN maintenance_stage s ON s.id = r.stage_id
                 WHERE b.id = ANY(%(ids)s)
                   AND d.state != 'cancelled'
                   AND %(live)s
                   AND NOT COALESCE(r.archive, FALSE)
                   AND NOT COALESCE(s.done, FALSE)
                   AND tsrange(b.date_call, b.date_wrap) && %(out_of_service)s
                 ORDER BY r.id
                """,
                ids=ids,
                live=live_production("p"),
                out_of_service=self._maintenance_range_sql("r"),
            )
        )

    @api.model
    def _maintenance_range_sql(self, alias):
        """SQL: the time range the maintenance request `alias` takes its equipment out of
        service (see `_get_maintenances`)."""
        return SQL(
            """(CASE WHEN %(r)s.maintenance_type = 'preventive' THEN tsrange(
                    COALESCE(%(r)s.schedule_date, %(r)s.request_date::timestamp),
                    COALESCE(%(r)s.schedule_date, %(r)s.request_date::timestamp)
                    + CASE WHEN %(r)s.schedule_date IS NOT NULL AND %(r)s.duration > 0
                           -- at most 10 years: a typing error must not overflow
                           THEN LEAST(%(r)s.duration, 87840) * INTERVAL '1 hour'
                           ELSE INTERVAL '1 day' END)
                ELSE tsrange(COALESCE(%(r)s.request_date::timestamp, %(r)s.create_date), NULL)
            END)""",
            r=SQL.identifier(alias),
        )

    @api.model
    def _word_conflicts(self, ids, overlaps, unavailable, maintenance):
        """The conflicts found, as sentences: {booking id: [conflict, ...]}."""
        # Iterating a recordset keeps its prefetching: one read per model and field set.
        # sudo: the other booking may be in a production the user cannot read, and a crew
        # user entering their own dates recomputes bookings they cannot read; only the
        # times, day names, periods and request names are worded.
        others = {rec.id: rec for rec in self.browse({other for _id, other in overlaps}).sudo()}
        periods = {
            rec.id: rec
            for rec in self.env["media.crew.unavailability"]
            .sudo()
            .browse({period for _id, period in unavailable})
        }
        requests = {
            rec.id: rec
            for rec in self.env["maintenance.request"]
            .sudo()
            .browse({request for _id, request in maintenance})
        }
        times = {}  # bookings share their times: format each (time, time zone) once

        def when(value, tz):
            if (value, tz) not in times:
                times[value, tz] = self._format_conflict_time(value, tz)
            return times[value, tz]

        # A freelancer or shared equipment booked by another company: its production is not
        # named to this one (the description is read by this booking's company).
        company_of = {booking.id: booking.company_id for booking in self.browse(ids).sudo()}
        result = defaultdict(list)
        for booking_id, other_id in overlaps:
            other = others[other_id]
            result[booking_id].append(
                self._word_overlap(other, other.company_id == company_of[booking_id], when)
            )
        for booking_id, period_id in unavailable:
            result[booking_id].append(self._word_unavailability(periods[period_id]))
        for booking_id, request_id in maintenance:
            result[booking_id].append(self._word_maintenance(requests[request_id]))
        return result

    @api.model
    def _format_conflict_time(self, value, tz):
        return format_time(self.env, clamp_date(value), tz=tz, time_format="short")

    @api.model
    def _word_unavailability(self, period):
        """The sentence of a crew member's unavailable dates (`period`, read as superuser)."""
        reason = f" ({period.reason})" if period.reason else ""
        return _(
            "unavailable %(date_from)s – %(date_to)s%(reason)s",
            date_from=format_date(self.env, period.date_from),
            date_to=format_date(self.env, period.date_to),
            reason=reason,
        )

    @api.model
    def _word_maintenance(self, request):
        """The sentence of equipment out of service (`request`, read as superuser)."""
        return _("under maintenance (%(request)s)", request=request.name)

    @api.model
    def _word_overlap(self, other, same_company, when):
        """The sentence of an overlap with ``other`` (a booking read as superuser): its day is
        named to its own company only. ``when(datetime, tz)``: a time, formatted."""
        day = other.day_id
        if not same_company:
            return _(
                "also booked %(start)s–%(end)s by another company",
                start=when(other.date_call, day.tz),
                end=when(other.date_wrap, day.tz),
            )
        return _(
            "also booked %(start)s–%(end)s on %(day)s",
            start=when(other.date_call, day._tz_name()),
            end=when(other.date_wrap, day._tz_name()),
            day=day.display_name,
        )

    def _conflict_neighbors(self):
        """The other bookings of the same people and equipment around these bookings' times,
        in every production: their conflicts change when these bookings change."""
        bookings = self.filtered(
            lambda b: b.date_call and b.date_wrap and (b.crew_member_id or b.equipment_id)
        )
        if not bookings:
            return self.browse()
        # sudo: conflicts span every production, including those the user cannot read.
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id", "not in", self.ids),
                    ("date_wrap", ">=", min(bookings.mapped("date_call"))),
                    ("date_call", "<=", max(bookings.mapped("date_wrap"))),
                    "|",
                    ("crew_member_id", "in", bookings.crew_member_id.ids),
                    ("equipment_id", "in", bookings.equipment_id.ids),
                ]
            )
        )

    def _lock_resources(self, crew_member_ids=(), equipment_ids=()):
        """Lock the people and equipment of these bookings (and the given ids) until the
        transaction ends, and mark them changed.

        A booking's conflicts are computed from what its transaction sees. Two coordinators
        booking the same person at the same moment would each miss the other's booking; with
        this lock the second waits for the first, and since the first has changed the locked
        rows, PostgreSQL then refuses the second one's (older) snapshot with a serialization
        failure: Odoo retries the request, which now sees the first booking and flags both.
        Rows are locked in id order (no deadlock between two bookings of the same people)."""
        crew_ids = sorted(set(self.crew_member_id.ids) | set(crew_member_ids))
        equipment_ids = sorted(set(self.equipment_id.ids) | set(equipment_ids))
        for table, ids in (
            ("media_crew_member", crew_ids),
            ("maintenance_equipment", equipment_ids),
        ):
            if not ids:
                continue
            # (log_exceptions=False: a serialization failure here is expected and retried.)
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE %(table)s t SET write_date = t.write_date
                      FROM (SELECT id FROM %(table)s WHERE id = ANY(%(ids)s)
                             ORDER BY id FOR NO KEY UPDATE) locked
                     WHERE t.id = locked.id
                    """,
                    table=SQL.identifier(table),
                    ids=ids,
                ),
                log_exceptions=False,
            )

    # ORM ========================================================================================

    def _coordination_protected_fields(self):
        """Conflicts are computed, the production, company, date and user follow the day and
        the crew member (see coordination.protected.mixin in production_coordination)."""
        return {
            **dict.fromkeys(
                ["conflict_count", "conflict_description"],
                _("the conflict check (change the times or the resource)"),
            ),
            **dict.fromkeys(["project_id", "company_id", "date"], _("its day")),
            "user_id": _("its crew member"),
        }

    @api.model_create_multi
    def create(self, vals_list):
        # Values checked first: the lines below look records up with them.
        self._coordination_check_values(vals_list)
        days = self.env["media.production.day"].browse(
            {vals["day_id"] for vals in vals_list if vals.get("day_id")}
        )
        days.project_id._coordination_check_open()
        self._lock_resources(
            crew_member_ids=[
                vals["crew_member_id"] for vals in vals_list if vals.get("crew_member_id")
            ],
            equipment_ids=[vals["equipment_id"] for vals in vals_list if vals.get("equipment_id")],
        )
        bookings = super().create(vals_list)
        bookings._conflict_neighbors().modified(["date_call"])
        return bookings

    def write(self, vals):
        if not CONFLICT_FIELDS & vals.keys():
            return super().write(vals)
        # Values checked first: the lines below look records up with them.
        self._coordination_check_values([vals])
        if vals.get("day_id"):
            self.env["media.production.day"].browse(
                vals["day_id"]
            ).project_id._coordination_check_open()
        self._lock_resources(
            crew_member_ids=[vals["crew_member_id"]] if vals.get("crew_member_id") else [],
            equipment_ids=[vals["equipment_id"]] if vals.get("equipment_id") else [],
        )
        before = self._conflict_neighbors()
        res = super().write(vals)
        (before | self._conflict_neighbors()).modified(["date_call"])
        return res

    def unlink(self):
        self._lock_resources()
        neighbors = self._conflict_neighbors()
        res = super().unlink()
        neighbors.exists().modified(["date_call"])
        return res

    # Actions ====================================================================================

    def action_print_call_sheet(self):
        check_action_access(self, "read", _("print the call sheet"))
        return self.day_id.action_print_call_sheet()

    def action_confirm_call(self):
        """The booked person confirms their call from My Schedule, as with the link of their
        call sheet email: only their own booking, once its day's call sheet was sent to them."""
        ensure_one_record(self)
        check_action_access(self, "read", _("confirm this call"))
        if self.resource_type != "crew" or self.user_id != self.env.user:
            raise AccessError(
                _("Only the person booked confirms their call (booking %s).", self.display_name)
            )
        recipient = self.env["media.call.sheet.recipient"].search(
            [("day_id", "=", self.day_id.id), ("crew_member_id", "=", self.crew_member_id.id)]
        )
        if not recipient.revision_id or recipient.state == "released":
            raise UserError(
                _(
                    "The call sheet of %s has not been sent to you yet: there is no call to "
                    "confirm.",
                    self.day_id.display_name,
                )
            )
        recipient._confirm()
        return True

    def action_open_day(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the day of this booking"))
        return {
            "type": "ir.actions.act_window",
            "res_model": "media.production.day",
            "res_id": self.day_id.id,
            "view_mode": "form",
        }
