# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The explained priority of media productions (see media.priority and README, "Media
priority")."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .media_priority import PRIORITY_INPUT_FIELDS

CLIENT_TIERS = [
    ("key", "Key client"),
    ("major", "Major"),
    ("standard", "Standard"),
    ("minor", "Minor"),
]


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

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
        groups="production_coordination_media.group_media_coordinator",
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
    coordination_priority_facts = fields.Json(
        "Priority Facts",
        readonly=True,
        copy=False,
        help="What the score was made of when last refreshed (parts with their factors and "
        "weights, score, rank): the explanation is worded from it in the reader's language.",
    )
    coordination_priority_explanation = fields.Text(
        "Priority Explanation",
        compute="_compute_coordination_priority_explanation",
        help="The parts of the score, each with its weight.",
    )

    @api.constrains(
        "coordination_priority_pinned",
        "coordination_priority_pin_reason",
        "coordination_contract_value",
    )
    def _check_coordination_priority(self):
        for project in self:
            if (
                project.coordination_priority_pinned
                and not (project.coordination_priority_pin_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(production)s: say why it is pinned (%(field)s).",
                        production=project.display_name,
                        field=self._fields["coordination_priority_pin_reason"]._description_string(
                            self.env
                        ),
                    )
                )
            if project.sudo().coordination_contract_value < 0:
                raise ValidationError(
                    self.env._(
                        "%(production)s: the %(field)s cannot be negative.",
                        production=project.display_name,
                        field=self._fields["coordination_contract_value"]._description_string(
                            self.env
                        ),
                    )
                )

    @api.depends("coordination_priority_facts")
    @api.depends_context("lang")
    def _compute_coordination_priority_explanation(self):
        Priority = self.env["media.priority"]
        for project in self:
            project.coordination_priority_explanation = (
                Priority._explain(project.coordination_priority_facts) or False
            )

    @api.model_create_multi
    def create(self, vals_list):
        projects = super().create(vals_list)
        productions = projects.filtered("is_media_production")
        if productions:
            self.env["media.priority"]._refresh(productions.company_id)
        return projects

    def write(self, vals):
        if not PRIORITY_INPUT_FIELDS & vals.keys():
            return super().write(vals)
        companies = self.filtered("is_media_production").company_id
        res = super().write(vals)
        companies |= self.filtered("is_media_production").company_id
        self.env["media.priority"]._refresh(companies)
        return res

    def unlink(self):
        companies = self.filtered("is_media_production").company_id
        res = super().unlink()
        self.env["media.priority"]._refresh(companies)
        return res

    def action_coordination_open_priority(self):
        """The productions of the company, by priority rank."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.project_project_priority_action"
        )
