# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The netting, in memory: who gets the stock on hand and the receipts, and when.

Per product and warehouse, as an MRP does (OCA's ``mrp_multi_level`` nets the same way): the
stock physically on hand, then the receipts by date, are given to the open demands in the order
they are needed (`_netting_queue`). The material forecast reads the demand and the supply in a
few set-based queries and hands them here; nothing here reads or writes the database, so every
plan is testable on plain data:

- `_allocate`: when each MO's demand is covered (the readiness of its components);
- `_plan_reservation_moves`: which reservations to move so that the stock goes where the netting
  gives it (stored by the priority refresh as ``coordination.reservation.suggestion``);
- `_project`: one product in one warehouse over time, what is short and when (the shortage
  scan), and `_attribute_receipts`: which MO demands each vendor receipt feeds.

Each method is a hook: override it to net differently.
"""

from collections import defaultdict

from odoo import api, models

from .coordination_const import EPSILON, OPEN_MO_STATES
from .coordination_material_forecast import EXPECTED, LATE, READY, SHORT


def _receive_until(balance, supply, index, moment):
    """Add to ``balance`` the receipts of ``supply`` ([(date, qty, line id)] by date) from
    ``index`` on that arrive by ``moment``: (new balance, index of the next receipt)."""
    while index < len(supply) and supply[index][0] <= moment:
        balance += supply[index][1]
        index += 1
    return balance, index


class CoordinationMaterialNetting(models.AbstractModel):
    _name = "coordination.material.netting"
    _description = "Netting of Demand and Supply"

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
            receives = demand["production_state"] in OPEN_MO_STATES
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

    @api.model
    def _project(self, onhand, receipts, demands, threshold, now):
        """Project one product in one warehouse over time and say what is short.

        ``onhand``: the stock on hand now; ``receipts``: [(date, qty, purchase line id)];
        ``demands``: the dicts of the forecast's `_get_warehouse_demand_summary`;
        ``threshold``: the reordering rule minimum (0 without one). The demands are netted as
        `_netting_queue` orders them, the picked reservations from real stock first: at each
        need date the quantity available is the stock on hand plus the receipts expected by
        then minus the earlier demand, reserved or not (receipts before demands on the same
        date; receipts already due count from now).

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
        balance, index = _receive_until(stock, supply, 0, now)
        lowest = balance
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        date_below = today if balance < threshold - EPSILON else None
        date_stockout = today if balance < -EPSILON else None
        productions = {}
        for demand in queue:
            balance, index = _receive_until(balance, supply, index, max(demand["date"] or now, now))
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
            if demand["production_id"] and missing > EPSILON:
                self._add_shortfall(productions, demand, date, available, missing)
        return {
            "qty": max(0.0, threshold - lowest),
            "date": date_below,
            "date_stockout": date_stockout,
            "lowest": lowest,
            "productions": productions,
            "feeds": self._attribute_receipts(stock, supply, queue, now),
        }

    @api.model
    def _add_shortfall(self, productions, demand, date, available, missing):
        """Add to ``productions`` ({MO id: {"date", "required", "available", "missing"}} of
        `_project`) what the MO of this demand needs (its picked part included), what it finds
        then (``available``: the projected stock before it) and what it misses."""
        needed = demand["qty"] - demand["committed"]
        info = productions.setdefault(
            demand["production_id"],
            {"date": date, "required": 0.0, "available": 0.0, "missing": 0.0},
        )
        info["required"] += demand["qty"]
        info["available"] += demand["committed"] + min(needed, max(available, 0.0))
        info["missing"] += missing

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
