# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Each vendor's on-time rate over the last 12 months, by quantity, written in one UPDATE of the
# vendors whose rate changed (see `_coordination_refresh_on_time_rates`).
ON_TIME_RATE_UPDATE = """
    WITH due AS (
        SELECT partner.commercial_partner_id AS vendor_id, pol.id, pol.product_qty,
               pol.product_uom, pt.uom_id,
               COALESCE(pol.coordination_date_promised, pol.date_planned) AS promised
          FROM purchase_order_line pol
          JOIN purchase_order po ON po.id = pol.order_id
          JOIN res_partner partner ON partner.id = po.partner_id
          JOIN product_product pp ON pp.id = pol.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE po.state IN ('purchase', 'done') AND pt.type != 'service'
           AND pol.display_type IS NULL
           AND COALESCE(pol.coordination_date_promised, pol.date_planned)
               BETWEEN %(start)s AND %(now)s
    ), rates AS (
        SELECT due.vendor_id,
               SUM(due.product_qty / lu.factor * pu.factor) AS qty_due,
               SUM(COALESCE(received.qty, 0)) AS qty_on_time
          FROM due
          JOIN uom_uom lu ON lu.id = due.product_uom
          JOIN uom_uom pu ON pu.id = due.uom_id
          LEFT JOIN LATERAL (
                SELECT SUM(m.product_qty) AS qty
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                 WHERE m.purchase_line_id = due.id AND m.state = 'done'
                   AND src.usage = 'supplier'
                   AND m.date::date <= due.promised::date
               ) received ON TRUE
         GROUP BY due.vendor_id
    ), target AS (
        SELECT p.id,
               CASE WHEN r.qty_due > 0
                    THEN ROUND(
                        (LEAST(r.qty_on_time, r.qty_due) / r.qty_due * 100)::numeric, 1)
               END AS rate,
               COALESCE(r.qty_due, 0) AS qty_due
          FROM res_partner p
          LEFT JOIN rates r ON r.vendor_id = p.id
         WHERE r.vendor_id IS NOT NULL OR p.coordination_on_time_qty_due != 0
    )
    UPDATE res_partner p
       SET coordination_on_time_rate = target.rate,
           coordination_on_time_qty_due = target.qty_due
      FROM target
     WHERE p.id = target.id
       AND (p.coordination_on_time_rate IS DISTINCT FROM target.rate
            OR p.coordination_on_time_qty_due IS DISTINCT FROM target.qty_due)
 RETURNING p.id
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    coordination_is_priority_customer = fields.Boolean(
        "Priority Customer",
        help="Manufacturing orders for this customer get the customer-request part of the "
        "priority score.",
    )

    # Written in SQL by `_coordination_refresh_on_time_rates` (no tracking, no write(), nothing
    # computed from them).
    coordination_on_time_rate = fields.Float(
        "On-Time Delivery (12 months, %)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        copy=False,
        index=True,
        help="Of the quantities this vendor had to deliver in the last 12 months (by the date "
        "promised when the order was confirmed), the share received by that date. Refreshed by "
        "the shortage scan's scheduled action.",
    )
    coordination_on_time_qty_due = fields.Float(
        "Quantity Due (12 months)",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="The quantity the on-time rate is computed on (0: no data).",
    )

    @api.model
    def _coordination_refresh_on_time_rates(self):
        """Store each vendor's on-time delivery rate over the last 12 months, by quantity: of the
        quantities due (confirmed purchase lines whose promised date fell in the period), the
        part received by that date. One query, one UPDATE of the vendors whose rate changed
        (ON_TIME_RATE_UPDATE). Returns the ids of the vendors updated."""
        self.env.flush_all()
        now = fields.Datetime.now()
        self.env.cr.execute(SQL(ON_TIME_RATE_UPDATE, start=now - timedelta(days=365), now=now))
        updated = [row[0] for row in self.env.cr.fetchall()]
        self.browse(updated).invalidate_recordset(
            ["coordination_on_time_rate", "coordination_on_time_qty_due"]
        )
        return updated
