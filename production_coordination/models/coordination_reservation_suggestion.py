# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reservations to move: stock reserved for a later MO that an earlier MO needs.

The netting (``coordination.material.netting``) gives the stock on hand to the demand in the
order it is needed, as an MRP does; Odoo's reservations are first come, first served (the MO
confirmed first reserves). Where they disagree, the earlier MO is not short for purchasing (the
stock is there) but cannot start until the reservation moves: one suggestion per product,
warehouse and pair of MOs, rebuilt by the priority refresh (`_sync`) for the products of the
MOs it refreshes, in a constant number of queries. The records are written in SQL only (see
coordination_sql.py: no tracking, no create() or write(), nothing computed from their fields).
"""

from odoo import api, fields, models
from odoo.tools import SQL

from .coordination_const import EPSILON, OPEN_MO_STATES
from .coordination_sql import bulk_update, typed_arrays

SUGGESTION_COLUMNS = [
    "product_id",
    "warehouse_id",
    "from_production_id",
    "to_production_id",
    "product_qty",
    "date_need",
    "date_reserved_for",
]


class CoordinationReservationSuggestion(models.Model):
    _name = "coordination.reservation.suggestion"
    _description = "Reservation to Move"
    _order = "date_need, to_production_id, id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", "Component", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, readonly=True, check_company=True
    )
    from_production_id = fields.Many2one(
        "mrp.production",
        "Reserved By",
        required=True,
        readonly=True,
        check_company=True,
        index=True,
        ondelete="cascade",
        help="The later order that holds the reservation: unreserve it there.",
    )
    to_production_id = fields.Many2one(
        "mrp.production",
        "Needed First By",
        required=True,
        readonly=True,
        check_company=True,
        index=True,
        ondelete="cascade",
        help="The earlier order that waits for the component: check its availability once the "
        "other order's reservation is released.",
    )
    product_qty = fields.Float(
        "Quantity", digits="Product Unit of Measure", readonly=True, help="In the product's unit."
    )
    date_need = fields.Datetime("Needed On", readonly=True, help="When the earlier order needs it.")
    date_reserved_for = fields.Datetime(
        "Reserved For", readonly=True, help="When the later order needs it."
    )

    @api.depends("product_id", "product_qty", "from_production_id", "to_production_id")
    def _compute_display_name(self):
        for suggestion in self:
            suggestion.display_name = self.env._(
                "%(qty)s %(uom)s %(product)s: %(giver)s → %(taker)s",
                qty=suggestion.product_qty,
                uom=suggestion.product_uom_id.name or "",
                product=suggestion.product_id.display_name,
                giver=suggestion.from_production_id.name,
                taker=suggestion.to_production_id.name,
            )

    @api.model
    def _sync(self, keys, suggestions, production_ids):
        """Make the stored suggestions of these (product, warehouse) keys, and those that name
        these MOs or an MO no longer open, what ``suggestions`` says (the dicts of
        ``coordination.material.netting._plan_reservation_moves``). Written in SQL, only what
        changed: one read, at most one DELETE, one INSERT and one UPDATE.

        Returns True when anything was written.
        """
        self.flush_model()
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        keys = sorted(keys)
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id, s.product_id, s.warehouse_id, s.from_production_id,
                       s.to_production_id, s.product_qty, s.date_need, s.date_reserved_for
                  FROM coordination_reservation_suggestion s
                  JOIN mrp_production source ON source.id = s.from_production_id
                  JOIN mrp_production target ON target.id = s.to_production_id
                 WHERE (s.product_id, s.warehouse_id) IN (
                            SELECT * FROM unnest(%(products)s::int[], %(warehouses)s::int[]))
                    OR s.from_production_id = ANY(%(productions)s)
                    OR s.to_production_id = ANY(%(productions)s)
                    OR source.state NOT IN %(open)s OR target.state NOT IN %(open)s
                """,
                products=[product for product, _w in keys],
                warehouses=[warehouse for _p, warehouse in keys],
                productions=list(production_ids),
                open=OPEN_MO_STATES,
            )
        )
        # Two refreshes committed side by side may both have inserted a pair: keep one.
        existing, duplicates = {}, []
        for row in self.env.cr.fetchall():
            key = (row[1], row[2], row[3], row[4])
            if key in existing:
                duplicates.append(row[0])
            else:
                existing[key] = row
        wanted = {}
        for suggestion in suggestions:
            qty = round(suggestion["product_qty"], digits)
            if qty <= EPSILON:
                continue
            key = (
                suggestion["product_id"],
                suggestion["warehouse_id"],
                suggestion["from_production_id"],
                suggestion["to_production_id"],
            )
            wanted[key] = (qty, suggestion["date_need"], suggestion["date_reserved_for"])
        stale = duplicates + [row[0] for key, row in existing.items() if key not in wanted]
        changed = [
            (row[0], *wanted[key])
            for key, row in existing.items()
            if key in wanted
            and (abs(row[5] - wanted[key][0]) > EPSILON or row[6:] != wanted[key][1:])
        ]
        new = [key for key in wanted if key not in existing]
        if stale:
            self.env.cr.execute(
                SQL("DELETE FROM coordination_reservation_suggestion WHERE id = ANY(%s)", stale)
            )
        if new:
            self._insert([(*key, *wanted[key]) for key in new])
        bulk_update(self, ["product_qty", "date_need", "date_reserved_for"], changed)
        if stale or new or changed:
            self.invalidate_model()
            self.env["mrp.production"].invalidate_model(
                ["coordination_reservation_in_ids", "coordination_reservation_out_ids"]
            )
        return bool(stale or new or changed)

    @api.model
    def _insert(self, rows):
        """One INSERT of rows (product, warehouse, from MO, to MO, qty, date need, date reserved
        for); the company is the warehouse's."""
        now = fields.Datetime.now()
        columns = list(zip(*rows, strict=True))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO coordination_reservation_suggestion
                       (%s, company_id, create_uid, create_date, write_uid, write_date)
                SELECT v.*, wh.company_id, %s, %s, %s, %s
                  FROM unnest(%s) AS v(%s)
                  JOIN stock_warehouse wh ON wh.id = v.warehouse_id
                """,
                SQL(", ").join(SQL.identifier(name) for name in SUGGESTION_COLUMNS),
                self.env.uid,
                now,
                self.env.uid,
                now,
                typed_arrays(self, SUGGESTION_COLUMNS, columns),
                SQL(", ").join(SQL.identifier(name) for name in SUGGESTION_COLUMNS),
            )
        )
