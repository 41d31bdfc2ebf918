# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coordination_const import OPEN_MO_STATES
from .coordination_protected_mixin import check_action_group
from .coordination_special_request import UNFULFILLED_STATES
from .coordination_utils import ensure_one_record


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    coordination_special_request_ids = fields.One2many(
        "coordination.special.request",
        "production_id",
        string="Special Requests",
        help="What the customer asked for on this order: the departments concerned acknowledge "
        "and fulfil each before the order can be done.",
    )
    coordination_special_request_count = fields.Integer(
        "Open Special Requests", compute="_compute_coordination_special_request_count"
    )

    @api.depends("coordination_special_request_ids.state")
    def _compute_coordination_special_request_count(self):
        for production in self:
            production.coordination_special_request_count = len(
                production.coordination_special_request_ids.filtered(
                    lambda r: r.state not in ("verified", "cancel")
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        productions = super().create(vals_list)
        if not self.env.context.get("coordination_request_no_follow"):
            productions._coordination_follow_line_requests()
        return productions

    def _coordination_sale_lines(self):
        """{production: the sales order line it is made for}: its origin line (sale_mrp), else
        the line of the delivery its finished goods go to (made to order: the MO's destination
        moves, followed to the customer)."""
        lines = {}
        for production in self.sudo():
            line = production.sale_line_id
            if not line and production.move_dest_ids:
                moves = production.move_dest_ids.browse(
                    production.move_dest_ids._rollup_move_dests()
                )
                line = moves.sale_line_id[:1]
            if line:
                lines[production] = line
        return lines

    def _coordination_follow_line_requests(self):
        """The requests of the sales lines these MOs are made for, copied to them."""
        lines = self._coordination_sale_lines()
        if not lines:
            return
        Request = self.env["coordination.special.request"].sudo()
        requests = Request.search(
            [
                ("sale_line_id", "in", [line.id for line in lines.values()]),
                ("production_id", "=", False),
                ("state", "!=", "cancel"),
            ]
        )
        Request._copy_to_productions(
            [
                (
                    request,
                    self.browse(
                        [p.id for p, line in lines.items() if line == request.sale_line_id]
                    ),
                )
                for request in requests
            ]
        )

    def _split_productions(self, amounts=False, cancel_remaining_qty=False, set_consumed_qty=False):
        """Backorders and splits carry the requests of the order they come from."""
        productions = super(
            MrpProduction, self.with_context(coordination_request_no_follow=True)
        )._split_productions(
            amounts=amounts,
            cancel_remaining_qty=cancel_remaining_qty,
            set_consumed_qty=set_consumed_qty,
        )
        pairs = []
        current = None
        for production in productions:
            if production in self:
                current = production
            elif current:
                pairs += [
                    (request, production)
                    for request in current.sudo().coordination_special_request_ids
                    if request.state != "cancel"
                ]
        self.env["coordination.special.request"].sudo()._copy_to_productions(
            [(request, production) for request, production in pairs]
        )
        return productions.with_env(self.env)

    def _coordination_refresh_for_requests(self):
        """A request added, moved or cancelled changes the 'special customer request' part."""
        productions = self.sudo().filtered(lambda p: p.state in OPEN_MO_STATES)
        if productions:
            productions.with_context(
                coordination_keep_forecast=True
            )._coordination_refresh_priority()

    # Done ---------------------------------------------------------------------------------------

    def _coordination_unfulfilled_requests(self):
        return self.sudo().coordination_special_request_ids.filtered(
            lambda r: r.state in UNFULFILLED_STATES and not r.date_overridden
        )

    def button_mark_done(self):
        blocking = self._coordination_unfulfilled_requests()
        if blocking:
            # Each request worded before the message: Babel skips a translated call nested in
            # the arguments of another one, and its message would never reach the .pot.
            requests = [
                self.env._(
                    "“%(request)s” (%(order)s, waiting for %(departments)s)",
                    request=request.summary,
                    order=request.production_id.name,
                    departments=", ".join(request.pending_department_ids.mapped("name")) or "-",
                )
                for request in blocking
            ]
            raise UserError(
                _(
                    "%(orders)s cannot be done: special customer request(s) not fulfilled yet: "
                    "%(requests)s. The departments concerned record them fulfilled; a "
                    "coordinator can override with a reason (Coordination tab).",
                    orders=", ".join(blocking.production_id.mapped("name")),
                    requests="; ".join(requests),
                )
            )
        return super().button_mark_done()

    def action_coordination_override_requests(self):
        """Coordinators: the wizard letting this order be done with unfulfilled requests."""
        production = ensure_one_record(self)
        check_action_group(
            self.env,
            ["production_coordination.group_coordination_manager"],
            _("override special requests"),
            _("coordinators"),
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Override Special Requests"),
            "res_model": "coordination.special.request.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_production_id": production.id},
        }

    def action_coordination_new_special_request(self):
        production = ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("New Special Request"),
            "res_model": "coordination.special.request",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_production_id": production.id,
                "default_company_id": production.company_id.id,
            },
        }
