"""Benchmark: priority refresh vs Odoo's own component availability, on N open MOs.

Run by `make bench` inside `odoo-bin shell` (the `env` global is Odoo's). Creates its data once
in the bench database (MOs with 5 components and 2 operations in 2 departments), then measures,
in the same run:
  - the priority refresh of 1/2 and all of the open MOs: time and query count;
  - Odoo's `components_availability_state` computed for the same MOs;
  - reading the priority board's first 80 rows: query count.
Prints a table and the figures as JSON (last line).
"""

import json
import os
import time

from odoo import Command

N = int(os.environ.get("BENCH_MOS", "2000"))
BATCH = 200
TAG = "BENCH"


def ensure_data(env):
    Production = env["mrp.production"].with_context(tracking_disable=True, mail_notrack=True)
    product = env["product.product"].search([("default_code", "=", f"{TAG}-FG")], limit=1)
    if not product:
        product = _create_catalog(env)
    existing = Production.search_count(
        [("product_id", "=", product.id), ("state", "=", "confirmed")]
    )
    bom = env["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)], limit=1)
    created = 0
    while existing + created < N:
        size = min(BATCH, N - existing - created)
        productions = Production.create(
            [
                {"product_id": product.id, "bom_id": bom.id, "product_qty": 1 + (i % 3)}
                for i in range(size)
            ]
        )
        productions.action_confirm()
        env.cr.commit()
        created += size
        print(f"  created {existing + created}/{N} MOs", flush=True)
    return Production.search(
        [("product_id", "=", product.id), ("state", "=", "confirmed")], order="id", limit=N
    )


def _create_catalog(env):
    calendar = env.company.resource_calendar_id
    workcenters = env["mrp.workcenter"].create(
        [
            {"name": f"{TAG} {name}", "resource_calendar_id": calendar.id}
            for name in ("Saw", "Bench")
        ]
    )
    env["coordination.department"].create(
        [
            {
                "name": f"{TAG} Cutting",
                "code": f"{TAG}C",
                "workcenter_ids": [Command.set(workcenters[0].ids)],
            },
            {
                "name": f"{TAG} Assembly",
                "code": f"{TAG}A",
                "workcenter_ids": [Command.set(workcenters[1].ids)],
            },
        ]
    )
    components = env["product.product"].create(
        [
            {"name": f"{TAG} part {i}", "default_code": f"{TAG}-C{i}", "is_storable": True}
            for i in range(5)
        ]
    )
    product = env["product.product"].create(
        {"name": f"{TAG} product", "default_code": f"{TAG}-FG", "is_storable": True}
    )
    env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "bom_line_ids": [
                Command.create({"product_id": c.id, "product_qty": 1}) for c in components
            ],
            "operation_ids": [
                Command.create(
                    {"name": "Cut", "workcenter_id": workcenters[0].id, "time_cycle_manual": 20}
                ),
                Command.create(
                    {
                        "name": "Assemble",
                        "workcenter_id": workcenters[1].id,
                        "time_cycle_manual": 30,
                    }
                ),
            ],
        }
    )
    # Enough of three parts, half of the fourth, none of the fifth (some on order).
    stock = (
        env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1).lot_stock_id
    )
    for component, qty in zip(components, (N * 3, N * 3, N * 3, N, 0), strict=True):
        if qty:
            env["stock.quant"]._update_available_quantity(component, stock, qty)
    env.cr.commit()
    return product


def measure(label, func):
    env.invalidate_all()  # noqa: F821 - `env` is given by odoo-bin shell
    env.flush_all()  # noqa: F821
    start_queries = env.cr.sql_log_count  # noqa: F821
    start = time.perf_counter()
    func()
    env.flush_all()  # noqa: F821
    return {
        "what": label,
        "seconds": round(time.perf_counter() - start, 3),
        "queries": env.cr.sql_log_count - start_queries,  # noqa: F821
    }


def main(env):
    productions = ensure_data(env)
    half = productions[: len(productions) // 2]
    board_domain = [("state", "in", ("confirmed", "progress", "to_close"))]
    board_fields = {
        "coordination_rank": {},
        "name": {},
        "product_id": {"fields": {"display_name": {}}},
        "coordination_date_committed": {},
        "coordination_date_forecast": {},
        "coordination_slack_hours": {},
        "coordination_readiness": {},
        "coordination_route_summary": {},
        "coordination_current_state": {},
        "coordination_priority_score": {},
    }
    results = [
        # (with the company's rerank in the same transaction, as the inline scheduled refresh)
        measure(
            f"priority refresh, {len(half)} MOs",
            half.with_context(coordination_rerank_now=True)._coordination_refresh_priority,
        ),
        measure(
            f"priority refresh, {len(productions)} MOs",
            productions.with_context(coordination_rerank_now=True)._coordination_refresh_priority,
        ),
        measure(
            f"Odoo components_availability_state, {len(productions)} MOs",
            lambda: productions.mapped("components_availability_state"),
        ),
        measure(
            "priority board, first 80 rows",
            lambda: env["mrp.production"].web_search_read(
                board_domain, board_fields, limit=80, order="coordination_rank, id"
            ),
        ),
    ]
    env.cr.rollback()
    print()
    print(f"{'measure':<52} {'seconds':>9} {'queries':>9}")
    for row in results:
        print(f"{row['what']:<52} {row['seconds']:>9.3f} {row['queries']:>9}")
    refresh, odoo = results[1], results[2]
    ratio = odoo["seconds"] / refresh["seconds"] if refresh["seconds"] else float("inf")
    # The count varies by a query or two with what changed (ranks to rewrite, activities to
    # create), not with the number of MOs: twice the MOs must not take more queries.
    constant = results[1]["queries"] <= results[0]["queries"]
    print(
        f"refresh is {ratio:.1f}x faster than Odoo's availability "
        f"({'OK' if refresh['seconds'] < odoo['seconds'] else 'TOO SLOW'}); "
        f"query count {'constant' if constant else 'GROWS'} with the number of MOs"
    )
    print("BENCH_JSON " + json.dumps({"mos": len(productions), "results": results}))


main(env)  # noqa: F821
