# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When will the components of many manufacturing orders be there? In a few queries.

Odoo answers this per move (``stock.move.forecast_availability``, behind the MO's
``components_availability_state``) by running its forecast report for every move. Here the
components of any number of MOs are answered together: four aggregate queries (the MOs'
component moves, free stock, expected receipts, other demand) and an allocation in memory.

Per product and warehouse, supply (free stock now, then receipts and productions by date) is
allocated first come, first served to the demands in the order they are needed (the MOs'
component moves and every other outgoing move of the warehouse). A demand is covered on the
date of the last supply it takes: before its need date it is on time, after it is late; if the
supply runs out it is short.
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
# Manufacturing orders whose components the shortage scan counts.
SHORTAGE_MO_STATES = ("draft", "confirmed", "progress")
# The moves' source and destination (src, dest), their unit and the product's (mu, pu), the
# product (pp, pt): the joins of the demand queries on stock moves ``m``.
MOVE_JOINS = SQL(
    """
    JOIN stock_location src ON src.id = m.location_id
    JOIN stock_location dest ON dest.id = m.location_dest_id
    JOIN uom_uom mu ON mu.id = m.product_uom
    JOIN product_product pp ON pp.id = m.product_id
    JOIN product_template pt ON pt.id = pp.product_tmpl_id
    JOIN uom_uom pu ON pu.id = pt.uom_id
    """
)
# The stock move columns the demand queries read.
DEMAND_MOVE_FIELDS = [
    "raw_material_production_id",
    "product_id",
    "product_qty",
    "quantity",
    "product_uom",
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
        result = {
            production_id: {"readiness": READY, "date_expected": None, "shortages": {}}
            for production_id in productions.ids
        }
        demands = self._get_component_demands(productions.ids)
        if not demands:
            return result
        keys = {(d["product_id"], d["warehouse_id"]) for d in demands}
        product_ids = list({p for p, _w in keys})
        warehouse_ids = list({w for _p, w in keys})
        stock = self._get_free_stock(product_ids, warehouse_ids)
        receipts = self._get_receipts(product_ids, warehouse_ids)
        others = self._get_other_demand(product_ids, warehouse_ids, [d["move_id"] for d in demands])

        now = fields.Datetime.now()
        ours = defaultdict(list)
        for demand in demands:
            ours[(demand["product_id"], demand["warehouse_id"])].append(demand)
        for key, key_demands in ours.items():
            supply = [[now, stock.get(key, 0.0)]] + sorted(receipts.get(key, []))
            # Earlier need first; at the same date the older move first, ours or not: the answer
            # for an MO does not depend on which other MOs are computed with it.
            queue = sorted(
                [(d["date"] or now, d["move_id"], d) for d in key_demands]
                + [(date, move_id, {"qty": qty}) for date, move_id, qty in others.get(key, [])],
                key=lambda item: item[:2],
            )
            self._allocate(supply, queue, result, now)
        return result

    @api.model
    def _allocate(self, supply, queue, result, now):
        """First come, first served; record on each MO the date its demand is covered."""
        index = 0
        for _date, _move, demand in queue:
            needed, covered_on = demand["qty"], now
            while needed > EPSILON and index < len(supply):
                date, available = supply[index]
                taken = min(needed, available)
                needed -= taken
                supply[index][1] -= taken
                covered_on = max(covered_on, date)
                if supply[index][1] <= EPSILON:
                    index += 1
            production_id = demand.get("production_id")
            if not production_id:
                continue
            info = result[production_id]
            if needed > EPSILON:
                info["readiness"] = SHORT
                shortages = info["shortages"]
                shortages[demand["product_id"]] = shortages.get(demand["product_id"], 0) + needed
                continue
            if info["readiness"] == SHORT:
                continue
            info["date_expected"] = max(info["date_expected"] or now, covered_on)
            if covered_on > (demand["date"] or now) and covered_on > now:
                info["readiness"] = LATE
            elif covered_on > now and info["readiness"] == READY:
                info["readiness"] = EXPECTED
        for info in result.values():
            if info["readiness"] == SHORT:
                info["date_expected"] = None

    # Queries: each one set-based, whatever the number of MOs --------------------------------

    @api.model
    def _get_component_demands(self, production_ids):
        """Unreserved quantity of the open component moves of storable products, in the
        product's unit, with the warehouse they are taken from."""
        self.env["stock.move"].flush_model(DEMAND_MOVE_FIELDS)
        self.env.cr.execute(
            """
            SELECT m.id, m.raw_material_production_id, m.product_id, m.date, loc.warehouse_id,
                   m.product_qty - COALESCE(m.quantity, 0) / mu.factor * pu.factor AS qty
              FROM stock_move m
              JOIN stock_location loc ON loc.id = m.location_id
              JOIN uom_uom mu ON mu.id = m.product_uom
              JOIN product_product pp ON pp.id = m.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
             WHERE m.raw_material_production_id = ANY(%s)
               AND m.state IN %s
               AND pt.is_storable
               AND loc.warehouse_id IS NOT NULL
            """,
            [list(production_ids), OPEN_MOVE_STATES],
        )
        return [
            {
                "move_id": move_id,
                "production_id": production_id,
                "product_id": product_id,
                "date": date,
                "warehouse_id": warehouse_id,
                "qty": qty,
            }
            for move_id, production_id, product_id, date, warehouse_id, qty in (
                self.env.cr.fetchall()
            )
            if qty > EPSILON
        ]

    @api.model
    def _get_free_stock(self, product_ids, warehouse_ids):
        """{(product, warehouse): on hand minus reserved, in internal locations (0 at least)}."""
        self.env.cr.execute(
            self._free_stock_query(warehouse_ids, SQL("q.product_id = ANY(%s)", list(product_ids)))
        )
        return {(p, w): qty for p, w, qty in self.env.cr.fetchall()}

    @api.model
    def _free_stock_query(self, warehouse_ids, product_condition):
        """SELECT product_id, warehouse_id, free: `_get_free_stock` of the quants ``q`` that
        meet ``product_condition``."""
        self.env["stock.quant"].flush_model(
            ["product_id", "location_id", "quantity", "reserved_quantity"]
        )
        return SQL(
            """
            SELECT q.product_id, loc.warehouse_id,
                   GREATEST(SUM(q.quantity - q.reserved_quantity), 0)::float8 AS free
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

    @api.model
    def _get_other_demand(self, product_ids, warehouse_ids, excluded_move_ids):
        """{(product, warehouse): [(date, first move id, qty), ...]}: the unreserved part of every
        other open move leaving the warehouse (deliveries, other MOs' components)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT m.product_id, src.warehouse_id, m.date, MIN(m.id),
                       SUM(m.product_qty - COALESCE(m.quantity, 0) / mu.factor * pu.factor)
                  FROM stock_move m
                  %s
                 WHERE m.product_id = ANY(%s) AND src.warehouse_id = ANY(%s)
                   AND m.state IN %s
                   AND src.usage = 'internal'
                   AND dest.warehouse_id IS DISTINCT FROM src.warehouse_id
                   AND NOT m.id = ANY(%s)
                 GROUP BY m.product_id, src.warehouse_id, m.date
                """,
                MOVE_JOINS,
                list(product_ids),
                list(warehouse_ids),
                OPEN_MOVE_STATES,
                list(excluded_move_ids),
            )
        )
        others = defaultdict(list)
        for product_id, warehouse_id, date, move_id, qty in self.env.cr.fetchall():
            if qty and qty > EPSILON:
                others[(product_id, warehouse_id)].append((date or datetime.min, move_id, qty))
        return others

    # Shortage scan: every demand of whole warehouses, projected over time ----------------------

    @api.model
    def _get_warehouse_demand_summary(self, warehouse_ids, date_to, product_ids=None):
        """The open demand leaving these warehouses until ``date_to`` (storable products), in
        one pass over the moves: the unreserved quantity in the product's unit, with
        ``production_id`` set for the components of open manufacturing orders (draft,
        confirmed, in progress: the drafts' components are counted although Odoo's forecast
        ignores draft moves).

        Returns (totals, demands, productions):
        - totals: {(product, warehouse): total demand};
        - demands: [{"move_id", "production_id", "product_id", "warehouse_id", "date", "qty",
          "reserved"}], move by move, only for the (product, warehouse) whose free stock minus
          total demand falls below the reordering rule minimum: for the others the projection
          never does, and free stock, given first, serves every demand;
        - productions: {MO id: {"name", "coordination_rank", "coordination_date_committed"}}
          of those demands.
        """
        self.env["mrp.production"].flush_model(
            ["name", "coordination_rank", "coordination_date_committed"]
        )
        self.env.cr.execute(
            SQL(
                """
                WITH demand AS MATERIALIZED (
                    SELECT m.id AS move_id, m.product_id, src.warehouse_id, m.date,
                           CASE WHEN mo.state IN %(mo_states)s THEN mo.id END AS production_id,
                           mo.name, mo.coordination_rank, mo.coordination_date_committed,
                           (m.product_qty
                            - COALESCE(m.quantity, 0) / mu.factor * pu.factor)::float8 AS qty,
                           (COALESCE(m.quantity, 0) / mu.factor * pu.factor)::float8 AS reserved
                    %(from)s
                       AND m.product_qty - COALESCE(m.quantity, 0) / mu.factor * pu.factor
                           > %(epsilon)s
                ), totals AS (
                    SELECT product_id, warehouse_id, SUM(qty) AS total
                      FROM demand
                     GROUP BY product_id, warehouse_id
                ), stock AS (
                    %(stock)s
                ), minimums AS (
                    %(minimums)s
                )
                SELECT NULL, t.product_id, t.warehouse_id, NULL, NULL, NULL, NULL, NULL,
                       t.total, NULL
                  FROM totals t
                 UNION ALL
                SELECT d.*
                  FROM demand d
                  JOIN totals t USING (product_id, warehouse_id)
                  LEFT JOIN stock s USING (product_id, warehouse_id)
                  LEFT JOIN minimums mi USING (product_id, warehouse_id)
                 WHERE COALESCE(s.free, 0) - t.total < COALESCE(mi.qty, 0) + %(epsilon)s
                """,
                mo_states=SHORTAGE_MO_STATES,
                epsilon=EPSILON,
                stock=self._free_stock_query(
                    warehouse_ids, SQL("q.product_id IN (SELECT product_id FROM totals)")
                ),
                minimums=self._orderpoint_minimum_query(warehouse_ids, product_ids),
                **{"from": self._warehouse_demand_from(warehouse_ids, date_to, product_ids)},
            )
        )
        totals, demands, productions = {}, [], {}
        for (
            move_id,
            product_id,
            warehouse_id,
            date,
            production_id,
            name,
            rank,
            committed,
            qty,
            reserved,
        ) in self.env.cr.fetchall():
            if move_id is None:
                totals[(product_id, warehouse_id)] = qty
                continue
            demands.append(
                {
                    "move_id": move_id,
                    "production_id": production_id,
                    "product_id": product_id,
                    "warehouse_id": warehouse_id,
                    "date": date,
                    "qty": qty,
                    "reserved": reserved,
                }
            )
            if production_id:
                productions[production_id] = {
                    "name": name,
                    "coordination_rank": rank,
                    "coordination_date_committed": committed,
                }
        return totals, demands, productions

    @api.model
    def _warehouse_demand_from(self, warehouse_ids, date_to, product_ids):
        """The FROM and WHERE clauses of the open demand of these warehouses until ``date_to``
        (moves ``m``, source ``src``, units ``mu`` and ``pu``, MO ``mo``)."""
        self.env["stock.move"].flush_model([*DEMAND_MOVE_FIELDS, "location_dest_id"])
        self.env["mrp.production"].flush_model(["state"])
        product_filter = (
            SQL("AND m.product_id = ANY(%s)", list(product_ids))
            if product_ids is not None
            else SQL()
        )
        return SQL(
            """
              FROM stock_move m
              %(joins)s
              LEFT JOIN mrp_production mo ON mo.id = m.raw_material_production_id
             WHERE src.warehouse_id = ANY(%(warehouses)s)
               AND src.usage = 'internal'
               AND dest.warehouse_id IS DISTINCT FROM src.warehouse_id
               AND pt.is_storable
               AND m.date <= %(date_to)s
               AND (m.state IN %(states)s OR (m.state = 'draft' AND mo.state = 'draft'))
               AND (mo.id IS NULL OR mo.state IN %(mo_states)s)
               %(product_filter)s
            """,
            joins=MOVE_JOINS,
            mo_states=SHORTAGE_MO_STATES,
            warehouses=list(warehouse_ids),
            date_to=date_to,
            states=OPEN_MOVE_STATES,
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
    def _project(self, free, receipts, demands, threshold, now):
        """Project one product in one warehouse over time and say what is short.

        ``free``: free stock now; ``receipts``: [(date, qty, purchase line id)];
        ``demands``: the dicts of `_get_warehouse_demand_summary`; ``threshold``: the
        reordering rule minimum (0 without one). At each need date the quantity available is the
        free stock plus the receipts expected by then minus the earlier demand (receipts before
        demands on the same date; receipts already due count from now).

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
        queue = sorted(
            ((max(d["date"] or now, now), d["move_id"], d) for d in demands),
            key=lambda item: item[:2],
        )
        balance, index = free, 0
        while index < len(supply) and supply[index][0] <= now:
            balance += supply[index][1]
            index += 1
        lowest = balance
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        date_below = today if balance < threshold - EPSILON else None
        date_stockout = today if balance < -EPSILON else None
        productions = {}
        for when, _move, demand in queue:
            while index < len(supply) and supply[index][0] <= when:
                balance += supply[index][1]
                index += 1
            date = demand["date"] or today
            available = balance
            balance -= demand["qty"]
            lowest = min(lowest, balance)
            if date_below is None and balance < threshold - EPSILON:
                date_below = date
            if date_stockout is None and balance < -EPSILON:
                date_stockout = date
            missing = min(demand["qty"], max(0.0, -balance))
            production_id = demand["production_id"]
            if production_id and missing > EPSILON:
                # What the MO needs (its reserved part included) and what it finds then.
                reserved = demand.get("reserved", 0.0)
                info = productions.setdefault(
                    production_id, {"date": date, "required": 0.0, "available": 0.0, "missing": 0.0}
                )
                info["required"] += demand["qty"] + reserved
                info["available"] += reserved + min(demand["qty"], max(available, 0.0))
                info["missing"] += missing
        return {
            "qty": max(0.0, threshold - lowest),
            "date": date_below,
            "date_stockout": date_stockout,
            "lowest": lowest,
            "productions": productions,
            "feeds": self._attribute_receipts(free, supply, queue, now),
        }

    @api.model
    def _attribute_receipts(self, free, supply, queue, now):
        """{purchase line id: [(MO id, need date)]}: which MO demands each vendor receipt covers
        when supply is given first come, first served (free stock first, then by date)."""
        chunks = [[now, free, None]] + [[date, qty, line_id] for date, qty, line_id in supply]
        feeds = defaultdict(list)
        index = 0
        for _when, _move, demand in queue:
            needed = demand["qty"]
            while needed > EPSILON and index < len(chunks):
                taken = min(needed, chunks[index][1])
                needed -= taken
                chunks[index][1] -= taken
                line_id = chunks[index][2]
                if line_id and taken > EPSILON and demand["production_id"]:
                    feeds[line_id].append((demand["production_id"], demand["date"] or now))
                if chunks[index][1] <= EPSILON:
                    index += 1
        return feeds
