# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coordination_user_id = fields.Many2one(
        "res.users",
        string="Production Coordinator",
        help="Receives the alerts of manufacturing orders whose responsible is not a "
        "coordinator (overdue handoffs, blocks).",
    )

    # Redundancies -----------------------------------------------------------------------------
    coordination_redundancy_days = fields.Integer(
        string="Redundancy Window (days)",
        default=7,
        help="Manufacturing orders, and planned operations, whose start dates are at most this "
        "many days apart are compared when looking for redundant processes.",
    )
