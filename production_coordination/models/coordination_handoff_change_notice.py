# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CoordinationHandoff(models.Model):
    """The "method changed" mark on a leg of the MO's route: its department has not
    acknowledged a change notice of the order."""

    _inherit = "coordination.handoff"  # pylint: disable=consider-merging-classes-inherited

    is_method_changed = fields.Boolean(
        "Method Changed",
        compute="_compute_is_method_changed",
        help="A change notice of this order waits for this department's acknowledgement.",
    )

    def _compute_is_method_changed(self):
        pairs = set()
        ids = [leg_id for leg_id in self.ids if leg_id]
        if ids:
            # sudo: only whether a notice is pending is shown; the notice keeps its own rules.
            lines = (
                self.env["coordination.change.notice.department"]
                .sudo()
                .search(
                    [
                        ("state", "=", "pending"),
                        ("notice_id.state", "=", "open"),
                        ("department_id", "in", self.department_id.ids),
                        (
                            "notice_id.production_line_ids.production_id",
                            "in",
                            self.production_id.ids,
                        ),
                    ]
                )
            )
            for line in lines:
                for production in line.notice_id.production_line_ids.production_id:
                    pairs.add((line.department_id.id, production.id))
        for leg in self:
            leg.is_method_changed = (
                leg.state not in ("done", "cancel")
                and (leg.department_id.id, leg.production_id.id) in pairs
            )
