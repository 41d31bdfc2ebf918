# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load chart: each work center and week of `coordination.workcenter.load` twice, once with
its planned hours and once with its available hours, so that Odoo's graph view (one measure at
a time) draws capacity beside planned work, grouped by the series."""

from odoo import fields, models, tools
from odoo.tools import SQL


class CoordinationWorkcenterLoadChart(models.Model):
    _name = "coordination.workcenter.load.chart"
    _description = "Work Center Load Chart"
    _auto = False
    _check_company_auto = True
    _order = "date_week, department_id, workcenter_id, series"

    load_id = fields.Many2one("coordination.workcenter.load", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    workcenter_id = fields.Many2one("mrp.workcenter", readonly=True)
    department_id = fields.Many2one("coordination.department", readonly=True)
    date_week = fields.Date("Week", readonly=True)
    series = fields.Selection([("planned", "Planned"), ("available", "Available")], readonly=True)
    hours = fields.Float(digits=(16, 1), readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT l.id * 2 AS id, l.id AS load_id, l.company_id, l.workcenter_id,
                           l.department_id, l.date_week, 'planned' AS series,
                           l.planned_hours AS hours
                      FROM coordination_workcenter_load l
                    UNION ALL
                    SELECT l.id * 2 + 1, l.id, l.company_id, l.workcenter_id,
                           l.department_id, l.date_week, 'available', l.available_hours
                      FROM coordination_workcenter_load l
                )
                """,
                SQL.identifier(self._table),
            )
        )
