# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When will the components of many manufacturing orders be there? In a few queries.

Odoo answers this per move (``stock.move.forecast_availability``, behind the MO's
``components_availability_state``) by running its forecast report for every move. Here the
components of any number of MOs are answered together: a few aggregate queries (the open
demand with what physically covers it, the stock on hand, the expected receipts) and a netting
in memory.

Netting, as an MRP does (OCA's ``mrp_multi_level`` nets the same way): per product and
warehouse, the stock physically on hand, then the receipts and productions by date, are given
to every open demand (the MOs' component moves and every other outgoing move, reserved or not)
in the order they are needed. A demand is covered on the date of the last supply it takes:
before its need date it is on time, after it is late; if the supply runs out it is short.
Reservations do not decide who gets the stock, with one exception: what is reserved from real
stock *and picked* (an MO whose work has started, components marked picked) is consumed by its
move first.

Why not Odoo's reserved quantity: once an MO's work starts (or its quantity producing is set,
or its components are marked picked), Odoo sets its component moves' ``quantity`` to the full
demand and reserves it on the quants even when nothing is on hand (``_set_qty_producing``
creates the move lines, ``stock.quant._update_reserved_quantity`` over-reserves). What covers a
move physically is computed here from its move lines and the quants they reserve: per quant
(product, location, lot, package, owner), the quantity on hand is given to its reservations,
picked ones first, then by need date.

Where reservations serve later orders while earlier ones wait, the netting also says which
reservations to move (`_plan_reservation_moves`): the priority refresh stores them as
``coordination.reservation.suggestion``.
"""

from collections import defaultdict
from datetime import datetime

from odoo import api, fields, models
from odoo.tools import SQL

OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")
# Readiness of an MO's components, best first.
READY, EXPECTED, LATE, SHORT = "ready", "expected", "late", "short"
READINESS = [
    (READY, "Ready"),
    (EXPECTED, "Expected in Time"),
    (LATE, "Expected Late"),
    (SHORT, "Short"),
]
EPSILON = 1e-6
# Manufacturing orders whose components count as demand (to close: their components are not
# consumed yet).
SHORTAGE_MO_STATES = ("draft", "confirmed", "progress", "to_close")
# Manufacturing orders that can take a reservation moved to them.
RESERVING_MO_STATES = ("confirmed", "progress", "to_close")
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
        state); ``suggestions``: `_plan_reservation_moves` of those keys. Three queries (the
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
        suggestions = []
        for key, key_demands in by_key.items():
            onhand = stock.get(key, 0.0)
            queue = self._netting_queue(key_demands, now)
            taken = self._allocate(onhand, sorted(receipts.get(key, [])), queue, result, now)
            suggestions += self._plan_reservation_moves(key, onhand, queue, taken)
        for info in result.values():
            if info["readiness"] == SHORT:
                info["date_expected"] = None
        return result, keys, suggestions

    @api.model
    def _netting_queue(self, demands, now):
        """The demands of one product and warehouse in the order the netting serves them:
        earlier need first; at the same date the demand that holds a reservation first, then
        the older move (whatever MOs are computed together, the order is the same)."""
        return [
            demand
            for _key, demand in sorted(
                (
                    (
                        demand["date"] or now,
                        demand["held"] <= EPSILON,
                        demand["move_id"],
                    ),
                    demand,
                )
                for demand in demands
            )
        ]

    @api.model
    def _allocate(self, onhand, receipts, queue, result, now):
        """Net the stock on hand (its picked reservations taken by their moves first), then
        the receipts [[date, qty], ...], first come first served over the queue; record on the
        MOs of ``result`` the date their demand is covered.

        Returns {move id: quantity taken from the stock on hand, picked part included}.
        """
        committed = sum(demand["committed"] for demand in queue)
        supply = [[now, onhand - committed]] + [[date, qty] for date, qty in receipts]
        taken_from_stock = {}
        index = 0
        for demand in queue:
            needed, covered_on = demand["qty"] - demand["committed"], now
            from_stock, from_receipt = demand["committed"], False
            while needed > EPSILON and index < len(supply):
                date, available = supply[index]
                taken = min(needed, max(available, 0.0))
                needed -= taken
                supply[index][1] -= taken
                if index == 0:
                    from_stock += taken
                elif taken > EPSILON:
                    from_receipt = True
                covered_on = max(covered_on, date)
                if supply[index][1] <= EPSILON:
                    index += 1
            taken_from_stock[demand["move_id"]] = from_stock
            info = result.get(demand["production_id"])
            if info is None:
                continue
            if needed > EPSILON:
                info["readiness"] = SHORT
                shortages = info["shortages"]
                shortages[demand["product_id"]] = shortages.get(demand["product_id"], 0) + needed
                continue
            if info["readiness"] == SHORT:
                continue
            info["date_expected"] = max(info["date_expected"] or now, covered_on)
            # A receipt not here yet is never "ready", even when it was due before now (a late
            # delivery): late for a demand needed by now, else expected.
            if covered_on > now or from_receipt:
                need_date = demand["date"] or now
                if covered_on > need_date or need_date <= now:
                    info["readiness"] = LATE
                elif info["readiness"] == READY:
                    info["readiness"] = EXPECTED
        return taken_from_stock

    @api.model
    def _plan_reservation_moves(self, key, onhand, queue, taken_from_stock):
        """Which reservations to move so that the stock goes where the netting gives it.

        A demand that the netting serves from the stock on hand beyond what it has reserved
        lacks a reservation; one that holds more (reserved from real stock, not picked) than
        the netting gives it holds stock an earlier demand needs. Stock nobody reserved goes
        first to the earliest lacking demands (Odoo reserves it when they check availability);
        what they still lack comes from the holders, earliest lacking from earliest holder.
        Only between manufacturing orders: from any MO holding a reservation to an MO that can
        reserve (confirmed, in progress, to close).

        Returns [{"product_id", "warehouse_id", "from_production_id", "to_production_id",
        "product_qty", "date_need", "date_reserved_for"}], one per pair of MOs.
        """
        lacking, holding = [], []
        held_total = 0.0
        for demand in queue:
            held = demand["held"]
            held_total += held + demand["committed"]
            gets = taken_from_stock.get(demand["move_id"], 0.0) - demand["committed"]
            if gets - held > EPSILON:
                lacking.append([demand, gets - held])
            elif held - gets > EPSILON:
                holding.append([demand, held - gets])
        free = max(0.0, onhand - held_total)
        pairs = {}
        index = 0
        for demand, missing in lacking:
            served = min(free, missing)
            free -= served
            missing -= served
            receives = demand["production_state"] in RESERVING_MO_STATES
            while missing > EPSILON and index < len(holding):
                holder, spare = holding[index]
                qty = min(missing, spare)
                missing -= qty
                holding[index][1] -= qty
                if receives and holder["production_id"] and holder is not demand:
                    pair = (holder["production_id"], demand["production_id"])
                    if pair in pairs:
                        pairs[pair]["product_qty"] += qty
                    else:
                        pairs[pair] = {
                            "product_id": key[0],
                            "warehouse_id": key[1],
                            "from_production_id": holder["production_id"],
                            "to_production_id": demand["production_id"],
                            "product_qty": qty,
                            "date_need": demand["date"],
                            "date_reserved_for": holder["date"],
                        }
                if holding[index][1] <= EPSILON:
                    index += 1
        return list(pairs.values())

    # Queries: each one set-based, whatever the number of MOs --------------------------------

    @api.model
    def _get_component_keys(self, production_ids):
        """{(product, warehouse)}: where the component moves of these MOs take storable
        products from (any state: a cancelled or done MO still changes the netting of its
        products)."""
        self.env["stock.move"].flush_model(["raw_material_production_id", "product_id"])
        self.env.cr.execute(
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
            [list(production_ids)],
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
        return SQL(
            """
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
            """,
            scope=scope or SQL("demand_scope AS (SELECT * FROM demand_moves)"),
            mo_states=SHORTAGE_MO_STATES,
            epsilon=EPSILON,
            warehouses=list(warehouse_ids),
            states=OPEN_MOVE_STATES,
            **{"from": self._warehouse_demand_from(warehouse_ids, date_to, product_ids)},
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
            [list(product_ids), list(warehouse_ids), OPEN_MOVE_STATES],
        )
        return [
            (product_id, warehouse_id, date or datetime.min, qty, line_id)
            for product_id, warehouse_id, date, line_id, qty in self.env.cr.fetchall()
        ]

    # Shortage scan: every demand of whole warehouses, projected over time ----------------------

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
                demand=self._demand_query(
                    warehouse_ids,
                    date_to,
                    product_ids,
                    scope=SQL(
                        """
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
                        """,
                        epsilon=EPSILON,
                        stock=self._onhand_query(
                            warehouse_ids, SQL("q.product_id IN (SELECT product_id FROM totals)")
                        ),
                        minimums=self._orderpoint_minimum_query(warehouse_ids, product_ids),
                    ),
                ),
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
        product_filter = (
            SQL("AND m.product_id = ANY(%s)", list(product_ids))
            if product_ids is not None
            else SQL()
        )
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
        product_filter = (
            SQL("AND op.product_id = ANY(%s)", list(product_ids))
            if product_ids is not None
            else SQL()
        )
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

    @api.model
    def _project(self, onhand, receipts, demands, threshold, now):
        """Project one product in one warehouse over time and say what is short.

        ``onhand``: the stock on hand now; ``receipts``: [(date, qty, purchase line id)];
        ``demands``: the dicts of `_get_warehouse_demand_summary`; ``threshold``: the
        reordering rule minimum (0 without one). The demands are netted as `_netting_queue`
        orders them, the picked reservations from real stock first: at each need date the
        quantity available is the stock on hand plus the receipts expected by then minus the
        earlier demand, reserved or not (receipts before demands on the same date; receipts
        already due count from now).

        The dates it reports do not move with the clock, so that a scan with nothing changed
        writes nothing: a demand already due is needed on its own (past) date, and a stock
        already below the threshold is short since the start of the day (UTC).

        Returns {"qty": what to add by "date" so that the projection never falls below the
        threshold (0 when it never does), "date": when it first falls below it,
        "date_stockout": when it first falls below zero (None if never), "lowest": the
        lowest projected quantity, "productions": {MO id: {"date", "required", "available",
        "missing"}} for the MOs that find less than they need, "feeds": {purchase line id:
        [(MO id, need date)]}: the MO demands each vendor receipt is given to, first come first
        served}.
        """
        supply = sorted((max(date, now), qty, line_id) for date, qty, line_id in receipts)
        queue = self._netting_queue(demands, now)
        stock = onhand - sum(demand["committed"] for demand in queue)
        balance, index = stock, 0
        while index < len(supply) and supply[index][0] <= now:
            balance += supply[index][1]
            index += 1
        lowest = balance
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        date_below = today if balance < threshold - EPSILON else None
        date_stockout = today if balance < -EPSILON else None
        productions = {}
        for demand in queue:
            when = max(demand["date"] or now, now)
            while index < len(supply) and supply[index][0] <= when:
                balance += supply[index][1]
                index += 1
            date = demand["date"] or today
            needed = demand["qty"] - demand["committed"]
            available = balance
            balance -= needed
            lowest = min(lowest, balance)
            if date_below is None and balance < threshold - EPSILON:
                date_below = date
            if date_stockout is None and balance < -EPSILON:
                date_stockout = date
            missing = min(needed, max(0.0, -balance))
            production_id = demand["production_id"]
            if production_id and missing > EPSILON:
                # What the MO needs (its picked part included) and what it finds then.
                info = productions.setdefault(
                    production_id, {"date": date, "required": 0.0, "available": 0.0, "missing": 0.0}
                )
                info["required"] += demand["qty"]
                info["available"] += demand["committed"] + min(needed, max(available, 0.0))
                info["missing"] += missing
        return {
            "qty": max(0.0, threshold - lowest),
            "date": date_below,
            "date_stockout": date_stockout,
            "lowest": lowest,
            "productions": productions,
            "feeds": self._attribute_receipts(stock, supply, queue, now),
        }

    @api.model
    def _attribute_receipts(self, stock, supply, queue, now):
        """{purchase line id: [(MO id, need date)]}: which MO demands each vendor receipt covers
        when supply is given first come, first served in the netting order (the stock on hand
        left after the picked reservations first, then the receipts by date)."""
        chunks = [[now, stock, None]] + [[date, qty, line_id] for date, qty, line_id in supply]
        feeds = defaultdict(list)
        index = 0
        for demand in queue:
            needed = demand["qty"] - demand["committed"]
            while needed > EPSILON and index < len(chunks):
                taken = min(needed, max(chunks[index][1], 0.0))
                needed -= taken
                chunks[index][1] -= taken
                line_id = chunks[index][2]
                if line_id and taken > EPSILON and demand["production_id"]:
                    feeds[line_id].append((demand["production_id"], demand["date"] or now))
                if chunks[index][1] <= EPSILON:
                    index += 1
        return feeds
