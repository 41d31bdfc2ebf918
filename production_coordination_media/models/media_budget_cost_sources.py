# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the budget needs on the models that cost something: crew rates on crew members, a fee
per day on locations, a budget category on product categories."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .const import BUDGET_CATEGORIES

COORDINATOR = "production_coordination_media.group_media_coordinator"


class MediaCrewMember(models.Model):
    _inherit = "media.crew.member"  # pylint: disable=consider-merging-classes-inherited

    rate_ids = fields.One2many(
        "media.crew.rate", "crew_member_id", string="Rates", groups=COORDINATOR
    )


class MediaLocation(models.Model):
    _inherit = "media.location"  # pylint: disable=consider-merging-classes-inherited

    coordination_fee_currency_id = fields.Many2one(
        "res.currency", compute="_compute_coordination_fee_currency_id"
    )
    coordination_day_fee = fields.Monetary(
        "Fee per Day",
        currency_field="coordination_fee_currency_id",
        groups=COORDINATOR,
        help="What the location costs a production for each of its days there (Locations "
        "budget category).",
    )

    @api.constrains("coordination_day_fee")
    def _check_coordination_day_fee(self):
        for location in self:
            if location.coordination_day_fee < 0:
                raise ValidationError(
                    self.env._(
                        "%(location)s: the Fee per Day cannot be negative (%(fee)s).",
                        location=location.name,
                        fee=location.coordination_day_fee,
                    )
                )

    def _compute_coordination_fee_currency_id(self):
        for location in self:
            location.coordination_fee_currency_id = (
                location.company_id.currency_id or self.env.company.currency_id
            )


class ProductCategory(models.Model):
    _inherit = "product.category"

    coordination_budget_category = fields.Selection(
        BUDGET_CATEGORIES,
        string="Production Budget Category",
        help="The budget category of a media production that purchases of this category's "
        "products are charged to (by default: the parent category's, else Other). A purchase "
        "line can change it.",
    )

    def _coordination_budget_category(self):
        """This category's budget category, else its nearest parent's, else 'other'."""
        self.ensure_one()
        category = self
        while category:
            if category.coordination_budget_category:
                return category.coordination_budget_category
            category = category.parent_id
        return "other"
