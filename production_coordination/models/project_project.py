# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, fields, models


class ProjectProject(models.Model):
    _name = "project.project"
    _inherit = ["project.project", "coordination.protected.mixin"]

    coordination_is_procurement = fields.Boolean(
        "Procurement Coordination",
        readonly=True,
        copy=False,
        help="The company's project of low-stock tasks, kept by the shortage scan.",
    )
    # Written in SQL by the shortage scan (coordination.material.scan._mark_changed): no
    # tracking, no write(), nothing computed from it.
    coordination_date_scan_change = fields.Datetime(
        "Last Change by the Shortage Scan", readonly=True, copy=False
    )

    def _coordination_protected_fields(self):
        """Which project is the procurement project is the shortage scan's (see
        coordination.protected.mixin)."""
        return dict(
            super()._coordination_protected_fields(),
            **dict.fromkeys(
                ["coordination_is_procurement", "coordination_date_scan_change"],
                _("the shortage scan"),
            ),
        )

    def _coordination_get_stages(self):
        """{"todo", "ordered", "done"}: the stages the scan and the buttons move tasks to (the
        first open stage, the second, the last folded one), created when missing."""
        self.ensure_one()
        stages = self.type_ids.sorted(lambda stage: (stage.sequence, stage.id))
        open_stages, folded = stages.filtered(lambda s: not s.fold), stages.filtered("fold")
        if not open_stages or not folded:
            # sudo: stages are the project's configuration; the scan or a buyer may need them.
            self.sudo().type_ids = [
                Command.create(vals)
                for vals in self._coordination_prepare_stage_vals()
                if (vals.get("fold") and not folded) or (not vals.get("fold") and not open_stages)
            ]
            return self._coordination_get_stages()
        return {
            "todo": open_stages[0],
            "ordered": open_stages[1] if len(open_stages) > 1 else open_stages[0],
            "done": folded[-1],
        }

    def _coordination_prepare_stage_vals(self):
        return [
            {"name": _("To Order"), "sequence": 1},
            {"name": _("Ordered"), "sequence": 2},
            {"name": _("Done"), "sequence": 3, "fold": True},
        ]
