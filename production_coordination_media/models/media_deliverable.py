# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MediaDeliverable(models.Model):
    _name = "media.deliverable"
    _description = "Production Deliverable"
    _order = "date_due, sequence, id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain=[("is_media_production", "=", True)],
    )
    # Media productions always have a company (see project.project): so do their deliverables.
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10, aggregator=None)
    name = fields.Char(required=True)
    spec = fields.Char("Format / Spec", help="e.g. ProRes 422 HQ, 1920×1080, 25p, stereo")
    date_due = fields.Date("Due")
    state = fields.Selection(
        [
            ("todo", "To do"),
            ("in_progress", "In progress"),
            ("review", "In review"),
            ("delivered", "Delivered"),
        ],
        default="todo",
        required=True,
    )
    note = fields.Char()
