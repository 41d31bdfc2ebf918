# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .const import BUDGET_CATEGORIES

COORDINATOR = "production_coordination_media.group_media_coordinator"


class PurchaseOrderLine(models.Model):
    """A purchase line is charged to a media production through Odoo's analytic distribution:
    its share of the production's analytic account (`project.project.account_id`) counts in
    the production's budget category `coordination_budget_category` (by default the product
    category's, see `product.category.coordination_budget_category`; the line can change it,
    e.g. a van hired for travel rather than for equipment)."""

    _inherit = "purchase.order.line"

    coordination_project_id = fields.Many2one(
        "project.project",
        string="Production",
        compute="_compute_coordination_project_id",
        store=True,
        index="btree_not_null",
        help="The media production whose analytic account this line's analytic distribution "
        "charges (the first one when it charges several).",
    )
    coordination_share = fields.Float(
        "Production Share (%)",
        compute="_compute_coordination_project_id",
        store=True,
        help="The percentage of this line charged to the production's analytic account.",
    )
    coordination_budget_category = fields.Selection(
        BUDGET_CATEGORIES,
        string="Budget Category",
        compute="_compute_coordination_budget_category",
        store=True,
        readonly=False,
        precompute=True,
    )
    coordination_rental_ids = fields.One2many(
        "media.rental", "purchase_line_id", string="Rentals", groups=COORDINATOR
    )
    coordination_day_id = fields.Many2one(
        "media.production.day",
        string="Production Day",
        index="btree_not_null",
        help="The first production day of the rental this line hires.",
    )
    coordination_date_pickup = fields.Date("Pickup")
    coordination_date_return = fields.Date("Return")

    @api.constrains("coordination_date_pickup", "coordination_date_return")
    def _check_coordination_dates(self):
        for line in self:
            if (
                line.coordination_date_pickup
                and line.coordination_date_return
                and line.coordination_date_return < line.coordination_date_pickup
            ):
                raise ValidationError(
                    self.env._("%s: the Return date cannot come before the Pickup date.", line.name)
                )

    @api.depends("analytic_distribution")
    def _compute_coordination_project_id(self):
        shares = {}
        account_ids = set()
        for line in self:
            line_shares = shares[line] = {}
            for key, percent in (line.analytic_distribution or {}).items():
                for account_id in str(key).split(","):
                    if account_id.strip().isdigit():
                        account_id = int(account_id)
                        line_shares[account_id] = line_shares.get(account_id, 0.0) + percent
                        account_ids.add(account_id)
        # sudo: a purchase user charges lines to analytic accounts without reading the
        # productions behind them; only their ids map the shares.
        projects = (
            self.env["project.project"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("account_id", "in", list(account_ids)), ("is_media_production", "=", True)],
                ["account_id"],
                order="id",
            )
            if account_ids
            else self.env["project.project"]
        )
        project_of = {}
        for project in projects:
            project_of.setdefault(project.account_id.id, project)
        for line in self:
            found = next(
                (
                    (project_of[account_id], percent)
                    for account_id, percent in shares[line].items()
                    if account_id in project_of
                ),
                None,
            )
            line.coordination_project_id = found and found[0]
            line.coordination_share = found[1] if found else 0.0

    @api.depends("product_id")
    def _compute_coordination_budget_category(self):
        for line in self:
            if line.product_id:
                line.coordination_budget_category = (
                    line.product_id.categ_id._coordination_budget_category()
                )
            elif not line.coordination_budget_category:
                line.coordination_budget_category = "other"
