"""Benchmark: the dashboard's data call and the XLSX status report vs Odoo's own MO list.

Run by `make bench` inside `odoo-bin shell` (the `env` global is Odoo's). Generates, once, one
company per size (2,000 and 10,000 open MOs; BENCH_DASHBOARD_MOS="2000,10000" to change), each
with two departments (Cutting, Assembly), a product with 5 components (two of them short) and
2 operations, and a little trouble: committed dates passed on 1 MO in 10, a blocked leg on 1 in
50, 1 in 100 expedited. Then measures, on each company, as a coordinator (cold record cache):
  - Odoo's MO list as the web client opens it ("To Do" filter, first 80 rows, the fields of
    Odoo's own list view, so component availability included): `web_search_read`;
  - the dashboard's data call (`coordination.dashboard.get_dashboard_data`), which must take
    at most a tenth of that list read and the same number of queries at every size;
  - the XLSX status report (`coordination.status.report._build_xlsx`), which must take less
    than three times that list read.
Prints a table and the figures as JSON (last line). Nothing it measures is committed.
"""

import json
import os
import time
from datetime import timedelta

from lxml import etree

from odoo import Command, fields

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
CLONED = [
    # the current handoff is set once the handoffs are copied (foreign key)
    (
        "mrp_production",
        "id",
        {"coordination_current_handoff_id": None, "procurement_group_id": None},
    ),
    ("coordination_handoff", "production_id", {"production_id": "production"}),
    (
        "mrp_workorder",
        "production_id",
        {
            "production_id": "production",
            "coordination_handoff_id": "handoff",
            "coordination_activity_id": None,
        },
    ),
    (
        "stock_move",
        "raw_material_production_id",
        {"raw_material_production_id": "production", "workorder_id": "workorder", "group_id": None},
    ),
    ("stock_move", "production_id", {"production_id": "production", "group_id": None}),
]
MAPS = {
    "mrp_production": "production",
    "coordination_handoff": "handoff",
    "mrp_workorder": "workorder",
}


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
        product = _create_catalog(cenv, size, company, warehouse)
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
        _make_trouble(productions, coordinator)
        productions._coordination_refresh_priority()
        env.cr.commit()
        existing += count
        print(f"  {name}: {existing}/{size} MOs", flush=True)
    if existing < size:
        _replicate(cenv, company, size)
        print(f"  {name}: {size}/{size} MOs (replicated)", flush=True)
    return company


def _create_catalog(cenv, size, company, warehouse):
    calendar = company.resource_calendar_id
    workcenters = cenv["mrp.workcenter"].create(
        [
            {
                "name": f"{TAG} {size} {name}",
                "company_id": company.id,
                "resource_calendar_id": calendar.id,
            }
            for name in ("Saw", "Bench")
        ]
    )
    cenv["coordination.department"].create(
        [
            {
                "name": f"{label} {size}",
                "code": f"{code}{size}",
                "company_id": company.id,
                "workcenter_ids": [Command.set(workcenter.ids)],
            }
            for label, code, workcenter in (
                ("Cutting", "DC", workcenters[0]),
                ("Assembly", "DA", workcenters[1]),
            )
        ]
    )
    components = cenv["product.product"].create(
        [
            {
                "name": f"{TAG} {size} part {i}",
                "default_code": f"{TAG}-{size}-C{i}",
                "is_storable": True,
                "company_id": company.id,
            }
            for i in range(5)
        ]
    )
    product = cenv["product.product"].create(
        {
            "name": f"{TAG} {size} desk",
            "default_code": f"{TAG}-{size}-FG",
            "is_storable": True,
            "company_id": company.id,
        }
    )
    cenv["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "company_id": company.id,
            "bom_line_ids": [
                Command.create({"product_id": c.id, "product_qty": 1}) for c in components
            ],
            "operation_ids": [
                Command.create(
                    {"name": name, "workcenter_id": workcenter.id, "time_cycle_manual": minutes}
                )
                for name, workcenter, minutes in (
                    ("Cut", workcenters[0], 20),
                    ("Assemble", workcenters[1], 30),
                )
            ],
        }
    )
    # Enough of three parts, half of the fourth, none of the fifth.
    for component, qty in zip(components, (size * 3, size * 3, size * 3, size, 0), strict=True):
        if qty:
            cenv["stock.quant"]._update_available_quantity(component, warehouse.lot_stock_id, qty)
    return product


def _replicate(cenv, company, size):
    """Copy the company's ORM-made MOs (with their handoffs, work orders and moves) in SQL
    until it has `size` MOs, then let the ORM rank them all. The copies are ordinary rows:
    everything measured reads them like any other MO."""
    cr = cenv.cr
    cr.execute("SELECT id FROM mrp_production WHERE company_id = %s ORDER BY id", [company.id])
    originals = [row[0] for row in cr.fetchall()][:ORM_MOS]
    copy = 0
    while (missing := size - _count(cr, company)) > 0:
        copy += 1
        _copy_rows(cr, originals[:missing], copy)
    cenv.invalidate_all()
    cenv["mrp.production"].search(
        [("company_id", "=", company.id)]
    )._coordination_refresh_priority()
    cenv.cr.commit()


def _count(cr, company):
    cr.execute("SELECT count(*) FROM mrp_production WHERE company_id = %s", [company.id])
    return cr.fetchone()[0]


def _copy_rows(cr, production_ids, copy):
    """One copy of these MOs: new ids from each table's sequence, foreign keys remapped."""
    cr.execute("DROP TABLE IF EXISTS pc_map")
    cr.execute("CREATE TEMP TABLE pc_map (kind varchar, old_id int, new_id int)")
    cr.execute(
        """INSERT INTO pc_map SELECT 'production', id, nextval('mrp_production_id_seq')
             FROM mrp_production WHERE id = ANY(%(ids)s);
           INSERT INTO pc_map SELECT 'handoff', id, nextval('coordination_handoff_id_seq')
             FROM coordination_handoff WHERE production_id = ANY(%(ids)s);
           INSERT INTO pc_map SELECT 'workorder', id, nextval('mrp_workorder_id_seq')
             FROM mrp_workorder WHERE production_id = ANY(%(ids)s);
           CREATE INDEX ON pc_map (kind, old_id)""",
        {"ids": production_ids},
    )
    for table, key, remap in CLONED:
        cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND column_name != 'id' ORDER BY ordinal_position",
            [table],
        )
        columns = [row[0] for row in cr.fetchall()]
        values = []
        for column in columns:
            if column in remap and remap[column] is None:
                values.append("NULL")
            elif column in remap:
                values.append(
                    f"(SELECT m.new_id FROM pc_map m WHERE m.kind = '{remap[column]}' "
                    f"AND m.old_id = t.{column})"
                )
            elif table == "mrp_production" and column == "name":
                values.append(f"t.name || '/R{copy}'")
            else:
                values.append(f't."{column}"')
        if table in MAPS:
            new_id = (
                f"(SELECT m.new_id FROM pc_map m WHERE m.kind = '{MAPS[table]}' "
                "AND m.old_id = t.id)"
            )
        else:
            new_id = f"nextval('{table}_id_seq')"
        column_list = ", ".join(f'"{c}"' for c in columns)
        cr.execute(
            f"INSERT INTO {table} (id, {column_list}) SELECT {new_id}, {', '.join(values)} "  # noqa: S608
            f"FROM {table} t WHERE t.{key} = ANY(%s)",
            [production_ids],
        )
    cr.execute(
        """UPDATE mrp_production copy SET coordination_current_handoff_id = handoff.new_id
             FROM pc_map production, mrp_production original, pc_map handoff
            WHERE production.kind = 'production' AND production.new_id = copy.id
              AND original.id = production.old_id AND handoff.kind = 'handoff'
              AND handoff.old_id = original.coordination_current_handoff_id"""
    )


def _make_trouble(productions, coordinator):
    """Late, blocked and expedited orders, as a coordinator would see them."""
    ordered = productions.sorted("id")
    ordered.filtered(lambda p: p.id % 10 == 0).write(
        {"coordination_date_committed_manual": fields.Datetime.now() - timedelta(days=2)}
    )
    blocked = ordered.filtered(lambda p: p.id % 50 == 0).coordination_handoff_ids.filtered(
        lambda leg: leg.state == "ready"
    )
    blocked._block("Bench: part missing")
    expedited = ordered.filtered(lambda p: p.id % 100 == 1)
    expedited.with_user(coordinator)._coordination_expedite("Bench: customer call")


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
    Dashboard.get_dashboard_data(filters)  # warm the registry caches (groups, rules, views)
    rows = [
        measure(
            cenv,
            "Odoo MO list, first 80 rows",
            size,
            lambda: cenv["mrp.production"].web_search_read([("state", "in", OPEN)], spec, limit=80),
        ),
        measure(cenv, "dashboard data call", size, lambda: Dashboard.get_dashboard_data(filters)),
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
