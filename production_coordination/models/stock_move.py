# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        # Received purchases change the delivery risk and may solve shortages: rescan their
        # products before the commit.
        by_company = defaultdict(set)
        for move in moves.filtered("purchase_line_id"):
            by_company[move.company_id.id].add(move.product_id.id)
        if by_company:
            self.env["coordination.material.scan"]._refresh_later(by_company)
        return moves
