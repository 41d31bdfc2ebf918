"""Benchmark: the production review of a 20-line quotation with 3-level BoMs.

Run by `make bench` (BENCH_ONLY=review for this one alone) inside `odoo-bin shell` (the `env`
global is Odoo's), on the bench database. Generates, once, a company of its own with two
departments over four work centers on a 40-hour calendar, a catalog of 200 bought raw
materials (20 vendors, 5 to 24 days), 80 parts (2 raw materials, cut), 40 sub-assemblies
(2 parts and a raw material, welded) and 30 finished products (2 sub-assemblies and 2 raw
materials, assembled, inspected): BoMs three levels deep. Stock for half the raw materials,
then BENCH_REVIEW_MOS (default 500: Odoo makes about one MO a second on the shared machine)
confirmed MOs of 10 of the finished products spread over 8 weeks (demand on the components of
the 20 others, load on the same work centers) and 50 confirmed purchase orders (receipts).
Then measures, as a coordinator, from a cold record cache:
  - the review of a 1-line quotation, of a 20-line quotation (each line a different finished
    product), of the 20-line quotation again;
and checks the 20-line review takes under one second, with the same number of queries as the
1-line review. Prints a table and the figures as JSON (last line). Nothing it measures is
committed.
"""

import json
import os
import time
from datetime import timedelta

from odoo import Command, fields

MOS = int(os.environ.get("BENCH_REVIEW_MOS", "500"))
RAWS, PARTS, SUBS, FINISHED, LOADED, VENDORS, ORDERS = 200, 80, 40, 20, 10, 20, 50
BATCH = 500
TAG = "REVIEWBENCH"
QUIET = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "coordination_defer_priority": True,
}


def ensure_company(env):
    name = f"{TAG} Plant"
    company = env["res.company"].search([("name", "=", name)])
    if not company:
        print(f"  creating {name}", flush=True)
        company = env["res.company"].create({"name": name})
        env.user.company_ids = [Command.link(company.id)]
        env.cr.commit()
    cenv = env(context=dict(env.context, allowed_company_ids=company.ids, **QUIET))
    company = company.with_env(cenv)
    warehouse = cenv["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if not warehouse:
        warehouse = cenv["stock.warehouse"].create(
            {"name": name, "code": "RVB", "company_id": company.id}
        )
        env.cr.commit()
    return cenv, company, warehouse


def ensure_catalog(cenv, company, warehouse):
    Product = cenv["product.product"]
    finished = Product.search([("default_code", "=like", f"{TAG}-F%")], order="default_code")
    if len(finished) == FINISHED:
        return finished
    print("  creating the catalog", flush=True)
    calendar = cenv["resource.calendar"].create(
        {"name": f"{TAG} 40h", "tz": "UTC", "company_id": company.id}
    )
    workcenters = cenv["mrp.workcenter"].create(
        [
            {
                "name": f"{TAG} {name}",
                "resource_calendar_id": calendar.id,
                "company_id": company.id,
                "time_start": 5,
                "time_stop": 5,
            }
            for name in ("Saw", "Welder", "Bench", "Inspection")
        ]
    )
    saw, welder, bench, inspection = workcenters
    cenv["coordination.department"].create(
        [
            {
                "name": f"{TAG} Cutting",
                "code": "RVCUT",
                "company_id": company.id,
                "workcenter_ids": [Command.set((saw | welder).ids)],
            },
            {
                "name": f"{TAG} Assembly",
                "code": "RVASM",
                "company_id": company.id,
                "workcenter_ids": [Command.set((bench | inspection).ids)],
            },
        ]
    )
    vendors = cenv["res.partner"].create(
        [{"name": f"{TAG} Vendor {i:02d}", "is_company": True} for i in range(VENDORS)]
    )
    raws = Product.create(
        [
            {
                "name": f"{TAG} raw {i:03d}",
                "default_code": f"{TAG}-R{i:03d}",
                "is_storable": True,
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": vendors[i % VENDORS].id,
                            "price": 1.0 + i % 30,
                            "delay": 5 + i % 20,
                            "company_id": company.id,
                        }
                    )
                ],
            }
            for i in range(RAWS)
        ]
    )

    def level(prefix, count, name):
        return Product.create(
            [
                {
                    "name": f"{TAG} {name} {i:03d}",
                    "default_code": f"{TAG}-{prefix}{i:03d}",
                    "is_storable": True,
                }
                for i in range(count)
            ]
        )

    parts, subs = level("P", PARTS, "part"), level("S", SUBS, "sub")
    finished, loaded = level("F", FINISHED, "product"), level("L", LOADED, "loaded product")

    def bom(product, components, operations):
        return {
            "product_tmpl_id": product.product_tmpl_id.id,
            "company_id": company.id,
            "bom_line_ids": [
                Command.create({"product_id": c.id, "product_qty": q}) for c, q in components
            ],
            "operation_ids": [
                Command.create(
                    {"name": n, "workcenter_id": wc.id, "time_cycle_manual": m, "sequence": s}
                )
                for s, (n, wc, m) in enumerate(operations)
            ],
        }

    cenv["mrp.bom"].create(
        [
            bom(part, [(raws[(2 * i) % RAWS], 2), (raws[(2 * i + 1) % RAWS], 1)], [("Cut", saw, 6)])
            for i, part in enumerate(parts)
        ]
        + [
            bom(
                sub,
                [(parts[(2 * i) % PARTS], 2), (parts[(2 * i + 1) % PARTS], 1), (raws[i], 3)],
                [("Weld", welder, 12)],
            )
            for i, sub in enumerate(subs)
        ]
        + [
            bom(
                product,
                [
                    (subs[(2 * i) % SUBS], 1),
                    (subs[(2 * i + 1) % SUBS], 1),
                    (raws[100 + i % 50], 4),
                    (raws[150 + i % 50], 2),
                ],
                [("Assemble", bench, 30), ("Inspect", inspection, 10)],
            )
            for i, product in enumerate(finished | loaded)
        ]
    )
    for i, raw in enumerate(raws):
        if i % 2 == 0:
            cenv["stock.quant"]._update_available_quantity(raw, warehouse.lot_stock_id, 60)
    cenv.cr.commit()
    return finished


def ensure_load(cenv, company, warehouse, finished):
    """MOS confirmed MOs of the other finished products (their components are the quoted
    ones': demand, and load on the same work centers; their output is not what is quoted)
    over 8 weeks, and ORDERS purchases."""
    Production = cenv["mrp.production"]
    products = cenv["product.product"].search(
        [("default_code", "=like", f"{TAG}-L%")], order="default_code"
    )
    existing = Production.search_count([("company_id", "=", company.id)])
    now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    for start in range(existing, MOS, BATCH):
        productions = Production.create(
            [
                {
                    "product_id": products[i % len(products)].id,
                    "product_qty": 1 + i % 3,
                    "company_id": company.id,
                    "picking_type_id": warehouse.manu_type_id.id,
                    "date_start": now + timedelta(days=i % 56, hours=i % 9),
                }
                for i in range(start, min(start + BATCH, MOS))
            ]
        )
        productions.action_confirm()
        cenv.cr.commit()
        done = min(start + BATCH, MOS)
        rate = (done - existing) / (time.perf_counter() - started)
        print(f"  {done}/{MOS} MOs ({rate:.0f}/s)", flush=True)
    if not cenv["purchase.order"].search_count([("company_id", "=", company.id)]):
        raws = cenv["product.product"].search(
            [("default_code", "=like", f"{TAG}-R%")], order="default_code"
        )
        cenv["purchase.order"].create(
            [
                {
                    "partner_id": raws[o].seller_ids[:1].partner_id.id,
                    "company_id": company.id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": raws[(o * 4 + k) % RAWS].id,
                                "product_qty": 40,
                                "date_planned": now + timedelta(days=3 + o % 20),
                            }
                        )
                        for k in range(4)
                    ],
                }
                for o in range(ORDERS)
            ]
        ).button_confirm()
        cenv.cr.commit()


def ensure_coordinator(env, company):
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", f"{TAG.lower()}_coordinator")])
    if not user:
        user = Users.create(
            {
                "name": f"{TAG} Coordinator",
                "login": f"{TAG.lower()}_coordinator",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.set([env.ref("production_coordination.group_coordination_manager").id])
                ],
            }
        )
        env.cr.commit()
    return user


def measure(env, what, order, coordinator):
    env.invalidate_all()
    env.registry.clear_cache()
    order = order.with_user(coordinator).with_context(allowed_company_ids=order.company_id.ids)
    before = env.cr.sql_log_count
    started = time.perf_counter()
    order._coordination_review()
    order.env.flush_all()
    seconds = time.perf_counter() - started
    return {
        "what": what,
        "lines": len(order.order_line),
        "seconds": round(seconds, 4),
        "queries": env.cr.sql_log_count - before,
        "state": order.coordination_review_state,
        "constraint": order.coordination_review_constraint,
    }


def main(env):
    cenv, company, warehouse = ensure_company(env)
    finished = ensure_catalog(cenv, company, warehouse)
    ensure_load(cenv, company, warehouse, finished)
    coordinator = ensure_coordinator(env, company)
    customer = cenv["res.partner"].search([("name", "=", f"{TAG} Customer")], limit=1)
    if not customer:
        customer = cenv["res.partner"].create({"name": f"{TAG} Customer"})
        cenv.cr.commit()
    commitment = fields.Datetime.now() + timedelta(days=45)

    def quote(products):
        return cenv["sale.order"].create(
            {
                "partner_id": customer.id,
                "company_id": company.id,
                "commitment_date": commitment,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": 5}) for p in products
                ],
            }
        )

    one, twenty = quote(finished[:1]), quote(finished)
    cenv.flush_all()
    measure(env, "warm-up", quote(finished[1:2]), coordinator)
    results = [
        measure(env, "review, 1 line", one, coordinator),
        measure(env, "review, 20 lines", twenty, coordinator),
        measure(env, "review again, 20 lines", twenty, coordinator),
    ]
    env.cr.rollback()
    open_mos = cenv["mrp.production"].search_count(
        [("company_id", "=", company.id), ("state", "in", ("confirmed", "progress"))]
    )
    print()
    print(f"{'measure':<26} {'lines':>5} {'seconds':>9} {'queries':>8}  state: constraint")
    for row in results:
        print(
            f"{row['what']:<26} {row['lines']:>5} {row['seconds']:>9.4f} {row['queries']:>8}  "
            f"{row['state']}: {row['constraint']}"
        )
    by_what = {row["what"]: row for row in results}
    twenty_row = by_what["review, 20 lines"]
    one_queries = by_what["review, 1 line"]["queries"]
    print(
        f"{open_mos} open MOs; 20 lines with 3-level BoMs: {twenty_row['seconds']:.3f} s "
        f"({'OK' if twenty_row['seconds'] < 1 else 'TOO SLOW'}, target < 1 s); queries 1 vs 20 "
        f"lines: {one_queries} vs {twenty_row['queries']} "
        f"({'constant' if one_queries == twenty_row['queries'] else 'GROW'})"
    )
    print("BENCH_JSON " + json.dumps({"open_mos": open_mos, "results": results}))


main(env)  # noqa: F821
