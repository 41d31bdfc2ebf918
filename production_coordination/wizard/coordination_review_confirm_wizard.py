# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.coordination_protected_mixin import check_action_access
from ..models.coordination_utils import ensure_one_record


class CoordinationReviewConfirmWizard(models.TransientModel):
    """Confirming an order whose commitment date comes before the earliest completion the
    production review found: confirm anyway (with a reason, recorded) or move the date."""

    _name = "coordination.review.confirm.wizard"
    _description = "Confirm Despite the Production Review"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", readonly=True)
    review_state = fields.Selection(
        related="order_id.coordination_review_state", string="Production Review"
    )
    date_commitment = fields.Datetime(
        "Promised", compute="_compute_date_commitment", help="The commitment (or expected) date."
    )
    date_feasible = fields.Datetime(related="order_id.coordination_date_feasible")
    constraint = fields.Char(related="order_id.coordination_review_constraint")
    review_notes = fields.Text(related="order_id.coordination_review_notes")
    reason = fields.Text(help="Why the order is confirmed for a date the review says is not met.")

    def _compute_date_commitment(self):
        for wizard in self:
            order = wizard.order_id
            wizard.date_commitment = order.commitment_date or order.expected_date

    def _check(self):
        ensure_one_record(self)
        check_action_access(self.order_id, "write", _("confirm this order"))
        if self.order_id.state not in ("draft", "sent"):
            raise UserError(_("%s is not a quotation any more.", self.order_id.name))

    def action_confirm_anyway(self):
        self._check()
        self.order_id._coordination_confirm_despite_review(self.reason)
        return {"type": "ir.actions.act_window_close"}

    def action_change_date(self):
        self._check()
        self.order_id._coordination_move_date_to_feasible()
        return {"type": "ir.actions.act_window_close"}
