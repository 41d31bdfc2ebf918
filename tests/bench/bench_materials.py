"""Benchmark: the shortage scan vs Odoo's replenishment report and component availability.

Run by `make bench` inside `odoo-bin shell` (the `env` global is Odoo's), on the bench database
(`scripts/bench.sh` creates it once; the companies and products here are apart from the
priority bench's). Generates, once, a catalog of 2,000 components and 200 finished products
with 5-component BoMs bought from 20 vendors, then one company per size (2,000 and 10,000
MOs; BENCH_MATERIALS_MOS="2000,10000" to change) with its own warehouse, stock (about one
component in ten runs short), 200 reordering rules and 100 confirmed purchase orders (half of
them late). Then measures, in the same run, on each company:
  - the full shortage scan, first (creates the tasks, risks, follow-ups: what earlier scans
    made is removed first), then again with nothing changed (must write nothing: the rows
    INSERT/UPDATE/DELETE touch are counted);
  - Odoo's replenishment report (`stock.warehouse.orderpoint.action_open_orderpoints`), first
    (creates its manual reordering rules), then again;
  - Odoo's `components_availability_state` of every open MO;
then checks the tasks the first scan made against an independent SQL netting on the raw tables
(`covered_tasks`: tasks for products whose stock and receipts cover the demand at every date
must be none) and, in a database where OCA's `mrp_multi_level` is installed
(`BENCH_MRP_MULTI_LEVEL=1`, see scripts/bench.sh), against the purchases that MRP planner plans
on the same orders; and rolls everything back, so that every run measures the same thing.
Prints a table and the figures as JSON (last line).

MOs are created through the ORM like users create them, in batches of 500 confirmed at once,
with the priority refresh deferred to the commit (`coordination_defer_priority`, one refresh per
batch instead of one per MO) and without mail tracking: about 30 MOs a second here.
"""

import json
import os
import time
from datetime import timedelta

from odoo import Command, fields

SIZES = [int(size) for size in os.environ.get("BENCH_MATERIALS_MOS", "2000,10000").split(",")]
COMPONENTS, PRODUCTS, PER_BOM, VENDORS, ORDERS, ORDERPOINTS = 2000, 200, 5, 20, 100, 200
BATCH = 500
TAG = "MATBENCH"
QUIET = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "coordination_defer_priority": True,
}


# Data, generated once -----------------------------------------------------------------------


def ensure_catalog(env):
    Product = env["product.product"].with_context(**QUIET)
    components = Product.search([("default_code", "=like", f"{TAG}-C%")], order="default_code")
    if len(components) == COMPONENTS:
        products = Product.search([("default_code", "=like", f"{TAG}-P%")], order="default_code")
        return components, products
    print("  creating the catalog", flush=True)
    vendors = env["res.partner"].create(
        [{"name": f"{TAG} Vendor {i:02d}", "is_company": True} for i in range(VENDORS)]
    )
    components = Product.browse()
    for start in range(0, COMPONENTS, BATCH):
        components |= Product.create(
            [
                {
                    "name": f"{TAG} component {i:04d}",
                    "default_code": f"{TAG}-C{i:04d}",
                    "is_storable": True,
                    "standard_price": 1.0 + i % 50,
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": vendors[i % VENDORS].id,
                                "price": 1.0 + i % 50,
                                "delay": 2 + i % 10,
                            }
                        )
                    ],
                }
                for i in range(start, min(start + BATCH, COMPONENTS))
            ]
        )
    products = Product.create(
        [
            {
                "name": f"{TAG} product {p:03d}",
                "default_code": f"{TAG}-P{p:03d}",
                "is_storable": True,
            }
            for p in range(PRODUCTS)
        ]
    )
    env["mrp.bom"].create(
        [
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "company_id": False,
                "bom_line_ids": [
                    Command.create({"product_id": components[c].id, "product_qty": 1 + k % 2})
                    for k, c in enumerate(bom_components(p))
                ],
            }
            for p, product in enumerate(products)
        ]
    )
    env.cr.commit()
    return components, products


def bom_components(p):
    """The 5 components of product p: 1,000 of the 2,000 components, some shared."""
    return sorted({(p * PER_BOM + k) % 1000 * 2 for k in range(PER_BOM - 1)} | {(p * 37) % 2000})


def ensure_company(env, size, components, products):
    name = f"{TAG} {size} MOs"
    company = env["res.company"].search([("name", "=", name)])
    if not company:
        print(f"  creating {name}", flush=True)
        company = env["res.company"].create({"name": name})
        env.user.company_ids = [Command.link(company.id)]
        env.cr.commit()
    cenv = env(context=dict(env.context, allowed_company_ids=company.ids, **QUIET))
    company = company.with_env(cenv)
    warehouse = cenv["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if not warehouse:  # Odoo creates one with the company in tests only
        warehouse = cenv["stock.warehouse"].create(
            {"name": name, "code": f"M{SIZES.index(size)}", "company_id": company.id}
        )
        env.cr.commit()
    if not cenv["stock.quant"].search_count([("location_id", "=", warehouse.lot_stock_id.id)]):
        # An MO-fed component is needed about size * 0.015 times in 28 days: twice that in
        # stock, a third of it for one component in ten (short); 200 reordering rules on the
        # other components, one in ten of them above the stock.
        normal, short = size * 3 // 100, size // 200
        for i, component in enumerate(components):
            qty = short if i % 10 == 0 else normal
            cenv["stock.quant"]._update_available_quantity(component, warehouse.lot_stock_id, qty)
        cenv["stock.warehouse.orderpoint"].create(
            [
                {
                    "product_id": components[i].id,
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "product_min_qty": normal * 2 if i % 20 == 1 else normal // 2,
                    "product_max_qty": normal * 3,
                    "trigger": "manual",
                    "company_id": company.id,
                }
                for i in range(1, 2 * ORDERPOINTS, 2)  # components no MO uses
            ]
        )
        env.cr.commit()
    boms = {
        bom.product_tmpl_id.id: bom
        for bom in cenv["mrp.bom"].search([("product_tmpl_id", "in", products.product_tmpl_id.ids)])
    }
    Production = cenv["mrp.production"]
    existing = Production.search_count([("company_id", "=", company.id)])
    now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    for start in range(existing, size, BATCH):
        productions = Production.create(
            [
                {
                    "product_id": products[i % PRODUCTS].id,
                    "bom_id": boms[products[i % PRODUCTS].product_tmpl_id.id].id,
                    "product_qty": 1 + i % 3,
                    "company_id": company.id,
                    "picking_type_id": warehouse.manu_type_id.id,
                    "date_start": now + timedelta(days=i % 28, hours=i % 9),
                }
                for i in range(start, min(start + BATCH, size))
            ]
        )
        productions.action_confirm()
        env.cr.commit()
        done = min(start + BATCH, size)
        rate = (done - existing) / (time.perf_counter() - started)
        print(f"  {name}: {done}/{size} MOs ({rate:.0f}/s)", flush=True)
    if not cenv["purchase.order"].search_count([("company_id", "=", company.id)]):
        short = [c for i, c in enumerate(components) if i % 10 == 0 and i < 1000]
        orders = cenv["purchase.order"].create(
            [
                {
                    "partner_id": short[o * 5 % len(short)].seller_ids[:1].partner_id.id,
                    "company_id": company.id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": short[(o * 5 + k) % len(short)].id,
                                "product_qty": size // 200,
                                "date_planned": now + timedelta(days=-3 if o % 2 else 5 + o % 10),
                            }
                        )
                        for k in range(5)
                    ],
                }
                for o in range(ORDERS)
            ]
        )
        orders.button_confirm()
        env.cr.commit()
    return company, Production.search(
        [("company_id", "=", company.id), ("state", "in", ("confirmed", "progress", "to_close"))]
    )


# Measures ------------------------------------------------------------------------------------


def measure(env, label, size, func):
    """Time, queries and rows written (by INSERT, UPDATE, DELETE) of func()."""
    env.invalidate_all()
    env.flush_all()
    cr = env.cr
    writes = [0]
    execute = cr.execute

    def counting(query, params=None, log_exceptions=True):
        code = getattr(query, "code", query)
        if isinstance(code, bytes):
            code = code.decode()
        result = execute(query, params, log_exceptions)
        if code.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes[0] += max(cr.rowcount, 0)
        return result

    cr.execute = counting
    start_queries = cr.sql_log_count
    start = time.perf_counter()
    try:
        result = func()
        env.flush_all()
    finally:
        del cr.execute
    return {
        "what": label,
        "mos": size,
        "seconds": round(time.perf_counter() - start, 3),
        "queries": cr.sql_log_count - start_queries,
        "writes": writes[0],
        "result": result if isinstance(result, dict) else None,
    }


def forget_scans(env, company):
    """Undo what earlier scans made in this company (the purchase orders' confirmation runs the
    scan of their products when it commits): tasks, delivery risks, follow-ups. Inside the
    measured transaction, rolled back with it."""
    tasks = (
        env["project.task"]
        .with_context(active_test=False)
        .search([("company_id", "=", company.id), ("coordination_warehouse_id", "!=", False)])
    )
    followup = env.ref("production_coordination.mail_activity_type_vendor_followup")
    env["mail.activity"].search(
        [
            "|",
            "&",
            ("res_model", "=", "project.task"),
            ("res_id", "in", tasks.ids),
            "&",
            ("res_model", "=", "purchase.order"),
            ("activity_type_id", "=", followup.id),
        ]
    ).unlink()
    tasks.unlink()
    env.cr.execute(
        "UPDATE purchase_order_line SET coordination_delivery_risk = NULL, "
        "coordination_date_needed = NULL, coordination_production_names = NULL "
        "WHERE company_id = %s",
        [company.id],
    )
    env.cr.execute(
        "UPDATE purchase_order SET coordination_delivery_risk = NULL WHERE company_id = %s",
        [company.id],
    )
    env.invalidate_all()


def bench_size(env, size, components, products):
    company, productions = ensure_company(env, size, components, products)
    cenv = env(context=dict(env.context, allowed_company_ids=company.ids))
    company = company.with_env(cenv)
    Scan = cenv["coordination.material.scan"]
    forget_scans(cenv, company)

    def report():
        cenv["stock.warehouse.orderpoint"].with_company(company).action_open_orderpoints()

    results = [
        measure(
            cenv,
            "shortage scan, first (creates the tasks)",
            size,
            lambda: Scan._scan(company)[company.id],
        ),
        measure(
            cenv, "shortage scan, nothing changed", size, lambda: Scan._scan(company)[company.id]
        ),
    ]
    tasks = cenv["project.task"].search_count(
        [("company_id", "=", company.id), ("coordination_warehouse_id", "!=", False)]
    )
    # Checked before Odoo's replenishment report, which replaces the manual reordering rules.
    covered = covered_tasks(cenv, company)
    if "mrp.multi.level" in env:
        covered.update(compare_mrp_multi_level(cenv, company))
    results += [
        measure(cenv, "Odoo replenishment report, first (creates its lines)", size, report),
        measure(cenv, "Odoo replenishment report, again", size, report),
        measure(
            cenv,
            f"Odoo components_availability_state, {len(productions)} MOs",
            size,
            lambda: productions.with_env(cenv).mapped("components_availability_state") and None,
        ),
    ]
    env.cr.rollback()
    return results, dict(covered, tasks=tasks)


def compare_mrp_multi_level(env, company):
    """OCA's MRP planner (`mrp_multi_level`, installed in a copy of the bench database by
    `BENCH_MRP_MULTI_LEVEL=1 make bench`) on the same orders: one MRP area for the company's
    stock, MRP parameters for every component (safety stock = the reordering rule minimum),
    one run; then which products it plans to buy by the end of the horizon, against the
    products of our open low-stock tasks."""
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    area = env["mrp.area"].search([("warehouse_id", "=", warehouse.id)], limit=1)
    if not area:
        area = env["mrp.area"].create(
            {
                "name": warehouse.code,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
            }
        )
    components = env["product.product"].search([("default_code", "=like", f"{TAG}-C%")])
    minimums = {
        op.product_id.id: op.product_min_qty
        for op in env["stock.warehouse.orderpoint"].search([("warehouse_id", "=", warehouse.id)])
    }
    existing = set(env["product.mrp.area"].search([("mrp_area_id", "=", area.id)]).product_id.ids)
    env["product.mrp.area"].create(
        [
            {
                "product_id": product.id,
                "mrp_area_id": area.id,
                "mrp_minimum_stock": minimums.get(product.id, 0.0),
                "mrp_nbr_days": 0,
            }
            for product in components
            if product.id not in existing
        ]
    )
    started = time.perf_counter()
    env["mrp.multi.level"].create({"mrp_area_ids": [Command.set(area.ids)]}).run_mrp_multi_level()
    seconds = time.perf_counter() - started
    horizon = fields.Date.today() + timedelta(days=company.coordination_shortage_horizon_days)
    planned = set(
        env["mrp.planned.order"]
        .search([("mrp_area_id", "=", area.id), ("due_date", "<=", horizon)])
        .product_id.ids
    )
    tasks = env["project.task"].search(
        [
            ("company_id", "=", company.id),
            ("coordination_warehouse_id", "=", warehouse.id),
            ("state", "not in", ("1_done", "1_canceled")),
        ]
    )
    ours = set(tasks.coordination_product_id.ids)
    return {
        "mrp_multi_level_products": len(planned),
        "tasks_mrp_would_not_buy": len(ours - planned),
        "mrp_buys_without_task": len(planned - ours),
        "mrp_multi_level_seconds": round(seconds, 1),
    }


COVER_SQL = """
WITH params AS (
    SELECT %(now)s::timestamp AS now, %(horizon)s::timestamp AS horizon
), tasks AS (
    SELECT t.id, t.coordination_product_id AS product_id,
           t.coordination_warehouse_id AS warehouse_id
      FROM project_task t
     WHERE t.company_id = %(company)s AND t.coordination_warehouse_id IS NOT NULL
       AND t.active AND t.state NOT IN ('1_done', '1_canceled')
), stock AS (
    SELECT q.product_id, loc.warehouse_id, GREATEST(SUM(COALESCE(q.quantity, 0)), 0) AS qty
      FROM stock_quant q JOIN stock_location loc ON loc.id = q.location_id
     WHERE loc.usage = 'internal'
       AND (q.product_id, loc.warehouse_id) IN (SELECT product_id, warehouse_id FROM tasks)
     GROUP BY 1, 2
), demand AS (
    SELECT m.product_id, src.warehouse_id, GREATEST(m.date, p.now) AS date,
           m.product_qty AS qty
      FROM stock_move m CROSS JOIN params p
      JOIN stock_location src ON src.id = m.location_id
      JOIN stock_location dest ON dest.id = m.location_dest_id
      LEFT JOIN mrp_production mo ON mo.id = m.raw_material_production_id
     WHERE src.usage = 'internal' AND dest.warehouse_id IS DISTINCT FROM src.warehouse_id
       AND (m.state IN ('waiting', 'confirmed', 'partially_available', 'assigned')
            OR (m.state = 'draft' AND mo.state = 'draft'))
       AND (mo.id IS NULL OR mo.state IN ('draft', 'confirmed', 'progress', 'to_close'))
       AND m.date <= p.horizon
       AND (m.product_id, src.warehouse_id) IN (SELECT product_id, warehouse_id FROM tasks)
), receipts AS (
    SELECT m.product_id, dest.warehouse_id,
           GREATEST(COALESCE(pol.date_planned, m.date), p.now) AS date, m.product_qty AS qty
      FROM stock_move m CROSS JOIN params p
      JOIN stock_location src ON src.id = m.location_id
      JOIN stock_location dest ON dest.id = m.location_dest_id
      LEFT JOIN purchase_order_line pol ON pol.id = m.purchase_line_id
     WHERE dest.usage = 'internal' AND src.warehouse_id IS DISTINCT FROM dest.warehouse_id
       AND m.state IN ('waiting', 'confirmed', 'partially_available', 'assigned')
       AND (m.product_id, dest.warehouse_id) IN (SELECT product_id, warehouse_id FROM tasks)
), minimums AS (
    SELECT product_id, warehouse_id, MAX(product_min_qty) AS qty
      FROM stock_warehouse_orderpoint
     WHERE active AND (product_id, warehouse_id) IN (SELECT product_id, warehouse_id FROM tasks)
     GROUP BY 1, 2
), events AS (
    -- Receipts before demands at the same moment.
    SELECT product_id, warehouse_id, date, 0 AS kind, qty FROM receipts
     UNION ALL
    SELECT product_id, warehouse_id, date, 1, -qty FROM demand
), running AS (
    SELECT product_id, warehouse_id,
           SUM(qty) OVER (PARTITION BY product_id, warehouse_id ORDER BY date, kind
                          ROWS UNBOUNDED PRECEDING) AS balance
      FROM events
), lowest AS (
    SELECT product_id, warehouse_id, MIN(balance) AS qty FROM running GROUP BY 1, 2
), due AS (
    -- Receipts already due count from now.
    SELECT product_id, warehouse_id, SUM(qty) AS qty FROM receipts
     WHERE date = (SELECT now FROM params) GROUP BY 1, 2
)
SELECT COUNT(*) FILTER (
           WHERE COALESCE(s.qty, 0)
                 + (SELECT COALESCE(SUM(qty), 0) FROM receipts r
                     WHERE (r.product_id, r.warehouse_id) = (t.product_id, t.warehouse_id)
                       AND r.date <= (SELECT horizon FROM params))
                 - (SELECT COALESCE(SUM(qty), 0) FROM demand d
                     WHERE (d.product_id, d.warehouse_id) = (t.product_id, t.warehouse_id))
                 >= COALESCE(mi.qty, 0) - 1e-6),
       COUNT(*) FILTER (
           WHERE COALESCE(s.qty, 0) + LEAST(COALESCE(lo.qty, 0), 0)
                 >= COALESCE(mi.qty, 0) - 1e-6
             AND COALESCE(s.qty, 0) + COALESCE(du.qty, 0) >= COALESCE(mi.qty, 0) - 1e-6)
  FROM tasks t
  LEFT JOIN stock s USING (product_id, warehouse_id)
  LEFT JOIN due du USING (product_id, warehouse_id)
  LEFT JOIN minimums mi USING (product_id, warehouse_id)
  LEFT JOIN lowest lo USING (product_id, warehouse_id)
"""


def covered_tasks(env, company):
    """An independent check of the open low-stock tasks, in SQL on the raw tables: how many
    ask the buyer for a product whose stock on hand and open receipts cover the open demand
    within the horizon (and the reordering minimum)
    - in total ("covered_total": a task may still be right when a receipt comes after the need
      date), and
    - at every date ("covered_by_date": stock on hand, plus the receipts expected by then,
      minus the demand needed by then, never below the minimum: no MRP would buy; must be 0).
    """
    now = fields.Datetime.now()
    horizon = now + timedelta(days=company.coordination_shortage_horizon_days or 30)
    env.flush_all()
    env.cr.execute(COVER_SQL, {"now": now, "horizon": horizon, "company": company.id})
    total, by_date = env.cr.fetchone()
    return {"covered_total": total, "covered_by_date": by_date}


def main(env):
    components, products = ensure_catalog(env)
    results, tasks = [], {}
    for size in SIZES:
        size_results, tasks[size] = bench_size(env, size, components, products)
        results += size_results
    print()
    print(f"{'measure':<56} {'MOs':>6} {'seconds':>8} {'queries':>8} {'writes':>7}")
    for row in results:
        print(
            f"{row['what']:<56} {row['mos']:>6} {row['seconds']:>8.3f} {row['queries']:>8} "
            f"{row['writes']:>7}"
        )
    print()
    for size in SIZES:
        first, steady, report, report_again, availability = (r for r in results if r["mos"] == size)
        print(
            f"{size} MOs: {tasks[size]['tasks']} low-stock tasks, of which "
            f"{tasks[size]['covered_by_date']} for products whose stock and receipts cover the "
            f"demand at every date (must be 0) and {tasks[size]['covered_total']} whose stock "
            f"and receipts cover the total demand within the horizon (a receipt after the need "
            f"date still makes a shortage)"
        )
        if "mrp_multi_level_products" in tasks[size]:
            print(
                f"{size} MOs: OCA mrp_multi_level plans purchases of "
                f"{tasks[size]['mrp_multi_level_products']} products within the horizon "
                f"({tasks[size]['mrp_multi_level_seconds']} s); "
                f"{tasks[size]['tasks_mrp_would_not_buy']} of our tasks are for products it "
                f"does not buy, and it buys {tasks[size]['mrp_buys_without_task']} products "
                f"without a task"
            )
        print(
            f"{size} MOs: scan vs replenishment report: "
            f"{report['seconds'] / first['seconds']:.1f}x faster the first time (both create "
            f"their records), {report_again['seconds'] / steady['seconds']:.1f}x faster again; "
            f"{availability['seconds'] / steady['seconds']:.1f}x faster than the availability "
            f"of the MOs; a second scan writes {steady['writes']} rows"
        )
    for label, what in (("first scan", "first"), ("scan again", "nothing changed")):
        queries = {
            r["mos"]: r["queries"] for r in results if what in r["what"] and "scan" in r["what"]
        }
        grows = any(queries[b] > queries[a] for a, b in zip(SIZES, SIZES[1:], strict=False))
        print(
            f"{label} queries by number of MOs: "
            + ", ".join(f"{size}: {count}" for size, count in queries.items())
            + (" (GROWS)" if grows else " (does not grow)")
        )
    print("BENCH_JSON " + json.dumps({"tasks": tasks, "results": results}, default=str))


main(env)  # noqa: F821
