# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MediaRole(models.Model):
    _name = "media.role"
    _description = "Crew Role"
    _order = "department_sequence, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, aggregator=None)
    active = fields.Boolean(default=True)
    department_id = fields.Many2one(
        "media.department", required=True, ondelete="restrict", check_company=True
    )
    department_sequence = fields.Integer(
        "Department Sequence", related="department_id.sequence", store=True, aggregator=None
    )
    company_id = fields.Many2one(related="department_id.company_id", store=True)
    is_key_contact = fields.Boolean(
        string="Key Contact",
        help="People booked in this role are listed among the key contacts of the call sheet.",
    )
