# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Holds (pencils) on bookings and who keeps a contested person or equipment.

A pencilled booking is not on a published call sheet. Among the bookings of one person or piece
of equipment at overlapping times, confirmed ones come first, then the pencils in the order they
were placed: `hold_rank` 1 = first hold. When two productions contest a resource, the conflict
says which one keeps it (confirmed before pencil, a first hold before a second; between two
confirmed bookings, the production of better priority rank) and proposes alternatives free at
that time: crew of the same role or department, equipment of the same category. A crew call
less than the company's minimum rest after the same person's previous wrap (on an earlier date)
is a turnaround conflict.

Each check is one query for any number of bookings (`_get_hold_ranks`, `_get_turnarounds`,
`_get_alternatives`)."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .media_booking import MediaBooking as BaseMediaBooking
from .media_booking import live_production

HOLD_STATES = [("hold", "Pencil"), ("confirmed", "Confirmed")]
# Alternatives proposed in a conflict's text (the swap wizard lists them all).
MAX_ALTERNATIVES_WORDED = 3


class MediaBooking(models.Model):
    _inherit = "media.booking"  # pylint: disable=consider-merging-classes-inherited

    hold_state = fields.Selection(
        HOLD_STATES,
        string="Hold",
        required=True,
        default="confirmed",
        index=True,
        help="Pencil: the person or equipment is held, not confirmed (not on the published "
        "call sheet). Confirmed: booked.",
    )
    hold_rank = fields.Integer(
        compute="_compute_hold_rank",
        store=True,
        help="1 = first hold, 2 = second hold... among the bookings of the same person or "
        "equipment at overlapping times (in live productions, days not cancelled): confirmed "
        "ones first, then the pencils in the order they were placed; 0 when confirmed.",
    )

    @api.depends(
        "hold_state",
        "date_call",
        "date_wrap",
        "crew_member_id",
        "equipment_id",
        "day_id.state",
        "project_id.active",
        "project_id.coordination_phase",
    )
    def _compute_hold_rank(self):
        holds = self.filtered(lambda b: b.hold_state == "hold")
        ranks = self._get_hold_ranks([b.id for b in holds._origin if b.id])
        for booking in self:
            booking.hold_rank = (
                ranks.get(booking._origin.id, 1) if booking.hold_state == "hold" else 0
            )

    @api.model
    def _flush_conflict_fields(self):
        res = super()._flush_conflict_fields()
        self.env["media.booking"].flush_model(["hold_state", "role_id", "department_id"])
        self.env["res.company"].flush_model(["coordination_media_min_rest_hours"])
        return res

    @api.model
    def _get_hold_ranks(self, ids):
        """{booking id: hold rank} of these pencils: 1 + the confirmed bookings and the
        earlier pencils of the same resource at overlapping times (one query)."""
        if not ids:
            return {}
        self._flush_conflict_fields()
        return dict(
            self.env.execute_query(
                SQL(
                    """
                    SELECT a.id, 1 + COUNT(DISTINCT b.id)
                      FROM media_booking a
                      LEFT JOIN (media_booking b
                                 JOIN media_production_day b_day ON b_day.id = b.day_id
                                 JOIN project_project b_project ON b_project.id = b_day.project_id)
                        ON b.id != a.id
                       AND (b.crew_member_id = a.crew_member_id OR b.equipment_id = a.equipment_id)
                       AND tsrange(b.date_call, b.date_wrap) && tsrange(a.date_call, a.date_wrap)
                       AND b_day.state != 'cancelled'
                       AND %(b_live)s
                       AND (b.hold_state = 'confirmed' OR b.id < a.id)
                     WHERE a.id = ANY(%(ids)s)
                     GROUP BY a.id
                    """,
                    ids=ids,
                    b_live=live_production("b_project"),
                )
            )
        )

    @api.model
    def _get_turnarounds(self, ids):
        """[(booking id, previous booking id, rest hours)]: a crew call less than the company's
        minimum rest after the same person's wrap on an earlier date."""
        return self.env.execute_query(
            SQL(
                """
                SELECT a.id, b.id, EXTRACT(EPOCH FROM a.date_call - b.date_wrap) / 3600.0
                  FROM media_booking a
                  JOIN media_production_day a_day ON a_day.id = a.day_id
                  JOIN project_project a_project ON a_project.id = a_day.project_id
                  JOIN res_company c ON c.id = a.company_id
                  JOIN media_booking b
                    ON b.crew_member_id = a.crew_member_id
                   AND b.id != a.id
                   AND b.date < a.date
                   AND b.date_wrap <= a.date_call
                   AND b.date_wrap > a.date_call
                       - COALESCE(c.coordination_media_min_rest_hours, 0) * INTERVAL '1 hour'
                  JOIN media_production_day b_day ON b_day.id = b.day_id
                  JOIN project_project b_project ON b_project.id = b_day.project_id
                 WHERE a.id = ANY(%(ids)s)
                   AND a.crew_member_id IS NOT NULL
                   AND a_day.state != 'cancelled'
                   AND b_day.state != 'cancelled'
                   AND %(a_live)s
                   AND %(b_live)s
                 ORDER BY b.date_wrap DESC, b.id
                """,
                ids=ids,
                a_live=live_production("a_project"),
                b_live=live_production("b_project"),
            )
        )

    @api.model
    def _get_alternatives(self, ids):
        """{booking id: [(model name, record id)]}: the crew members of the same role or
        department, and the bookable equipment of the same category (else department), of the
        booking's company (or shared), free during its times: no booking then in a live
        production, not unavailable that date, not under maintenance. Two queries (crew,
        equipment) for any number of bookings; best matches (same role) first, then by name."""
        if not ids:
            return {}
        self._flush_conflict_fields()
        self.env["media.crew.member"].flush_model(["active", "role_id", "department_id", "name"])
        self.env["maintenance.equipment"].flush_model(
            ["active", "category_id", "coordination_is_bookable", "coordination_department_id"]
        )
        busy = SQL(
            """
            NOT EXISTS (
                SELECT 1 FROM media_booking o
                  JOIN media_production_day o_day ON o_day.id = o.day_id
                  JOIN project_project o_project ON o_project.id = o_day.project_id
                 WHERE o.%(column)s = %(resource)s
                   AND tsrange(o.date_call, o.date_wrap) && tsrange(a.date_call, a.date_wrap)
                   AND o_day.state != 'cancelled'
                   AND %(o_live)s)
            """,
            column=SQL.identifier("crew_member_id"),
            resource=SQL("m.id"),
            o_live=live_production("o_project"),
        )
        crew = self.env.execute_query(
            SQL(
                """
                SELECT a.id, m.id
                  FROM media_booking a
                  JOIN media_crew_member m
                    ON m.active
                   AND m.id != a.crew_member_id
                   AND (m.company_id IS NULL OR m.company_id = a.company_id)
                   AND (m.role_id = a.role_id
                        OR m.department_id = a.department_id
                        OR EXISTS (SELECT 1 FROM media_crew_member_media_role_rel r
                                    WHERE r.media_crew_member_id = m.id
                                      AND r.media_role_id = a.role_id))
                 WHERE a.id = ANY(%(ids)s)
                   AND a.crew_member_id IS NOT NULL
                   AND %(free)s
                   AND NOT EXISTS (
                       SELECT 1 FROM media_crew_unavailability u
                        WHERE u.crew_member_id = m.id AND a.date BETWEEN u.date_from AND u.date_to)
                 ORDER BY a.id, (m.role_id IS NOT DISTINCT FROM a.role_id) DESC, m.name, m.id
                """,
                ids=ids,
                free=busy,
            )
        )
        equipment_free = SQL(
            """
            NOT EXISTS (
                SELECT 1 FROM media_booking o
                  JOIN media_production_day o_day ON o_day.id = o.day_id
                  JOIN project_project o_project ON o_project.id = o_day.project_id
                 WHERE o.equipment_id = e.id
                   AND tsrange(o.date_call, o.date_wrap) && tsrange(a.date_call, a.date_wrap)
                   AND o_day.state != 'cancelled'
                   AND %(o_live)s)
            AND NOT EXISTS (
                SELECT 1 FROM maintenance_request r
                  LEFT JOIN maintenance_stage s ON s.id = r.stage_id
                 WHERE r.equipment_id = e.id
                   AND NOT COALESCE(r.archive, FALSE)
                   AND NOT COALESCE(s.done, FALSE)
                   AND tsrange(a.date_call, a.date_wrap) && %(out_of_service)s)
            """,
            o_live=live_production("o_project"),
            out_of_service=self._maintenance_range_sql("r"),
        )
        equipment = self.env.execute_query(
            SQL(
                """
                SELECT a.id, e.id
                  FROM media_booking a
                  JOIN maintenance_equipment cur ON cur.id = a.equipment_id
                  JOIN maintenance_equipment e
                    ON e.active
                   AND e.coordination_is_bookable
                   AND e.id != cur.id
                   AND (e.company_id IS NULL OR e.company_id = a.company_id)
                   AND (CASE WHEN cur.category_id IS NOT NULL THEN e.category_id = cur.category_id
                             ELSE e.coordination_department_id = cur.coordination_department_id
                        END)
                 WHERE a.id = ANY(%(ids)s)
                   AND %(free)s
                 ORDER BY a.id, e.name, e.id
                """,
                ids=ids,
                free=equipment_free,
            )
        )
        result = defaultdict(list)
        for booking_id, member_id in crew:
            result[booking_id].append(("media.crew.member", member_id))
        for booking_id, equipment_id in equipment:
            result[booking_id].append(("maintenance.equipment", equipment_id))
        return result

    # Wording ====================================================================================

    def _priority_key(self):
        """Who keeps a contested resource: confirmed before pencil; among pencils the first
        placed; among confirmed bookings the production of better rank (0 = unranked last)."""
        self.ensure_one()
        if self.hold_state == "hold":
            return (1, 0, self.id)
        rank = self.project_id.coordination_priority_rank or 10**9
        return (0, rank, self.id)

    def _priority_reason(self, other):
        """Why ``self`` keeps the resource before ``other`` (both read as superuser)."""
        _ = self.env._
        if self.hold_state == "confirmed" and other.hold_state == "hold":
            return _("confirmed")
        if self.hold_state == "hold":
            return _("pencilled first")
        rank = self.project_id.coordination_priority_rank
        return _("priority rank %s", rank) if rank else _("booked first")

    @api.model
    def _word_conflicts(self, ids, overlaps, unavailable, maintenance):
        result = super()._word_conflicts(ids, overlaps, unavailable, maintenance)
        # sudo: the other booking may be in a production the user cannot read; only its
        # production's name (same company) and hold are worded.
        bookings = self.browse(ids).sudo()
        by_id = {booking.id: booking for booking in bookings}
        others = {rec.id: rec for rec in self.browse({o for _b, o in overlaps}).sudo()}
        position = defaultdict(int)
        for booking_id, other_id in overlaps:
            booking, other = by_id[booking_id], others[other_id]
            winner, loser = sorted((booking, other), key=lambda b: b._priority_key())
            if winner.company_id != booking.company_id:
                note = self.env._("another company keeps it (%s)", winner._priority_reason(loser))
            else:
                note = self.env._(
                    "%(production)s keeps it (%(why)s)",
                    production=winner.project_id.name,
                    why=winner._priority_reason(loser),
                )
            lines = result[booking_id]
            index = position[booking_id]
            lines[index] = f"{lines[index]}: {note}"
            position[booking_id] += 1
        for booking_id, previous_id, hours in self._get_turnarounds(ids):
            # sudo: the person's previous call may be in a production (or company) the user
            # cannot read; only its day's name, or "another company", is worded.
            previous = self.browse(previous_id).sudo()
            booking = by_id[booking_id]
            minimum = booking.company_id.coordination_media_min_rest_hours
            if previous.company_id == booking.company_id:
                where = previous.day_id.display_name
            else:
                where = self.env._("another company")
            rest, least = format(float(hours), ".1f"), format(minimum, "g")
            result[booking_id].append(
                self.env._(
                    "turnaround: %(rest)s h rest after the wrap on %(day)s (minimum %(min)s h)",
                    rest=rest,
                    day=where,
                    min=least,
                )
            )
        # The alternatives free at that time, after the booking's last overlap (not a conflict
        # of their own: the count stays the number of clashes).
        last_line = {booking_id: position[booking_id] - 1 for booking_id in position}
        alternatives = self._get_alternatives(sorted(last_line))
        for booking_id, index in last_line.items():
            found = alternatives.get(booking_id, [])
            # sudo: free crew and equipment of the company, named only; crew users may not
            # read other people's crew records.
            names = [
                self.env[model].browse(rec_id).sudo().display_name
                for model, rec_id in found[:MAX_ALTERNATIVES_WORDED]
            ]
            if names:
                more = len(found) - len(names)
                text = ", ".join(names) + (self.env._(" and %s more", more) if more > 0 else "")
                lines = result[booking_id]
                lines[index] = self.env._(
                    "%(line)s; free instead: %(names)s", line=lines[index], names=text
                )
        return result

    def _get_blocking_conflicts(self):
        """{booking id: [conflict, ...]} of these bookings, leaving out the overlaps with
        pencils (a confirmed booking keeps the resource): what holds a day back from
        publishing. The same queries as the stored conflicts."""
        ids = [booking_id for booking_id in self._origin.ids if booking_id]
        if not ids:
            return {}
        self._flush_conflict_fields()
        overlaps = self._get_overlaps(ids)
        # sudo: the other booking may be in a production the user cannot read.
        pencils = set(
            self.browse({other for _b, other in overlaps})
            .sudo()
            .filtered(lambda b: b.hold_state == "hold")
            .ids
        )
        return self._word_conflicts(
            ids,
            [(b, other) for b, other in overlaps if other not in pencils],
            self._get_unavailabilities(ids),
            self._get_maintenances(ids),
        )

    # Neighbours and ORM =========================================================================

    def _conflict_neighbors(self):
        """Also the same person's bookings within the minimum rest before or after (a change
        moves their turnaround)."""
        neighbors = super()._conflict_neighbors()
        crew = self.filtered(lambda b: b.crew_member_id and b.date_call and b.date_wrap)
        if not crew:
            return neighbors
        # sudo: the rest hours are a company setting every booking's change must honour,
        # and the neighbours found are only recomputed, never shown.
        rest = timedelta(
            hours=max(crew.sudo().company_id.mapped("coordination_media_min_rest_hours") or [0])
        )
        if not rest:
            return neighbors
        return neighbors | self.sudo().with_context(active_test=False).search(
            [
                ("id", "not in", self.ids),
                ("crew_member_id", "in", crew.crew_member_id.ids),
                ("date_wrap", ">=", min(crew.mapped("date_call")) - rest),
                ("date_call", "<=", max(crew.mapped("date_wrap")) + rest),
            ]
        )

    def write(self, vals):
        if "hold_state" not in vals or vals.keys() & {
            "day_id",
            "resource_type",
            "crew_member_id",
            "equipment_id",
            "date_call",
            "date_wrap",
        }:
            return super().write(vals)
        # A pencil confirmed (or back to pencil) moves the holds and the conflict texts of the
        # same resource's other bookings at that time.
        self._lock_resources()
        res = super().write(vals)
        self._conflict_neighbors().modified(["date_call"])
        return res

    # Part-day unavailability ====================================================================

    @api.model
    def _word_unavailability(self, period):
        sentence = super()._word_unavailability(period)
        hours = period._hours_label()
        return f"{sentence} ({hours})" if hours else sentence

    @api.depends(
        *BaseMediaBooking._compute_conflicts._depends,
        "hold_state",
        "crew_member_id.unavailability_ids.hour_from",
        "crew_member_id.unavailability_ids.hour_to",
    )
    def _compute_conflicts(self):
        return super()._compute_conflicts()

    @api.depends(
        *BaseMediaBooking._compute_conflict_description._depends,
        "hold_state",
        "crew_member_id.unavailability_ids.hour_from",
        "crew_member_id.unavailability_ids.hour_to",
    )
    def _compute_conflict_description(self):
        return super()._compute_conflict_description()
