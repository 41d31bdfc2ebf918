# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.tools import format_amount

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .const import BUDGET_CATEGORIES

COORDINATOR = "production_coordination_media.group_media_coordinator"
# Purchase line states: the confirmed ones commit money, the others are requests.
PURCHASE_CONFIRMED = ("purchase", "done")
PURCHASE_REQUESTED = ("draft", "sent", "to approve")


class ProjectProject(models.Model):
    """A media production's budget per category and what it costs (crew, owned equipment,
    locations, purchases), in the company currency. The figures:

    - actual: posted vendor bills of the production's purchase lines (their share of the
      production's analytic account), plus crew, owned equipment and location fees of the days
      that have wrapped;
    - committed: confirmed purchase lines not billed yet (ordered minus billed, never below 0),
      plus crew, owned equipment and location fees of the days to come;
    - forecast (estimated final cost, what the production will have cost when everything known
      is done): actual + committed + requests for quotation not confirmed yet;
    - budget burn: (actual + committed) / budget x 100, 0 without budget;
    - over budget: the production has a budget (at least one budget line) and in some category
      actual + committed exceeds that category's budget (0 without a line).

    Every figure is computed for any number of productions in a fixed number of queries
    (`_coordination_cost_entries`). Cancelled days cost nothing; a cancelled purchase order
    neither."""

    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    coordination_budget_line_ids = fields.One2many(
        "media.budget.line", "project_id", string="Budget", groups=COORDINATOR
    )
    coordination_budget_total = fields.Monetary(
        "Budget Total",
        compute="_compute_coordination_costs",
        currency_field="currency_id",
        groups=COORDINATOR,
    )
    coordination_cost_committed = fields.Monetary(
        "Committed",
        compute="_compute_coordination_costs",
        currency_field="currency_id",
        groups=COORDINATOR,
    )
    coordination_cost_actual = fields.Monetary(
        "Actual",
        compute="_compute_coordination_costs",
        currency_field="currency_id",
        groups=COORDINATOR,
    )
    coordination_cost_forecast = fields.Monetary(
        "Forecast",
        compute="_compute_coordination_costs",
        currency_field="currency_id",
        groups=COORDINATOR,
        help="Estimated final cost: actual + committed + requests for quotation not confirmed yet.",
    )
    coordination_budget_burn = fields.Float(
        "Budget Burn (%)",
        compute="_compute_coordination_costs",
        groups=COORDINATOR,
        help="(Actual + committed) / budget x 100; 0 without budget.",
    )
    coordination_over_budget = fields.Boolean(
        "Over Budget",
        compute="_compute_coordination_over_budget",
        store=True,
        groups=COORDINATOR,
        help="In some budget category, actual + committed exceeds the budget (productions "
        "with a budget only).",
    )
    coordination_over_budget_summary = fields.Char(
        "Over Budget In",
        compute="_compute_coordination_over_budget_summary",
        groups=COORDINATOR,
        help="The categories over budget, with what is committed and spent and their budget.",
    )
    coordination_purchase_line_ids = fields.One2many(
        "purchase.order.line",
        "coordination_project_id",
        string="Purchase Lines",
        groups=COORDINATOR,
    )
    coordination_rental_ids = fields.One2many(
        "media.rental", "project_id", string="Rentals", groups=COORDINATOR
    )
    coordination_rental_count = fields.Integer(
        "Rental Count", compute="_compute_coordination_rental_count", groups=COORDINATOR
    )
    coordination_purchase_count = fields.Integer(
        "Purchase Count", compute="_compute_coordination_rental_count", groups=COORDINATOR
    )

    # -- Cost engine ---------------------------------------------------------------------------

    def _coordination_cost_entries(self):
        """Every cost of the productions `self`, as dicts {project_id, category, day_id, date,
        source, name, state ('actual', 'committed' or 'pending'), amount (company currency)},
        in 12 queries whatever the number of productions, days and bookings. As superuser: the
        figures are the production's, whoever reads them (the fields are for media coordinators
        only)."""
        projects = self.sudo().filtered("id")
        if not projects:
            return []
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        entries = []
        days = (
            self.env["media.production.day"]
            .sudo()
            .search_fetch(
                [("project_id", "in", projects.ids), ("state", "!=", "cancelled")],
                ["project_id", "company_id", "date", "date_wrap", "location_id", "day_type"],
            )
        )
        bookings = (
            self.env["media.booking"]
            .sudo()
            .search_fetch(
                [("day_id", "in", days.ids)],
                [
                    "day_id",
                    "resource_type",
                    "crew_member_id",
                    "equipment_id",
                    "role_id",
                    "date_call",
                    "date_wrap",
                ],
            )
        )
        rates = (
            self.env["media.crew.rate"]
            .sudo()
            .search_fetch(
                [("crew_member_id", "in", bookings.crew_member_id.ids)],
                ["crew_member_id", "role_id", "rate_type", "amount", "currency_id"],
            )
        )
        rate_of = {(rate.crew_member_id.id, rate.role_id.id): rate for rate in rates}
        bookings.crew_member_id.fetch(["name"])
        bookings.equipment_id.fetch(["coordination_day_rate", "name"])
        days.company_id.fetch(["currency_id"])
        days.location_id.fetch(["coordination_day_fee", "company_id", "name"])

        def convert(amount, currency, company, date):
            if not currency or currency == company.currency_id:
                return amount
            return currency._convert(amount, company.currency_id, company, date or today)

        def entry(day, category, source, name, amount, state=None):
            entries.append(
                {
                    "project_id": day.project_id.id,
                    "category": category,
                    "day_id": day.id,
                    "date": day.date,
                    "source": source,
                    "name": name,
                    "state": state or ("actual" if day.date_wrap <= now else "committed"),
                    "amount": amount,
                }
            )

        for booking in bookings:
            day = booking.day_id
            company = day.company_id
            if booking.resource_type == "crew":
                member = booking.crew_member_id
                rate = rate_of.get((member.id, booking.role_id.id)) or rate_of.get(
                    (member.id, False)
                )
                if not rate:
                    continue
                quantity = 1.0
                if rate.rate_type == "hour":
                    quantity = (booking.date_wrap - booking.date_call).total_seconds() / 3600
                amount = convert(rate.amount * quantity, rate.currency_id, company, day.date)
                entry(day, "crew", "crew", member.name, amount)
            elif booking.equipment_id.coordination_day_rate:
                entry(
                    day,
                    "equipment",
                    "equipment",
                    booking.equipment_id.name,
                    booking.equipment_id.coordination_day_rate,
                )
        for day in days.filtered(lambda day: day.location_id.coordination_day_fee):
            location = day.location_id
            amount = convert(
                location.coordination_day_fee,
                location.coordination_fee_currency_id,
                day.company_id,
                day.date,
            )
            entry(day, "location", "location", location.name, amount)

        lines = (
            self.env["purchase.order.line"]
            .sudo()
            .search_fetch(
                [
                    ("coordination_project_id", "in", projects.ids),
                    ("state", "in", PURCHASE_CONFIRMED + PURCHASE_REQUESTED),
                    ("display_type", "=", False),
                ],
                [
                    "coordination_project_id",
                    "coordination_share",
                    "coordination_budget_category",
                    "order_id",
                    "name",
                    "price_subtotal",
                    "currency_id",
                    "company_id",
                    "state",
                    "date_planned",
                    "coordination_day_id",
                ],
            )
        )
        lines.order_id.fetch(["name", "date_order"])
        lines.coordination_day_id.fetch(["date"])
        billed = defaultdict(float)
        for bill_line in (
            self.env["account.move.line"]
            .sudo()
            .search_fetch(
                [("purchase_line_id", "in", lines.ids), ("parent_state", "=", "posted")],
                ["purchase_line_id", "balance"],
            )
        ):
            billed[bill_line.purchase_line_id.id] += bill_line.balance
        for line in lines:
            share = line.coordination_share / 100
            company = line.company_id
            ordered = share * convert(
                line.price_subtotal, line.currency_id, company, line.order_id.date_order.date()
            )
            base = {
                "project_id": line.coordination_project_id.id,
                "category": line.coordination_budget_category or "other",
                "day_id": line.coordination_day_id.id,
                "date": line.coordination_day_id.date or line.date_planned.date(),
                "source": "purchase",
                "name": f"{line.order_id.name}: {line.name}",
            }
            if line.state in PURCHASE_REQUESTED:
                entries.append(dict(base, state="pending", amount=ordered))
                continue
            actual = share * billed.get(line.id, 0.0)
            if actual:
                entries.append(dict(base, state="actual", amount=actual))
            if ordered - actual > 0:
                entries.append(dict(base, state="committed", amount=ordered - actual))
        return entries

    def _coordination_cost_figures(self, extra_entries=()):
        """{project id: {category: {"actual", "committed", "pending": amount}}} of `self`,
        with `extra_entries` (same shape as `_coordination_cost_entries`) added."""
        figures = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
        for item in [*self._coordination_cost_entries(), *extra_entries]:
            figures[item["project_id"]][item["category"]][item["state"]] += item["amount"]
        return figures

    def _coordination_budgets(self):
        """{project id: {category: budget}} of the productions of `self` that have a budget."""
        budgets = defaultdict(dict)
        for line in (
            self.env["media.budget.line"]
            .sudo()
            .search_fetch([("project_id", "in", self.ids)], ["project_id", "category", "amount"])
        ):
            budgets[line.project_id.id][line.category] = line.amount
        return budgets

    def _coordination_budget_overruns(self, extra_entries=()):
        """The categories over budget (actual + committed > budget) of the productions of
        `self` that have a budget, with `extra_entries` counted: a list of dicts
        {project, category, budget, spent}."""
        budgets = self._coordination_budgets()
        figures = self._coordination_cost_figures(extra_entries)
        overruns = []
        for project in self.sudo():
            if project.id not in budgets:
                continue
            currency = project.company_id.currency_id
            for category, __ in BUDGET_CATEGORIES:
                costs = figures[project.id][category]
                spent = costs["actual"] + costs["committed"]
                budget = budgets[project.id].get(category, 0.0)
                if currency.compare_amounts(spent, budget) > 0:
                    overruns.append(
                        {"project": project, "category": category, "budget": budget, "spent": spent}
                    )
        return overruns

    def _compute_coordination_costs(self):
        budgets = self._coordination_budgets()
        figures = self._coordination_cost_figures()
        for project in self:
            costs = figures[project.id].values()
            project.coordination_budget_total = sum(budgets.get(project.id, {}).values())
            project.coordination_cost_actual = sum(item["actual"] for item in costs)
            project.coordination_cost_committed = sum(item["committed"] for item in costs)
            project.coordination_cost_forecast = (
                project.coordination_cost_actual
                + project.coordination_cost_committed
                + sum(item["pending"] for item in costs)
            )
            spent = project.coordination_cost_actual + project.coordination_cost_committed
            project.coordination_budget_burn = (
                spent / project.coordination_budget_total * 100
                if project.coordination_budget_total
                else 0.0
            )

    def _compute_coordination_over_budget_summary(self):
        """The categories over budget (a separate compute: reading the burn, as the dashboard
        does, does not word them)."""
        budgets = self._coordination_budgets()
        figures = self._coordination_cost_figures()
        for project in self:
            currency = project.company_id.currency_id or self.env.company.currency_id
            over = []
            for category, label in BUDGET_CATEGORIES:
                if project.id not in budgets:
                    break
                costs = figures[project.id][category]
                spent = costs["actual"] + costs["committed"]
                budget = budgets[project.id].get(category, 0.0)
                if currency.compare_amounts(spent, budget) > 0:
                    over.append(
                        self.env._(
                            "%(category)s (%(spent)s for %(budget)s)",
                            category=label,
                            spent=format_amount(self.env, spent, currency),
                            budget=format_amount(self.env, budget, currency),
                        )
                    )
            project.coordination_over_budget_summary = ", ".join(over) or False

    @api.depends(
        "coordination_budget_line_ids.amount",
        "coordination_budget_line_ids.category",
        "coordination_day_ids.state",
        "coordination_day_ids.location_id.coordination_day_fee",
        "coordination_day_ids.booking_ids.crew_member_id.rate_ids.amount",
        "coordination_day_ids.booking_ids.crew_member_id.rate_ids.rate_type",
        "coordination_day_ids.booking_ids.crew_member_id.rate_ids.role_id",
        "coordination_day_ids.booking_ids.equipment_id.coordination_day_rate",
        "coordination_day_ids.booking_ids.role_id",
        "coordination_day_ids.booking_ids.date_call",
        "coordination_day_ids.booking_ids.date_wrap",
        "coordination_purchase_line_ids.state",
        "coordination_purchase_line_ids.price_subtotal",
        "coordination_purchase_line_ids.coordination_share",
        "coordination_purchase_line_ids.coordination_budget_category",
        "coordination_purchase_line_ids.invoice_lines.balance",
        "coordination_purchase_line_ids.invoice_lines.parent_state",
    )
    def _compute_coordination_over_budget(self):
        over = {item["project"].id for item in self._coordination_budget_overruns()}
        for project in self:
            project.coordination_over_budget = project.id in over

    def _compute_coordination_rental_count(self):
        counts = dict(
            self.env["media.rental"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        purchases = dict(
            self.env["purchase.order.line"]._read_group(
                [("coordination_project_id", "in", self.ids)],
                ["coordination_project_id"],
                ["order_id:count_distinct"],
            )
        )
        for project in self:
            project.coordination_rental_count = counts.get(project, 0)
            project.coordination_purchase_count = purchases.get(project, 0)

    # -- Analytic account ----------------------------------------------------------------------

    def _coordination_analytic_account(self):
        """The production's analytic account, created when it has none: its purchases are
        charged to it (the analytic distribution of their lines)."""
        ensure_one_record(self)
        if not self.account_id:
            # sudo: creating the production's own analytic account takes accounting rights
            # media coordinators do not have; the account is the production's, named after it.
            self.sudo()._create_analytic_account()
        return self.account_id

    # -- Actions -------------------------------------------------------------------------------

    def action_coordination_open_purchases(self):
        """The purchase orders charged to this production (its analytic account) or made for
        it (rentals)."""
        ensure_one_record(self)
        check_action_access(self, "read", _("open the purchases of this production"))
        action = {
            "type": "ir.actions.act_window",
            "name": _("Purchases of %s", self.name),
            "res_model": "purchase.order",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref("production_coordination_media.purchase_order_view_list_media").id,
                    "list",
                ),
                (
                    self.env.ref("production_coordination_media.purchase_order_view_form_media").id,
                    "form",
                ),
            ],
        }
        action["domain"] = [
            "|",
            ("order_line.coordination_project_id", "=", self.id),
            ("coordination_project_id", "=", self.id),
        ]
        action["context"] = {"default_coordination_project_id": self.id}
        return action

    def action_coordination_open_rentals(self):
        return self._coordination_open_action("production_coordination_media.media_rental_action")

    def action_coordination_request_rental(self):
        """A new rental of this production, in a dialog: saving it adds it to an RFQ."""
        ensure_one_record(self)
        check_action_access(self, "write", _("request a rental for this production"))
        self._coordination_check_open()
        return self.env["media.rental"]._action_request_form(project=self)

    def action_coordination_cost_report(self):
        """The cost report of this production (XLSX): the report `action_report_cost_xlsx`
        (report_xlsx), as its Print menu does."""
        ensure_one_record(self)
        check_action_access(self, "read", _("download the cost report of this production"))
        self._coordination_check_cost_report()
        return self.env.ref("production_coordination_media.action_report_cost_xlsx").report_action(
            self, config=False
        )
