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
    # Weekly status digest.
    coordination_digest_weekday = fields.Selection(
        [
            ("0", "Monday"),
            ("1", "Tuesday"),
            ("2", "Wednesday"),
            ("3", "Thursday"),
            ("4", "Friday"),
            ("5", "Saturday"),
            ("6", "Sunday"),
        ],
        "Digest Day",
        default="0",
    )
    coordination_digest_user_ids = fields.Many2many(
        "res.users",
        "res_company_coordination_digest_user_rel",
        "company_id",
        "user_id",
        string="Digest Users",
    )
    coordination_digest_partner_ids = fields.Many2many(
        "res.partner",
        "res_company_coordination_digest_partner_rel",
        "company_id",
        "partner_id",
        string="Digest Contacts",
    )
    coordination_digest_supervisors = fields.Boolean(
        "Digest to Supervisors",
        default=True,
        help="Also send the digest to every department supervisor of the company.",
    )
    coordination_digest_last_week = fields.Date(
        "Digest Last Sent (week)",
        readonly=True,
        copy=False,
        help="Monday of the week the last digest was sent for: one digest per week.",
    )
