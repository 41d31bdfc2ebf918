# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""The dashboard's materials part: low-stock tasks, late vendor deliveries, the shortages."""

from odoo import _, api, models


class CoordinationDashboard(models.AbstractModel):
    _inherit = "coordination.dashboard"

    @api.model
    def _materials_tiles(self, scope):
        low_stock = self._low_stock_domain(scope)
        tasks = self._counts(
            "project.task",
            low_stock,
            {"all": [], "critical": [("coordination_severity", "=", "critical")]},
        )
        tile = self._tile(
            "low_stock",
            _("Low-stock tasks"),
            "low_stock",
            low_stock,
            "warning",
            "fa-cubes",
            _("Components open orders will lack, one task per product and warehouse."),
            count=tasks["all"],
        )
        critical = tasks["critical"]
        if critical:
            tile.update(
                tone="danger",
                detail=_("%(count)s critical", count=critical),
                critical=critical,
            )
        return [
            tile,
            self._tile(
                "late_deliveries",
                _("Late vendor deliveries"),
                "deliveries",
                self._late_delivery_domain(scope),
                "danger",
                "fa-truck",
                _("Purchase lines for open orders: expected date passed, not fully received."),
            ),
        ]

    @api.model
    def _shortage_rows(self, scope, limit=None):
        """Open low-stock tasks, most severe and soonest needed first (one query + names)."""
        Task = self.env["project.task"]
        severities = dict(Task._fields["coordination_severity"].selection)
        tasks = Task.search_read(
            self._low_stock_domain(scope),
            [
                "name",
                "coordination_product_id",
                "coordination_warehouse_id",
                "coordination_shortage_qty",
                "coordination_uom_id",
                "coordination_date_need",
                "coordination_severity",
                "coordination_production_count",
                "coordination_vendor_id",
                "coordination_lead_days",
                "coordination_purchase_id",
                "user_ids",
            ],
            # critical < high < normal: alphabetical order is severity order
            order="coordination_severity, coordination_date_need, id",
            limit=limit,
        )
        for task in tasks:
            task["severity_label"] = severities.get(task["coordination_severity"], "")
        return tasks
