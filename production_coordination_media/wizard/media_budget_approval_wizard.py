# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

PRODUCER = "production_coordination_media.group_media_producer"


class MediaBudgetApprovalWizard(models.TransientModel):
    """A producer confirms purchase orders that take a production's budget category over
    budget, with the reason: kept on the orders and posted on them and on the productions."""

    _name = "media.budget.approval.wizard"
    _description = "Confirm a Purchase Over Budget"

    purchase_ids = fields.Many2many("purchase.order", string="Purchase Orders", required=True)
    message = fields.Text("Over Budget", readonly=True)
    reason = fields.Text()

    @api.model
    def _action_open(self, orders, message):
        wizard = self.create({"purchase_ids": [fields.Command.set(orders.ids)], "message": message})
        return {
            "type": "ir.actions.act_window",
            "name": _("Confirm Over Budget"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        ensure_one_record(self)
        if not self.env.user.has_group(PRODUCER):
            raise AccessError(
                _(
                    "Only producers confirm purchases over budget (%s).",
                    ", ".join(self.purchase_ids.mapped("name")),
                )
            )
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(_("Give the Reason for confirming over budget."))
        orders = self.purchase_ids.filtered(lambda order: order.state in ("draft", "sent"))
        orders.write({"coordination_budget_reason": reason})
        body = Markup("<p>%s</p><p>%s</p><p>%s</p>") % (
            _("Confirmed over budget by %s.", self.env.user.name),
            self.message or "",
            _("Reason: %s", reason),
        )
        for order in orders:
            order.message_post(body=body)
        projects = orders.order_line.coordination_project_id
        for project in projects:
            project.message_post(
                body=Markup("<p>%s</p>")
                % _("%s confirmed over budget.", ", ".join(orders.mapped("name")))
                + body
            )
        orders.button_confirm()
        return {"type": "ir.actions.act_window_close"}
