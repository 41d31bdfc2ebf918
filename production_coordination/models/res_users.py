# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    coordination_dashboard_filters = fields.Json(
        "Dashboard Filters",
        copy=False,
        help="The companies, warehouse and departments last chosen on the coordination dashboard.",
    )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # Users keep their own dashboard filters without write access to users.
        return super().SELF_WRITEABLE_FIELDS + ["coordination_dashboard_filters"]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["coordination_dashboard_filters"]

    @api.constrains("coordination_dashboard_filters")
    def _check_coordination_dashboard_filters(self):
        """The form of the saved filters (their records are checked when the dashboard loads:
        a department may be archived after it was saved)."""
        Dashboard = self.env["coordination.dashboard"]
        for user in self:
            try:
                Dashboard._clean_filters(user.coordination_dashboard_filters)
            except UserError as error:
                raise ValidationError(error.args[0]) from error
