# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models

MO_READERS = (
    "mrp.group_mrp_user,stock.group_stock_user,production_coordination.group_coordination_user"
)


class CoordinationShortageLine(models.Model):
    """One manufacturing order a low-stock task blocks, as the scan last saw it.

    The MO's name, rank and committed date are copied here so that purchasing staff, who cannot
    read manufacturing orders, see them on the task; the link itself is for those who can.
    """

    _name = "coordination.shortage.line"
    _description = "Manufacturing Order Blocked by a Shortage"
    _inherit = ["coordination.protected.mixin"]
    _order = "date_need, production_rank, id"
    _check_company_auto = True

    task_id = fields.Many2one(
        "project.task", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    production_id = fields.Many2one(
        "mrp.production",
        "Manufacturing Order",
        ondelete="cascade",
        groups=MO_READERS,
        check_company=True,
    )
    production_name = fields.Char("Order", required=True)
    production_rank = fields.Integer(
        "Rank", aggregator=None, help="The order's priority rank (1 = do first)."
    )
    date_committed = fields.Datetime("Committed Date")
    date_need = fields.Datetime("Needed On")
    product_uom_id = fields.Many2one(related="task_id.coordination_uom_id", string="Unit")
    qty_required = fields.Float("Required", digits="Product Unit of Measure")
    qty_available = fields.Float(
        "Available Then",
        digits="Product Unit of Measure",
        help="Stock on hand plus the receipts expected by the need date, minus the demand needed "
        "earlier (reserved or not; components picked for started work first).",
    )
    qty_missing = fields.Float("Missing", digits="Product Unit of Measure")

    def _coordination_protected_fields(self):
        """The lines are what the shortage scan last saw (see coordination.protected.mixin)."""
        return self._coordination_all_fields(_("the shortage scan"))
