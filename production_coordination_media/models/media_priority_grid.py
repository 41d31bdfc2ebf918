# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The availability grid: crew and equipment × days for a period, per department, each cell
booked / held / unavailable / off part of the day / free (a booking in conflict marked), with
utilisation per person and per department.

One RPC (`get_grid`) in a constant number of queries whatever the number of people and days:
the crew (1, with their departments and roles prefetched: 2), the equipment (1 + 1), the
bookings per resource and date (1), the unavailable dates (1), the departments (1)."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .media_booking import live_production

MAX_GRID_DAYS = 62
MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
# Cell states, strongest first: a person booked (confirmed) that day, only pencilled, unavailable
# the whole day, unavailable part of the day (still bookable around it), free.
BOOKED, HELD, UNAVAILABLE, PARTIAL, FREE = "booked", "held", "unavailable", "partial", "free"


class MediaAvailabilityGrid(models.AbstractModel):
    _name = "media.availability.grid"
    _description = "Crew and Equipment Availability Grid"

    @api.model
    @api.readonly
    def get_grid(self, date_from, date_to, department_id=False):
        """Crew and bookable equipment of the user's companies (and shared ones) × the dates from
        `date_from` to `date_to` (``YYYY-MM-DD``, at most 62 days), optionally of one
        department. For media coordinators (AccessError otherwise); UserError naming the value
        for a date that is not one, a period backwards or too long, an unknown department.

        :return: {"dates": [...], "date_from", "date_to", "department_id",
            "departments": [{"id", "name"}] (all, for the filter),
            "groups": [{"key", "name", "kind": "crew"|"equipment", "utilisation",
                        "rows": [{"id", "name", "role", "cells": [state, ...],
                                  "conflicts": [index of a date, ...],
                                  "booked", "held", "unavailable", "partial",
                                  "utilisation"}]}],
            "utilisation"}; a state is booked, held, unavailable (the whole day), partial
            (unavailable part of the day, free otherwise) or free; `conflicts` are the dates
            (indexes in `dates`) where a booking of the row is in conflict. Utilisation: days
            booked (confirmed) over the days not wholly unavailable, in percent.
        """
        if not self.env.user.has_group(MEDIA_COORDINATOR):
            raise AccessError(self.env._("Only media coordinators see the availability grid."))
        start = self._read_date(date_from, "date_from")
        end = self._read_date(date_to, "date_to")
        if end < start or (end - start).days >= MAX_GRID_DAYS:
            raise UserError(
                self.env._(
                    "The period must end on or after its start, at most %(max)s days: "
                    "%(start)s – %(end)s.",
                    max=MAX_GRID_DAYS,
                    start=start,
                    end=end,
                )
            )
        Department = self.env["media.department"]
        if department_id not in (False, None):
            if not isinstance(department_id, int) or isinstance(department_id, bool):
                raise UserError(self.env._("Unknown department: %r.", department_id))
            if not Department.search([("id", "=", department_id)]):
                raise UserError(self.env._("Unknown department: %s.", department_id))
        dates = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        companies = [False, *self.env.companies.ids]
        crew_domain = [("company_id", "in", companies)]
        equipment_domain = [
            ("coordination_is_bookable", "=", True),
            ("company_id", "in", companies),
        ]
        if department_id:
            crew_domain.append(("department_id", "=", department_id))
            equipment_domain.append(("coordination_department_id", "=", department_id))
        crew = self.env["media.crew.member"].search(crew_domain)
        equipment = self.env["maintenance.equipment"].search(equipment_domain)
        booked = self._booked_days(crew.ids, equipment.ids, start, end)
        unavailable = self._unavailable_days(crew.ids, start, end)
        departments = Department.search([])
        groups = {}
        for kind, records in (("crew", crew), ("equipment", equipment)):
            for record in records:
                if kind == "crew":
                    department = record.department_id
                    role = record.role_id.name or ""
                else:
                    department = record.coordination_department_id
                    role = record.category_id.name or ""
                key = f"{kind}-{department.id or 0}"
                if key not in groups:
                    groups[key] = {
                        "key": key,
                        "kind": kind,
                        "name": department.name
                        or (
                            self.env._("Other crew")
                            if kind == "crew"
                            else self.env._("Other equipment")
                        ),
                        "sequence": (
                            kind == "equipment",
                            department.sequence or 0,
                            department.id or 0,
                        ),
                        "rows": [],
                    }
                groups[key]["rows"].append(
                    self._row(kind, record, role, dates, booked, unavailable)
                )
        ordered = sorted(groups.values(), key=lambda group: group["sequence"])
        for group in ordered:
            del group["sequence"]
            group["utilisation"] = self._utilisation(group["rows"])
        return {
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end),
            "department_id": department_id or False,
            "dates": [fields.Date.to_string(date) for date in dates],
            "departments": [{"id": d.id, "name": d.name} for d in departments],
            "groups": ordered,
            "utilisation": self._utilisation([row for g in ordered for row in g["rows"]]),
        }

    @api.model
    def _read_date(self, value, name):
        try:
            date = fields.Date.to_date(value) if isinstance(value, str) else None
        except (TypeError, ValueError):
            date = None
        if not date:
            raise UserError(
                self.env._(
                    "%(field)s is not a date (YYYY-MM-DD): %(value)r.", field=name, value=value
                )
            )
        return date

    @api.model
    def _row(self, kind, record, role, dates, booked, unavailable):
        cells, conflicts, counts = [], [], defaultdict(int)
        for index, date in enumerate(dates):
            state, in_conflict = booked.get((kind, record.id, date), (None, False))
            if not state:
                state = (unavailable.get((record.id, date)) if kind == "crew" else None) or FREE
            cells.append(state)
            counts[state] += 1
            if in_conflict:
                conflicts.append(index)
        row = {
            "id": record.id,
            "name": record.display_name if kind == "equipment" else record.name,
            "role": role,
            "cells": cells,
            "conflicts": conflicts,
            "booked": counts[BOOKED],
            "held": counts[HELD],
            "unavailable": counts[UNAVAILABLE],
            "partial": counts[PARTIAL],
            "days": len(dates),
        }
        row["utilisation"] = self._utilisation([row])
        return row

    @api.model
    def _utilisation(self, rows):
        available = sum(row["days"] - row["unavailable"] for row in rows)
        booked = sum(row["booked"] for row in rows)
        return round(100.0 * booked / available) if available else 0

    @api.model
    def _booked_days(self, crew_ids, equipment_ids, start, end):
        """{(kind, id, date): (booked|held, in conflict)}: confirmed bookings win over pencils;
        in conflict when one of that day's bookings is (one query)."""
        if not crew_ids and not equipment_ids:
            return {}
        Booking = self.env["media.booking"]
        Booking._flush_conflict_fields()
        Booking.flush_model(["hold_state", "conflict_count"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT b.crew_member_id, b.equipment_id, b.date,
                       BOOL_OR(b.hold_state = 'confirmed'), BOOL_OR(b.conflict_count > 0)
                  FROM media_booking b
                  JOIN media_production_day d ON d.id = b.day_id
                  JOIN project_project p ON p.id = d.project_id
                 WHERE (b.crew_member_id = ANY(%(crew)s) OR b.equipment_id = ANY(%(equipment)s))
                   AND b.date BETWEEN %(start)s AND %(end)s
                   AND d.state != 'cancelled'
                   AND %(live)s
                 GROUP BY b.crew_member_id, b.equipment_id, b.date
                """,
                crew=crew_ids,
                equipment=equipment_ids,
                start=start,
                end=end,
                live=live_production("p"),
            )
        )
        result = {}
        for crew_id, equipment_id, date, confirmed, in_conflict in rows:
            key = ("crew", crew_id, date) if crew_id else ("equipment", equipment_id, date)
            result[key] = (BOOKED if confirmed else HELD, in_conflict)
        return result

    @api.model
    def _unavailable_days(self, crew_ids, start, end):
        """{(crew member id, date): unavailable (the whole date) or partial (part of it)}
        (one query)."""
        if not crew_ids:
            return {}
        self.env["media.crew.unavailability"].flush_model(
            ["crew_member_id", "date_from", "date_to", "hour_from", "hour_to"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT u.crew_member_id, g.day::date,
                       BOOL_OR(u.hour_from <= 0 AND u.hour_to >= 24)
                  FROM media_crew_unavailability u,
                       generate_series(GREATEST(u.date_from, %(start)s::date),
                                       LEAST(u.date_to, %(end)s::date),
                                       INTERVAL '1 day') AS g(day)
                 WHERE u.crew_member_id = ANY(%(crew)s)
                   AND u.date_to >= %(start)s AND u.date_from <= %(end)s
                 GROUP BY u.crew_member_id, g.day
                """,
                crew=crew_ids,
                start=start,
                end=end,
            )
        )
        return {(crew_id, date): UNAVAILABLE if whole else PARTIAL for crew_id, date, whole in rows}
