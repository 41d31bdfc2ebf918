# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    is_media_production = fields.Boolean(
        string="Media Production",
        index=True,
        help="This project is a media or film production: it appears under "
        "Coordination > Media Productions.",
    )
