# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Low-stock tasks: one task per product and warehouse that is short, for purchasing staff.

The shortage scan hands a `ScanSnapshot` (coordination_material_scan.py) to `_sync`, which
plans (`_plan`: what to create, update, reopen and close, without writing), then applies the
plan and returns its counts. The task columns the scan keeps (TASK_COLUMNS) and the blocked-MO
lines are written in SQL (see coordination_sql.py): thousands on a first scan.

Hooks: `_prepare_task_values` (what a shortage writes on its task), `_prepare_line_values` (the
MOs it blocks), `_select_vendors` and `_get_buyers` (whom to buy from, who buys), `_assignees`,
`_task_names`, `_describe` (the chatter note), `_close_reasons`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import SQL, float_round, format_date

from .coordination_const import CLOSED_TASK_STATES, EPSILON
from .coordination_sql import bulk_update, id_filter, same_rows, same_value, typed_arrays
from .coordination_utils import add_days

# A shortage is "high" when the order must be placed within this many days.
HIGH_MARGIN_DAYS = 7
# Stored task columns the scan keeps up to date, in SQL (lines apart).
TASK_COLUMNS = [
    "coordination_shortage_qty",
    "coordination_date_need",
    "coordination_severity",
    "coordination_qty_min",
    "coordination_qty_lowest",
    "coordination_production_count",
    "coordination_vendor_id",
    "coordination_vendor_price",
    "coordination_vendor_currency_id",
    "coordination_lead_days",
    "date_deadline",
    "priority",
]
# The columns of coordination.shortage.line the scan inserts.
LINE_COLUMNS = [
    "production_id",
    "production_name",
    "production_rank",
    "date_committed",
    "date_need",
    "qty_required",
    "qty_available",
    "qty_missing",
]


@dataclass(frozen=True)
class TaskPlan:
    """What `_sync` will do, keyed by (product, warehouse): computed without writing."""

    wanted: dict  # {key: (task values, [line values])} of every shortage
    to_create: list  # keys without a task
    to_reopen: list  # keys whose task is closed or archived
    to_close: list  # keys of open tasks whose shortage is gone
    rows: list  # [(task id, *values of TASK_COLUMNS)] of the tasks whose columns change
    line_changes: dict  # {task id: [line values]} of the tasks whose lines change


class CoordinationLowStockSync(models.AbstractModel):
    _name = "coordination.low.stock.sync"
    _description = "Low-Stock Task Sync"

    @api.model
    def _sync(self, snapshot):
        """Create, update, reopen and close the low-stock tasks of the snapshot's company.

        :return: {"created", "updated", "reopened", "closed"}: how many tasks (a reopened task
            is not counted as updated)
        """
        vendors = self._select_vendors(snapshot.company, snapshot.shortages)
        buyers = self._get_buyers(snapshot.company, {v["partner_id"] for v in vendors.values()})
        plan = self._plan(snapshot, vendors)
        stages = snapshot.project._coordination_get_stages()
        Task = self.env["project.task"].with_context(
            mail_create_nolog=True, mail_auto_subscribe_no_notify=True, tracking_disable=True
        )
        self._apply_updates(snapshot, plan)
        reopened_ids = {snapshot.tasks[key]["id"] for key in plan.to_reopen}
        done = {
            "updated": len(({row[0] for row in plan.rows} | set(plan.line_changes)) - reopened_ids)
        }
        created = self._create_tasks(Task, snapshot, plan, vendors, buyers, stages)
        reopened = self._reopen_tasks(Task, snapshot, plan, vendors, buyers, stages)
        self._schedule_task_activities(
            created | reopened, plan.wanted, plan.to_create + plan.to_reopen
        )
        closed = self._close_tasks(Task, snapshot, plan, stages)
        done.update(created=len(created), reopened=len(reopened), closed=len(closed))
        return done

    @api.model
    def _plan(self, snapshot, vendors):
        """The `TaskPlan` of the snapshot: what each shortage wants on its task, against the
        tasks read."""
        tasks = snapshot.tasks
        wanted = {}
        for key, projection in snapshot.shortages.items():
            product_id, _warehouse_id = key
            wanted[key] = (
                self._prepare_task_values(
                    projection,
                    vendors.get(product_id),
                    snapshot.minimums.get(key, 0.0),
                    snapshot.now,
                    snapshot.digits,
                ),
                self._prepare_line_values(projection, snapshot.productions, snapshot.digits),
            )
        rows, line_changes = [], {}
        for key, (values, lines) in wanted.items():
            row = tasks.get(key)
            if not row:
                continue
            if any(not same_value(row[name], values[name]) for name in TASK_COLUMNS):
                rows.append((row["id"], *[values[name] for name in TASK_COLUMNS]))
            old_lines = [tuple(line[1:]) for line in row["lines"]]
            new_lines = [tuple(line[name] for name in LINE_COLUMNS) for line in lines]
            if not same_rows(old_lines, new_lines):
                line_changes[row["id"]] = lines
        return TaskPlan(
            wanted=wanted,
            to_create=[key for key in wanted if key not in tasks],
            to_reopen=[
                key
                for key in wanted
                if key in tasks
                and (tasks[key]["state"] in CLOSED_TASK_STATES or not tasks[key]["active"])
            ],
            to_close=[
                key
                for key, row in tasks.items()
                if key not in wanted and row["state"] not in CLOSED_TASK_STATES and row["active"]
            ],
            rows=rows,
            line_changes=line_changes,
        )

    # Applying the plan --------------------------------------------------------------------------

    @api.model
    def _apply_updates(self, snapshot, plan):
        """The columns of open and reopened tasks: one UPDATE; their lines replaced."""
        bulk_update(self.env["project.task"], TASK_COLUMNS, plan.rows)
        if plan.line_changes:
            self._replace_lines(snapshot.company, plan.line_changes)

    @api.model
    def _create_tasks(self, Task, snapshot, plan, vendors, buyers, stages):
        """A task for each shortage without one, assigned to its buyers, with a note."""
        if not plan.to_create:
            return Task.browse()
        names = self._task_names(plan.to_create)
        created = Task.create(
            [
                {
                    "name": names[key],
                    "project_id": snapshot.project.id,
                    "stage_id": stages["todo"].id,
                    "coordination_product_id": key[0],
                    "coordination_warehouse_id": key[1],
                    "user_ids": [Command.set(self._assignees(vendors.get(key[0]), buyers))],
                    **plan.wanted[key][0],
                }
                for key in plan.to_create
            ]
        )
        pairs = list(zip(created, plan.to_create, strict=True))
        self._replace_lines(snapshot.company, {task.id: plan.wanted[key][1] for task, key in pairs})
        self._log_notes(created, pairs, plan, snapshot, self.env._("Shortage found"))
        return created

    @api.model
    def _reopen_tasks(self, Task, snapshot, plan, vendors, buyers, stages):
        """Back to do, active, assigned to the buyers again, with a note."""
        reopened = Task.browse([snapshot.tasks[key]["id"] for key in plan.to_reopen])
        if not reopened:
            return reopened
        reopened.write({"state": "01_in_progress", "stage_id": stages["todo"].id, "active": True})
        pairs = list(zip(reopened, plan.to_reopen, strict=True))
        by_users = defaultdict(list)
        for task, key in pairs:
            by_users[tuple(self._assignees(vendors.get(key[0]), buyers))].append(task.id)
        for user_ids, task_ids in by_users.items():
            Task.browse(task_ids).write({"user_ids": [Command.set(list(user_ids))]})
        self._log_notes(reopened, pairs, plan, snapshot, self.env._("The shortage is back"))
        return reopened

    @api.model
    def _log_notes(self, tasks, pairs, plan, snapshot, title):
        """Log `_describe` on each task of [(task, key)], in one batch."""
        tasks._message_log_batch(
            bodies={
                task.id: self._describe(plan.wanted[key], snapshot.productions, task, title)
                for task, key in pairs
            }
        )

    @api.model
    def _close_tasks(self, Task, snapshot, plan, stages):
        """Done, with why the shortage is gone; their activities answered."""
        closed = Task.browse([snapshot.tasks[key]["id"] for key in plan.to_close])
        if not closed:
            return closed
        reasons = self._close_reasons(plan.to_close, snapshot)
        closed.write({"state": "1_done", "stage_id": stages["done"].id})
        closed._message_log_batch(
            bodies={
                snapshot.tasks[key]["id"]: Markup("<p><b>%s</b></p><p>%s</p>")
                % (self.env._("Shortage solved"), reasons[key])
                for key in plan.to_close
            }
        )
        closed.activity_feedback(
            ["production_coordination.mail_activity_type_shortage"],
            feedback=self.env._("The shortage is solved."),
        )
        return closed

    @api.model
    def _replace_lines(self, company, lines_by_task):
        """Replace the blocked-MO lines of these tasks: {task id: [line values]}. Plain rows
        without logic of their own (thousands on a first scan): one DELETE, one INSERT."""
        Line = self.env["coordination.shortage.line"]
        Line.flush_model()
        task_ids = list(lines_by_task)
        self.env.cr.execute(
            SQL("DELETE FROM coordination_shortage_line WHERE task_id = ANY(%s)", task_ids)
        )
        rows = [
            dict(line, task_id=task_id)
            for task_id, lines in lines_by_task.items()
            for line in lines
        ]
        if rows:
            columns = ["task_id", *LINE_COLUMNS]
            now = fields.Datetime.now()
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO coordination_shortage_line
                           (%s, company_id, create_uid, create_date, write_uid, write_date)
                    SELECT *, %s, %s, %s, %s, %s FROM unnest(%s)
                    """,
                    SQL(", ").join(SQL.identifier(name) for name in columns),
                    company.id,
                    self.env.uid,
                    now,
                    self.env.uid,
                    now,
                    typed_arrays(Line, columns, ([row[name] for row in rows] for name in columns)),
                )
            )
        Line.invalidate_model()
        self.env["project.task"].browse(task_ids).invalidate_recordset(["coordination_line_ids"])

    @api.model
    def _schedule_task_activities(self, tasks, wanted, keys):
        """One activity per assignee of each new or reopened task, due on its order-by date."""
        if not tasks:
            return
        activity_type = self.env.ref("production_coordination.mail_activity_type_shortage")
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id("project.task")
        values = []
        for task, key in zip(tasks, keys, strict=True):
            deadline = fields.Date.to_date(wanted[key][0]["date_deadline"])
            for user in task.user_ids:
                values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": task.id,
                        "automated": True,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": max(today, deadline),
                        "summary": self.env._(
                            "Order %s", task.coordination_product_id.display_name
                        ),
                    }
                )
        self.env["mail.activity"].with_context(mail_activity_quick_update=False).create(values)

    # Reading ------------------------------------------------------------------------------------

    @api.model
    def _read_tasks(self, warehouse_ids, product_ids):
        """{(product, warehouse): task row} for every low-stock task of these warehouses,
        closed and archived ones included, with its "lines": [(line id, *LINE_COLUMNS)]."""
        self.env["project.task"].flush_model(
            [
                "coordination_product_id",
                "coordination_warehouse_id",
                "state",
                "active",
                "project_id",
                *TASK_COLUMNS,
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT t.id, t.coordination_product_id, t.coordination_warehouse_id, t.state,
                       t.active, t.project_id, %s
                  FROM project_task t
                 WHERE t.coordination_warehouse_id = ANY(%s) %s
                """,
                SQL(", ").join(SQL.identifier("t", name) for name in TASK_COLUMNS),
                list(warehouse_ids),
                id_filter("t.coordination_product_id", product_ids),
            )
        )
        rows = self.env.cr.dictfetchall()
        tasks = {
            (row["coordination_product_id"], row["coordination_warehouse_id"]): row for row in rows
        }
        if tasks:
            self.env["coordination.shortage.line"].flush_model(["task_id", *LINE_COLUMNS])
            self.env.cr.execute(
                SQL(
                    "SELECT task_id, id, %s FROM coordination_shortage_line "
                    "WHERE task_id = ANY(%s) ORDER BY task_id, production_id",
                    SQL(", ").join(SQL.identifier(name) for name in LINE_COLUMNS),
                    [row["id"] for row in rows],
                )
            )
            lines = defaultdict(list)
            for row in self.env.cr.fetchall():
                lines[row[0]].append(row[1:])
            for row in rows:
                row["lines"] = lines.get(row["id"], [])
        return tasks

    @api.model
    def _select_vendors(self, company, shortages):
        """{product id: vendor row}: the vendor Odoo would buy the shortage from (valid price
        list entries of the company, by sequence, the first whose minimum the quantity reaches),
        with the lead time in days (vendor delay + the company's purchase lead times)."""
        if not shortages:
            return {}
        candidates = self._vendor_candidates(company, {product_id for product_id, _w in shortages})
        needed = defaultdict(float)
        for (product_id, _w), projection in shortages.items():
            needed[product_id] = max(needed[product_id], projection["qty"])
        uoms = self.env["uom.uom"].browse(
            {
                row[key]
                for rows in candidates.values()
                for row in rows
                for key in ("uom_id", "seller_uom_id")
                if row[key]
            }
        )
        company_days = (company.po_lead or 0.0) + (company.days_to_purchase or 0.0)
        vendors = {}
        for product_id, rows in candidates.items():
            chosen = rows[0]
            for row in rows:
                qty = needed[product_id]
                if row["seller_uom_id"] and row["seller_uom_id"] != row["uom_id"]:
                    qty = uoms.browse(row["uom_id"])._compute_quantity(
                        qty, uoms.browse(row["seller_uom_id"]), round=False
                    )
                if qty >= row["min_qty"] - EPSILON:
                    chosen = row
                    break
            vendors[product_id] = dict(chosen, lead_days=(chosen["delay"] or 0) + company_days)
        return vendors

    @api.model
    def _vendor_candidates(self, company, product_ids):
        """{product id: [price list rows]}: the valid vendor price list entries of the company
        for these products, in the order Odoo tries them."""
        self.env["product.supplierinfo"].flush_model()
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """
                SELECT pp.id AS product_id, si.partner_id, si.price, si.currency_id, si.delay,
                       si.min_qty, pt.uom_po_id AS seller_uom_id, pt.uom_id
                  FROM product_product pp
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_supplierinfo si ON si.product_tmpl_id = pp.product_tmpl_id
                       AND (si.product_id IS NULL OR si.product_id = pp.id)
                  JOIN res_partner partner ON partner.id = si.partner_id AND partner.active
                 WHERE pp.id = ANY(%s)
                   AND (si.company_id IS NULL OR si.company_id = %s)
                   AND (si.date_start IS NULL OR si.date_start <= %s)
                   AND (si.date_end IS NULL OR si.date_end >= %s)
                 ORDER BY pp.id, si.sequence, si.min_qty DESC, si.price, si.id
                """,
                list(product_ids),
                company.id,
                today,
                today,
            )
        )
        candidates = defaultdict(list)
        for row in self.env.cr.dictfetchall():
            candidates[row["product_id"]].append(row)
        return candidates

    @api.model
    def _get_buyers(self, company, vendor_ids):
        """{vendor id: user id}: the buyer of the vendor's last purchase order in the company
        (an active user), else the company's default buyer, else the first purchase manager;
        key None: the fallback."""
        buyers = {}
        if vendor_ids:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT DISTINCT ON (vendor.commercial_partner_id)
                           vendor.commercial_partner_id, po.user_id
                      FROM purchase_order po
                      JOIN res_partner vendor ON vendor.id = po.partner_id
                      JOIN res_users u ON u.id = po.user_id AND u.active
                     WHERE po.company_id = %s AND po.state != 'cancel'
                       AND vendor.commercial_partner_id IN (
                            SELECT commercial_partner_id FROM res_partner WHERE id = ANY(%s))
                     ORDER BY vendor.commercial_partner_id, po.date_order DESC, po.id DESC
                    """,
                    company.id,
                    list(vendor_ids),
                )
            )
            by_commercial = dict(self.env.cr.fetchall())
            commercial = {
                partner.id: partner.commercial_partner_id.id
                for partner in self.env["res.partner"].browse(vendor_ids)
            }
            for vendor_id in vendor_ids:
                if commercial[vendor_id] in by_commercial:
                    buyers[vendor_id] = by_commercial[commercial[vendor_id]]
        buyers[None] = company._coordination_get_default_buyers().ids
        return buyers

    # Hooks: what a task says ---------------------------------------------------------------------

    @api.model
    def _prepare_task_values(self, projection, vendor, minimum, now, digits):
        """The TASK_COLUMNS of a shortage. Critical: a stock-out that the vendor's lead time
        cannot prevent any more (or a stock-out without a vendor); high: to order within a week
        (or no vendor); normal."""
        need = projection["date"] or now
        stockout = projection["date_stockout"]
        lead_days = vendor["lead_days"] if vendor else 0.0
        order_by = add_days(need, -lead_days)
        if stockout and (not vendor or add_days(now, lead_days) > stockout):
            severity = "critical"
        elif not vendor or order_by <= now + timedelta(days=HIGH_MARGIN_DAYS):
            severity = "high"
        else:
            severity = "normal"
        return {
            "coordination_shortage_qty": float_round(projection["qty"], precision_digits=digits),
            "coordination_date_need": need,
            "coordination_severity": severity,
            "coordination_qty_min": float_round(minimum, precision_digits=digits),
            "coordination_qty_lowest": float_round(projection["lowest"], precision_digits=digits),
            "coordination_production_count": len(projection["productions"]),
            "coordination_vendor_id": vendor["partner_id"] if vendor else None,
            "coordination_vendor_price": vendor["price"] if vendor else 0.0,
            "coordination_vendor_currency_id": vendor["currency_id"] if vendor else None,
            "coordination_lead_days": lead_days,
            "date_deadline": order_by,
            "priority": "1" if severity == "critical" else "0",
        }

    @api.model
    def _prepare_line_values(self, projection, productions, digits):
        """The LINE_COLUMNS of each MO the shortage blocks."""
        lines = []
        for production_id, info in sorted(projection["productions"].items()):
            production = productions[production_id]
            lines.append(
                {
                    "production_id": production_id,
                    "production_name": production["name"],
                    "production_rank": production["coordination_rank"] or 0,
                    "date_committed": production["coordination_date_committed"],
                    "date_need": info["date"],
                    # round(), not float_round(): thousands of lines, compared to what the
                    # last scan stored with the same rounding.
                    "qty_required": round(info["required"], digits),
                    "qty_available": round(info["available"], digits),
                    "qty_missing": round(info["missing"], digits),
                }
            )
        return lines

    @api.model
    def _task_names(self, keys):
        """{(product, warehouse): name} of the tasks to create (read in one batch)."""
        products = {
            product.id: product
            for product in self.env["product.product"].browse({key[0] for key in keys})
        }
        warehouses = {
            warehouse.id: warehouse
            for warehouse in self.env["stock.warehouse"].browse({key[1] for key in keys})
        }
        return {
            key: self.env._(
                "Low stock: %(product)s (%(warehouse)s)",
                product=products[key[0]].display_name,
                warehouse=warehouses[key[1]].code,
            )
            for key in keys
        }

    @api.model
    def _assignees(self, vendor, buyers):
        """The user ids a task of this vendor's product goes to."""
        if vendor and vendor["partner_id"] in buyers:
            return [buyers[vendor["partner_id"]]]
        return list(buyers[None])

    @api.model
    def _describe(self, wanted, productions, task, title):
        """The chatter note of a task created or reopened: how much, by when, for which MOs."""
        values, lines = wanted
        uom = task.coordination_uom_id.name or ""
        text = self.env._(
            "%(qty)s %(uom)s short by %(date)s.",
            qty=values["coordination_shortage_qty"],
            uom=uom,
            date=format_date(self.env, values["coordination_date_need"]),
        )
        if lines:
            text += " " + self.env._(
                "Blocks %(productions)s.",
                productions=", ".join(line["production_name"] for line in lines),
            )
        elif values["coordination_qty_min"]:
            text += " " + self.env._(
                "Below the reordering minimum (%(minimum)s %(uom)s).",
                minimum=values["coordination_qty_min"],
                uom=uom,
            )
        return Markup("<p><b>%s</b></p><p>%s</p>") % (title, text)

    @api.model
    def _close_reasons(self, keys, snapshot):
        """{key: why the shortage of this closing task is gone}."""
        tasks, receipts, now = snapshot.tasks, snapshot.receipts, snapshot.now
        orders = self._receipt_orders(
            {line_id for key in keys for _d, _q, line_id in receipts.get(key, []) if line_id}
        )
        reasons = {}
        for key in keys:
            row = tasks[key]
            still_needed = row["coordination_date_need"] or now
            purchases = sorted(
                {
                    orders[line_id]
                    for date, _qty, line_id in receipts.get(key, [])
                    if line_id in orders and date <= max(still_needed, now)
                }
            )
            if purchases:
                # Each order worded before the sentence: Babel skips a translated call nested in
                # the arguments of another one, and its message would never reach the .pot.
                arrivals = [
                    self.env._(
                        "%(order)s (expected %(date)s)",
                        order=name,
                        date=format_date(self.env, date),
                    )
                    for name, date in purchases
                ]
                reasons[key] = self.env._(
                    "Confirmed purchases arrive in time: %(orders)s.",
                    orders=", ".join(arrivals),
                )
            elif row["lines"]:
                reasons[key] = self.env._(
                    "No open manufacturing order lacks it within %(days)s days any more: stock "
                    "arrived, or the orders were cancelled, done or rescheduled.",
                    days=snapshot.company.coordination_shortage_horizon_days,
                )
            else:
                reasons[key] = self.env._("The stock is back above the reordering rule minimum.")
        return reasons

    @api.model
    def _receipt_orders(self, line_ids):
        """{purchase line id: (order name, expected date)}."""
        if not line_ids:
            return {}
        self.env.cr.execute(
            SQL(
                """
                SELECT pol.id, po.name, pol.date_planned
                  FROM purchase_order_line pol JOIN purchase_order po ON po.id = pol.order_id
                 WHERE pol.id = ANY(%s)
                """,
                list(line_ids),
            )
        )
        return {line_id: (name, date) for line_id, name, date in self.env.cr.fetchall()}
