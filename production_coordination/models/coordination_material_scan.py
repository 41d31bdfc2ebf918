# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shortage scan: read, project, hand out.

Per company, in a fixed number of set-based queries whatever the number of MOs: the scan reads
the company's low-stock tasks and asks the material forecast one question
(``coordination.material.forecast._project_warehouses``: the open demand of every warehouse
within the horizon, netted by need date against the stock physically on hand and the receipts,
as an MRP does). What it read and projected is frozen in a `ScanSnapshot` and handed to the
services, each of which returns what it did:

- ``coordination.low.stock.sync``: one task per product and warehouse that is short, in the
  company's procurement project (created, updated, closed, reopened, writing only what changed);
- ``coordination.delivery.risk``: the delivery risk of the purchase lines that feed open MOs,
  and one follow-up activity per purchase order for its buyer.

The vendors' on-time rates (``res.partner._coordination_refresh_on_time_rates``) follow the
scheduled scan; a vendor's later date notifies the MOs it slips
(``purchase.order.line._coordination_notify_slip``).

One scan per company at a time: the scan locks the company's procurement project row
(``FOR NO KEY UPDATE SKIP LOCKED``); a second scan meanwhile skips with an INFO line, and so
does a scan whose snapshot predates the changes of a scan that has just committed (PostgreSQL
reports the row it changed as a serialization failure). The database backs the key with a
unique constraint on (product, warehouse).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import psycopg2.errors

from odoo import api, fields, models
from odoo.tools import SQL, float_is_zero
from odoo.tools.translate import LazyTranslate

from .coordination_const import SHORTAGE_MO_STATES
from .coordination_sql import id_filter
from .coordination_utils import add_days

_lt = LazyTranslate(__name__)

_logger = logging.getLogger(__name__)

REFRESH_KEY = "production_coordination.material_refresh"
# What `_scan` counts for each company (the services' counts of what they wrote).
SCAN_COUNTS = ["created", "updated", "closed", "reopened", "risks", "followups"]


@dataclass(frozen=True)
class ScanSnapshot:
    """What one scan of one company read and projected, handed as is to every service.

    Frozen, and its mappings are never changed by the services: what a service does, it
    returns. Keys are (product id, warehouse id).
    """

    company: models.BaseModel  # res.company
    project: models.BaseModel  # its procurement project (project.project)
    now: datetime
    digits: int  # precision of the product unit of measure
    product_ids: list | None  # the products scanned (None: all of them)
    tasks: dict  # {key: row of the low-stock task, closed and archived ones included}
    projections: dict  # {key: projection} (coordination.material.netting._project)
    shortages: dict  # {key: projection} of the keys short
    minimums: dict  # {key: reordering rule minimum}
    receipts: dict  # {key: [(date, qty, purchase line id)]}
    productions: dict  # {MO id: row with name, rank, committed date, state, responsible}
    linked: dict  # {purchase line id: [(MO id, need date)]}: Odoo's make-to-order links


class CoordinationMaterialScan(models.AbstractModel):
    _name = "coordination.material.scan"
    _description = "Shortage Scan"

    # Entry points -------------------------------------------------------------------------------

    @api.model
    def _cron_scan_shortages(self):
        """Every company, one after the other (the scheduled action's progress moves company by
        company; one that makes the scan fail is skipped and reported, see
        ``coordination.batch``), then the vendors' on-time rates."""
        self.env["coordination.batch"]._run_isolated(
            self.env["res.company"].search([]),
            lambda companies, progress: self._scan(companies, progress=progress),
            _lt("Scan for shortages, follow up vendors"),
            progress=True,
        )
        self.env["res.partner"]._coordination_refresh_on_time_rates()

    @api.model
    def _scan(self, companies, product_ids=None, progress=None):
        """Scan these companies (only these products when given).

        :param progress: a function called with the number of companies scanned so far (see
            ``coordination.batch._run_isolated``)
        :return: {company id: counts of what changed, or None when the scan was skipped}
        """
        result = {}
        for done, company in enumerate(companies, start=1):
            result[company.id] = self._scan_company(company, product_ids=product_ids)
            if progress:
                progress(done)
        return result

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
        """Read, project, hand out to the services; their counts (see SCAN_COUNTS), None when
        another scan of the company runs."""
        return self._scan_company_part(company, product_ids=product_ids)

    @api.model
    def _scan_company_part(
        self, company, product_ids=None, warehouse_ids=None, low_stock=True, risks=True
    ):
        """One part of the scan of a company, under its lock: the low-stock tasks of these
        warehouses (default: all the active warehouses of the company) when `low_stock`, the
        delivery risks and follow-ups when `risks` (they need the projections of every
        warehouse: `warehouse_ids` must then be None).

        :return: the counts of SCAN_COUNTS, None when another scan of the company runs
        """
        if risks and warehouse_ids is not None:
            raise ValueError("The delivery risks need the projections of every warehouse.")
        project = company._coordination_get_procurement_project()
        if not self._lock(project):
            return None
        now = fields.Datetime.now()
        active_ids = self._get_warehouse_ids(company)
        if warehouse_ids is not None:
            active_ids = [wid for wid in active_ids if wid in set(warehouse_ids)]
        if not active_ids:
            return dict.fromkeys(SCAN_COUNTS, 0)
        snapshot = self._read_snapshot(company, project, active_ids, product_ids, now)
        done = {}
        if low_stock:
            done.update(self.env["coordination.low.stock.sync"]._sync(snapshot))
        if risks:
            done.update(self.env["coordination.delivery.risk"]._sync(snapshot))
        if any(done.values()):
            self._mark_changed(project, now)
        counts = {key: done.get(key, 0) for key in SCAN_COUNTS}
        _logger.info(
            "Shortage scan of %s (warehouses %s%s%s): %s",
            company.name,
            active_ids,
            ", low-stock tasks" if low_stock else "",
            ", delivery risks" if risks else "",
            counts,
        )
        return counts

    @api.model
    def _read_snapshot(self, company, project, warehouse_ids, product_ids, now):
        """The `ScanSnapshot` of this company: its tasks, the projection of its warehouses
        within its horizon, the MOs both name and the purchase lines bought for them."""
        tasks = self.env["coordination.low.stock.sync"]._read_tasks(warehouse_ids, product_ids)
        horizon = add_days(now, company.coordination_shortage_horizon_days or 30)
        projected = self.env["coordination.material.forecast"]._project_warehouses(
            warehouse_ids, horizon, product_ids, keys=tasks, now=now
        )
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        projections = projected["projections"]
        shortages = {
            key: projection
            for key, projection in projections.items()
            if not float_is_zero(projection["qty"], precision_digits=digits)
        }
        linked = self._linked_purchase_lines(company, product_ids)
        productions = projected["productions"]
        production_ids = {
            production_id
            for projection in projections.values()
            for production_id in projection["productions"]
        }
        for feeds in [p["feeds"] for p in projections.values()] + [linked]:
            production_ids.update(pid for pairs in feeds.values() for pid, _date in pairs)
        productions.update(self._read_productions(production_ids - set(productions)))
        return ScanSnapshot(
            company=company,
            project=project,
            now=now,
            digits=digits,
            product_ids=product_ids,
            tasks=tasks,
            projections=projections,
            shortages=shortages,
            minimums=projected["minimums"],
            receipts=projected["receipts"],
            productions=productions,
            linked=linked,
        )

    @api.model
    def _lock(self, project):
        """Lock the project's row for this transaction; False (logged) if another scan holds it
        or has changed it since this transaction started."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM project_project WHERE id = %s "
                        "FOR NO KEY UPDATE SKIP LOCKED",
                        project.id,
                    ),
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

    @api.model
    def _mark_changed(self, project, now):
        """Mark the change for a concurrent scan that started before this one commits (written
        in SQL: ``project.project.coordination_date_scan_change``)."""
        self.env.cr.execute(
            SQL(
                "UPDATE project_project SET coordination_date_scan_change = %s WHERE id = %s",
                now,
                project.id,
            )
        )
        project.invalidate_recordset(["coordination_date_scan_change"])

    # Reading ------------------------------------------------------------------------------------

    @api.model
    def _get_warehouse_ids(self, company):
        """The active warehouses of the company."""
        self.env.cr.execute(
            SQL("SELECT id FROM stock_warehouse WHERE company_id = %s AND active", company.id)
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _read_productions(self, production_ids):
        """{MO id: row} with the name, rank, committed date, state, responsible of these MOs."""
        if not production_ids:
            return {}
        self.env["mrp.production"].flush_model(
            ["name", "coordination_rank", "coordination_date_committed", "state", "user_id"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT id, name, coordination_rank, coordination_date_committed, state, user_id
                  FROM mrp_production
                 WHERE id = ANY(%s)
                """,
                sorted(production_ids),
            )
        )
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _linked_purchase_lines(self, company, product_ids):
        """{purchase line id: [(MO id, need date)]}: the MO components a purchase line was
        bought for (Odoo's make-to-order link, ``purchase.order.line.move_dest_ids``)."""
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
                id_filter("m.product_id", product_ids),
            )
        )
        linked = defaultdict(list)
        for line_id, production_id, date in self.env.cr.fetchall():
            linked[line_id].append((production_id, date))
        return linked

    # Moved elsewhere (kept for one release) -------------------------------------------------------

    @api.model
    def _refresh_on_time_rates(self):
        """Deprecated: ``res.partner._coordination_refresh_on_time_rates``."""
        return self.env["res.partner"]._coordination_refresh_on_time_rates()
