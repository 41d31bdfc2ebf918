# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When will the components of many manufacturing orders be there, and what will the stock of
whole warehouses do over time? In a few queries.

Odoo answers this per move (``stock.move.forecast_availability``, behind the MO's
``components_availability_state``) by running its forecast report for every move. Here the
components of any number of MOs are answered together: a few aggregate queries (the open
demand with what physically covers it, the stock on hand, the expected receipts), then the
netting in memory (``coordination.material.netting``: stock on hand, then receipts by date,
given to every open demand in the order it is needed).

Two entry points: `_forecast_productions_and_moves` (the readiness of MOs' components and the
reservations to move on their products, for the priority refresh) and `_project_warehouses`
(the projection of whole warehouses over time, for the shortage scan).

Why not Odoo's reserved quantity: once an MO's work starts (or its quantity producing is set,
or its components are marked picked), Odoo sets its component moves' ``quantity`` to the full
demand and reserves it on the quants even when nothing is on hand (``_set_qty_producing``
creates the move lines, ``stock.quant._update_reserved_quantity`` over-reserves). What covers a
move physically is computed here from its move lines and the quants they reserve: per quant
(product, location, lot, package, owner), the quantity on hand is given to its reservations,
picked ones first, then by need date. Only what is reserved from real stock *and picked* (an MO
whose work has started) is consumed by its move first.
"""

from collections import defaultdict
from datetime import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from .coordination_const import EPSILON, OPEN_MOVE_STATES, SHORTAGE_MO_STATES
from .coordination_sql import id_filter

# Readiness of an MO's components, best first.
READY, EXPECTED, LATE, SHORT = "ready", "expected", "late", "short"
READINESS = [
    (READY, "Ready"),
    (EXPECTED, "Expected in Time"),
    (LATE, "Expected Late"),
    (SHORT, "Short"),
]
# The moves' source and destination (src, dest) and product (pp, pt): the joins of the demand
# queries on stock moves ``m``.
MOVE_JOINS = SQL(
    """
    JOIN stock_location src ON src.id = m.location_id
    JOIN stock_location dest ON dest.id = m.location_dest_id
    JOIN product_product pp ON pp.id = m.product_id
    JOIN product_template pt ON pt.id = pp.product_tmpl_id
    """
)
# The stock move columns the demand queries read.
DEMAND_MOVE_FIELDS = [
    "raw_material_production_id",
    "product_id",
    "product_qty",
    "date",
    "location_id",
    "state",
]
# The CTEs of `_demand_query` (its docstring says what each computes).
DEMAND_CTES = """
    demand_moves AS MATERIALIZED (
        SELECT m.id AS move_id, m.product_id, src.warehouse_id, m.date,
               CASE WHEN mo.state IN %(mo_states)s THEN mo.id END AS production_id,
               CASE WHEN mo.state IN %(mo_states)s THEN mo.state END
                   AS production_state,
               mo.name, mo.coordination_rank,
               m.product_qty::float8 AS qty, mo.coordination_date_committed
        %(from)s
           AND m.product_qty > %(epsilon)s
    ), %(scope)s, lines AS (
        SELECT ml.id, ml.move_id, ml.product_id, ml.location_id,
               COALESCE(ml.lot_id, 0) AS lot, COALESCE(ml.package_id, 0) AS pack,
               COALESCE(ml.owner_id, 0) AS owner, ml.quantity_product_uom AS qty,
               COALESCE(ml.picked, FALSE) AS picked, lm.date
          FROM stock_move_line ml
          JOIN stock_move lm ON lm.id = ml.move_id
          JOIN stock_location lloc ON lloc.id = ml.location_id
         WHERE ml.product_id IN (SELECT product_id FROM demand_scope)
           AND lloc.warehouse_id = ANY(%(warehouses)s)
           AND lloc.usage = 'internal'
           AND lm.state IN %(states)s
           AND ml.quantity_product_uom > 0
    ), quants AS (
        SELECT q.product_id, q.location_id, COALESCE(q.lot_id, 0) AS lot,
               COALESCE(q.package_id, 0) AS pack, COALESCE(q.owner_id, 0) AS owner,
               GREATEST(SUM(COALESCE(q.quantity, 0)), 0) AS onhand
          FROM stock_quant q
         WHERE (q.product_id, q.location_id)
               IN (SELECT product_id, location_id FROM lines)
         GROUP BY 1, 2, 3, 4, 5
    ), cover AS (
        SELECT move_id,
               SUM(covered) FILTER (WHERE picked) AS committed,
               SUM(covered) FILTER (WHERE NOT picked) AS held
          FROM (
                SELECT l.move_id, l.picked,
                       LEAST(l.qty, GREATEST(0, COALESCE(qu.onhand, 0)
                             - (SUM(l.qty) OVER quant_lines - l.qty))) AS covered
                  FROM lines l
                  LEFT JOIN quants qu
                       USING (product_id, location_id, lot, pack, owner)
                WINDOW quant_lines AS (
                       PARTITION BY l.product_id, l.location_id, l.lot, l.pack, l.owner
                       ORDER BY l.picked DESC, l.date, l.move_id, l.id)
               ) allocated
         GROUP BY move_id
    ), demand AS (
        SELECT d.move_id, d.product_id, d.warehouse_id, d.date, d.production_id,
               d.production_state, d.name, d.coordination_rank, d.qty,
               LEAST(COALESCE(c.committed, 0), d.qty)::float8 AS committed,
               LEAST(COALESCE(c.held, 0),
                     d.qty - LEAST(COALESCE(c.committed, 0), d.qty))::float8 AS held,
               d.coordination_date_committed
          FROM demand_scope d
          LEFT JOIN cover c USING (move_id)
    )
    """

# The scope of `_get_warehouse_demand_summary` (see `_demand_query`): the total demand per
# product and warehouse, and the moves whose physical cover is read.
WAREHOUSE_DEMAND_SCOPE = """
    totals AS (
        SELECT product_id, warehouse_id, SUM(qty) AS total
          FROM demand_moves
         GROUP BY product_id, warehouse_id
    ), stock AS (
        %(stock)s
    ), minimums AS (
        %(minimums)s
    ), demand_scope AS (
        -- Move by move only where the projection may fall below the
        -- minimum: what physically covers a move is read only for them.
        SELECT d.*
          FROM demand_moves d
          JOIN totals t USING (product_id, warehouse_id)
          LEFT JOIN stock s USING (product_id, warehouse_id)
          LEFT JOIN minimums mi USING (product_id, warehouse_id)
         WHERE COALESCE(s.onhand, 0) - t.total
               < COALESCE(mi.qty, 0) + %(epsilon)s
    )
    """


class CoordinationMaterialForecast(models.AbstractModel):
    _name = "coordination.material.forecast"
    _description = "Batched Component Forecast"

    @api.model
    def _forecast_productions(self, productions):
        """Return {production id: {"readiness", "date_expected", "shortages"}}.

        ``date_expected``: when every component is there (now when all are in stock; None when
        short). ``shortages``: {product id: missing quantity in the product's unit}.
        """
        return self._forecast_productions_and_moves(productions)[0]

    @api.model
    def _forecast_productions_and_moves(self, productions):
        """`_forecast_productions`, and the reservations to move on the same products:
        (forecast, keys, suggestions).

        ``keys``: the (product, warehouse) of every component move of these MOs (whatever its
        state); ``suggestions``: ``coordination.material.netting._plan_reservation_moves`` of
        those keys. Three queries (the
        keys; the demand, its physical cover and the stock on hand; the receipts) whatever the
        number of MOs.
        """
        result = {
            production_id: {"readiness": READY, "date_expected": None, "shortages": {}}
            for production_id in productions.ids
        }
        keys = self._get_component_keys(productions.ids)
        if not keys:
            return result, keys, []
        product_ids = sorted({p for p, _w in keys})
        warehouse_ids = sorted({w for _p, w in keys})
        stock, demands = self._get_demand_and_stock(product_ids, warehouse_ids)
        receipts = self._get_receipts(product_ids, warehouse_ids)
        now = fields.Datetime.now()
        by_key = defaultdict(list)
        for demand in demands:
            key = (demand["product_id"], demand["warehouse_id"])
            if key in keys:
                by_key[key].append(demand)
        Netting = self.env["coordination.material.netting"]
        suggestions = []
        for key, key_demands in by_key.items():
            onhand = stock.get(key, 0.0)
            queue = Netting._netting_queue(key_demands, now)
            taken = Netting._allocate(onhand, sorted(receipts.get(key, [])), queue, result, now)
            suggestions += Netting._plan_reservation_moves(key, onhand, queue, taken)
        for info in result.values():
            if info["readiness"] == SHORT:
                info["date_expected"] = None
        return result, keys, suggestions

    # Queries: each one set-based, whatever the number of MOs --------------------------------

    @api.model
    def _get_component_keys(self, production_ids):
        """{(product, warehouse)}: where the component moves of these MOs take storable
        products from (any state: a cancelled or done MO still changes the netting of its
        products)."""
        self.env["stock.move"].flush_model(["raw_material_production_id", "product_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT m.product_id, loc.warehouse_id
                  FROM stock_move m
                  JOIN stock_location loc ON loc.id = m.location_id
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE m.raw_material_production_id = ANY(%s)
                   AND pt.is_storable
                   AND loc.warehouse_id IS NOT NULL
                """,
                list(production_ids),
            )
        )
        return set(self.env.cr.fetchall())

    @api.model
    def _get_demand_and_stock(self, product_ids, warehouse_ids):
        """({(product, warehouse): stock on hand}, [demand]): every open demand leaving these
        warehouses for these products, whatever its date (see `_demand_query`)."""
        self.env.cr.execute(
            SQL(
                """
                WITH %(demand)s, stock AS (
                    %(stock)s
                )
                SELECT NULL, s.product_id, s.warehouse_id, NULL, NULL, NULL, NULL, NULL,
                       s.onhand, NULL, NULL, NULL
                  FROM stock s
                 UNION ALL
                SELECT * FROM demand
                """,
                demand=self._demand_query(warehouse_ids, None, product_ids),
                stock=self._onhand_query(
                    warehouse_ids, SQL("q.product_id = ANY(%s)", list(product_ids))
                ),
            )
        )
        stock, demands = {}, []
        for row in self.env.cr.fetchall():
            if row[0] is None:
                stock[(row[1], row[2])] = row[8]
            else:
                demands.append(self._demand_row(row))
        return stock, demands

    @api.model
    def _demand_row(self, row):
        """A demand dict from a row of the ``demand`` CTE of `_demand_query`."""
        (
            move_id,
            product_id,
            warehouse_id,
            date,
            production_id,
            production_state,
            _name,
            _rank,
            qty,
            committed,
            held,
            _committed_date,
        ) = row
        return {
            "move_id": move_id,
            "production_id": production_id,
            "production_state": production_state,
            "product_id": product_id,
            "warehouse_id": warehouse_id,
            "date": date,
            "qty": qty,
            "committed": committed,
            "held": held,
        }

    @api.model
    def _demand_query(self, warehouse_ids, date_to, product_ids, scope=None):
        """The CTEs ``demand_moves`` and ``demand``: the open demand leaving these warehouses
        (until ``date_to`` if given; only these products if given), storable products, one row
        per move: move_id, product_id, warehouse_id, date, production_id (set for the
        components of open manufacturing orders: draft, confirmed, in progress, to close; the
        drafts' components are counted although Odoo's forecast ignores draft moves),
        production_state, name, coordination_rank, qty (the whole open demand, reserved or not,
        in the product's unit), committed (reserved from stock on hand and picked: consumed by
        this move first), held (reserved from stock on hand, not picked), and the MO's
        committed date.

        What covers a move physically (``cover``): its move lines, given the quantity on hand
        of the quant they reserve (exact location, lot, package and owner), picked lines
        first, then by need date, so that over-reserved quants cover no more than they hold.

        ``scope``: SQL of CTEs, written after ``demand_moves``, ending with one named
        ``demand_scope`` (the columns of ``demand_moves``): the moves ``demand`` gives, with
        their cover (all of ``demand_moves`` without it).
        """
        self._flush_demand_fields()
        return SQL(
            DEMAND_CTES,
            scope=scope or SQL("demand_scope AS (SELECT * FROM demand_moves)"),
            mo_states=SHORTAGE_MO_STATES,
            epsilon=EPSILON,
            warehouses=list(warehouse_ids),
            states=OPEN_MOVE_STATES,
            **{"from": self._warehouse_demand_from(warehouse_ids, date_to, product_ids)},
        )

    @api.model
    def _flush_demand_fields(self):
        """Flush what `_demand_query` reads of move lines, quants and MOs."""
        self.env["stock.move.line"].flush_model(
            [
                "move_id",
                "product_id",
                "location_id",
                "lot_id",
                "package_id",
                "owner_id",
                "quantity_product_uom",
                "picked",
            ]
        )
        self.env["stock.quant"].flush_model(
            ["product_id", "location_id", "lot_id", "package_id", "owner_id", "quantity"]
        )
        self.env["mrp.production"].flush_model(
            ["name", "state", "coordination_rank", "coordination_date_committed"]
        )

    @api.model
    def _get_onhand_stock(self, product_ids, warehouse_ids):
        """{(product, warehouse): quantity on hand in internal locations (0 at least)}."""
        self.env.cr.execute(
            self._onhand_query(warehouse_ids, SQL("q.product_id = ANY(%s)", list(product_ids)))
        )
        return {(p, w): qty for p, w, qty in self.env.cr.fetchall()}

    @api.model
    def _onhand_query(self, warehouse_ids, product_condition):
        """SELECT product_id, warehouse_id, onhand: `_get_onhand_stock` of the quants ``q``
        that meet ``product_condition``. Reservations are not subtracted: the netting gives
        the stock to the demand by date (a quant Odoo created only to over-reserve has no
        quantity)."""
        self.env["stock.quant"].flush_model(["product_id", "location_id", "quantity"])
        return SQL(
            """
            SELECT q.product_id, loc.warehouse_id,
                   GREATEST(SUM(COALESCE(q.quantity, 0)), 0)::float8 AS onhand
              FROM stock_quant q
              JOIN stock_location loc ON loc.id = q.location_id
             WHERE %s AND loc.warehouse_id = ANY(%s) AND loc.usage = 'internal'
             GROUP BY q.product_id, loc.warehouse_id
            """,
            product_condition,
            list(warehouse_ids),
        )

    @api.model
    def _get_receipts(self, product_ids, warehouse_ids):
        """{(product, warehouse): [[date, qty], ...]}: open moves into the warehouse from outside
        it (vendor receipts, productions, transfers from other warehouses)."""
        receipts = defaultdict(list)
        for product_id, warehouse_id, date, qty, _line in self._get_receipt_rows(
            product_ids, warehouse_ids
        ):
            receipts[(product_id, warehouse_id)].append([date, qty])
        return receipts

    @api.model
    def _get_receipt_rows(self, product_ids, warehouse_ids):
        """[(product, warehouse, date, qty, purchase line id)]: the open receipts, by date.

        A vendor's receipt is expected on its purchase line's expected date, which the buyer keeps
        (when the vendor's date moves, Odoo moves the receipt's deadline, not its date).
        """
        self.env["stock.move"].flush_model(
            ["location_dest_id", "location_id", "product_qty", "purchase_line_id", "date"]
        )
        self.env["purchase.order.line"].flush_model(["date_planned"])
        self.env.cr.execute(
            SQL(
                """
                SELECT m.product_id, dest.warehouse_id, COALESCE(pol.date_planned, m.date),
                       m.purchase_line_id, SUM(m.product_qty)
                  FROM stock_move m
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  JOIN stock_location src ON src.id = m.location_id
                  LEFT JOIN purchase_order_line pol ON pol.id = m.purchase_line_id
                 WHERE m.product_id = ANY(%s) AND dest.warehouse_id = ANY(%s)
                   AND m.state IN %s
                   AND dest.usage = 'internal'
                   AND src.warehouse_id IS DISTINCT FROM dest.warehouse_id
                 GROUP BY 1, 2, 3, 4
                """,
                list(product_ids),
                list(warehouse_ids),
                OPEN_MOVE_STATES,
            )
        )
        return [
            (product_id, warehouse_id, date or datetime.min, qty, line_id)
            for product_id, warehouse_id, date, line_id, qty in self.env.cr.fetchall()
        ]

    # Shortage scan: every demand of whole warehouses, projected over time ----------------------

    @api.model
    def _project_warehouses(self, warehouse_ids, date_to, product_ids=None, keys=(), now=None):
        """Project the stock of these warehouses over time: the one question of the shortage
        scan.

        Every (product, warehouse) with open demand until ``date_to`` or a reordering rule
        minimum (only these products when ``product_ids`` is given), and the ``keys`` given (the
        scan's tasks: their projection says whether their shortage is still there), is netted by
        ``coordination.material.netting._project``. Four queries whatever the number of MOs:
        the demand with what physically covers it (`_get_warehouse_demand_summary`), the
        minimums, and, when anything is projected, the stock on hand and the receipts.

        Returns {"projections": {(product, warehouse): `_project`'s result}, "minimums":
        {(product, warehouse): reordering rule minimum}, "receipts": {(product, warehouse):
        [(date, qty, purchase line id)]}, "productions": {MO id: {"name", "coordination_rank",
        "coordination_date_committed"}} of the demands read}.
        """
        now = now or fields.Datetime.now()
        totals, demands, productions = self._get_warehouse_demand_summary(
            warehouse_ids, date_to, product_ids
        )
        minimums = self._get_orderpoint_minimums(warehouse_ids, product_ids)
        keys = set(totals) | set(minimums) | set(keys)
        stock, receipts, demands_by_key = {}, defaultdict(list), defaultdict(list)
        for demand in demands:
            demands_by_key[(demand["product_id"], demand["warehouse_id"])].append(demand)
        if keys:
            projected_products = sorted({product_id for product_id, _w in keys})
            stock = self._get_onhand_stock(projected_products, warehouse_ids)
            for product_id, warehouse_id, date, qty, line_id in self._get_receipt_rows(
                projected_products, warehouse_ids
            ):
                receipts[(product_id, warehouse_id)].append((date, qty, line_id))
        Netting = self.env["coordination.material.netting"]
        projections = {
            key: Netting._project(
                stock.get(key, 0.0),
                receipts.get(key, []),
                demands_by_key.get(key, []),
                minimums.get(key, 0.0),
                now,
            )
            for key in keys
        }
        return {
            "projections": projections,
            "minimums": minimums,
            "receipts": receipts,
            "productions": productions,
        }

    @api.model
    def _get_warehouse_demand_summary(self, warehouse_ids, date_to, product_ids=None):
        """The open demand leaving these warehouses until ``date_to`` (storable products), in
        one pass over the moves (`_demand_query`: the whole open demand, reserved or not, with
        what physically covers it).

        Returns (totals, demands, productions):
        - totals: {(product, warehouse): total demand};
        - demands: [{"move_id", "production_id", "production_state", "product_id",
          "warehouse_id", "date", "qty", "committed", "held"}], move by move, only for the
          (product, warehouse) whose stock on hand minus total demand falls below the
          reordering rule minimum: for the others the projection never does;
        - productions: {MO id: {"name", "coordination_rank", "coordination_date_committed"}}
          of those demands.
        """
        scope = SQL(
            WAREHOUSE_DEMAND_SCOPE,
            epsilon=EPSILON,
            stock=self._onhand_query(
                warehouse_ids, SQL("q.product_id IN (SELECT product_id FROM totals)")
            ),
            minimums=self._orderpoint_minimum_query(warehouse_ids, product_ids),
        )
        self.env.cr.execute(
            SQL(
                """
                WITH %(demand)s
                SELECT NULL, t.product_id, t.warehouse_id, NULL, NULL, NULL, NULL, NULL,
                       t.total, NULL, NULL, NULL
                  FROM totals t
                 UNION ALL
                SELECT * FROM demand
                """,
                demand=self._demand_query(warehouse_ids, date_to, product_ids, scope=scope),
            )
        )
        totals, demands, productions = {}, [], {}
        for row in self.env.cr.fetchall():
            if row[0] is None:
                totals[(row[1], row[2])] = row[8]
                continue
            demand = self._demand_row(row)
            demands.append(demand)
            if demand["production_id"]:
                productions[demand["production_id"]] = {
                    "name": row[6],
                    "coordination_rank": row[7],
                    "coordination_date_committed": row[11],
                }
        return totals, demands, productions

    @api.model
    def _warehouse_demand_from(self, warehouse_ids, date_to, product_ids):
        """The FROM and WHERE clauses of the open demand of these warehouses (until
        ``date_to`` if given; moves ``m``, source ``src``, units ``mu`` and ``pu``, MO
        ``mo``)."""
        self.env["stock.move"].flush_model([*DEMAND_MOVE_FIELDS, "location_dest_id"])
        self.env["mrp.production"].flush_model(["state"])
        product_filter = id_filter("m.product_id", product_ids)
        date_filter = SQL("AND m.date <= %s", date_to) if date_to else SQL()
        return SQL(
            """
              FROM stock_move m
              %(joins)s
              LEFT JOIN mrp_production mo ON mo.id = m.raw_material_production_id
             WHERE src.warehouse_id = ANY(%(warehouses)s)
               AND src.usage = 'internal'
               AND dest.warehouse_id IS DISTINCT FROM src.warehouse_id
               AND pt.is_storable
               AND (m.state IN %(states)s OR (m.state = 'draft' AND mo.state = 'draft'))
               AND (mo.id IS NULL OR mo.state IN %(mo_states)s)
               %(date_filter)s
               %(product_filter)s
            """,
            joins=MOVE_JOINS,
            mo_states=SHORTAGE_MO_STATES,
            warehouses=list(warehouse_ids),
            states=OPEN_MOVE_STATES,
            date_filter=date_filter,
            product_filter=product_filter,
        )

    @api.model
    def _get_orderpoint_minimums(self, warehouse_ids, product_ids=None):
        """{(product, warehouse): reordering rule minimum, in the product's unit}."""
        self.env.cr.execute(self._orderpoint_minimum_query(warehouse_ids, product_ids))
        return {(p, w): qty for p, w, qty in self.env.cr.fetchall()}

    @api.model
    def _orderpoint_minimum_query(self, warehouse_ids, product_ids=None):
        """SELECT product_id, warehouse_id, qty: `_get_orderpoint_minimums`."""
        self.env["stock.warehouse.orderpoint"].flush_model(
            ["product_id", "warehouse_id", "product_min_qty", "active"]
        )
        product_filter = id_filter("op.product_id", product_ids)
        return SQL(
            """
            SELECT op.product_id, op.warehouse_id, MAX(op.product_min_qty)::float8 AS qty
              FROM stock_warehouse_orderpoint op
              JOIN product_product pp ON pp.id = op.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE op.active AND op.warehouse_id = ANY(%s) AND op.product_min_qty > 0
               AND pt.is_storable
               %s
             GROUP BY op.product_id, op.warehouse_id
            """,
            list(warehouse_ids),
            product_filter,
        )

    # Moved to coordination.material.netting (kept for one release) -----------------------------

    @api.model
    def _netting_queue(self, demands, now):
        """Deprecated: ``coordination.material.netting._netting_queue``."""
        return self.env["coordination.material.netting"]._netting_queue(demands, now)

    @api.model
    def _plan_reservation_moves(self, key, onhand, queue, taken_from_stock):
        """Deprecated: ``coordination.material.netting._plan_reservation_moves``."""
        return self.env["coordination.material.netting"]._plan_reservation_moves(
            key, onhand, queue, taken_from_stock
        )

    @api.model
    def _project(self, onhand, receipts, demands, threshold, now):
        """Deprecated: ``coordination.material.netting._project``, or `_project_warehouses`."""
        return self.env["coordination.material.netting"]._project(
            onhand, receipts, demands, threshold, now
        )
