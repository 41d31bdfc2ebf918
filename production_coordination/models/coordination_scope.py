# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a user looks at: the dashboard's filters (companies, warehouse, departments) checked
against what the user may see, as a scope, and the domains of each kind of record in it.

A mixin: the dashboard (``coordination.dashboard``) inherits it; the status report, its wizard
and the saved filters of users use it through the dashboard. Hooks: `_get_scope`, the
`_*_domain` methods.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from .coordination_const import (
    CLOSED_TASK_STATES,
    MANAGER_GROUP,
    OPEN_MO_STATES,
    PURCHASE_GROUP,
    USER_GROUP,
)

# The dashboard's filters: key -> True for a list of ids, False for one id (or False).
FILTER_KEYS = {"company_ids": True, "warehouse_id": False, "department_ids": True}
MAX_ID = 2**31 - 1  # record ids are PostgreSQL integers


class CoordinationScope(models.AbstractModel):
    _name = "coordination.scope"
    _description = "Coordination Scope (Filters of the Dashboard and Reports)"

    @api.model
    def _clean_filters(self, filters):
        """The filters as {key: ids or id}, their form checked (not yet their records).

        Accepts a dict (or None/False for no filter) whose keys are among FILTER_KEYS;
        `company_ids` and `department_ids` take a list of record ids, `warehouse_id` one id or
        False. Anything else is refused with a UserError naming the key and the value.
        """
        if filters is None or filters is False:
            filters = {}
        if not isinstance(filters, dict):
            raise UserError(
                _(
                    "The dashboard filters must be a mapping of %(keys)s, not %(value)s.",
                    keys=", ".join(FILTER_KEYS),
                    value=self._filter_repr(filters),
                )
            )
        unknown = sorted(str(key) for key in set(filters) - set(FILTER_KEYS))
        if unknown:
            raise UserError(
                _(
                    "Unknown dashboard filter %(keys)s (known: %(known)s).",
                    keys=", ".join(unknown),
                    known=", ".join(FILTER_KEYS),
                )
            )
        clean = {}
        for key, many in FILTER_KEYS.items():
            value = filters.get(key)
            if value is None or value is False or (many and value == []):
                clean[key] = [] if many else False
                continue
            if many:
                valid = isinstance(value, list | tuple) and all(map(self._is_id, value))
            else:
                valid = self._is_id(value)
            if not valid:
                raise UserError(
                    _(
                        "The dashboard filter %(key)s must be %(kind)s, not %(value)s.",
                        key=key,
                        kind=_("a list of record ids") if many else _("a record id or false"),
                        value=self._filter_repr(value),
                    )
                )
            clean[key] = list(dict.fromkeys(value)) if many else value
        return clean

    @api.model
    def _is_id(self, value):
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID

    @api.model
    def _filter_repr(self, value):
        text = repr(value)
        return text if len(text) <= 80 else text[:77] + "..."

    @api.model
    def _get_scope(self, filters=None):
        """Validate the requested filters against what the user may see.

        Their form is checked first (`_clean_filters`, UserError); the records must exist and
        be active (UserError naming the filter); companies must be among the user's allowed
        companies; staff and supervisors are kept to their own departments (asking for another
        one is refused); coordinators see all (AccessError otherwise).
        """
        filters = self._clean_filters(filters)
        user = self.env.user
        companies, warehouse = self._scope_place(filters)
        departments = self.env["coordination.department"]
        production = user.has_group(USER_GROUP)
        is_manager = user.has_group(MANAGER_GROUP)
        # Shortages and vendor deliveries: for purchasing staff (coordinators are).
        materials = user.has_group(PURCHASE_GROUP)
        if not production:
            # Purchasing staff and others outside the Coordination app: no departments, no
            # production figures (the materials part does not depend on departments).
            return {
                "companies": companies,
                "departments": departments,
                "warehouse": warehouse,
                "all_departments": True,
                "production": False,
                "materials": materials,
            }
        requested = self._requested_departments(filters["department_ids"], companies)
        mine = departments.search(
            [
                ("company_id", "in", companies.ids),
                "|",
                ("member_ids", "in", user.id),
                ("supervisor_id", "=", user.id),
            ]
        )
        if requested and not is_manager and requested - mine:
            raise AccessError(
                _(
                    "You can only see your own departments on the dashboard, not %(departments)s.",
                    departments=", ".join((requested - mine).mapped("name")),
                )
            )
        chosen = requested  # what the user asked for; empty = all (of theirs)
        if not is_manager:
            # Staff and supervisors: their departments, even when they have none yet.
            requested = requested or mine
        return {
            "companies": companies,
            "departments": requested,
            "warehouse": warehouse,
            "all_departments": is_manager and not requested,
            "chosen_departments": chosen,
            "production": True,
            "materials": materials,
        }

    @api.model
    def _scope_place(self, filters):
        """(companies, warehouse) of clean filters: the user's allowed companies only (the
        current ones by default), an existing warehouse of those companies (AccessError,
        UserError)."""
        company_ids = filters.get("company_ids") or self.env.companies.ids
        if set(company_ids) - set(self.env.user.company_ids.ids):
            raise AccessError(_("You cannot see the dashboard of a company you do not work for."))
        companies = self.env["res.company"].browse(company_ids)
        warehouse = self.env["stock.warehouse"].browse(filters.get("warehouse_id") or [])
        if warehouse and not warehouse.with_context(active_test=False).exists():
            raise UserError(
                _("The warehouse of filter warehouse_id (id %s) does not exist.", warehouse.id)
            )
        if warehouse and warehouse.company_id not in companies:
            raise AccessError(
                _(
                    "The warehouse %(warehouse)s is not in the companies shown.",
                    warehouse=warehouse.display_name,
                )
            )
        return companies, warehouse

    @api.model
    def _requested_departments(self, department_ids, companies):
        """The departments of the filter: existing, active, in the companies shown (one
        query, which also fetches what the dashboard reads of them)."""
        Department = self.env["coordination.department"]
        if not department_ids:
            return Department
        departments = Department.with_context(active_test=False).search_fetch(
            [("id", "in", department_ids)], ["name", "code", "active", "company_id"]
        )
        missing = [id_ for id_ in department_ids if id_ not in departments.ids]
        if missing:
            raise UserError(
                _(
                    "The filter department_ids names departments that do not exist or that you "
                    "cannot see (ids %s).",
                    ", ".join(map(str, missing)),
                )
            )
        stale = departments.filtered(
            lambda department: not department.active or department.company_id not in companies
        )
        if stale:
            raise UserError(
                _(
                    "The filter department_ids names departments that are archived or not in "
                    "the companies shown: %s.",
                    ", ".join(stale.mapped("name")),
                )
            )
        return departments.with_env(self.env)

    @api.model
    def _production_domain(self, scope):
        domain = [("state", "in", OPEN_MO_STATES), ("company_id", "in", scope["companies"].ids)]
        if scope["warehouse"]:
            domain.append(("picking_type_id.warehouse_id", "=", scope["warehouse"].id))
        if not scope["all_departments"]:
            domain.append(
                ("coordination_handoff_ids.department_id", "in", scope["departments"].ids)
            )
        return domain

    @api.model
    def _handoff_domain(self, scope):
        domain = [("company_id", "in", scope["companies"].ids)]
        if scope["warehouse"]:
            domain.append(
                ("production_id.picking_type_id.warehouse_id", "=", scope["warehouse"].id)
            )
        if not scope["all_departments"]:
            domain.append(("department_id", "in", scope["departments"].ids))
        return domain

    @api.model
    def _checkin_domain(self, scope):
        domain = [("company_id", "in", scope["companies"].ids)]
        if not scope["all_departments"]:
            domain.append(("department_id", "in", scope["departments"].ids))
        return domain

    @api.model
    def _filter_values(self, scope):
        return {
            "company_ids": scope["companies"].ids,
            "warehouse_id": scope["warehouse"].id or False,
            "department_ids": scope.get("chosen_departments", scope["departments"]).ids,
        }

    @api.model
    def _low_stock_domain(self, scope):
        """Open low-stock tasks of the scope (the shortage scan keeps them)."""
        domain = [
            ("coordination_warehouse_id", "!=", False),
            ("state", "not in", CLOSED_TASK_STATES),
            ("company_id", "in", scope["companies"].ids),
        ]
        if scope["warehouse"]:
            domain.append(("coordination_warehouse_id", "=", scope["warehouse"].id))
        return domain

    @api.model
    def _late_delivery_domain(self, scope):
        """Purchase lines feeding open MOs whose expected date has passed, not fully received."""
        domain = [
            ("coordination_delivery_risk", "=", "late"),
            ("company_id", "in", scope["companies"].ids),
        ]
        if scope["warehouse"]:
            domain.append(("order_id.picking_type_id.warehouse_id", "=", scope["warehouse"].id))
        return domain
