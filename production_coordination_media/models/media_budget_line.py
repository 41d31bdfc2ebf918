# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .const import BUDGET_CATEGORIES


class MediaBudgetLine(models.Model):
    """A production's budget for one category, in the company currency, beside what the
    category costs so far (see `project.project._coordination_cost_entries`):

    - `amount_actual`: what is spent: posted vendor bills of the production's purchase lines,
      and crew, owned equipment and location fees of the days that have wrapped;
    - `amount_committed`: what is promised and not spent yet: the confirmed purchase lines
      not billed yet, and crew, owned equipment and location fees of the days to come;
    - `amount_forecast`: the estimated final cost: actual + committed + the lines of requests
      for quotation not confirmed yet (rentals asked for);
    - `amount_remaining`: budget - forecast (negative: the category is forecast over budget).

    Only media coordinators see budget lines (crew users have no access to the model)."""

    _name = "media.budget.line"
    _description = "Production Budget Line"
    _order = "project_id, sequence, id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain=[("is_media_production", "=", True)],
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer(default=10)
    category = fields.Selection(BUDGET_CATEGORIES, required=True)
    name = fields.Char("Description")
    amount = fields.Monetary("Budget", required=True)
    amount_committed = fields.Monetary("Committed", compute="_compute_amounts")
    amount_actual = fields.Monetary("Actual", compute="_compute_amounts")
    amount_forecast = fields.Monetary("Forecast", compute="_compute_amounts")
    amount_remaining = fields.Monetary("Remaining", compute="_compute_amounts")
    is_over_budget = fields.Boolean("Over Budget", compute="_compute_amounts")

    _sql_constraints = [
        (
            "project_category_uniq",
            "unique(project_id, category)",
            "A production has one budget line per category.",
        ),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    self.env._(
                        "%(production)s: the Budget of %(category)s cannot be negative "
                        "(%(amount)s).",
                        production=line.project_id.display_name,
                        category=dict(self._fields["category"]._description_selection(self.env))[
                            line.category
                        ],
                        amount=line.amount,
                    )
                )

    @api.depends("amount", "category", "project_id")
    def _compute_amounts(self):
        figures = self.project_id._coordination_cost_figures()
        for line in self:
            costs = figures.get(line.project_id.id, {}).get(line.category, {})
            line.amount_actual = costs.get("actual", 0.0)
            line.amount_committed = costs.get("committed", 0.0)
            line.amount_forecast = (
                line.amount_actual + line.amount_committed + costs.get("pending", 0.0)
            )
            line.amount_remaining = line.amount - line.amount_forecast
            line.is_over_budget = (
                line.currency_id.compare_amounts(
                    line.amount_actual + line.amount_committed, line.amount
                )
                > 0
            )
