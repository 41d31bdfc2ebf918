# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How each piece of equipment performed over a period, in a constant number of queries.

Figures of an equipment between two dates (both included), from its bookings on the days of
media productions (days not cancelled, productions not archived: wrapped ones count, they are
the history), its maintenance requests (Odoo Maintenance) and its rentals:

* ``available_days``: the days of the period from its effective date on, minus ``downtime_days``
  (those days under a corrective request: from its request date to its close date, or to the end of
  the period while open; under a preventive request: its scheduled days);
* ``booked_days``: the days it is booked on (from its effective date on);
  ``utilisation`` = booked / available days, in % (at most 100: a day booked while down counts);
* ``failures``: corrective requests dated in the period; ``mtbf`` and ``mttr``: Odoo's own
  figures (days, over the equipment's whole history);
* ``affected_shoot_days``: shoot days of the period where it was booked while down, or checked
  in faulty;
* ``turned_away``: its bookings of the period that clash with a booking that keeps it (a
  confirmed one before a pencil, the earlier of two confirmed bookings or two pencils);
* ``revenue``: its day rate times the days it is billed (one per production and date) and
  ``rental_cost``: what hiring it in costs (its rentals overlapping the period).
"""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
    check_action_group,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

COORDINATOR = "production_coordination_media.group_media_coordinator"
# At most this many days in one period: a typing error must not build a million-day series.
MAX_PERIOD_DAYS = 3660


def check_period(env, date_from, date_to):
    """The period as two dates; a ValidationError naming the problem for anything else."""
    try:
        start = fields.Date.to_date(date_from)
        end = fields.Date.to_date(date_to)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            env._("The period must be two dates (YYYY-MM-DD): %s", error)
        ) from error
    if not start or not end:
        raise ValidationError(env._("The period needs a start and an end date."))
    if end < start:
        raise ValidationError(
            env._("The period ends (%(end)s) before it starts (%(start)s).", start=start, end=end)
        )
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise ValidationError(env._("The period is limited to %s days.", MAX_PERIOD_DAYS))
    return start, end


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"  # pylint: disable=consider-merging-classes-inherited

    def _coordination_get_performance(self, date_from, date_to):
        """{equipment id: figures} of these equipment between `date_from` and `date_to` (see
        the module docstring); the same number of queries for any number of equipment."""
        start, end = check_period(self.env, date_from, date_to)
        result = {}
        if not self:
            return result
        self.env["media.booking"].flush_model()
        self.env["maintenance.request"].flush_model()
        self.env["media.rental"].flush_model()
        self.env["media.production.day"].flush_model(["state", "date", "day_type", "project_id"])
        self.env["project.project"].flush_model(["active"])
        args = {"ids": self.ids, "start": start, "end": end}
        bookings = self._coordination_performance_bookings(args)
        downtime = self._coordination_performance_downtime(args)
        rentals = dict(self._coordination_performance_rentals(args))
        # Odoo's MTBF and MTTR, computed for the whole recordset at once (prefetching).
        # sudo: the day rate is for equipment managers; the caller checked the role.
        for equipment in self.sudo():
            booked_days, billed_days, turned_away = bookings.get(equipment.id, (0, 0, 0))
            failures, downtime_days, affected = downtime.get(equipment.id, (0, 0, 0))
            first = max(start, equipment.effective_date or start)
            period_days = max((end - first).days + 1, 0)
            available = max(period_days - downtime_days, 0)
            result[equipment.id] = {
                "period_days": period_days,
                "available_days": available,
                "downtime_days": downtime_days,
                "booked_days": booked_days,
                "utilisation": min(round(100.0 * booked_days / available, 1), 100.0)
                if available
                else 0.0,
                "failures": failures,
                "mtbf": equipment.mtbf,
                "mttr": equipment.mttr,
                "affected_shoot_days": affected,
                "turned_away": turned_away,
                "billed_days": billed_days,
                "revenue": billed_days * equipment.coordination_day_rate,
                "rental_cost": rentals.get(equipment.id, 0.0),
            }
        return result

    @api.model
    def _coordination_performance_bookings(self, args):
        """{equipment id: (booked days, billed days, bookings turned away)} (one query)."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT b.equipment_id,
                       COUNT(DISTINCT b.date) FILTER (WHERE b.date >= e.effective_date),
                       COUNT(DISTINCT (b.date, b.project_id)),
                       COUNT(DISTINCT b.id) FILTER (WHERE EXISTS (
                           SELECT 1
                             FROM media_booking o
                             JOIN media_production_day od ON od.id = o.day_id
                             JOIN project_project op ON op.id = od.project_id
                            WHERE o.equipment_id = b.equipment_id
                              AND o.id != b.id
                              AND od.state != 'cancelled'
                              AND op.active
                              AND tsrange(o.date_call, o.date_wrap)
                                  && tsrange(b.date_call, b.date_wrap)
                              AND (o.hold_state = 'confirmed' AND b.hold_state = 'hold'
                                   OR o.hold_state = b.hold_state AND o.id < b.id)))
                  FROM media_booking b
                  JOIN maintenance_equipment e ON e.id = b.equipment_id
                  JOIN media_production_day d ON d.id = b.day_id
                  JOIN project_project p ON p.id = d.project_id
                 WHERE b.equipment_id = ANY(%(ids)s)
                   AND b.date BETWEEN %(start)s AND %(end)s
                   AND d.state != 'cancelled'
                   AND p.active
                 GROUP BY b.equipment_id
                """,
                **args,
            )
        )
        return {row[0]: row[1:] for row in rows}

    @api.model
    def _coordination_downtime_sql(self, alias, end):
        """SQL: the days (a daterange) the maintenance request `alias` kept its equipment
        down, up to `end` (included) while it is open."""
        return SQL(
            """(CASE WHEN %(r)s.maintenance_type = 'preventive' THEN daterange(
                    COALESCE(%(r)s.schedule_date::date, %(r)s.request_date),
                    COALESCE(%(r)s.schedule_date::date, %(r)s.request_date)
                    + GREATEST(CEIL(LEAST(COALESCE(%(r)s.duration, 0), 87840) / 24.0)::int, 1))
                ELSE daterange(%(r)s.request_date,
                               GREATEST(COALESCE(%(r)s.close_date, %(end)s + 1),
                                        %(r)s.request_date + 1))
            END)""",
            r=SQL.identifier(alias),
            end=end,
        )

    @api.model
    def _coordination_performance_downtime(self, args):
        """{equipment id: (failures, downtime days, shoot days affected)} (one query)."""
        downtime = self._coordination_downtime_sql("r", args["end"])
        rows = self.env.execute_query(
            SQL(
                """
                WITH requests AS (
                    SELECT r.id, r.equipment_id, r.maintenance_type, r.request_date,
                           %(downtime)s * daterange(
                               LEAST(GREATEST(%(start)s, e.effective_date), %(end)s + 1),
                               %(end)s + 1
                           ) AS down
                      FROM maintenance_request r
                      JOIN maintenance_equipment e ON e.id = r.equipment_id
                     WHERE r.equipment_id = ANY(%(ids)s)
                       AND NOT COALESCE(r.archive, FALSE)
                       AND r.request_date IS NOT NULL
                ),
                failures AS (
                    SELECT equipment_id, COUNT(*) AS n
                      FROM requests
                     WHERE maintenance_type = 'corrective'
                       AND request_date BETWEEN %(start)s AND %(end)s
                     GROUP BY equipment_id
                ),
                down_days AS (
                    SELECT q.equipment_id, COUNT(DISTINCT day) AS n
                      FROM requests q,
                           generate_series(lower(q.down), upper(q.down) - 1, INTERVAL '1 day') day
                     WHERE NOT isempty(q.down)
                     GROUP BY q.equipment_id
                ),
                affected AS (
                    SELECT b.equipment_id, COUNT(DISTINCT d.id) AS n
                      FROM media_booking b
                      JOIN media_production_day d ON d.id = b.day_id
                      JOIN project_project p ON p.id = d.project_id
                     WHERE b.equipment_id = ANY(%(ids)s)
                       AND b.date BETWEEN %(start)s AND %(end)s
                       AND d.state != 'cancelled'
                       AND d.day_type = 'shoot'
                       AND p.active
                       AND (b.maintenance_request_id IS NOT NULL
                            OR EXISTS (SELECT 1 FROM requests q
                                        WHERE q.equipment_id = b.equipment_id
                                          AND q.down @> b.date))
                     GROUP BY b.equipment_id
                )
                SELECT e.id, COALESCE(f.n, 0), COALESCE(dd.n, 0), COALESCE(a.n, 0)
                  FROM unnest(%(ids)s) AS e(id)
                  LEFT JOIN failures f ON f.equipment_id = e.id
                  LEFT JOIN down_days dd ON dd.equipment_id = e.id
                  LEFT JOIN affected a ON a.equipment_id = e.id
                """,
                downtime=downtime,
                **args,
            )
        )
        return {row[0]: row[1:] for row in rows}

    @api.model
    def _coordination_performance_rentals(self, args):
        """[(equipment id, rental cost)]: its rentals overlapping the period (one query)."""
        return self.env.execute_query(
            SQL(
                """
                SELECT r.equipment_id,
                       SUM(COALESCE(l.price_subtotal, r.price_unit * r.quantity, 0))
                  FROM media_rental r
                  LEFT JOIN purchase_order_line l ON l.id = r.purchase_line_id
                 WHERE r.equipment_id = ANY(%(ids)s)
                   AND r.state != 'cancel'
                   AND r.date_pickup <= %(end)s
                   AND r.date_return >= %(start)s
                 GROUP BY r.equipment_id
                """,
                **args,
            )
        )


class MediaEquipmentPerformance(models.TransientModel):
    """The performance of the bookable equipment over a period, one line per equipment."""

    _name = "media.equipment.performance"
    _description = "Equipment Performance"

    date_from = fields.Date(
        "From", required=True, default=lambda self: fields.Date.context_today(self) - timedelta(89)
    )
    date_to = fields.Date("To", required=True, default=fields.Date.context_today)
    equipment_ids = fields.Many2many(
        "maintenance.equipment",
        string="Equipment",
        domain=[("coordination_is_bookable", "=", True)],
        help="Empty: all the bookable equipment of your companies.",
    )
    line_ids = fields.One2many("media.equipment.performance.line", "performance_id")

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for performance in self:
            performance.display_name = _(
                "Equipment Performance, %(start)s – %(end)s",
                start=format_date(self.env, performance.date_from),
                end=format_date(self.env, performance.date_to),
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for performance in self:
            check_period(self.env, performance.date_from, performance.date_to)

    def action_compute(self):
        ensure_one_record(self)
        check_action_group(
            self.env, [COORDINATOR], _("compute equipment performance"), _("media coordinators")
        )
        # sudo: the ids chosen, to refuse by name those the user may not read.
        equipment = self.sudo().equipment_ids.with_env(self.env) or self.env[
            "maintenance.equipment"
        ].search([("coordination_is_bookable", "=", True)])
        check_action_access(equipment, "read", _("compute the performance of this equipment"))
        figures = equipment._coordination_get_performance(self.date_from, self.date_to)
        self.line_ids.unlink()
        self.env["media.equipment.performance.line"].create(
            [
                {"performance_id": self.id, "equipment_id": equipment_id, **values}
                for equipment_id, values in figures.items()
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }


class MediaEquipmentPerformanceLine(models.TransientModel):
    _name = "media.equipment.performance.line"
    _description = "Equipment Performance Line"
    _order = "utilisation desc, id"

    performance_id = fields.Many2one(
        "media.equipment.performance", required=True, ondelete="cascade"
    )
    equipment_id = fields.Many2one("maintenance.equipment", string="Equipment", readonly=True)
    company_id = fields.Many2one(related="equipment_id.company_id")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id", string="Currency")
    period_days = fields.Integer("Days in Period")
    available_days = fields.Integer()
    downtime_days = fields.Integer(help="Days under maintenance.")
    booked_days = fields.Integer()
    utilisation = fields.Float("Utilisation (%)", digits=(16, 1))
    failures = fields.Integer()
    mtbf = fields.Integer("MTBF (days)", help="Odoo's mean time between failures.")
    mttr = fields.Integer("MTTR (days)", help="Odoo's mean time to repair.")
    affected_shoot_days = fields.Integer(
        "Shoot Days Affected", help="Shoot days it was booked on while down, or checked in faulty."
    )
    turned_away = fields.Integer(
        help="Its bookings that clash with a booking that keeps it (a confirmed one before a "
        "pencil, else the earlier one)."
    )
    billed_days = fields.Integer()
    revenue = fields.Monetary("Day-rate Revenue")
    rental_cost = fields.Monetary()

    def _compute_currency_id(self):
        for line in self:
            line.currency_id = line.company_id.currency_id or self.env.company.currency_id
