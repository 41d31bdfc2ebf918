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
and rolls everything back, so that every run measures the same thing. Prints a table and the
figures as JSON (last line).

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
        measure(cenv, "Odoo replenishment report, first (creates its lines)", size, report),
        measure(cenv, "Odoo replenishment report, again", size, report),
        measure(
            cenv,
            f"Odoo components_availability_state, {len(productions)} MOs",
            size,
            lambda: productions.with_env(cenv).mapped("components_availability_state") and None,
        ),
    ]
    tasks = cenv["project.task"].search_count(
        [("company_id", "=", company.id), ("coordination_warehouse_id", "!=", False)]
    )
    env.cr.rollback()
    return results, tasks


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
            f"{size} MOs: {tasks[size]} low-stock tasks. Scan vs replenishment report: "
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
