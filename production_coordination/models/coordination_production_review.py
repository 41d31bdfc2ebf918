# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Production review of quotations and sales orders: can we make it by the date promised?

For every manufactured line (a product with a bill of materials): the components of every
level, from Odoo's own ``mrp.bom.explode``; what the stock and the receipts can give them
after every open demand (the batched material forecast, netted by
``coordination.material.netting``: the order's needs come after the existing demand, a new
order never takes what is promised to others); for what is short, the sub-assembly made (its
BoM exploded in turn) or bought (vendor lead time of the vendor Odoo would buy from); the work
of the operations on each work center, placed in the free capacity of each week (the load
model's working intervals and planned work, then the work of the order's earlier lines); and
from that the earliest completion of each line and of the order (capable-to-promise) with the
constraint that sets it.

Queries: a fixed number whatever the number of lines or the depth of the BoMs: the BoM trees
(one recursive query), their BoMs (one search, then ``explode`` answered from memory, see
mrp_bom.py), the demand and stock, the receipts, the vendors, the planned work, the calendars
(one computation per calendar), the departments.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round, format_date

from .coordination_const import EPSILON
from .coordination_format import format_number, language_envs
from .coordination_material_forecast import SHORT
from .coordination_review_capacity import ReviewCapacity
from .mrp_bom import coordination_bom_cache

# Feasible but with less slack than this before the commitment date: at risk.
AT_RISK_DAYS = 2
REVIEW_STATES = [
    ("feasible", "Feasible"),
    ("at_risk", "At Risk"),
    ("not_feasible", "Not Feasible by the Commitment Date"),
]
# The netting serves existing demand first: the order's needs are queued after all of it.
AFTER_ALL_DEMAND = datetime.max
REVIEW_MOVE_ID = 10**15


def _to_minute(moment):
    """A date of the review as stored: to the minute (``False`` for none)."""
    return moment.replace(second=0, microsecond=0) if moment else False


class CoordinationProductionReview(models.AbstractModel):
    _name = "coordination.production.review"
    _description = "Production Review of Sales Orders"

    # Entry point ------------------------------------------------------------------------------

    @api.model
    def _review(self, orders, now=None):
        """Review these orders (read as given: the caller checks rights and passes them with
        ``sudo()``). Returns {order id: {"state", "date_feasible", "constraint", "lines":
        {sale line id: {"date_feasible", "constraint", "constraint_translations"}},
        "constraint_translations", "requirements": [values of coordination.review.line],
        "skipped": sale lines without BoM}}: "constraint" in the reviewer's language,
        "constraint_translations" {language: text} in English and every installed language."""
        now = now or fields.Datetime.now()
        lines = orders.order_line.filtered(
            lambda line: not line.display_type and line.product_id and line.product_uom_qty > 0
        )
        companies = orders.company_id
        tree_ids = self._get_tree_product_ids(lines.product_id.ids, companies.ids)
        Bom = self.env["mrp.bom"]
        boms = Bom._coordination_prefetch_boms(tree_ids, companies.ids)
        self._prefetch(boms, tree_ids)
        plan = ReviewPlan(self, orders, lines, now)
        with coordination_bom_cache(boms, tree_ids):
            plan.explode(tree_ids)
        plan.choose_vendors()
        plan.load_capacity(boms.operation_ids.workcenter_id)
        return plan.schedule()

    # Queries ------------------------------------------------------------------------------------

    @api.model
    def _get_tree_product_ids(self, product_ids, company_ids):
        """Every product of the BoM trees of these products (them included), any depth, in one
        recursive query (active BoMs of these companies or without company)."""
        if not product_ids:
            return []
        self.env["mrp.bom"].flush_model(["product_id", "product_tmpl_id", "active", "company_id"])
        self.env["mrp.bom.line"].flush_model(["bom_id", "product_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH RECURSIVE tree(product_id) AS (
                    SELECT unnest(%s::int[])
                     UNION
                    SELECT bl.product_id
                      FROM tree t
                      JOIN product_product pp ON pp.id = t.product_id
                      JOIN mrp_bom b ON b.active
                           AND (b.product_id = t.product_id
                                OR (b.product_id IS NULL
                                    AND b.product_tmpl_id = pp.product_tmpl_id))
                           AND (b.company_id IS NULL OR b.company_id = ANY(%s))
                      JOIN mrp_bom_line bl ON bl.bom_id = b.id
                )
                SELECT product_id FROM tree
                """,
                list(product_ids),
                list(company_ids),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _prefetch(self, boms, product_ids):
        """Read what the explosion and the durations read, for all BoMs and products at once."""
        products = self.env["product.product"].browse(product_ids)
        products.mapped("uom_id.rounding")
        products.mapped("is_storable")
        products.mapped("product_template_attribute_value_ids")
        products.product_tmpl_id.mapped("product_variant_ids")
        lines = boms.bom_line_ids
        lines.mapped("product_uom_id.rounding")
        lines.mapped("bom_product_template_attribute_value_ids")
        operations = boms.operation_ids
        operations.mapped("time_cycle_manual")
        operations.mapped("bom_product_template_attribute_value_ids")
        operations.workcenter_id.mapped("capacity_ids")
        boms.mapped("product_uom_id.rounding")


class ReviewPlan:
    """One review run: the explosion, the netting, the vendors, the capacity, the dates.

    Items are what the orders need: {"product", "qty" (product unit), "warehouse_id",
    "line", "level", "parent", "children", "covered", "date_covered", "make" (quantity to
    make), "operations" ([(work center, minutes)]), "buy" (quantity to buy), "vendor"}.
    """

    def __init__(self, review, orders, lines, now):
        self.review = review
        self.env = review.env
        self.orders = orders
        self.lines = lines
        self.now = now
        self.items = []
        self.roots = {}
        self.skipped = self.env["sale.order.line"]
        self.vendors = {}

    # Explosion and netting ----------------------------------------------------------------------

    def explode(self, tree_ids):
        Bom = self.env["mrp.bom"]
        warehouse_ids = self.orders.warehouse_id.ids
        Forecast = self.env["coordination.material.forecast"]
        self.stock, demands = Forecast._get_demand_and_stock(tree_ids, warehouse_ids)
        self.receipts = Forecast._get_receipts(tree_ids, warehouse_ids)
        own = self._own_production_ids()
        self.demands = defaultdict(list)
        for demand in demands:
            if demand["production_id"] not in own:
                self.demands[(demand["product_id"], demand["warehouse_id"])].append(demand)
        self.review_demands = defaultdict(list)
        level = []
        for line in self.lines:
            order = line.order_id
            bom = Bom._bom_find(line.product_id, company_id=order.company_id.id)[line.product_id]
            if not bom:
                self.skipped |= line
                continue
            qty = line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
            item = self._item(line.product_id, qty, order.warehouse_id.id, line, 0, None)
            self.roots[line.id] = item
            level.append(item)
        while level:
            self._net(level)
            children = []
            for item in level:
                children += self._expand(item)
            level = children

    def _own_production_ids(self):
        """The MOs already made for confirmed orders: their demand is the order's own."""
        confirmed = self.orders.filtered(lambda order: order.state == "sale")
        return set(confirmed.mrp_production_ids.ids) if confirmed else set()

    def _item(self, product, qty, warehouse_id, line, level, parent):
        item = {
            "id": len(self.items),
            "product": product,
            "qty": qty,
            "warehouse_id": warehouse_id,
            "line": line,
            "level": level,
            "parent": parent,
            "children": [],
            "covered": 0.0,
            "date_covered": None,
            "make": 0.0,
            "bom": None,
            "operations": [],
            "buy": 0.0,
        }
        self.items.append(item)
        if parent:
            parent["children"].append(item)
        return item

    def _bom(self, item, bom_type=False):
        order = item["line"].order_id
        return self.env["mrp.bom"]._bom_find(
            item["product"], company_id=order.company_id.id, bom_type=bom_type
        )[item["product"]]

    def _net(self, level):
        """Give the stock and the receipts left after every open demand to the storable items
        of one level (kits have no stock: they are exploded as a whole)."""
        touched = set()
        for item in level:
            item["bom"] = self._bom(item)
            if item["bom"].type == "phantom" or not item["product"].is_storable:
                continue
            key = (item["product"].id, item["warehouse_id"])
            self.review_demands[key].append(
                {
                    "move_id": REVIEW_MOVE_ID + item["id"],
                    "production_id": ("review", item["id"]),
                    "production_state": None,
                    "product_id": key[0],
                    "warehouse_id": key[1],
                    "date": AFTER_ALL_DEMAND,
                    "qty": item["qty"],
                    "committed": 0.0,
                    "held": 0.0,
                }
            )
            touched.add(key)
        Netting = self.env["coordination.material.netting"]
        by_id = {item["id"]: item for item in level}
        for key in touched:
            receipts = sorted(self.receipts.get(key, []))
            result = {
                demand["production_id"]: {"readiness": None, "date_expected": None, "shortages": {}}
                for demand in self.review_demands[key]
            }
            queue = Netting._netting_queue(self.demands[key] + self.review_demands[key], self.now)
            Netting._allocate(self.stock.get(key, 0.0), receipts, queue, result, self.now)
            last_receipt = max((date for date, _qty in receipts), default=self.now)
            for (_tag, item_id), info in result.items():
                item = by_id.get(item_id)
                if item is None:
                    continue
                short = info["shortages"].get(key[0], 0.0) if info["readiness"] == SHORT else 0.0
                item["covered"] = max(0.0, item["qty"] - short)
                if item["covered"] > EPSILON:
                    item["date_covered"] = (
                        max(info["date_expected"], self.now)
                        if info["date_expected"]
                        else max(last_receipt, self.now)
                    )

    def _expand(self, item):
        """Make or buy what the stock and receipts do not cover: the components of what is
        made (Odoo's explode; kits in one go), the items of the next level."""
        bom, product = item["bom"], item["product"]
        if bom.type == "phantom":
            item["covered"] = 0.0
            missing = item["qty"]
        elif not product.is_storable and not bom:
            # Consumables are not counted in stock: available.
            item["covered"], item["date_covered"] = item["qty"], self.now
            return []
        else:
            missing = item["qty"] - item["covered"]
        if missing <= EPSILON:
            return []
        if not bom:
            item["buy"] = missing
            return []
        bom_qty = product.uom_id._compute_quantity(missing, bom.product_uom_id)
        boms_done, lines_done = bom.explode(product, bom_qty / bom.product_qty)
        if bom.type != "phantom":
            item["make"] = missing
            for done_bom, data in boms_done:
                for operation in done_bom.operation_ids:
                    if operation._skip_operation_line(data["product"]):
                        continue
                    minutes = operation._get_duration_expected(
                        data["product"], data["qty"] * done_bom.product_qty
                    )
                    item["operations"].append((operation.workcenter_id, minutes))
        children = []
        for bom_line, data in lines_done:
            component = bom_line.product_id
            if component.type == "service":
                continue
            qty = bom_line.product_uom_id._compute_quantity(data["qty"], component.uom_id)
            children.append(
                self._item(
                    component, qty, item["warehouse_id"], item["line"], item["level"] + 1, item
                )
            )
        return children

    # Vendors ----------------------------------------------------------------------------------

    def choose_vendors(self):
        """The vendor Odoo would buy each short component from, with its lead time (the
        low-stock tasks' choice: coordination.low.stock.sync._select_vendors)."""
        Sync = self.env["coordination.low.stock.sync"]
        by_company = defaultdict(lambda: defaultdict(lambda: {"qty": 0.0}))
        for item in self.items:
            # Every component bought, short or not: the same query whatever is short.
            if not item["children"] and not item["make"] and item["product"].is_storable:
                company = item["line"].order_id.company_id
                key = (item["product"].id, item["warehouse_id"])
                by_company[company][key]["qty"] += item["buy"]
        for company, shortages in by_company.items():
            for product_id, vendor in Sync._select_vendors(company, shortages).items():
                self.vendors[company.id, product_id] = vendor

    # Capacity ---------------------------------------------------------------------------------

    def load_capacity(self, workcenters):
        """Free capacity per work center and week: the load model's working intervals and
        planned work (coordination.workcenter.load), computed now."""
        Load = self.env["coordination.workcenter.load"]
        companies = self.orders.company_id
        intervals = Load._work_intervals(workcenters, self.now)
        weeks = Load._weeks(workcenters, intervals, self.now)
        planned = Load._planned_minutes(workcenters, companies, weeks, intervals, self.now)
        self.capacity = ReviewCapacity(intervals, weeks, planned, self.now)
        self.departments = self.env["coordination.department"]._get_workcenter_departments(
            workcenters, companies
        )

    def _workcenter_label(self, workcenter, company):
        """The department of the work center (else the work center): the constraint's name."""
        return self.departments.get((workcenter.id, company.id)) or workcenter

    # Dates ------------------------------------------------------------------------------------

    def schedule(self):
        """The dates, bottom-up, line by line in the order's sequence: see `_ready`."""
        self.work = defaultdict(
            lambda: {"minutes": 0.0, "date_start": None, "date_finished": None, "full": None}
        )
        results = {}
        for order in self.orders:
            order_lines = {}
            for line in order.order_line:
                item = self.roots.get(line.id)
                if item is None:
                    continue
                date, constraint = self._ready(item)
                item["date_ready"] = date
                order_lines[line.id] = {"date_feasible": date, "constraint": constraint}
            results[order.id] = self._order_result(order, order_lines)
        return results

    def _ready(self, item):
        """(When the item is there, the constraint that sets that date as a dict): the part the
        stock and receipts cover, the part made (its components, then its operations on the
        work centers' free capacity), the part bought (vendor lead time). None: never."""
        product = item["product"]
        company = item["line"].order_id.company_id
        parts = []
        if item["covered"] > EPSILON and item["date_covered"]:
            if item["date_covered"] > self.now:
                parts.append((item["date_covered"], {"kind": "receipt", "item": item}))
            else:
                parts.append((self.now, {"kind": "stock", "item": item}))
        if item["children"] or item["make"] > EPSILON:
            start, constraint = self.now, {"kind": "stock", "item": item}
            for child in item["children"]:
                date, child_constraint = self._ready(child)
                if date is None:
                    return None, child_constraint
                if date > start:
                    start, constraint = date, child_constraint
            item["date_start"] = start
            finish = start
            for workcenter, minutes in item["operations"]:
                began, finish, full_week = self.capacity.place(workcenter.id, minutes, finish)
                label = self._workcenter_label(workcenter, company)
                if finish is None:
                    return None, {"kind": "no_capacity", "label": label}
                work = self.work[item["line"].order_id.id, workcenter.id]
                work["minutes"] += minutes
                work["date_start"] = min(filter(None, [work["date_start"], began]))
                work["date_finished"] = max(filter(None, [work["date_finished"], finish]))
                if full_week:
                    work["full"] = max(filter(None, [work["full"], full_week]))
                    constraint = {"kind": "capacity", "label": label, "week": full_week}
                elif constraint["kind"] == "stock" and minutes > EPSILON:
                    constraint = {"kind": "work", "label": label, "minutes": minutes}
            parts.append((finish, constraint))
        if item["buy"] > EPSILON:
            vendor = self.vendors.get((company.id, product.id))
            if not vendor:
                return None, {"kind": "no_vendor", "item": item}
            item["vendor"] = vendor
            lead = vendor["lead_days"]
            parts.append(
                (self.now + timedelta(days=lead), {"kind": "vendor", "item": item, "days": lead})
            )
        if not parts:
            return self.now, {"kind": "stock", "item": item}
        return max(parts, key=lambda part: part[0])

    def _order_result(self, order, order_lines):
        env = self.env
        lang = env.lang or "en_US"
        envs = language_envs(env)
        dates = [info["date_feasible"] for info in order_lines.values()]
        texts = {
            line_id: {code: self._describe(info["constraint"], env) for code, env in envs.items()}
            for line_id, info in order_lines.items()
        }
        for info, line_id in zip(order_lines.values(), order_lines, strict=True):
            info["constraint"] = texts[line_id][lang]
            info["constraint_translations"] = texts[line_id]
        commitment = order.commitment_date or order.expected_date
        requests, waiting = self._special_requests(order)
        if not order_lines:
            state, date, constraint = False, False, {}
        elif any(date is None for date in dates):
            line_id = next(
                lid for lid, info in order_lines.items() if info["date_feasible"] is None
            )
            state, date, constraint = "not_feasible", False, texts[line_id]
        else:
            line_id = max(order_lines, key=lambda lid: order_lines[lid]["date_feasible"])
            date, constraint = order_lines[line_id]["date_feasible"], texts[line_id]
            if commitment and date > commitment:
                state = "not_feasible"
            elif commitment and date > commitment - timedelta(days=AT_RISK_DAYS):
                state = "at_risk"
            elif any(
                item["buy"] > EPSILON and item["line"].order_id == order for item in self.items
            ):
                # Feasible only if what is short is ordered in time.
                state = "at_risk"
            else:
                state = "feasible"
            if state == "feasible" and waiting:
                # Feasible, unless a department cannot do what the customer asked.
                state = "at_risk"
                constraint = {
                    code: env._(
                        "Special request %(request)s: not acknowledged by %(departments)s",
                        request=waiting[0][0].summary,
                        departments=", ".join(dept.with_env(env).name for _req, dept in waiting),
                    )
                    for code, env in envs.items()
                }
        for info in order_lines.values():
            info["date_feasible"] = _to_minute(info["date_feasible"]) or None
        return {
            "state": state,
            "date_feasible": _to_minute(date),
            "constraint": constraint.get(lang, False),
            "constraint_translations": constraint,
            "lines": order_lines,
            "requirements": self._requirements(order, commitment) + requests,
            "skipped": self.skipped.filtered(lambda line: line.order_id == order),
            "summary": env._("%(count)s manufactured line(s) reviewed", count=len(order_lines)),
        }

    def _special_requests(self, order):
        """The order's special requests (not cancelled) as review lines, one per department
        concerned with how far it is; and [(request, department)] not acknowledged yet."""
        rows, waiting = [], []
        for request in order.coordination_special_request_ids:
            if request.state == "cancel":
                continue
            statuses = {status.department_id: status for status in request.department_status_ids}
            for department in request.department_ids or [False]:
                status = statuses.get(department)
                state = status.state if status else request.state
                if state == "new" and request.state not in ("fulfilled", "verified"):
                    waiting.append((request, department))
                rows.append(
                    {
                        "kind": "request",
                        "order_id": order.id,
                        "company_id": order.company_id.id,
                        "special_request_id": request.id,
                        "department_id": department.id if department else False,
                        "name": request.summary,
                        "request_state": state,
                        "level": 0,
                        "product_id": request.sale_line_id.product_id.id or False,
                        "warehouse_id": False,
                    }
                )
        return rows, [(request, dept) for request, dept in waiting if dept]

    def _describe(self, constraint, env):
        """The binding constraint in words, in the language of `env`."""
        kind = constraint["kind"]
        item = constraint.get("item")
        # Names read in the language of `env` (a product's, a department's may be translated).
        product = item["product"].with_env(env).display_name if item else ""
        label = constraint["label"].with_env(env).name if "label" in constraint else ""
        if kind == "capacity":
            return env._(
                "%(label)s full until week %(week)s",
                label=label,
                week=constraint["week"].isocalendar()[1],
            )
        if kind == "no_capacity":
            return env._("%(label)s: no free capacity within a year", label=label)
        if kind == "work":
            return env._(
                "%(label)s: %(hours)s h of work",
                label=label,
                hours=format_number(env, constraint["minutes"] / 60, 1, trim=True),
            )
        if kind == "vendor":
            return env._(
                "%(product)s: vendor lead time %(days)s days",
                product=product,
                days=format_number(env, constraint["days"], 1, trim=True),
            )
        if kind == "no_vendor":
            return env._(
                "%(product)s: %(qty)s %(uom)s short and no vendor",
                product=product,
                qty=format_number(
                    env,
                    float_round(item["buy"], precision_rounding=item["product"].uom_id.rounding),
                    env["decimal.precision"].precision_get("Product Unit of Measure"),
                    trim=True,
                ),
                uom=item["product"].uom_id.name,
            )
        if kind == "receipt":
            return env._(
                "%(product)s: receipt expected on %(date)s",
                product=product,
                date=format_date(env, item["date_covered"]),
            )
        return env._("Everything in stock")

    def _requirements(self, order, commitment):
        """The values of the order's coordination.review.line: one per component (and
        product made) with what is needed, covered, made and bought, when it is needed and
        when to order it; one per work center with the work placed."""
        rows = {}
        for item in self.items:
            line = item["line"]
            if line.order_id != order:
                continue
            root = self.roots[line.id]
            key = item["product"].id
            row = rows.get(key)
            if row is None:
                row = rows[key] = {
                    "kind": "component",
                    "order_id": order.id,
                    "company_id": order.company_id.id,
                    "product_id": key,
                    "warehouse_id": item["warehouse_id"],
                    "level": item["level"],
                    "qty_required": 0.0,
                    "qty_available": 0.0,
                    "qty_to_make": 0.0,
                    "qty_to_buy": 0.0,
                    "date_available": False,
                    "date_need": False,
                    "date_order_by": False,
                    "vendor_id": False,
                    "lead_days": 0.0,
                }
            row["level"] = min(row["level"], item["level"])
            row["qty_required"] += item["qty"]
            row["qty_available"] += item["covered"]
            row["qty_to_make"] += item["make"]
            row["qty_to_buy"] += item["buy"]
            if item["date_covered"]:
                row["date_available"] = max(
                    filter(None, [row["date_available"], item["date_covered"]])
                )
            need = self._date_need(item, root, commitment)
            if need:
                row["date_need"] = min(filter(None, [row["date_need"], need]))
            vendor = item.get("vendor")
            if vendor and item["buy"] > EPSILON:
                row["vendor_id"] = vendor["partner_id"]
                row["lead_days"] = vendor["lead_days"]
                if row["date_need"]:
                    order_by = row["date_need"] - timedelta(days=vendor["lead_days"])
                    row["date_order_by"] = min(filter(None, [row["date_order_by"], order_by]))
        for (order_id, workcenter_id), work in self.work.items():
            if order_id != order.id:
                continue
            workcenter = self.env["mrp.workcenter"].browse(workcenter_id)
            department = self.departments.get((workcenter_id, order.company_id.id))
            rows[("work", workcenter_id)] = {
                "kind": "work",
                "order_id": order.id,
                "company_id": order.company_id.id,
                "workcenter_id": workcenter_id,
                "department_id": department.id if department else False,
                "work_minutes": round(work["minutes"], 2),
                "date_start": work["date_start"],
                "date_finished": work["date_finished"] or False,
                "date_full_until": work["full"] or False,
                "level": 0,
                "product_id": False,
                "warehouse_id": False,
                "name": workcenter.name,
            }
        for row in rows.values():
            for name in ("date_available", "date_need", "date_order_by", "date_start"):
                if name in row:
                    row[name] = _to_minute(row[name])
            if row.get("date_finished"):
                row["date_finished"] = _to_minute(row["date_finished"])
        return list(rows.values())

    def _date_need(self, item, root, commitment):
        """When the item must be there for its line to finish by the commitment date: the
        start of the work that consumes it, moved by the line's slack (its plan's date
        when there is no commitment date or none left)."""
        parent = item["parent"]
        if parent is None:
            need = root.get("date_ready")
            return commitment if commitment and need else need
        start = parent.get("date_start")
        if not start:
            return False
        ready = root.get("date_ready")
        if commitment and ready and commitment > ready:
            return start + (commitment - ready)
        return start
