# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MediaDepartment(models.Model):
    """A department of a film or media crew (Camera, Sound, Lighting & Grip…).

    Separate from the manufacturing `coordination.department`: those carry work centers,
    handoffs, queues and check-ins that have no meaning on a film set."""

    _name = "media.department"
    _description = "Media Department"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, aggregator=None)
    color = fields.Integer(aggregator=None)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the department between companies."
    )
    role_ids = fields.One2many("media.role", "department_id", string="Roles")
    crew_member_ids = fields.One2many("media.crew.member", "department_id", string="Crew")
