# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""Who is free before booking, with the turnaround: a person whose wrap on an earlier date, or
whose call on a later date, is closer to the asked times than the company's minimum rest
would get a turnaround conflict if booked (as the stored conflicts count it, in both
directions: the later booking is the one in conflict). One more query."""

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.production_coordination.models.coordination_format import format_number

from .media_booking import live_production


class MediaBooking(models.Model):
    _inherit = "media.booking"

    @api.model
    @api.readonly
    def get_availability(self, day_id, date_call, date_wrap):
        result = super().get_availability(day_id, date_call, date_wrap)
        # Checked by super (a production day the user may book on): read from its cache.
        day = self.env["media.production.day"].browse(day_id)
        crew_ids = [row["id"] for row in result["crew"]]
        if not crew_ids:
            return result
        call = self._read_availability_time(date_call, "date_call")
        wrap = self._read_availability_time(date_wrap, "date_wrap")
        found = self._get_availability_turnarounds(day, crew_ids, call, wrap)
        if not found:
            return result
        rows = {row["id"]: row for row in result["crew"]}
        # sudo: the other bookings may be in productions the user cannot read; only their
        # day's name (same company) or "another company" is worded.
        others = {b.id: b for b in self.browse([f[1] for f in found]).sudo()}
        for crew_id, booking_id, hours, before, minimum in found:
            least = format_number(self.env, minimum, 2, trim=True)
            other = others[booking_id]
            where = (
                other.day_id.display_name
                if other.company_id == day.company_id
                else self.env._("another company")
            )
            rest = format_number(self.env, float(hours), 1)
            if before:
                sentence = self.env._(
                    "turnaround: %(rest)s h rest after the wrap on %(day)s (minimum %(min)s h)",
                    rest=rest,
                    day=where,
                    min=least,
                )
            else:
                sentence = self.env._(
                    "turnaround: %(rest)s h rest before the call on %(day)s (minimum %(min)s h)",
                    rest=rest,
                    day=where,
                    min=least,
                )
            row = rows[crew_id]
            row["conflicts"].append(sentence)
            row["is_free"] = False
        result["crew"] = sorted(
            rows.values(), key=lambda row: (not row["is_free"], row["name"], row["id"])
        )
        return result

    @api.model
    def _get_availability_turnarounds(self, day, crew_ids, call, wrap):
        """[(crew member id, booking id, rest hours, before, minimum)]: the people's bookings on
        an earlier date wrapping less than the day's company's minimum rest before `call`
        (before = True), or on a later date called less than it after `wrap`, in live
        productions (none when the company asks no minimum)."""
        day.company_id.flush_recordset(["coordination_media_min_rest_hours"])
        return self.env.execute_query(
            SQL(
                """
                SELECT b.crew_member_id, b.id,
                       CASE WHEN b.date < %(date)s
                            THEN EXTRACT(EPOCH FROM %(call)s - b.date_wrap)
                            ELSE EXTRACT(EPOCH FROM b.date_call - %(wrap)s) END / 3600.0,
                       b.date < %(date)s, c.coordination_media_min_rest_hours
                  FROM media_booking b
                  JOIN res_company c ON c.id = %(company)s
                  JOIN media_production_day d ON d.id = b.day_id
                  JOIN project_project p ON p.id = d.project_id
                 WHERE b.crew_member_id = ANY(%(crew)s)
                   AND d.state != 'cancelled'
                   AND %(live)s
                   AND ((b.date < %(date)s AND b.date_wrap <= %(call)s
                         AND b.date_wrap > %(call)s - %(rest)s)
                        OR (b.date > %(date)s AND b.date_call >= %(wrap)s
                            AND b.date_call < %(wrap)s + %(rest)s))
                 ORDER BY b.date_call, b.id
                """,
                crew=crew_ids,
                date=day.date,
                call=call,
                wrap=wrap,
                company=day.company_id.id,
                rest=SQL("COALESCE(c.coordination_media_min_rest_hours, 0) * INTERVAL '1 hour'"),
                live=live_production("p"),
            )
        )
