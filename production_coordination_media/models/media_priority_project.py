# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The explained priority of media productions (see media.priority and README, "Media
priority")."""

from odoo import fields, models

CLIENT_TIERS = [
    ("key", "Key client"),
    ("major", "Major"),
    ("standard", "Standard"),
    ("minor", "Minor"),
]


class ProjectProject(models.Model):
    _inherit = "project.project"

    coordination_client_tier = fields.Selection(
        CLIENT_TIERS,
        string="Client Tier",
        default="standard",
        tracking=True,
        help="How important the client is: part of the production's priority.",
    )
    coordination_contract_value = fields.Monetary(
        "Contract Value",
        currency_field="currency_id",
        tracking=True,
        help="What the production is worth (company currency): part of its priority, "
        "relative to the largest of the company's open productions.",
    )
    coordination_priority_pinned = fields.Boolean(
        "Pinned",
        tracking=True,
        help="A media coordinator puts this production ahead (the pin weight is added to its "
        "score); say why in the reason.",
    )
    coordination_priority_pin_reason = fields.Char("Pin Reason", tracking=True)
    coordination_priority_score = fields.Float(
        "Priority Score",
        readonly=True,
        copy=False,
        help="Client tier + urgency (days to the next deliverable or production day) + phase "
        "+ contract value + pin, each a factor between 0 and 1 times its weight "
        "(Settings > Coordination > Media priority).",
    )
    coordination_priority_rank = fields.Integer(
        "Priority Rank",
        readonly=True,
        copy=False,
        index=True,
        help="1 = first among the company's open media productions (not archived, not "
        "wrapped); 0 for the others.",
    )
    coordination_priority_explanation = fields.Text(
        "Priority Explanation",
        readonly=True,
        copy=False,
        help="The parts of the score, each with its weight.",
    )
