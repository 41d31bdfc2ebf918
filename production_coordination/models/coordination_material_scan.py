# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shortage scan: low-stock tasks for purchasing staff, and the delivery risk of purchases.

Per company, in a fixed number of set-based queries whatever the number of MOs: the open demand
of every warehouse within the horizon (the components of draft, confirmed, in-progress and
to-close MOs, and every other outgoing move, reserved or not, with what physically covers it),
the stock on hand, receipts, reordering rule minimums; then, per product and warehouse, a
netting by need date in memory (``coordination.material.forecast._project``), as an MRP does:
stock reserved for later orders while earlier ones wait is no shortage (the priority refresh
tells the coordinator which reservations to move), and components Odoo marks reserved without
stock on hand (work started) are not counted as there.
What is short becomes one task per product and warehouse in the company's procurement project;
the scan creates, updates, closes and reopens those tasks, writing only what changed. The same
projection says which purchase lines feed which MOs: their delivery risk, and one follow-up
activity per purchase order for the buyer.

One scan per company at a time: the scan locks the company's procurement project row
(``FOR NO KEY UPDATE SKIP LOCKED``); a second scan meanwhile skips with an INFO line, and so
does a scan whose snapshot predates the changes of a scan that has just committed (PostgreSQL
reports the row it changed as a serialization failure). The database backs the key with a
unique constraint on (product, warehouse).
"""

import hashlib
import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import SQL, float_is_zero, float_round, format_date

from .coordination_material_forecast import EPSILON, SHORTAGE_MO_STATES
from .coordination_utils import add_days

_logger = logging.getLogger(__name__)

SEVERITIES = [("critical", "Critical"), ("high", "High"), ("normal", "Normal")]
DELIVERY_RISKS = [("late", "Late"), ("at_risk", "At Risk"), ("on_time", "On Time")]
# A shortage is "high" when the order must be placed within this many days.
HIGH_MARGIN_DAYS = 7
PURCHASED_STATES = ("purchase", "done")
REFRESH_KEY = "production_coordination.material_refresh"
# Stored task columns the scan keeps up to date (lines apart).
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
RISK_COLUMNS = [
    "coordination_delivery_risk",
    "coordination_date_needed",
    "coordination_production_names",
]


class CoordinationMaterialScan(models.AbstractModel):
    _name = "coordination.material.scan"
    _description = "Shortage Scan and Vendor Follow-up"

    # Entry points -------------------------------------------------------------------------------

    @api.model
    def _cron_scan_shortages(self):
        """Every company (one that makes the scan fail is skipped and reported, see
        ``coordination.batch``), then the vendors' on-time rates."""
        self.env["coordination.batch"]._run_isolated(
            self.env["res.company"].search([]),
            self._scan,
            self.env._("Scan for shortages, follow up vendors"),
        )
        self._refresh_on_time_rates()

    @api.model
    def _scan(self, companies, product_ids=None):
        """Scan these companies (only these products when given).

        Returns {company id: counts of what changed, or None when the scan was skipped}.
        """
        return {
            company.id: self._scan_company(company, product_ids=product_ids)
            for company in companies
        }

    @api.model
    def _refresh_later(self, company_products):
        """Scan these products again just before the transaction commits (their purchases'
        dates or receipts changed): {company id: product ids}, gathered over the transaction."""
        pending = self.env.cr.precommit.data.setdefault(REFRESH_KEY, defaultdict(set))
        if not pending:
            self.env.cr.precommit.add(self.sudo()._refresh_pending)
        for company_id, product_ids in company_products.items():
            pending[company_id].update(product_ids)

    def _refresh_pending(self):
        pending = self.env.cr.precommit.data.pop(REFRESH_KEY, {})
        for company_id, product_ids in pending.items():
            company = self.env["res.company"].browse(company_id).exists()
            if company and product_ids:
                self._scan_company(company, product_ids=sorted(product_ids))
        self.env.flush_all()

    # The scan of one company --------------------------------------------------------------------

    @api.model
    def _scan_company(self, company, product_ids=None):
        project = company._coordination_get_procurement_project()
        if not self._lock(project):
            return None
        now = fields.Datetime.now()
        Forecast = self.env["coordination.material.forecast"]
        self.env.cr.execute(
            "SELECT id FROM stock_warehouse WHERE company_id = %s AND active", [company.id]
        )
        warehouse_ids = [row[0] for row in self.env.cr.fetchall()]
        counts = dict.fromkeys(
            ["created", "updated", "closed", "reopened", "risks", "followups"], 0
        )
        if not warehouse_ids:
            return counts
        horizon = add_days(now, company.coordination_shortage_horizon_days or 30)
        totals, demands, productions = Forecast._get_warehouse_demand_summary(
            warehouse_ids, horizon, product_ids
        )
        minimums = Forecast._get_orderpoint_minimums(warehouse_ids, product_ids)
        tasks = self._read_tasks(warehouse_ids, product_ids)
        keys = set(totals) | set(minimums) | set(tasks)
        scanned_products = sorted({product_id for product_id, _w in keys})
        stock, receipts, demands_by_key = {}, defaultdict(list), defaultdict(list)
        for demand in demands:
            demands_by_key[(demand["product_id"], demand["warehouse_id"])].append(demand)
        if keys:
            stock = Forecast._get_onhand_stock(scanned_products, warehouse_ids)
            for product_id, warehouse_id, date, qty, line_id in Forecast._get_receipt_rows(
                scanned_products, warehouse_ids
            ):
                receipts[(product_id, warehouse_id)].append((date, qty, line_id))
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        projections, shortages = {}, {}
        for key in keys:
            projection = Forecast._project(
                stock.get(key, 0.0),
                receipts.get(key, []),
                demands_by_key.get(key, []),
                minimums.get(key, 0.0),
                now,
            )
            projections[key] = projection
            if not float_is_zero(projection["qty"], precision_digits=digits):
                shortages[key] = projection
        production_ids = {
            production_id
            for projection in projections.values()
            for production_id in projection["productions"]
        }
        linked = self._linked_purchase_lines(company, product_ids)
        for feeds in [p["feeds"] for p in projections.values()] + [linked]:
            production_ids.update(pid for pairs in feeds.values() for pid, _date in pairs)
        productions.update(self._read_productions(production_ids - set(productions)))

        changed = self._sync_tasks(
            company, project, shortages, tasks, productions, minimums, receipts, now, digits, counts
        )
        changed |= self._sync_risks(company, projections, linked, productions, product_ids, counts)
        if changed:
            # Marks the change for a concurrent scan that started before this one commits.
            self.env.cr.execute(
                "UPDATE project_project SET coordination_date_scan_change = %s WHERE id = %s",
                [now, project.id],
            )
            project.invalidate_recordset(["coordination_date_scan_change"])
        _logger.info("Shortage scan of %s: %s", company.name, counts)
        return counts

    @api.model
    def _lock(self, project):
        """Lock the project's row for this transaction; False (logged) if another scan holds it
        or has changed it since this transaction started."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM project_project WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
                    [project.id],
                    log_exceptions=False,
                )
                locked = bool(self.env.cr.fetchall())
        except psycopg2.errors.SerializationFailure:
            _logger.info(
                "Shortage scan of %s skipped: another scan has just updated its tasks.",
                project.company_id.name,
            )
            return False
        if not locked:
            _logger.info(
                "Shortage scan of %s skipped: another scan is running.", project.company_id.name
            )
        return locked

    # Reading ------------------------------------------------------------------------------------

    @api.model
    def _read_tasks(self, warehouse_ids, product_ids):
        """{(product, warehouse): task row} for every low-stock task of these warehouses,
        closed and archived ones included."""
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
        product_filter = (
            SQL("AND t.coordination_product_id = ANY(%s)", list(product_ids))
            if product_ids is not None
            else SQL()
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
                product_filter,
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
    def _read_productions(self, production_ids):
        """{MO id: row} with the name, rank, committed date, state, responsible of these MOs."""
        if not production_ids:
            return {}
        self.env["mrp.production"].flush_model(
            ["name", "coordination_rank", "coordination_date_committed", "state", "user_id"]
        )
        self.env.cr.execute(
            """
            SELECT id, name, coordination_rank, coordination_date_committed, state, user_id
              FROM mrp_production
             WHERE id = ANY(%s)
            """,
            [list(production_ids)],
        )
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _linked_purchase_lines(self, company, product_ids):
        """{purchase line id: [(MO id, need date)]}: the MO components a purchase line was
        bought for (Odoo's make-to-order link, ``purchase.order.line.move_dest_ids``)."""
        product_filter = (
            SQL("AND m.product_id = ANY(%s)", list(product_ids))
            if product_ids is not None
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.created_purchase_line_id, m.raw_material_production_id, m.date
                  FROM stock_move_created_purchase_line_rel rel
                  JOIN stock_move m ON m.id = rel.move_id
                  JOIN mrp_production mo ON mo.id = m.raw_material_production_id
                 WHERE mo.company_id = %s AND mo.state IN %s
                   AND m.state NOT IN ('done', 'cancel')
                   %s
                """,
                company.id,
                SHORTAGE_MO_STATES,
                product_filter,
            )
        )
        linked = defaultdict(list)
        for line_id, production_id, date in self.env.cr.fetchall():
            linked[line_id].append((production_id, date))
        return linked

    @api.model
    def _select_vendors(self, company, shortages):
        """{product id: vendor row}: the vendor Odoo would buy the shortage from (valid price
        list entries of the company, by sequence, the first whose minimum the quantity reaches),
        with the lead time in days (vendor delay + the company's purchase lead times)."""
        if not shortages:
            return {}
        self.env["product.supplierinfo"].flush_model()
        self.env.cr.execute(
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
            [
                list({product_id for product_id, _w in shortages}),
                company.id,
                fields.Date.context_today(self),
                fields.Date.context_today(self),
            ],
        )
        candidates = defaultdict(list)
        for row in self.env.cr.dictfetchall():
            candidates[row["product_id"]].append(row)
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
    def _get_buyers(self, company, vendor_ids):
        """{vendor id: user id}: the buyer of the vendor's last purchase order in the company
        (an active user), else the company's default buyer, else the first purchase manager;
        key None: the fallback."""
        buyers = {}
        if vendor_ids:
            self.env.cr.execute(
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
                [company.id, list(vendor_ids)],
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

    # Tasks --------------------------------------------------------------------------------------

    @api.model
    def _sync_tasks(
        self,
        company,
        project,
        shortages,
        tasks,
        productions,
        minimums,
        receipts,
        now,
        digits,
        counts,
    ):
        """Create, update, close and reopen the tasks; True when anything was written."""
        vendors = self._select_vendors(company, shortages)
        buyers = self._get_buyers(company, {v["partner_id"] for v in vendors.values()})
        wanted = {}
        for key, projection in shortages.items():
            product_id, _warehouse_id = key
            vendor = vendors.get(product_id)
            wanted[key] = (
                self._prepare_task_values(projection, vendor, minimums.get(key, 0.0), now, digits),
                self._prepare_line_values(projection, productions, digits),
            )
        to_create = [key for key in wanted if key not in tasks]
        to_reopen = [
            key
            for key in wanted
            if key in tasks and (tasks[key]["state"] in CLOSED or not tasks[key]["active"])
        ]
        to_close = [
            key
            for key, row in tasks.items()
            if key not in wanted and row["state"] not in CLOSED and row["active"]
        ]
        stages = project._coordination_get_stages()
        Task = self.env["project.task"].with_context(
            mail_create_nolog=True, mail_auto_subscribe_no_notify=True, tracking_disable=True
        )
        written = False
        # Updates of open and reopened tasks: one UPDATE for the columns, lines replaced.
        rows, line_changes = [], {}
        for key, (values, lines) in wanted.items():
            row = tasks.get(key)
            if not row:
                continue
            if any(not self._same(row[name], values[name]) for name in TASK_COLUMNS):
                rows.append((row["id"], *[values[name] for name in TASK_COLUMNS]))
            old_lines = [tuple(line[1:]) for line in row["lines"]]
            new_lines = [tuple(line[name] for name in LINE_COLUMNS) for line in lines]
            if not self._same_lines(old_lines, new_lines):
                line_changes[row["id"]] = ([line[0] for line in row["lines"]], lines)
        if rows:
            self._sql_update("project.task", TASK_COLUMNS, rows)
            written = True
        if line_changes:
            self._replace_lines(
                company, {task_id: new for task_id, (_old, new) in line_changes.items()}
            )
            written = True
        reopened_ids = {tasks[key]["id"] for key in to_reopen}
        counts["updated"] = len(({row[0] for row in rows} | set(line_changes)) - reopened_ids)

        created = Task.browse()
        if to_create:
            names = self._task_names(to_create)
            created = Task.create(
                [
                    {
                        "name": names[key],
                        "project_id": project.id,
                        "stage_id": stages["todo"].id,
                        "coordination_product_id": key[0],
                        "coordination_warehouse_id": key[1],
                        "user_ids": [Command.set(self._assignees(vendors.get(key[0]), buyers))],
                        **wanted[key][0],
                    }
                    for key in to_create
                ]
            )
            self._replace_lines(
                company,
                {task.id: wanted[key][1] for task, key in zip(created, to_create, strict=True)},
            )
            created._message_log_batch(
                bodies={
                    task.id: self._describe(
                        wanted[key], productions, task, self.env._("Shortage found")
                    )
                    for task, key in zip(created, to_create, strict=True)
                }
            )
            counts["created"] = len(created)
            written = True
        reopened = Task.browse([tasks[key]["id"] for key in to_reopen])
        if reopened:
            reopened.write(
                {"state": "01_in_progress", "stage_id": stages["todo"].id, "active": True}
            )
            by_users = defaultdict(list)
            for task, key in zip(reopened, to_reopen, strict=True):
                by_users[tuple(self._assignees(vendors.get(key[0]), buyers))].append(task.id)
            for user_ids, task_ids in by_users.items():
                Task.browse(task_ids).write({"user_ids": [Command.set(list(user_ids))]})
            reopened._message_log_batch(
                bodies={
                    task.id: self._describe(
                        wanted[key], productions, task, self.env._("The shortage is back")
                    )
                    for task, key in zip(reopened, to_reopen, strict=True)
                }
            )
            counts["reopened"] = len(reopened)
            written = True
        self._schedule_task_activities(created | reopened, wanted, to_create + to_reopen)
        closed = Task.browse([tasks[key]["id"] for key in to_close])
        if closed:
            reasons = self._close_reasons(to_close, tasks, receipts, company, now)
            closed.write({"state": "1_done", "stage_id": stages["done"].id})
            closed._message_log_batch(
                bodies={
                    tasks[key]["id"]: Markup("<p><b>%s</b></p><p>%s</p>")
                    % (self.env._("Shortage solved"), reasons[key])
                    for key in to_close
                }
            )
            closed.activity_feedback(
                ["production_coordination.mail_activity_type_shortage"],
                feedback=self.env._("The shortage is solved."),
            )
            counts["closed"] = len(closed)
            written = True
        return written

    @api.model
    def _replace_lines(self, company, lines_by_task):
        """Replace the blocked-MO lines of these tasks: {task id: [line values]}. Plain rows
        without logic of their own (thousands on a first scan): one DELETE, one INSERT."""
        Line = self.env["coordination.shortage.line"]
        Line.flush_model()
        task_ids = list(lines_by_task)
        self.env.cr.execute(
            "DELETE FROM coordination_shortage_line WHERE task_id = ANY(%s)", [task_ids]
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
                    SQL(", ").join(
                        SQL(
                            "%s::%s[]",
                            [row[name] for row in rows],
                            SQL(Line._fields[name].column_type[1]),
                        )
                        for name in columns
                    ),
                )
            )
        Line.invalidate_model()
        self.env["project.task"].browse(task_ids).invalidate_recordset(["coordination_line_ids"])

    @api.model
    def _prepare_task_values(self, projection, vendor, minimum, now, digits):
        """Critical: a stock-out that the vendor's lead time cannot prevent any more (or a
        stock-out without a vendor); high: to order within a week (or no vendor); normal."""
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
        if vendor and vendor["partner_id"] in buyers:
            return [buyers[vendor["partner_id"]]]
        return list(buyers[None])

    @api.model
    def _describe(self, wanted, productions, task, title):
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

    @api.model
    def _close_reasons(self, keys, tasks, receipts, company, now):
        """{key: why the shortage of this closing task is gone}."""
        line_ids = {line_id for key in keys for _d, _q, line_id in receipts.get(key, []) if line_id}
        orders = {}
        if line_ids:
            self.env.cr.execute(
                """
                SELECT pol.id, po.name, pol.date_planned
                  FROM purchase_order_line pol JOIN purchase_order po ON po.id = pol.order_id
                 WHERE pol.id = ANY(%s)
                """,
                [list(line_ids)],
            )
            orders = {line_id: (name, date) for line_id, name, date in self.env.cr.fetchall()}
        reasons = {}
        for key in keys:
            row = tasks[key]
            had_productions = bool(row["lines"])
            still_needed = row["coordination_date_need"] or now
            purchases = sorted(
                {
                    orders[line_id]
                    for date, _qty, line_id in receipts.get(key, [])
                    if line_id in orders and date <= max(still_needed, now)
                }
            )
            if purchases:
                reasons[key] = self.env._(
                    "Confirmed purchases arrive in time: %(orders)s.",
                    orders=", ".join(
                        self.env._(
                            "%(order)s (expected %(date)s)",
                            order=name,
                            date=format_date(self.env, date),
                        )
                        for name, date in purchases
                    ),
                )
            elif had_productions:
                reasons[key] = self.env._(
                    "No open manufacturing order lacks it within %(days)s days any more: stock "
                    "arrived, or the orders were cancelled, done or rescheduled.",
                    days=company.coordination_shortage_horizon_days,
                )
            else:
                reasons[key] = self.env._("The stock is back above the reordering rule minimum.")
        return reasons

    # Purchase lines: delivery risk and follow-up ------------------------------------------------

    @api.model
    def _sync_risks(self, company, projections, linked, productions, product_ids, counts):
        """Store the delivery risk of the purchase lines that feed open MOs; one follow-up
        activity per purchase order with late or at-risk lines. True when anything changed."""
        feeds = defaultdict(list)
        for projection in projections.values():
            for line_id, pairs in projection["feeds"].items():
                feeds[line_id].extend(pairs)
        for line_id, pairs in linked.items():
            feeds[line_id].extend(pairs)
        self.env["purchase.order.line"].flush_model(
            ["date_planned", "product_qty", "qty_received", "state", *RISK_COLUMNS]
        )
        product_filter = (
            SQL("AND pol.product_id = ANY(%s)", list(product_ids))
            if product_ids is not None
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT pol.id, pol.order_id, pol.state, pol.date_planned, pol.product_qty,
                       pol.qty_received, %s
                  FROM purchase_order_line pol
                 WHERE pol.company_id = %s
                   AND (pol.id = ANY(%s) OR pol.coordination_delivery_risk IS NOT NULL)
                   %s
                """,
                SQL(", ").join(SQL.identifier("pol", name) for name in RISK_COLUMNS),
                company.id,
                list(feeds),
                product_filter,
            )
        )
        now = fields.Datetime.now()
        rows, order_ids = [], set()
        for row in self.env.cr.dictfetchall():
            order_ids.add(row["order_id"])
            pairs = feeds.get(row["id"])
            risk = need = names = None
            if (
                pairs
                and row["state"] in PURCHASED_STATES
                and row["qty_received"] < row["product_qty"] - EPSILON
            ):
                need = min(date for _pid, date in pairs)
                names = ", ".join(sorted({productions[pid]["name"] for pid, _date in pairs}))
                if row["date_planned"] < now:
                    risk = "late"
                elif row["date_planned"] > need:
                    risk = "at_risk"
                else:
                    risk = "on_time"
            new = (risk, need, names)
            if any(
                not self._same(row[name], value)
                for name, value in zip(RISK_COLUMNS, new, strict=True)
            ):
                rows.append((row["id"], *new))
        if rows:
            self._sql_update("purchase.order.line", RISK_COLUMNS, rows)
            counts["risks"] = len(rows)
        changed = bool(rows)
        if order_ids:
            changed |= self._sync_order_risks(sorted(order_ids))
            changed |= self._sync_followups(company, sorted(order_ids), counts)
        return changed

    @api.model
    def _sync_order_risks(self, order_ids):
        """The worst risk of each order's lines on the order (searchable, for the lists)."""
        self.env.cr.execute(
            """
            UPDATE purchase_order po SET coordination_delivery_risk = s.risk
              FROM (SELECT o.id,
                           CASE WHEN bool_or(l.coordination_delivery_risk = 'late')
                                THEN 'late'
                                WHEN bool_or(l.coordination_delivery_risk = 'at_risk')
                                THEN 'at_risk'
                                WHEN bool_or(l.coordination_delivery_risk = 'on_time')
                                THEN 'on_time'
                           END AS risk
                      FROM purchase_order o
                      LEFT JOIN purchase_order_line l ON l.order_id = o.id
                     WHERE o.id = ANY(%s)
                     GROUP BY o.id) s
             WHERE po.id = s.id AND po.coordination_delivery_risk IS DISTINCT FROM s.risk
         RETURNING po.id
            """,
            [order_ids],
        )
        updated = [row[0] for row in self.env.cr.fetchall()]
        self.env["purchase.order"].browse(updated).invalidate_recordset(
            ["coordination_delivery_risk"]
        )
        return bool(updated)

    @api.model
    def _sync_followups(self, company, order_ids, counts):
        """One open follow-up activity per order with late or at-risk lines, for its buyer, with
        the message to send to the vendor; updated when the lines change, done when none is
        left."""
        activity_type = self.env.ref("production_coordination.mail_activity_type_vendor_followup")
        self.env["purchase.order"].flush_model(
            ["name", "partner_id", "user_id", "coordination_followup_key"]
        )
        self.env.cr.execute(
            """
            SELECT pol.order_id, pol.id, po.coordination_followup_key,
                   ROW(po.name, po.partner_id, po.user_id, pol.id, pol.product_id,
                       pol.product_qty, pol.qty_received, pol.product_uom,
                       pol.coordination_delivery_risk, pol.date_planned,
                       pol.coordination_date_needed)::text
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
             WHERE pol.order_id = ANY(%s) AND pol.coordination_delivery_risk IN ('late', 'at_risk')
             ORDER BY pol.order_id, pol.sequence, pol.id
            """,
            [order_ids],
        )
        risky, stored, said = defaultdict(list), {}, defaultdict(list)
        for order_id, line_id, key, what in self.env.cr.fetchall():
            risky[order_id].append(line_id)
            stored[order_id] = key
            said[order_id].append(what)
        # What each message says, as a key: the message is rebuilt only when it changed.
        keys = {
            order_id: hashlib.sha1("\n".join(lines).encode()).hexdigest()
            for order_id, lines in said.items()
        }
        self.env["mail.activity"].flush_model(["res_model", "res_id", "activity_type_id"])
        self.env.cr.execute(
            """
            SELECT res_id, id FROM mail_activity
             WHERE res_model = 'purchase.order' AND res_id = ANY(%s) AND activity_type_id = %s
            """,
            [order_ids, activity_type.id],
        )
        existing = dict(self.env.cr.fetchall())
        Order = self.env["purchase.order"]
        changed = Order.browse(
            [
                order_id
                for order_id in risky
                if order_id not in existing or stored[order_id] != keys[order_id]
            ]
        )
        notes = self._followup_notes(changed, risky)
        default_buyers = company._coordination_get_default_buyers()
        to_create, to_update = [], []
        for order in changed:
            note = notes[order.id]
            if order.id not in existing:
                buyer = order.user_id if order.user_id.active else default_buyers[:1]
                to_create.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id("purchase.order"),
                        "res_id": order.id,
                        "automated": True,
                        "activity_type_id": activity_type.id,
                        "user_id": (buyer or self.env.user).id,
                        "date_deadline": fields.Date.context_today(self),
                        "summary": self.env._(
                            "Follow up the late deliveries with %s", order.partner_id.name
                        ),
                        "note": note,
                    }
                )
            else:
                to_update.append((existing[order.id], note))
        if to_create:
            self.env["mail.activity"].create(to_create)
        if to_update:
            for activity_id, note in to_update:
                self.env.cr.execute(
                    "UPDATE mail_activity SET note = %s, write_date = now() at time zone 'UTC' "
                    "WHERE id = %s AND note IS DISTINCT FROM %s",
                    [note, activity_id, note],
                )
            self.env["mail.activity"].invalidate_model(["note"])
        key_rows = [
            (order.id, keys[order.id]) for order in changed if stored[order.id] != keys[order.id]
        ]
        if key_rows:
            self._sql_update("purchase.order", ["coordination_followup_key"], key_rows)
        solved = Order.browse([order_id for order_id in existing if order_id not in risky])
        if solved:
            solved.activity_feedback(
                ["production_coordination.mail_activity_type_vendor_followup"],
                feedback=self.env._("No late or at-risk delivery left on this order."),
            )
        counts["followups"] = len(to_create) + len(to_update) + len(solved)
        return bool(to_create or to_update or solved or key_rows)

    @api.model
    def _followup_notes(self, orders, risky):
        """{order id: the message to the vendor, listing its late and at-risk lines}."""
        # One recordset, so that the lines, products and units are read in batches.
        lines = {
            line.id: line
            for line in self.env["purchase.order.line"].browse(
                [line_id for order in orders for line_id in risky[order.id]]
            )
        }
        notes, dates = {}, {}

        def date_text(date):
            if date not in dates:
                dates[date] = format_date(self.env, date)
            return dates[date]

        for order in orders:
            items = Markup()
            for line in (lines[line_id] for line_id in risky[order.id]):
                remaining = line.product_qty - line.qty_received
                if line.coordination_delivery_risk == "late":
                    status = self.env._(
                        "expected %s, not delivered yet", date_text(line.date_planned)
                    )
                else:
                    status = self.env._(
                        "expected %(date)s, we need it by %(need)s",
                        date=date_text(line.date_planned),
                        need=date_text(line.coordination_date_needed),
                    )
                items += Markup("<li>%s: %s %s, %s</li>") % (
                    line.product_id.display_name,
                    remaining,
                    line.product_uom.name,
                    status,
                )
            notes[order.id] = Markup("<p>%s</p><p>%s</p><ul>%s</ul><p>%s</p><p>%s</p>") % (
                self.env._("Hello %s,", order.partner_id.name),
                self.env._(
                    "on our purchase order %s, these lines are late or will arrive after we need "
                    "them:",
                    order.name,
                ),
                items,
                self.env._("Could you confirm when you can deliver them, or deliver them earlier?"),
                self.env._("Thank you, %s", order.user_id.name or order.company_id.name),
            )
        return notes

    # Vendor slips -------------------------------------------------------------------------------

    @api.model
    def _slip_snapshot(self, lines):
        """Before a vendor's expected date moves later: the open MOs that take the same products
        from the same warehouses, refreshed, with their dates. Returns (MO ids, {id: row})."""
        keys = {
            (line.product_id.id, line.order_id.picking_type_id.warehouse_id.id) for line in lines
        }
        self.env.cr.execute(
            """
            SELECT DISTINCT m.raw_material_production_id, m.product_id, src.warehouse_id
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN mrp_production mo ON mo.id = m.raw_material_production_id
             WHERE m.product_id = ANY(%s) AND src.warehouse_id = ANY(%s)
               AND m.state NOT IN ('draft', 'done', 'cancel')
               AND mo.state IN ('confirmed', 'progress', 'to_close')
            """,
            [list({k[0] for k in keys}), list({k[1] for k in keys})],
        )
        production_keys = defaultdict(set)
        for production_id, product_id, warehouse_id in self.env.cr.fetchall():
            if (product_id, warehouse_id) in keys:
                production_keys[production_id].add((product_id, warehouse_id))
        productions = self.env["mrp.production"].browse(sorted(production_keys))
        self.env["coordination.priority"]._refresh(productions)
        return production_keys, self._production_dates(productions.ids)

    @api.model
    def _production_dates(self, production_ids):
        if not production_ids:
            return {}
        self.env.cr.execute(
            """
            SELECT id, name, user_id, coordination_date_components, coordination_date_forecast,
                   coordination_date_committed
              FROM mrp_production WHERE id = ANY(%s)
            """,
            [production_ids],
        )
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _notify_slip(self, lines, old_dates, snapshot):
        """After the expected date of these lines moved later: post on each MO whose forecast
        finish moves later (telling its responsible), and on each purchase order (telling its
        buyer) which MOs and committed dates slip."""
        production_keys, before = snapshot
        productions = self.env["mrp.production"].browse(sorted(production_keys))
        self.env["coordination.priority"]._refresh(productions)
        after = self._production_dates(productions.ids)
        slipped = [
            pid
            for pid in productions.ids
            if after[pid]["coordination_date_forecast"]
            and (
                not before[pid]["coordination_date_forecast"]
                or after[pid]["coordination_date_forecast"]
                > before[pid]["coordination_date_forecast"] + timedelta(minutes=1)
            )
        ]
        if not slipped:
            return
        lines_by_key = defaultdict(list)
        for line in lines:
            lines_by_key[
                (line.product_id.id, line.order_id.picking_type_id.warehouse_id.id)
            ].append(line)
        by_order = defaultdict(list)
        for production in productions.browse(slipped):
            new, old = after[production.id], before[production.id]
            causes = [line for key in production_keys[production.id] for line in lines_by_key[key]]
            committed = new["coordination_date_committed"]
            late_days = (
                (new["coordination_date_forecast"] - committed).total_seconds() / 86400
                if committed
                else 0.0
            )
            cause_text = "; ".join(
                self.env._(
                    "%(vendor)s now expects %(product)s (%(order)s) on %(new)s instead of %(old)s",
                    vendor=line.partner_id.name,
                    product=line.product_id.display_name,
                    order=line.order_id.name,
                    new=format_date(self.env, line.date_planned),
                    old=format_date(self.env, old_dates[line.id]),
                )
                for line in causes
            )
            effect = self.env._(
                "Forecast finish %(old)s → %(new)s.",
                old=format_date(self.env, old["coordination_date_forecast"]) or self.env._("none"),
                new=format_date(self.env, new["coordination_date_forecast"]),
            )
            if committed and late_days > 0:
                effect += " " + self.env._(
                    "The committed date %(date)s slips by %(days).1f days.",
                    date=format_date(self.env, committed),
                    days=late_days,
                )
            elif committed:
                effect += " " + self.env._(
                    "The committed date %(date)s still holds.",
                    date=format_date(self.env, committed),
                )
            production.message_post(
                body=Markup("<p><b>%s</b></p><p>%s.</p><p>%s</p>")
                % (self.env._("Vendor delay"), cause_text, effect),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=production.user_id.partner_id.ids,
            )
            for order in {line.order_id for line in causes}:
                by_order[order].append((production, effect))
        for order, effects in by_order.items():
            order.message_post(
                body=Markup("<p><b>%s</b></p><ul>%s</ul>")
                % (
                    self.env._("This delay slips manufacturing orders"),
                    Markup().join(
                        Markup("<li>%s: %s</li>") % (production.name, effect)
                        for production, effect in effects
                    ),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=order.user_id.partner_id.ids,
            )

    # Vendors' on-time delivery rate --------------------------------------------------------------

    @api.model
    def _refresh_on_time_rates(self):
        """Store each vendor's on-time delivery rate over the last 12 months, by quantity: of the
        quantities due (confirmed purchase lines whose promised date fell in the period), the
        part received by that date. One query, one UPDATE of the vendors whose rate changed."""
        self.env.flush_all()
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            WITH due AS (
                SELECT partner.commercial_partner_id AS vendor_id, pol.id, pol.product_qty,
                       pol.product_uom, pt.uom_id,
                       COALESCE(pol.coordination_date_promised, pol.date_planned) AS promised
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner partner ON partner.id = po.partner_id
                  JOIN product_product pp ON pp.id = pol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE po.state IN ('purchase', 'done') AND pt.type != 'service'
                   AND pol.display_type IS NULL
                   AND COALESCE(pol.coordination_date_promised, pol.date_planned)
                       BETWEEN %(start)s AND %(now)s
            ), rates AS (
                SELECT due.vendor_id,
                       SUM(due.product_qty / lu.factor * pu.factor) AS qty_due,
                       SUM(COALESCE(received.qty, 0)) AS qty_on_time
                  FROM due
                  JOIN uom_uom lu ON lu.id = due.product_uom
                  JOIN uom_uom pu ON pu.id = due.uom_id
                  LEFT JOIN LATERAL (
                        SELECT SUM(m.product_qty) AS qty
                          FROM stock_move m
                          JOIN stock_location src ON src.id = m.location_id
                         WHERE m.purchase_line_id = due.id AND m.state = 'done'
                           AND src.usage = 'supplier'
                           AND m.date::date <= due.promised::date
                       ) received ON TRUE
                 GROUP BY due.vendor_id
            ), target AS (
                SELECT p.id,
                       CASE WHEN r.qty_due > 0
                            THEN ROUND(
                                (LEAST(r.qty_on_time, r.qty_due) / r.qty_due * 100)::numeric, 1)
                       END AS rate,
                       COALESCE(r.qty_due, 0) AS qty_due
                  FROM res_partner p
                  LEFT JOIN rates r ON r.vendor_id = p.id
                 WHERE r.vendor_id IS NOT NULL OR p.coordination_on_time_qty_due != 0
            )
            UPDATE res_partner p
               SET coordination_on_time_rate = target.rate,
                   coordination_on_time_qty_due = target.qty_due
              FROM target
             WHERE p.id = target.id
               AND (p.coordination_on_time_rate IS DISTINCT FROM target.rate
                    OR p.coordination_on_time_qty_due IS DISTINCT FROM target.qty_due)
         RETURNING p.id
            """,
            {"start": now - timedelta(days=365), "now": now},
        )
        updated = [row[0] for row in self.env.cr.fetchall()]
        self.env["res.partner"].browse(updated).invalidate_recordset(
            ["coordination_on_time_rate", "coordination_on_time_qty_due"]
        )
        return updated

    # Helpers --------------------------------------------------------------------------------------

    @api.model
    def _same(self, old, new):
        if isinstance(new, float) or isinstance(old, float):
            return abs((old or 0.0) - (new or 0.0)) < EPSILON
        return (old or None) == (new or None)

    @api.model
    def _same_lines(self, old, new):
        if old == new:
            return True
        return len(old) == len(new) and all(
            all(self._same(a, b) for a, b in zip(x, y, strict=True))
            for x, y in zip(old, new, strict=True)
        )

    @api.model
    def _sql_update(self, model_name, columns, rows):
        """One UPDATE ... FROM (VALUES ...): rows = [(id, value, ...)]; write date and author
        set; the records' cache invalidated."""
        Model = self.env[model_name]
        model_fields = Model._fields
        casts = {name: model_fields[name].column_type[1] for name in columns}
        assignments = SQL(", ").join(
            [
                SQL("%s = v.%s::%s", SQL.identifier(n), SQL.identifier(n), SQL(casts[n]))
                for n in columns
            ]
            + [SQL("write_date = %s", fields.Datetime.now()), SQL("write_uid = %s", self.env.uid)]
        )
        names = SQL(", ").join(SQL.identifier(n) for n in ["id", *columns])
        values = SQL(", ").join(
            SQL("(%s)", SQL(", ").join(SQL("%s", v) for v in row)) for row in rows
        )
        self.env.cr.execute(
            SQL(
                "UPDATE %s t SET %s FROM (VALUES %s) AS v(%s) WHERE t.id = v.id",
                SQL.identifier(Model._table),
                assignments,
                values,
                names,
            )
        )
        Model.browse([row[0] for row in rows]).invalidate_recordset([*columns, "write_date"])


CLOSED = ("1_done", "1_canceled")
