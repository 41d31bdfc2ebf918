# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProjectProject(models.Model):
    _inherit = "project.project"

    coordination_review_rounds_included = fields.Integer(
        "Review Rounds Included",
        default=2,
        help="Client review rounds per deliverable included in the contract; further rounds "
        "are billable.",
    )

    @api.constrains("coordination_review_rounds_included")
    def _check_coordination_review_rounds_included(self):
        for project in self:
            if project.coordination_review_rounds_included < 0:
                raise ValidationError(
                    _(
                        "Review rounds included cannot be negative (%(production)s: %(rounds)s).",
                        production=project.name,
                        rounds=project.coordination_review_rounds_included,
                    )
                )
