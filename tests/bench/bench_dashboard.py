"""Benchmark: the dashboard's data call and the XLSX status report vs Odoo's own MO list.

Run by `make bench` inside `odoo-bin shell` (the `env` global is Odoo's). Generates, once, one
company per size (2,000 and 10,000 open MOs; BENCH_DASHBOARD_MOS="2000,10000" to change), each
with two departments (Cutting, Assembly), a product with 5 components (two of them short) and
2 operations, and a little trouble: committed dates passed on 1 MO in 10, a blocked leg on 1 in
50, 1 in 100 expedited. Then measures, on each company, as a coordinator (cold record cache):
  - Odoo's MO list as the web client opens it ("To Do" filter, first 80 rows, the fields of
    Odoo's own list view, so component availability included): `web_search_read`;
  - the dashboard's data call (`coordination.dashboard.get_dashboard_data`), computed (the
    process's cache of figures emptied first), which must take at most a tenth of that list
    read and the same number of queries at every size; then again, read from that cache;
  - the XLSX status report (`coordination.status.report._build_xlsx`), which must take less
    than three times that list read.
Prints a table and the figures as JSON (last line). Nothing it measures is committed.
"""

import json
import os
import sys
import time

from lxml import etree

from odoo import Command

sys.path.insert(0, os.environ.get("BENCH_DIR", "tests/bench"))
import benchdata  # noqa: E402

SIZES = [int(size) for size in os.environ.get("BENCH_DASHBOARD_MOS", "2000,10000").split(",")]
BATCH = 500
TAG = "DASHBENCH"
QUIET = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "coordination_defer_priority": True,
}
OPEN = ("draft", "confirmed", "progress", "to_close")
# MOs created through the ORM per company; above that, copies of them made in SQL (Odoo's own
# MO creation runs at 2 to 5 MOs a second here: 10,000 would take an hour or more).
ORM_MOS = 2000
# What a copy of an MO consists of: table, its key column, and the columns pointing to other
# copied rows (mapped to the copies) or to what must not be shared (emptied).


# Data, generated once -----------------------------------------------------------------------


def ensure_coordinator(env):
    Users = env["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", "dashbench_coordinator")])
    if not user:
        user = Users.create(
            {
                "name": "Bench Coordinator",
                "login": "dashbench_coordinator",
                "email": "dashbench_coordinator@example.com",
                "groups_id": [
                    Command.link(env.ref("production_coordination.group_coordination_manager").id)
                ],
            }
        )
    return user


def ensure_company(env, size, coordinator):
    name = f"{TAG} {size}"
    company = env["res.company"].search([("name", "=", name)])
    if not company:
        print(f"  creating company {name}", flush=True)
        company = env["res.company"].create({"name": name})
    coordinator.company_ids = [Command.link(company.id)]
    env.user.company_ids = [Command.link(company.id)]
    cenv = env(context=dict(env.context, allowed_company_ids=company.ids, **QUIET))
    warehouse = cenv["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if not warehouse:
        warehouse = cenv["stock.warehouse"].create(
            {"name": name, "code": f"D{SIZES.index(size)}", "company_id": company.id}
        )
    # No reservation at confirmation: Odoo's move lines are not what is measured, and
    # reserving makes generating 10,000 MOs take an hour.
    warehouse.manu_type_id.reservation_method = "manual"
    product = cenv["product.product"].search([("default_code", "=", f"{TAG}-{size}-FG")])
    if not product:
        product = benchdata.create_catalog(cenv, TAG, size, company, warehouse, "D")
    Production = cenv["mrp.production"]
    existing = Production.search_count([("company_id", "=", company.id)])
    bom = cenv["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)])
    while existing < min(size, ORM_MOS):
        count = min(BATCH, min(size, ORM_MOS) - existing)
        productions = Production.create(
            [
                {
                    "product_id": product.id,
                    "bom_id": bom.id,
                    "product_qty": 1 + (existing + i) % 3,
                    "company_id": company.id,
                    "picking_type_id": warehouse.manu_type_id.id,
                }
                for i in range(count)
            ]
        )
        productions.action_confirm()
        benchdata.make_trouble(productions, coordinator)
        # (ranked here, not by a job: no job runner in the bench)
        productions.with_context(coordination_rerank_now=True)._coordination_refresh_priority()
        env.cr.commit()
        existing += count
        print(f"  {name}: {existing}/{size} MOs", flush=True)
    if existing < size:
        _replicate(cenv, company, size)
        print(f"  {name}: {size}/{size} MOs (replicated)", flush=True)
    return company


def _replicate(cenv, company, size):
    """Copy the company's ORM-made MOs (with their handoffs, work orders and moves) in SQL
    until it has `size` MOs, then let the ORM rank them all. The copies are ordinary rows:
    everything measured reads them like any other MO."""
    cr = cenv.cr
    cr.execute("SELECT id FROM mrp_production WHERE company_id = %s ORDER BY id", [company.id])
    originals = [row[0] for row in cr.fetchall()][:ORM_MOS]
    copy = 0
    while (missing := size - benchdata.count_productions(cr, company.id)) > 0:
        copy += 1
        benchdata.copy_rows(cr, originals[:missing], copy)
    cenv.invalidate_all()
    cenv["mrp.production"].search([("company_id", "=", company.id)]).with_context(
        coordination_rerank_now=True
    )._coordination_refresh_priority()
    cenv.cr.commit()


# Measures -----------------------------------------------------------------------------------


def list_specification(env):
    """The fields of Odoo's own MO list view, as the web client asks for them."""
    Production = env["mrp.production"]
    arch = Production.get_views([(False, "list")])["views"]["list"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iterfind("field"):
        field = Production._fields[node.get("name")]
        spec[field.name] = (
            {"fields": {"display_name": {}}} if field.type in ("many2one", "many2many") else {}
        )
    return spec


def measure(env, label, size, func):
    env.invalidate_all()
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    func()
    return {
        "what": label,
        "mos": size,
        "seconds": round(time.perf_counter() - start, 4),
        "queries": env.cr.sql_log_count - queries,
    }


def bench_size(env, size, coordinator):
    company = ensure_company(env, size, coordinator)
    cenv = env(user=coordinator, context=dict(env.context, allowed_company_ids=company.ids))
    filters = {"company_ids": company.ids}
    spec = list_specification(cenv)
    Dashboard = cenv["coordination.dashboard"]
    Cache = cenv["coordination.dashboard.cache"]
    Dashboard.get_dashboard_data(filters)  # warm the registry caches (groups, rules, views)
    rows = [
        measure(
            cenv,
            "Odoo MO list, first 80 rows",
            size,
            lambda: cenv["mrp.production"].web_search_read([("state", "in", OPEN)], spec, limit=80),
        ),
        measure(
            cenv,
            "dashboard data call",
            size,
            lambda: (Cache._clear(), Dashboard.get_dashboard_data(filters)),
        ),
        # Read from the process's cache of figures (filled by the call above: same filters,
        # same access, nothing changed since).
        measure(
            cenv,
            "dashboard data call, cached",
            size,
            lambda: Dashboard.get_dashboard_data(filters),
        ),
    ]
    if size == SIZES[0]:
        rows.append(
            measure(
                cenv,
                "XLSX status report",
                size,
                lambda: cenv["coordination.status.report"]._build_xlsx(filters),
            )
        )
    env.cr.rollback()
    return rows


def main(env):
    coordinator = ensure_coordinator(env)
    env.cr.commit()
    results = []
    for size in SIZES:
        results.extend(bench_size(env, size, coordinator))
    print()
    print(f"{'measure':<32} {'MOs':>7} {'seconds':>9} {'queries':>8}")
    for row in results:
        print(f"{row['what']:<32} {row['mos']:>7} {row['seconds']:>9.4f} {row['queries']:>8}")
    verdicts = []
    for size in SIZES:
        by_what = {row["what"]: row for row in results if row["mos"] == size}
        odoo_list = by_what["Odoo MO list, first 80 rows"]["seconds"]
        data = by_what["dashboard data call"]["seconds"]
        verdicts.append(
            f"{size} MOs: data call = {data / odoo_list:.3f} x the list read "
            f"({'OK' if data <= odoo_list / 10 else 'TOO SLOW'}, target <= 0.1)"
        )
        if "XLSX status report" in by_what:
            xlsx = by_what["XLSX status report"]["seconds"]
            verdicts.append(
                f"{size} MOs: XLSX = {xlsx / odoo_list:.2f} x the list read "
                f"({'OK' if xlsx < 3 * odoo_list else 'TOO SLOW'}, target < 3)"
            )
    calls = [row["queries"] for row in results if row["what"] == "dashboard data call"]
    verdicts.append(
        f"data call queries: {calls} ({'constant' if len(set(calls)) == 1 else 'GROW'})"
    )
    print("\n".join(verdicts))
    print("BENCH_JSON " + json.dumps({"results": results}))


main(env)  # noqa: F821
