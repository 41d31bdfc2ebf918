# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CoordinationDepartment(models.Model):
    _inherit = "coordination.department"

    coordination_is_quality = fields.Boolean(
        "Quality Department",
        tracking=True,
        help="Its supervisor verifies the special customer requests the departments fulfilled "
        "(as coordinators do).",
    )
