# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The coordination dashboard's data, in a constant number of queries.

Every figure is a count or a grouped aggregate over the user's scope (companies, warehouse,
departments): the number of manufacturing orders does not change the number of queries.
Everything is read with the user's own rights: what the record rules hide stays hidden.
"""

import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, create_index

from .coordination_const import MANAGER_GROUP, MRP_USER_GROUP, STATUS_REPORT_XLSX
from .coordination_format import format_number
from .sale_order import SALESMAN_GROUP

_logger = logging.getLogger(__name__)

TOP_ORDERS = 10
NEWEST_BLOCKERS = 8
TOP_SHORTAGES = 6
PC = "production_coordination."
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
    "change_notice": (
        "coordination.change.notice",
        [(False, "list"), (False, "kanban"), (False, "form")],
        PC + "coordination_change_notice_view_search",
    ),
    "queue": (
        "mrp.workorder",
        [(PC + "mrp_workorder_view_list_queue", "list"), (False, "form")],
        PC + "mrp_workorder_view_search_queue",
    ),
    "quotations": (
        "sale.order",
        [("sale.view_quotation_tree", "list"), ("sale.view_order_form", "form")],
        "sale.view_sales_order_filter",
    ),
}


class CoordinationDashboard(models.AbstractModel):
    _name = "coordination.dashboard"
    _inherit = ["coordination.scope"]
    _description = "Coordination Dashboard"

    def init(self):
        """The indexes the figures are read through: the open legs and orders of the companies
        shown, without reading the done ones (they pile up: a company's history)."""
        for table in ("coordination_handoff", "mrp_production"):
            create_index(
                self.env.cr,
                f"{table}_coordination_company_state_index",
                table,
                ["company_id", "state"],
            )

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
            "sections": {"production": scope["production"], "materials": scope["materials"]},
            "tiles": [],
            "departments": [],
            "load_total": False,
            "top_orders": [],
            "blockers": [],
            "shortages": [],
        }
        Cache = self.env["coordination.dashboard.cache"]
        marker = Cache._get_marker()
        generated = [fields.Datetime.to_string(fields.Datetime.now())]
        for part in ("production", "materials"):
            if not scope[part]:
                continue
            figures = Cache._fetch(
                self._figures_key(scope, part),
                lambda part=part: self._get_figures(scope, part),
                marker=marker,
            )
            data["tiles"] += figures.pop("tiles")
            generated.append(figures.pop("generated"))
            data.update(figures)
        data["generated"] = min(generated)  # the oldest figure shown
        return data

    @api.model
    def _get_figures(self, scope, part):
        """The figures of one part of the dashboard ("production": tiles, departments,
        orders, blockers; "materials": tiles, shortages) for a scope, as the current user may
        see them, with the time they were computed: what `coordination.dashboard.cache`
        keeps."""
        figures = {"generated": fields.Datetime.to_string(fields.Datetime.now())}
        if part == "materials":
            figures["tiles"] = self._materials_tiles(scope)
            figures["shortages"] = self._shortage_rows(scope, limit=TOP_SHORTAGES)
            return figures
        legs = self._leg_counts(scope)
        figures["tiles"] = self._production_tiles(scope, legs)
        figures["departments"] = self._department_rows(scope, legs)
        figures["load_total"] = self._load_total(
            self.env["coordination.department"].browse(
                [row["id"] for row in figures["departments"]]
            ),
            fields.Date.to_date(figures["departments"][0]["load_week"])
            if figures["departments"]
            else False,
        )
        figures["top_orders"] = self._top_orders(scope)
        figures["blockers"] = self._newest_blockers(scope)
        return figures

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
        may enqueue that job (the report's download, /report/xlsx/..., reads only)."""
        scope = self._get_scope(filters)
        self._check_status_report_access(scope, _("download the status report"))
        prepared = self.env["coordination.status.report.export"]._request(scope, "xlsx")
        if prepared:
            return prepared
        return self.env.ref(STATUS_REPORT_XLSX).report_action(
            None, data={"filters": self._filter_values(scope)}, config=False
        )

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
    def _tile(self, key, label, window, domain, tone, icon, help_text="", count=None):
        """A tile: its figure (`count`, or counted here) and the window it opens."""
        action = self._window_action(window, label, domain)
        if count is None:
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
    def _counts(self, model_name, domain, conditions, groupby=None):
        """How many records of `domain` (read with the user's rights, as `search_count`)
        match each of `conditions` ({key: domain on the same table, no join}), in one query:
        {key: count}; with `groupby` (a stored many2one), {group id: {key: count}}."""
        Model = self.env[model_name]
        query = Model._search(domain)
        if query.is_empty():
            return {} if groupby else dict.fromkeys(conditions, 0)
        aggregates = [
            SQL(
                "COUNT(*) FILTER (WHERE %s)",
                Model._where_calc(condition, active_test=False).where_clause,
            )
            if condition
            else SQL("COUNT(*)")
            for condition in conditions.values()
        ]
        if not groupby:
            [row] = self.env.execute_query(query.select(*aggregates))
            return dict(zip(conditions, row, strict=True))
        column = Model._field_to_sql(Model._table, groupby, query)
        query.groupby = column
        return {
            row[0]: dict(zip(conditions, row[1:], strict=True))
            for row in self.env.execute_query(query.select(column, *aggregates))
        }

    @api.model
    def _window_action(self, window, name, domain, context=None):
        """A window action on one of the WINDOWS, with this name (shown in the breadcrumbs)
        and domain."""
        model, views, search_view = WINDOWS[window]
        xmlid_to_id = self.env["ir.model.data"]._xmlid_to_res_id  # cached: no query
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [[xmlid_to_id(xmlid) if xmlid else False, mode] for xmlid, mode in views],
            "domain": domain,
            "context": context or {},
            "target": "current",
        }
        if search_view:
            action["search_view_id"] = [xmlid_to_id(search_view), "search"]
        return action

    @api.model
    def _leg_counts(self, scope):
        """The scope's legs and check-ins counted by department (two queries):
        {"legs": {department id: {"ready", "in_progress", "blocked", "overdue": count}},
        "checkins": {department id: {"overdue": count}}}. The tiles add them up, the
        department rows read their own."""
        overdue = [("is_overdue", "=", True)]
        return {
            # Only the open legs and requested check-ins are read (done ones pile up).
            "legs": self._counts(
                "coordination.handoff",
                self._handoff_domain(scope)
                + [("state", "in", ("ready", "in_progress", "blocked"))],
                {
                    "ready": [("state", "=", "ready")],
                    "in_progress": [("state", "=", "in_progress")],
                    "blocked": [("state", "=", "blocked")],
                    "overdue": overdue,
                },
                groupby="department_id",
            ),
            "checkins": self._counts(
                "coordination.checkin",
                self._checkin_domain(scope) + [("state", "=", "requested")],
                {"overdue": overdue},
                groupby="department_id",
            ),
        }

    @api.model
    def _production_tiles(self, scope, counts=None):
        """The production tiles; `counts` are `_leg_counts(scope)` (computed if not given)."""
        counts = counts or self._leg_counts(scope)
        now = fields.Datetime.to_string(fields.Datetime.now())
        mos = self._production_domain(scope)
        legs = self._handoff_domain(scope)
        conditions = {
            "late": [("coordination_date_committed", "<", now)],
            "at_risk": [
                ("coordination_is_delayed", "=", True),
                ("coordination_date_committed", ">=", now),
            ],
            "expedited": [("coordination_is_expedited", "=", True)],
        }
        may_reserve = self.env.user.has_group(MRP_USER_GROUP)
        if may_reserve:
            conditions["reservations_to_move"] = self._reservation_move_domain()
        orders = self._counts("mrp.production", mos, conditions)

        def total(kind, key):
            return sum(row[key] for row in counts[kind].values())

        tiles = [
            self._tile(
                "late",
                _("Late orders"),
                "production",
                mos + conditions["late"],
                "danger",
                "fa-calendar-times-o",
                _("The committed date has passed."),
                count=orders["late"],
            ),
            self._tile(
                "at_risk",
                _("At risk"),
                "production",
                mos + conditions["at_risk"],
                "warning",
                "fa-exclamation-triangle",
                _("The forecast finish is after the committed date."),
                count=orders["at_risk"],
            ),
            self._tile(
                "blocked",
                _("Blocked handoffs"),
                "handoff",
                legs + [("state", "=", "blocked")],
                "danger",
                "fa-ban",
                count=total("legs", "blocked"),
            ),
            self._tile(
                "overdue_handoffs",
                _("Overdue handoffs"),
                "handoff",
                legs + [("is_overdue", "=", True)],
                "danger",
                "fa-hourglass-end",
                _("Handed off and not accepted in time."),
                count=total("legs", "overdue"),
            ),
            self._tile(
                "overdue_checkins",
                _("Overdue check-ins"),
                "checkin",
                self._checkin_domain(scope) + [("is_overdue", "=", True)],
                "warning",
                "fa-check-square-o",
                _("Requested more than 24 hours ago."),
                count=total("checkins", "overdue"),
            ),
            self._tile(
                "expedited",
                _("Expedited"),
                "production",
                mos + conditions["expedited"],
                "info",
                "fa-bolt",
                count=orders["expedited"],
            ),
        ]
        tiles.append(self._change_notice_tile(scope))
        if may_reserve:
            tiles.append(
                self._tile(
                    "reservations_to_move",
                    _("Orders with reservations to move"),
                    "production",
                    mos + conditions["reservations_to_move"],
                    "warning",
                    "fa-exchange",
                    _(
                        "Components on hand but reserved for later orders while earlier orders "
                        "wait: move the reservation (the orders that give and those that take)."
                    ),
                    count=orders["reservations_to_move"],
                )
            )
        if self.env.user.has_group(SALESMAN_GROUP):
            tiles.append(
                self._tile(
                    "quotations_to_review",
                    _("Quotations to review"),
                    "quotations",
                    self._quotation_review_domain(scope),
                    "info",
                    "fa-handshake-o",
                    _("Quotations with a manufactured line not reviewed since they changed."),
                )
            )
        return tiles

    @api.model
    def _quotation_review_domain(self, scope):
        """Quotations waiting for a production review (their company, their warehouse)."""
        domain = [
            ("coordination_review_needed", "=", True),
            ("company_id", "in", scope["companies"].ids),
        ]
        if scope["warehouse"]:
            domain.append(("warehouse_id", "=", scope["warehouse"].id))
        return domain

    def _change_notice_tile(self, scope):
        """Change notices a department of the scope has not acknowledged yet."""
        pending = [("state", "=", "pending")]
        if not scope["all_departments"]:
            pending.append(("department_id", "in", scope["departments"].ids))
        return self._tile(
            "change_notices",
            _("Change notices to acknowledge"),
            "change_notice",
            [
                ("company_id", "in", scope["companies"].ids),
                ("state", "=", "open"),
                ("department_line_ids", "any", pending),
            ],
            "warning",
            "fa-pencil-square-o",
            _("A manufacturing method changed: the departments concerned have not all read it."),
        )

    @api.model
    def _reservation_move_domain(self):
        """MOs that should give or take a reservation (`coordination.reservation.suggestion`)."""
        return [
            "|",
            ("coordination_reservation_in_ids", "!=", False),
            ("coordination_reservation_out_ids", "!=", False),
        ]

    # Departments ------------------------------------------------------------------------------

    @api.model
    def _department_rows(self, scope, counts=None):
        """One row per department of the scope; `counts` are `_leg_counts(scope)` (computed
        if not given)."""
        counts = counts or self._leg_counts(scope)
        Department = self.env["coordination.department"]
        domain = [("company_id", "in", scope["companies"].ids)]
        if not scope["all_departments"]:
            domain.append(("id", "in", scope["departments"].ids))
        departments = Department.search_fetch(domain, ["name", "code", "supervisor_id"])
        no_legs = {"ready": 0, "in_progress": 0, "blocked": 0, "overdue": 0}
        legs = {
            department.id: counts["legs"].get(department.id, no_legs) for department in departments
        }
        late_checkins = {
            department_id: row["overdue"] for department_id, row in counts["checkins"].items()
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
                    "ready": legs[department.id]["ready"],
                    "in_progress": legs[department.id]["in_progress"],
                    "blocked": legs[department.id]["blocked"],
                    "overdue": legs[department.id]["overdue"],
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
            days = format_number(self.env, production.coordination_delay_days, 1)
            return _("Forecast %(days)s days late", days=days)
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
