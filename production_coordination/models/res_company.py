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
    # Weights of the priority score (see README, "Priority").
    coordination_weight_urgency = fields.Float("Due-date Urgency Weight", default=50.0)
    coordination_weight_components = fields.Float("Component Readiness Weight", default=15.0)
    coordination_weight_expedite = fields.Float("Expedite Weight", default=100.0)
    coordination_weight_star = fields.Float("Urgent Star Weight", default=20.0)
    coordination_weight_customer = fields.Float("Customer Request Weight", default=15.0)
    coordination_weight_age = fields.Float("Age Weight", default=5.0)

    # Redundancies -----------------------------------------------------------------------------
    coordination_redundancy_days = fields.Integer(
        string="Redundancy Window (days)",
        default=7,
        help="Manufacturing orders, and planned operations, whose start dates are at most this "
        "many days apart are compared when looking for redundant processes.",
    )
