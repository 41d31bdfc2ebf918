"""Bench data helpers shared by the benches run inside `odoo-bin shell` (see scripts/bench.sh,
which puts this folder on `sys.path` through BENCH_DIR).

Odoo's own MO creation runs at 1 to 5 MOs a second here, so large companies get a few hundred
ORM-made MOs and, for the rest, SQL copies of them: the MO with its handoffs, work orders and
moves, new ids from each table's sequence, foreign keys remapped. The copies are ordinary rows:
everything measured reads them like any other MO.
"""

from datetime import timedelta

from odoo import Command, fields

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


def count_productions(cr, company_id):
    cr.execute("SELECT count(*) FROM mrp_production WHERE company_id = %s", [company_id])
    return cr.fetchone()[0]


def replicate(cr, company_id, size):
    """Copy the company's MOs in SQL until it has `size`: each round copies every MO it has
    (at most what is missing), so 100,000 MOs from 200 take 9 rounds, each committed. The
    caller ranks them."""
    copy = 0
    while (missing := size - count_productions(cr, company_id)) > 0:
        copy += 1
        cr.execute(
            "SELECT id FROM mrp_production WHERE company_id = %s ORDER BY id LIMIT %s",
            [company_id, missing],
        )
        copy_rows(cr, [row[0] for row in cr.fetchall()], copy)
        cr.commit()  # an interrupted generation goes on from here next time
        print(f"  copy {copy}: {count_productions(cr, company_id)}/{size} MOs", flush=True)


def copy_rows(cr, production_ids, copy):
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
           CREATE INDEX ON pc_map (kind, old_id);
           ANALYZE pc_map""",
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
    cr.execute("ANALYZE mrp_production, coordination_handoff, mrp_workorder, stock_move")


def create_catalog(cenv, tag, size, company, warehouse, code):
    """Two work centers (Saw, Bench) in two departments (Cutting, Assembly: codes `<code>C`,
    `<code>A` + size), five components, a desk made of them in two operations; enough stock of
    three components, half of the fourth, none of the fifth. Returns the desk."""
    calendar = company.resource_calendar_id
    workcenters = cenv["mrp.workcenter"].create(
        [
            {
                "name": f"{tag} {size} {name}",
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
                ("Cutting", f"{code}C", workcenters[0]),
                ("Assembly", f"{code}A", workcenters[1]),
            )
        ]
    )
    components = cenv["product.product"].create(
        [
            {
                "name": f"{tag} {size} part {i}",
                "default_code": f"{tag}-{size}-C{i}",
                "is_storable": True,
                "company_id": company.id,
            }
            for i in range(5)
        ]
    )
    product = cenv["product.product"].create(
        {
            "name": f"{tag} {size} desk",
            "default_code": f"{tag}-{size}-FG",
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


def make_trouble(productions, coordinator):
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
