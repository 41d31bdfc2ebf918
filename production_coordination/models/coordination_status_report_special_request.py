# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .coordination_special_request import UNFULFILLED_STATES


class CoordinationStatusReport(models.AbstractModel):
    _inherit = "coordination.status.report"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _order_rows(self, productions):
        """Each order's special requests not fulfilled yet, as text ("Packaging: Wooden crate
        (Finishing)"): one query for the batch. Read as superuser, as the blockers: they are
        part of the order's status, whichever department the reader belongs to."""
        rows = super()._order_rows(productions)
        texts = {}
        requests = (
            self.env["coordination.special.request"]
            .sudo()
            .search(
                [("production_id", "in", productions.ids), ("state", "in", UNFULFILLED_STATES)],
                order="production_id, id",
            )
        )
        for request in requests:
            pending = ", ".join(sorted(request.pending_department_ids.mapped("name")))
            texts.setdefault(request.production_id.id, []).append(
                f"{request.summary} ({pending})" if pending else request.summary
            )
        for row in rows:
            row["special_requests"] = "; ".join(texts.get(row["id"], []))
        return rows
