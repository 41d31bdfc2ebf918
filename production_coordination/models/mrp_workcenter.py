# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models

from .coordination_const import SUPERVISOR_GROUP
from .coordination_protected_mixin import check_action_access, check_action_group


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
        action = _("replan work orders by priority")
        check_action_group(self.env, [SUPERVISOR_GROUP], action, _("supervisors and coordinators"))
        check_action_access(self, "read", action)
        return self.env["coordination.replan.wizard"]._action_open(self)
