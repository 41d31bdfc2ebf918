# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    coordination_department_ids = fields.Many2many(
        "coordination.department",
        "coordination_department_workcenter_rel",
        "workcenter_id",
        "department_id",
        string="Departments",
        help="The department that runs this work center (one per company).",
    )

    def action_coordination_replan(self):
        """Open the replan by priority of these work centers, with its preview."""
        return self.env["coordination.replan.wizard"]._action_open(self)
