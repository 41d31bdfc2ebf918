# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""What decides the dashboard's figures a user sees: the key `coordination.dashboard.cache`
keeps them under (the scope, the user's groups and their record rules as they apply)."""

from odoo import api, fields, models
from odoo.osv import expression

TRUE = "TRUE"
# The models each part of the figures is read from, with the user's rights (the cache key
# holds their record rules as they apply to the user).
FIGURE_MODELS = {
    "production": (
        "mrp.production",
        "coordination.handoff",
        "coordination.checkin",
        "coordination.change.notice",
        "coordination.department",
        "coordination.workcenter.load",
        "coordination.reservation.suggestion",
        "product.product",
        "res.users",
        "res.partner",
        "stock.warehouse",
        "stock.picking.type",
        "sale.order",
    ),
    "materials": (
        "project.task",
        "purchase.order",
        "purchase.order.line",
        "product.product",
        "res.partner",
        "stock.warehouse",
        "stock.picking.type",
        "uom.uom",
    ),
}


def fold_true(domain):
    """A domain as a nested tuple (a stable cache key) with its always-true leaves folded:
    ``(1, '=', 1)`` makes the OR it is part of true and drops out of an AND. Nothing else is
    simplified: two domains that read the same this way select the same records."""
    domain = expression.normalize_domain(domain)

    def parse(index):
        token = domain[index]
        if token == expression.NOT_OPERATOR:
            node, index = parse(index + 1)
            return ("!", node), index
        if token in (expression.AND_OPERATOR, expression.OR_OPERATOR):
            left, index = parse(index + 1)
            right, index = parse(index)
            if token == expression.OR_OPERATOR and TRUE in (left, right):
                return TRUE, index
            if token == expression.AND_OPERATOR and TRUE in (left, right):
                return (right if left == TRUE else left), index
            return (token, left, right), index
        leaf = tuple(token)
        if leaf == expression.TRUE_LEAF:
            return TRUE, index + 1
        return repr(leaf), index + 1

    node, end = parse(0)
    assert end == len(domain), domain
    return node


# The windows the tiles and rows open: model, views (xml id or False for the default view,
# mode) and search view. Built as plain window actions from cached xml ids: reading the
# stored actions would cost five queries each.


class CoordinationDashboard(models.AbstractModel):
    _inherit = "coordination.dashboard"

    @api.model
    def _figures_key(self, scope, part):
        """What decides the figures of a part of the dashboard a user sees for a scope: the
        scope itself, the user's groups, the record rules of the models that part reads as
        they apply to the user (evaluated, so a rule naming the user or their departments
        makes the key theirs; always-true alternatives folded, so a coordinator's rules,
        which include the staff's, are the same for every coordinator), the language and the
        day. Two users with the same key see the same records."""
        user = self.env.user
        Rule = self.env["ir.rule"]
        return (
            part,
            tuple(scope["companies"].ids),
            scope["warehouse"].id,
            tuple(scope["departments"].ids),
            scope["all_departments"],
            tuple(sorted(user._get_group_ids())),
            self.env.su,
            tuple(
                (model, fold_true(Rule._compute_domain(model, "read")))
                for model in FIGURE_MODELS[part]
            ),
            self.env.lang,
            fields.Date.to_string(fields.Date.context_today(self)),
        )
