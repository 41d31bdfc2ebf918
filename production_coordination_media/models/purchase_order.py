# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

PRODUCER = "production_coordination_media.group_media_producer"


class PurchaseOrder(models.Model):
    """Confirming a purchase order that takes a media production's budget category over
    budget needs a producer's reason (`media.budget.approval.wizard`): the reason is kept on
    the order (`coordination_budget_reason`) and posted on the order and the production."""

    _inherit = "purchase.order"

    coordination_project_id = fields.Many2one(
        "project.project",
        string="Production",
        index="btree_not_null",
        check_company=True,
        domain=[("is_media_production", "=", True)],
        help="The media production this request for quotation was made for (rentals): its "
        "lines are charged to the production's analytic account.",
    )
    coordination_budget_reason = fields.Text(
        "Over-Budget Reason",
        readonly=True,
        copy=False,
        tracking=True,
        help="Why a producer confirmed this order although it takes a production's budget "
        "category over budget.",
    )
    coordination_rental_ids = fields.One2many("media.rental", "purchase_id", string="Rentals")

    def write(self, vals):
        if (
            vals.get("coordination_budget_reason")
            and not self.env.su
            and not self.env.user.has_group(PRODUCER)
        ):
            raise AccessError(
                _(
                    "Only producers give the reason to confirm a purchase over budget (%s).",
                    ", ".join(self.mapped("name")),
                )
            )
        return super().write(vals)

    def _coordination_confirm_entries(self):
        """The lines of `self` (being confirmed) as committed cost entries."""
        entries = []
        for line in self.order_line.filtered(
            lambda line: line.coordination_project_id and not line.display_type
        ):
            company = line.company_id
            amount = (
                line.coordination_share
                / 100
                * line.currency_id._convert(
                    line.price_subtotal,
                    company.currency_id,
                    company,
                    fields.Date.context_today(self),
                )
            )
            entries.append(
                {
                    "project_id": line.coordination_project_id.id,
                    "category": line.coordination_budget_category or "other",
                    "state": "committed",
                    "amount": amount,
                }
            )
        return entries

    def _coordination_budget_overruns(self):
        """The budget categories the confirmation of `self` takes (or keeps) over budget: those
        its lines add to and whose actual + committed then exceeds the budget."""
        orders = self.filtered(lambda order: order.state in ("draft", "sent", "to approve"))
        entries = orders._coordination_confirm_entries()
        touched = {(item["project_id"], item["category"]) for item in entries if item["amount"] > 0}
        if not touched:
            return []
        # The draft lines of `self` are counted as pending by the engine: moved to committed.
        projects = self.env["project.project"].browse({project for project, __ in touched})
        overruns = projects._coordination_budget_overruns(entries)
        return [item for item in overruns if (item["project"].id, item["category"]) in touched]

    def _coordination_overrun_message(self, overruns):
        categories = dict(
            self.env["media.budget.line"]._fields["category"]._description_selection(self.env)
        )
        return "\n".join(
            _(
                "%(production)s, %(category)s: %(spent)s committed and spent for a budget of "
                "%(budget)s.",
                production=item["project"].display_name,
                category=categories[item["category"]],
                spent=format_amount(
                    self.env, item["spent"], item["project"].company_id.currency_id
                ),
                budget=format_amount(
                    self.env, item["budget"], item["project"].company_id.currency_id
                ),
            )
            for item in overruns
        )

    def button_confirm(self):
        to_check = self.filtered(lambda order: not order.coordination_budget_reason)
        overruns = to_check._coordination_budget_overruns()
        if overruns:
            message = self._coordination_overrun_message(overruns)
            if not self.env.user.has_group(PRODUCER):
                raise UserError(
                    _(
                        "Confirming %(orders)s takes a production over budget:\n%(message)s\n"
                        "A producer must confirm it, with the reason.",
                        orders=", ".join(to_check.mapped("name")),
                        message=message,
                    )
                )
            return self.env["media.budget.approval.wizard"]._action_open(self, message)
        res = super().button_confirm()
        # sudo: the order's state drives its rentals', whoever confirms or cancels it (a
        # purchase user who has no access to the production's rentals).
        self.sudo().coordination_rental_ids.filtered(lambda rental: rental.state == "draft").write(
            {"state": "ordered"}
        )
        return res

    def button_draft(self):
        """An order set back to draft may change: a producer's reason does not carry over."""
        res = super().button_draft()
        # sudo: the reason is readonly in the form; clearing it takes nobody's approval.
        self.filtered("coordination_budget_reason").sudo().write(
            {"coordination_budget_reason": False}
        )
        return res

    def button_cancel(self):
        res = super().button_cancel()
        # sudo: as in button_confirm, a cancelled order cancels its rentals whoever cancels it.
        self.sudo().coordination_rental_ids.filtered(
            lambda rental: rental.state in ("draft", "ordered")
        ).write({"state": "cancel"})
        return res

    @api.model
    def _coordination_rfq_for(self, project, vendor):
        """The draft request for quotation of `project` from `vendor`, new if it has none."""
        order = self.search(
            [
                ("state", "=", "draft"),
                ("partner_id", "=", vendor.id),
                ("company_id", "=", project.company_id.id),
                ("coordination_project_id", "=", project.id),
            ],
            limit=1,
        )
        return order or self.create(
            {
                "partner_id": vendor.id,
                "company_id": project.company_id.id,
                "coordination_project_id": project.id,
                "origin": project.name,
            }
        )
