# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, api, models


class MediaDashboard(models.AbstractModel):
    """The "Equipment to repair" tile: open repairs of the bookable equipment (one query)."""

    _inherit = "media.dashboard"

    @api.model
    def _get_windows(self):
        return {
            **super()._get_windows(),
            "maintenance_request": (
                "maintenance.request",
                [("maintenance.hr_equipment_request_view_tree", "list"), (False, "form")],
                "maintenance.hr_equipment_request_view_search",
            ),
        }

    @api.model
    def _get_tile_specs(self, scope):
        specs = super()._get_tile_specs(scope)
        if scope["role"] == "crew":
            return specs
        return specs + self._equipment_tile_specs(scope)

    @api.model
    def _equipment_repair_domain(self, scope):
        """Open corrective requests of the bookable equipment of the scope's companies (with
        "my productions only": those opened on my productions)."""
        domain = [
            ("company_id", "in", scope["companies"].ids),
            ("maintenance_type", "=", "corrective"),
            ("archive", "=", False),
            ("stage_id.done", "=", False),
            ("equipment_id.coordination_is_bookable", "=", True),
        ]
        if scope["mine"]:
            domain.append(("coordination_project_id", "any", self._production_domain(scope)))
        return domain

    @api.model
    def _equipment_tile_specs(self, scope):
        return [
            {
                "key": "equipment_repair",
                "label": _("Equipment to repair"),
                "window": "maintenance_request",
                "domain": self._equipment_repair_domain(scope),
                "tone": "danger",
                "icon": "fa-wrench",
                "help": _(
                    "Open repair requests of the bookable equipment (faulty check-ins among "
                    "them): it is out of service until repaired."
                ),
                "sequence": 95,
            }
        ]
