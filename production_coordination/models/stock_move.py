# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_assign(self, force_qty=False):
        res = super()._action_assign(force_qty=force_qty)
        self._coordination_reservation_changed()
        return res

    def _do_unreserve(self):
        res = super()._do_unreserve()
        self._coordination_reservation_changed()
        return res

    def _coordination_reservation_changed(self):
        """Component reservations moved: refresh the MOs' readiness and reservations to move
        once before the commit."""
        productions = self.raw_material_production_id.filtered(
            lambda production: production.state in ("confirmed", "progress", "to_close")
        )
        if productions:
            productions._coordination_refresh_priority_later()

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
