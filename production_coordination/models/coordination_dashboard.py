# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The coordination dashboard's data, in a constant number of queries.

Every figure is a count or a grouped aggregate over the user's scope (companies, warehouse,
departments): the number of manufacturing orders does not change the number of queries.
Everything is read with the user's own rights: what the record rules hide stays hidden.
"""

import json
import logging
from datetime import timedelta
from urllib.parse import urlencode

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .coordination_const import MANAGER_GROUP, MRP_USER_GROUP, OPEN_LEG_STATES

_logger = logging.getLogger(__name__)

TOP_ORDERS = 10
NEWEST_BLOCKERS = 8
TOP_SHORTAGES = 6
PC = "production_coordination."
# The windows the tiles and rows open: model, views (xml id or False for the default view,
# mode) and search view. Built as plain window actions from cached xml ids: reading the
# stored actions would cost five queries each.
WINDOWS = {
    "production": (
        "mrp.production",
        [
            (PC + "mrp_production_view_list_priority", "list"),
            ("mrp.mrp_production_form_view", "form"),
        ],
        PC + "mrp_production_view_search_priority",
    ),
    "handoff": (
        "coordination.handoff",
        [(False, "kanban"), (False, "list"), (False, "form")],
        None,
    ),
    "checkin": ("coordination.checkin", [(False, "list"), (False, "form")], None),
    "low_stock": (
        "project.task",
        [
            (PC + "project_task_view_list_shortage", "list"),
            (PC + "project_task_view_form_shortage", "form"),
        ],
        PC + "project_task_view_search_shortage",
    ),
    "deliveries": (
        "purchase.order.line",
        [(PC + "purchase_order_line_view_list_delivery_risk", "list")],
        PC + "purchase_order_line_view_search_delivery_risk",
    ),
    "queue": (
        "mrp.workorder",
        [(PC + "mrp_workorder_view_list_queue", "list"), (False, "form")],
        PC + "mrp_workorder_view_search_queue",
    ),
}


class CoordinationDashboard(models.AbstractModel):
    _name = "coordination.dashboard"
    _inherit = ["coordination.scope"]
    _description = "Coordination Dashboard"

    # The data call ----------------------------------------------------------------------------

    @api.readonly
    @api.model
    def get_dashboard_data(self, filters=None):
        """Everything the dashboard shows, for the given filters (the user's last ones if
        none are given: saved filters that no longer hold, e.g. of a department since archived,
        are dropped for the defaults).

        Read-only (``@api.readonly``): over RPC it runs on a read replica when the server has
        one (``--db_replica_host``), so it must never write; saving the filters is
        `set_dashboard_filters`'s job."""
        if filters is None:
            scope = self._get_saved_scope()
        else:
            scope = self._get_scope(filters)
        data = {
            "filters": self._filter_values(scope),
            "options": self._filter_options(scope),
            "generated": fields.Datetime.to_string(fields.Datetime.now()),
            "tiles": [],
            "departments": [],
            "load_total": False,
            "top_orders": [],
            "blockers": [],
            "sections": {"production": scope["production"], "materials": scope["materials"]},
        }
        if scope["production"]:
            data["tiles"] = self._production_tiles(scope)
            data["departments"] = self._department_rows(scope)
            data["load_total"] = self._load_total(
                self.env["coordination.department"].browse(
                    [row["id"] for row in data["departments"]]
                ),
                fields.Date.to_date(data["departments"][0]["load_week"])
                if data["departments"]
                else False,
            )
            data["top_orders"] = self._top_orders(scope)
            data["blockers"] = self._newest_blockers(scope)
        data["shortages"] = []
        if scope["materials"]:
            data["tiles"] += self._materials_tiles(scope)
            data["shortages"] = self._shortage_rows(scope, limit=TOP_SHORTAGES)
        return data

    @api.model
    def _get_saved_scope(self):
        """The scope of the user's saved filters, or the default scope when they do not
        validate any more (written by an older version, a department archived or deleted since,
        a company the user left)."""
        saved = self.env.user.coordination_dashboard_filters
        if saved:
            try:
                return self._get_scope(saved)
            except UserError as error:  # AccessError and MissingError too: nothing was written
                _logger.info(
                    "Saved dashboard filters of user %s no longer apply (%s): defaults used.",
                    self.env.user.login,
                    error,
                )
        return self._get_scope({})

    @api.model
    def set_dashboard_filters(self, filters):
        """Remember the user's filters (validated first)."""
        scope = self._get_scope(filters)
        self.env.user.coordination_dashboard_filters = self._filter_values(scope)
        return True

    @api.model
    def _check_status_report_access(self, scope, action):
        """The status report is about departments and their orders: for department staff,
        supervisors and coordinators (purchasing staff have the materials part of the
        dashboard). Checked by the actions before they return a download, and by the report."""
        if not scope["production"]:
            raise AccessError(
                _(
                    "Only department staff, supervisors and coordinators can %(action)s.",
                    action=action,
                )
            )

    @api.model
    def action_status_report_xlsx(self, filters=None):
        """Download the status report as XLSX for these filters; a large report (more open
        orders than the threshold) is prepared by a background job instead, and the user is
        notified when it is ready (``coordination.status.report.export``). Not read-only: it
        may enqueue that job (the download route itself reads only)."""
        scope = self._get_scope(filters)
        self._check_status_report_access(scope, _("download the status report"))
        prepared = self.env["coordination.status.report.export"]._request(scope, "xlsx")
        if prepared:
            return prepared
        query = urlencode({"filters": json.dumps(self._filter_values(scope))})
        return {
            "type": "ir.actions.act_url",
            "url": f"/production_coordination/status_report.xlsx?{query}",
            "target": "download",
        }

    @api.model
    def action_status_report_pdf(self, filters=None):
        """Print the status report (PDF) for these filters (a large one: as the XLSX)."""
        scope = self._get_scope(filters)
        self._check_status_report_access(scope, _("print the status report"))
        prepared = self.env["coordination.status.report.export"]._request(scope, "pdf")
        if prepared:
            return prepared
        wizard = self.env["coordination.status.report.wizard"].create(
            {
                "company_ids": [(6, 0, scope["companies"].ids)],
                "warehouse_id": scope["warehouse"].id,
                "department_ids": [
                    (6, 0, [] if scope["all_departments"] else scope["departments"].ids)
                ],
            }
        )
        return wizard.action_print_pdf()

    @api.model
    def _filter_options(self, scope):
        user = self.env.user
        departments = self.env["coordination.department"]
        if scope["production"]:
            departments = departments.search([("company_id", "in", scope["companies"].ids)])
            if not user.has_group(MANAGER_GROUP):
                departments = departments.filtered(lambda d: d._is_member(user))
        warehouses = self.env["stock.warehouse"].search_read(
            [("company_id", "in", scope["companies"].ids)], ["display_name"]
        )
        return {
            "companies": [{"id": c.id, "name": c.name} for c in user.company_ids],
            "warehouses": [{"id": w["id"], "name": w["display_name"]} for w in warehouses],
            "departments": [{"id": d.id, "name": d.name} for d in departments],
        }

    # Tiles ------------------------------------------------------------------------------------

    @api.model
    def _tile(self, key, label, window, domain, tone, icon, help_text=""):
        action = self._window_action(window, label, domain)
        count = self.env[action["res_model"]].search_count(domain)
        return {
            "key": key,
            "label": label,
            "count": count,
            "tone": tone if count else "muted",
            "icon": icon,
            "help": help_text,
            "action": action,
        }

    @api.model
    def _window_action(self, window, name, domain, context=None):
        """A window action on one of the WINDOWS, with this name (shown in the breadcrumbs)
        and domain."""
        model, views, search_view = WINDOWS[window]
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [[self.env.ref(xmlid).id if xmlid else False, mode] for xmlid, mode in views],
            "domain": domain,
            "context": context or {},
            "target": "current",
        }
        if search_view:
            action["search_view_id"] = [self.env.ref(search_view).id, "search"]
        return action

    @api.model
    def _production_tiles(self, scope):
        now = fields.Datetime.to_string(fields.Datetime.now())
        mos = self._production_domain(scope)
        legs = self._handoff_domain(scope)
        tiles = [
            self._tile(
                "late",
                _("Late orders"),
                "production",
                mos + [("coordination_date_committed", "<", now)],
                "danger",
                "fa-calendar-times-o",
                _("The committed date has passed."),
            ),
            self._tile(
                "at_risk",
                _("At risk"),
                "production",
                mos
                + [
                    ("coordination_is_delayed", "=", True),
                    ("coordination_date_committed", ">=", now),
                ],
                "warning",
                "fa-exclamation-triangle",
                _("The forecast finish is after the committed date."),
            ),
            self._tile(
                "blocked",
                _("Blocked handoffs"),
                "handoff",
                legs + [("state", "=", "blocked")],
                "danger",
                "fa-ban",
            ),
            self._tile(
                "overdue_handoffs",
                _("Overdue handoffs"),
                "handoff",
                legs + [("is_overdue", "=", True)],
                "danger",
                "fa-hourglass-end",
                _("Handed off and not accepted in time."),
            ),
            self._tile(
                "overdue_checkins",
                _("Overdue check-ins"),
                "checkin",
                self._checkin_domain(scope) + [("is_overdue", "=", True)],
                "warning",
                "fa-check-square-o",
                _("Requested more than 24 hours ago."),
            ),
            self._tile(
                "expedited",
                _("Expedited"),
                "production",
                mos + [("coordination_is_expedited", "=", True)],
                "info",
                "fa-bolt",
            ),
        ]
        if self.env.user.has_group(MRP_USER_GROUP):
            tiles.append(
                self._tile(
                    "reservations_to_move",
                    _("Orders with reservations to move"),
                    "production",
                    mos + self._reservation_move_domain(),
                    "warning",
                    "fa-exchange",
                    _(
                        "Components on hand but reserved for later orders while earlier orders "
                        "wait: move the reservation (the orders that give and those that take)."
                    ),
                )
            )
        return tiles

    @api.model
    def _reservation_move_domain(self):
        """MOs that should give or take a reservation (`coordination.reservation.suggestion`)."""
        return [
            "|",
            ("coordination_reservation_in_ids", "!=", False),
            ("coordination_reservation_out_ids", "!=", False),
        ]

    @api.model
    def _materials_tiles(self, scope):
        low_stock = self._low_stock_domain(scope)
        tile = self._tile(
            "low_stock",
            _("Low-stock tasks"),
            "low_stock",
            low_stock,
            "warning",
            "fa-cubes",
            _("Components open orders will lack, one task per product and warehouse."),
        )
        critical = self.env["project.task"].search_count(
            low_stock + [("coordination_severity", "=", "critical")]
        )
        if critical:
            tile.update(
                tone="danger",
                detail=_("%(count)s critical", count=critical),
                critical=critical,
            )
        return [
            tile,
            self._tile(
                "late_deliveries",
                _("Late vendor deliveries"),
                "deliveries",
                self._late_delivery_domain(scope),
                "danger",
                "fa-truck",
                _("Purchase lines for open orders: expected date passed, not fully received."),
            ),
        ]

    @api.model
    def _shortage_rows(self, scope, limit=None):
        """Open low-stock tasks, most severe and soonest needed first (one query + names)."""
        Task = self.env["project.task"]
        severities = dict(Task._fields["coordination_severity"].selection)
        tasks = Task.search_read(
            self._low_stock_domain(scope),
            [
                "name",
                "coordination_product_id",
                "coordination_warehouse_id",
                "coordination_shortage_qty",
                "coordination_uom_id",
                "coordination_date_need",
                "coordination_severity",
                "coordination_production_count",
                "coordination_vendor_id",
                "coordination_lead_days",
                "coordination_purchase_id",
                "user_ids",
            ],
            # critical < high < normal: alphabetical order is severity order
            order="coordination_severity, coordination_date_need, id",
            limit=limit,
        )
        for task in tasks:
            task["severity_label"] = severities.get(task["coordination_severity"], "")
        return tasks

    # Departments ------------------------------------------------------------------------------

    @api.model
    def _department_rows(self, scope):
        Department = self.env["coordination.department"]
        domain = [("company_id", "in", scope["companies"].ids)]
        if not scope["all_departments"]:
            domain.append(("id", "in", scope["departments"].ids))
        departments = Department.search(domain)
        legs = self._handoff_domain(scope)
        Handoff = self.env["coordination.handoff"]
        counts = {
            (department.id, state): count
            for department, state, count in Handoff._read_group(
                legs + [("department_id", "in", departments.ids), ("state", "in", OPEN_LEG_STATES)],
                ["department_id", "state"],
                ["__count"],
            )
        }
        overdue = {
            department.id: count
            for department, count in Handoff._read_group(
                legs + [("department_id", "in", departments.ids), ("is_overdue", "=", True)],
                ["department_id"],
                ["__count"],
            )
        }
        late_checkins = {
            department.id: count
            for department, count in self.env["coordination.checkin"]._read_group(
                [("department_id", "in", departments.ids), ("is_overdue", "=", True)],
                ["department_id"],
                ["__count"],
            )
        }
        load, load_week = self._week_load(departments)
        empty_load = {"planned_hours": 0.0, "available_hours": 0.0, "load_percent": 0.0}
        rows = []
        for department in departments:
            figures = load.get(department.id, empty_load)
            rows.append(
                {
                    "id": department.id,
                    "name": department.name,
                    "code": department.code,
                    "supervisor": department.supervisor_id.name or "",
                    "ready": counts.get((department.id, "ready"), 0),
                    "in_progress": counts.get((department.id, "in_progress"), 0),
                    "blocked": counts.get((department.id, "blocked"), 0),
                    "overdue": overdue.get(department.id, 0),
                    "late_checkins": late_checkins.get(department.id, 0),
                    "compliant": not late_checkins.get(department.id),
                    "planned_hours": figures["planned_hours"],
                    "available_hours": figures["available_hours"],
                    "load_percent": figures["load_percent"],
                    "load_week": fields.Date.to_string(load_week) if load_week else False,
                    "action": self._window_action(
                        "queue",
                        _("%(department)s queue", department=department.name),
                        [("coordination_department_id", "=", department.id)],
                        {"search_default_open": 1},
                    ),
                }
            )
        return rows

    @api.model
    def _week_load(self, departments):
        """({department id: figures}, week) for the first week of the load report: this week,
        or next week once this one has no working time left. Figures are those of
        `coordination.workcenter.load._get_load` (planned hours, available hours, load
        percent: planned over available), as the pivot groups them (one grouped query)."""
        Load = self.env["coordination.workcenter.load"]
        if not Load.has_access("read"):
            return {}, False
        rows = Load._get_load(self._load_domain(departments), ["date_week:day", "department_id"])
        first_week = rows[0]["date_week:day"] if rows else False
        return {
            row["department_id"].id: row for row in rows if row["date_week:day"] == first_week
        }, first_week

    @api.model
    def _load_domain(self, departments):
        """The load rows of these departments over the first two weeks of the report."""
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday())
        return [
            ("department_id", "in", departments.ids),
            ("date_week", ">=", monday),
            ("date_week", "<", monday + timedelta(days=14)),
        ]

    @api.model
    def _load_total(self, departments, week):
        """The figures of these departments together in that week: their planned hours over
        their available hours (as the pivot's total), not the busiest of them. Empty when the
        user may not read the load or there is none."""
        Load = self.env["coordination.workcenter.load"]
        if not week or not departments or not Load.has_access("read"):
            return False
        rows = Load._get_load([("department_id", "in", departments.ids), ("date_week", "=", week)])
        if not rows or not rows[0]["available_hours"]:
            return False
        return {
            "planned_hours": rows[0]["planned_hours"],
            "available_hours": rows[0]["available_hours"],
            "load_percent": rows[0]["load_percent"],
            "load_week": fields.Date.to_string(week),
        }

    # Orders that need the coordinator ---------------------------------------------------------

    @api.model
    def _top_orders(self, scope):
        productions = self.env["mrp.production"].search(
            self._production_domain(scope), order="coordination_rank, id", limit=TOP_ORDERS
        )
        rows = []
        for production in productions:
            # The order's current leg may belong to another department than the user's
            # (the order is on its way to them): its department, state and blocking reason
            # are what the order's own route shows, so they are read without the leg's rules.
            leg = production.coordination_current_handoff_id.sudo()
            rows.append(
                {
                    "id": production.id,
                    "name": production.name,
                    "product": production.product_id.display_name,
                    "rank": production.coordination_rank,
                    "committed": fields.Datetime.to_string(production.coordination_date_committed)
                    if production.coordination_date_committed
                    else False,
                    "delay_days": production.coordination_delay_days,
                    "department": leg.department_id.name or "",
                    "leg_state": leg.state or "",
                    "expedited": production.coordination_is_expedited,
                    "problem": self._problem(production, leg),
                }
            )
        return rows

    @api.model
    def _problem(self, production, leg):
        if leg.state == "blocked":
            return _("Blocked: %(reason)s", reason=leg.block_reason or "")
        if leg.is_overdue:
            return _(
                "%(department)s has not accepted it in time", department=leg.department_id.name
            )
        if production.coordination_is_delayed:
            return _("Forecast %(days).1f days late", days=production.coordination_delay_days)
        if production.coordination_readiness == "short":
            return _("Components short")
        if production.coordination_readiness == "late":
            return _("Components expected late")
        return ""

    @api.model
    def _newest_blockers(self, scope):
        legs = self.env["coordination.handoff"].search(
            self._handoff_domain(scope) + [("state", "=", "blocked")],
            order="date_blocked desc, id desc",
            limit=NEWEST_BLOCKERS,
        )
        return [
            {
                "id": leg.id,
                "production": leg.production_id.name,
                "production_id": leg.production_id.id,
                "department": leg.department_id.name,
                "reason": leg.block_reason or "",
                "by": leg.blocked_by_id.name or "",
                "date": fields.Datetime.to_string(leg.date_blocked) if leg.date_blocked else False,
            }
            for leg in legs
        ]
