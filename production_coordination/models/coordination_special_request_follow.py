# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A special request follows the work: from its sales line to the MOs made for the line."""

from odoo import fields, models


class CoordinationSpecialRequest(models.Model):
    _inherit = "coordination.special.request"

    def _prepare_copy_vals(self, production):
        self.ensure_one()
        return {
            "name": self.name,
            "description": self.description,
            "category": self.category,
            "partner_id": self.partner_id.id,
            "department_ids": [fields.Command.set(self.department_ids.ids)],
            "sale_line_id": self.sale_line_id.id,
            "sale_order_id": self.sale_order_id.id,
            "production_id": production.id,
            "company_id": production.company_id.id,
            "origin_request_id": (self.origin_request_id or self).id,
        }

    def _copy_to_productions(self, productions_of):
        """Copy requests to MOs: ``productions_of``: [(request, productions)]. A copy keeps the
        acknowledgements (the departments know the request), not the fulfilment (each order's
        goods are packed, labelled, inspected...)."""
        pairs = [
            (request, production)
            for request, productions in productions_of
            for production in productions
            if request.state != "cancel"
        ]
        if not pairs:
            return self.browse()
        # sudo: the MOs are made by the procurement (or a salesperson's confirmation), who may
        # not create requests on MOs themselves; the copies carry the original's values only.
        copies = (
            self.sudo()
            .with_context(coordination_request_no_follow=True, mail_create_nolog=True)
            .create([request._prepare_copy_vals(production) for request, production in pairs])
        )
        for (request, _production), copy in zip(pairs, copies, strict=True):
            acknowledged = {
                line.department_id: line
                for line in request.sudo().department_status_ids
                if line.state != "new"
            }
            for line in copy.department_status_ids:
                origin = acknowledged.get(line.department_id)
                if origin:
                    line.write(
                        {
                            "state": "acknowledged",
                            "acknowledged_by_id": origin.acknowledged_by_id.id,
                            "date_acknowledged": origin.date_acknowledged,
                        }
                    )
        copies._update_state()
        return copies

    def _follow_to_productions(self):
        """Requests entered on a sales line after its MOs were made: copied to its open MOs."""
        on_lines = self.filtered(lambda r: r.sale_line_id and not r.production_id)
        if not on_lines:
            return
        # sudo: a salesperson entering the request has no Manufacturing rights; the MOs are
        # only searched to receive the copies.
        candidates = (
            self.env["mrp.production"]
            .sudo()
            .search(
                [
                    ("state", "not in", ("done", "cancel")),
                    "|",
                    ("sale_line_id", "in", on_lines.sale_line_id.ids),
                    ("procurement_group_id.sale_id", "in", on_lines.sale_order_id.ids),
                ]
            )
        )
        lines = candidates._coordination_sale_lines()
        self._copy_to_productions(
            [
                (
                    request,
                    candidates.browse(
                        [p.id for p, line in lines.items() if line == request.sale_line_id]
                    ),
                )
                for request in on_lines
            ]
        )
