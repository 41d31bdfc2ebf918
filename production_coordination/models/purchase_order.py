# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.tools import SQL

from .coordination_const import DELIVERY_RISKS, PURCHASED_STATES
from .coordination_protected_mixin import check_action_access, check_action_group
from .coordination_utils import ensure_one_record


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "coordination.protected.mixin"]

    # Both written in SQL by the shortage scan (coordination.delivery.risk): no tracking, no
    # write(), nothing computed from them.
    coordination_delivery_risk = fields.Selection(
        DELIVERY_RISKS,
        "Delivery Risk",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The worst delivery risk of its lines that feed manufacturing orders.",
    )
    coordination_followup_key = fields.Char(
        readonly=True,
        copy=False,
        help="Technical: what the follow-up message to the vendor says (its late and at-risk "
        "lines), as a key; the shortage scan rebuilds the message only when it changes.",
    )

    def _coordination_protected_fields(self):
        """The shortage scan's figures (see coordination.protected.mixin)."""
        return dict.fromkeys(
            ["coordination_delivery_risk", "coordination_followup_key"], _("the shortage scan")
        )

    def button_approve(self, force=False):
        res = super().button_approve(force=force)
        approved = self.filtered(lambda order: order.state in PURCHASED_STATES)
        if approved:
            lines = approved.order_line.filtered(lambda line: not line.coordination_date_promised)
            self.env["purchase.order.line"].flush_model(["date_planned"])
            self.env.cr.execute(
                SQL(
                    """UPDATE purchase_order_line SET coordination_date_promised = date_planned
                        WHERE id = ANY(%s) AND coordination_date_promised IS NULL""",
                    lines.ids,
                )
            )
            lines.invalidate_recordset(["coordination_date_promised"])
            approved.order_line._coordination_refresh_later()
        return res

    def button_cancel(self):
        lines = self.order_line.filtered(lambda line: line.state in PURCHASED_STATES)
        res = super().button_cancel()
        # The cancelled lines no longer count: rescan their products (their state changed, so
        # gather them before).
        by_company = {}
        for line in lines:
            by_company.setdefault(line.company_id.id, set()).add(line.product_id.id)
        if by_company:
            self.env["coordination.material.scan"]._refresh_later(by_company)
        return res

    def action_coordination_vendor_followup(self):
        """The message to the vendor about the late and at-risk lines, ready in the composer."""
        ensure_one_record(self)
        action = _("follow up late deliveries")
        check_action_group(
            self.env, ["purchase.group_purchase_user"], action, _("purchasing users")
        )
        check_action_access(self, "write", action)
        template = self.env.ref("production_coordination.mail_template_vendor_followup")
        return {
            "name": _("Follow Up Late Deliveries"),
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "purchase.order",
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": (
                    "mail.mail_notification_layout_with_responsible_signature"
                ),
                "force_email": True,
            },
        }

    def _coordination_risky_lines(self):
        """The late and at-risk lines (for the follow-up message)."""
        return self.order_line.filtered(
            lambda line: line.coordination_delivery_risk in ("late", "at_risk")
        )
