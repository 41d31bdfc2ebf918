# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, fields, models
from odoo.tools import SQL, format_date

from .coordination_const import DELIVERY_RISKS, PURCHASED_STATES
from .coordination_format import format_number


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "coordination.protected.mixin"]

    # Written in SQL by the shortage scan (coordination.delivery.risk, with
    # coordination_sql.bulk_update): no tracking, no write(), nothing computed from them.
    coordination_delivery_risk = fields.Selection(
        DELIVERY_RISKS,
        "Delivery Risk",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="For lines that feed open manufacturing orders: late (the expected date has passed "
        "and it is not fully received), at risk (expected after the components are needed), on "
        "time. Kept by the shortage scan, and when the line's dates or receipts change.",
    )
    coordination_date_needed = fields.Datetime(
        "Needed On",
        readonly=True,
        copy=False,
        help="When the first manufacturing order it feeds needs it.",
    )
    coordination_production_names = fields.Char(
        "Feeds Orders", readonly=True, copy=False, help="The manufacturing orders it feeds."
    )
    # Written in SQL when the order is confirmed (purchase.order.button_approve).
    coordination_date_promised = fields.Datetime(
        "Promised Date",
        readonly=True,
        copy=False,
        help="The expected arrival when the order was confirmed (the on-time rate is measured "
        "against it).",
    )

    def _coordination_protected_fields(self):
        """The delivery risk and what it is measured against are the shortage scan's and the
        order confirmation's (see coordination.protected.mixin)."""
        return {
            **dict.fromkeys(
                [
                    "coordination_delivery_risk",
                    "coordination_date_needed",
                    "coordination_production_names",
                ],
                _("the shortage scan"),
            ),
            "coordination_date_promised": _("Confirm Order"),
        }

    def write(self, vals):
        if not vals.get("date_planned"):
            res = super().write(vals)
            if "product_qty" in vals:
                self._coordination_refresh_later()
            return res
        new_date = fields.Datetime.to_datetime(vals["date_planned"])
        slipping = self.filtered(
            lambda line: line.state in PURCHASED_STATES
            and not line.display_type
            and line.date_planned
            and new_date > line.date_planned
        )
        old_dates = {line.id: line.date_planned for line in slipping}
        # sudo: a buyer moves the date; the MOs it delays are recomputed and told, whatever
        # the buyer may read.
        snapshot = slipping.sudo()._coordination_slip_snapshot() if slipping else None
        res = super().write(vals)
        if slipping:
            slipping.sudo()._coordination_notify_slip(old_dates, snapshot)
        self._coordination_refresh_later()
        return res

    def _coordination_refresh_later(self):
        """Rescan the products of confirmed lines before the commit (risk, tasks)."""
        by_company = defaultdict(set)
        for line in self:
            if line.product_id and line.state in PURCHASED_STATES:
                by_company[line.company_id.id].add(line.product_id.id)
        if by_company:
            self.env["coordination.material.scan"]._refresh_later(by_company)

    # Vendor slips: the MOs a later expected date delays -------------------------------------------

    def _coordination_slip_snapshot(self):
        """Before the expected date of these lines moves later: the open MOs that take the same
        products from the same warehouses, refreshed, with their dates. Returns ({MO id:
        {(product, warehouse)}}, {MO id: dates row}), for `_coordination_notify_slip`."""
        keys = {
            (line.product_id.id, line.order_id.picking_type_id.warehouse_id.id) for line in self
        }
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT m.raw_material_production_id, m.product_id, src.warehouse_id
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN mrp_production mo ON mo.id = m.raw_material_production_id
                 WHERE m.product_id = ANY(%s) AND src.warehouse_id = ANY(%s)
                   AND m.state NOT IN ('draft', 'done', 'cancel')
                   AND mo.state IN ('confirmed', 'progress', 'to_close')
                """,
                list({k[0] for k in keys}),
                list({k[1] for k in keys}),
            )
        )
        production_keys = defaultdict(set)
        for production_id, product_id, warehouse_id in self.env.cr.fetchall():
            if (product_id, warehouse_id) in keys:
                production_keys[production_id].add((product_id, warehouse_id))
        productions = self.env["mrp.production"].browse(sorted(production_keys))
        self.env["coordination.priority"]._refresh(productions)
        return production_keys, self._coordination_production_dates(productions.ids)

    def _coordination_production_dates(self, production_ids):
        """{MO id: row with its name, responsible and dates (components, forecast, committed)}."""
        if not production_ids:
            return {}
        self.env.cr.execute(
            SQL(
                """
                SELECT id, name, user_id, coordination_date_components, coordination_date_forecast,
                       coordination_date_committed
                  FROM mrp_production WHERE id = ANY(%s)
                """,
                production_ids,
            )
        )
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    def _coordination_notify_slip(self, old_dates, snapshot):
        """After the expected date of these lines moved later: post on each MO whose forecast
        finish moves later (telling its responsible), and on each purchase order (telling its
        buyer) which MOs and committed dates slip."""
        production_keys, before = snapshot
        productions = self.env["mrp.production"].browse(sorted(production_keys))
        self.env["coordination.priority"]._refresh(productions)
        after = self._coordination_production_dates(productions.ids)
        slipped = [
            pid for pid in productions.ids if self._coordination_slips(before[pid], after[pid])
        ]
        if not slipped:
            return
        lines_by_key = defaultdict(list)
        for line in self:
            lines_by_key[
                (line.product_id.id, line.order_id.picking_type_id.warehouse_id.id)
            ].append(line)
        by_order = defaultdict(list)
        for production in productions.browse(slipped):
            causes = [line for key in production_keys[production.id] for line in lines_by_key[key]]
            effect = self._coordination_slip_effect(after[production.id], before[production.id])
            cause_text = "; ".join(
                _(
                    "%(vendor)s now expects %(product)s (%(order)s) on %(new)s instead of %(old)s",
                    vendor=line.partner_id.name,
                    product=line.product_id.display_name,
                    order=line.order_id.name,
                    new=format_date(self.env, line.date_planned),
                    old=format_date(self.env, old_dates[line.id]),
                )
                for line in causes
            )
            production.message_post(
                body=Markup("<p><b>%s</b></p><p>%s.</p><p>%s</p>")
                % (_("Vendor delay"), cause_text, effect),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=production.user_id.partner_id.ids,
            )
            for order in {line.order_id for line in causes}:
                by_order[order].append((production, effect))
        for order, effects in by_order.items():
            order.message_post(
                body=Markup("<p><b>%s</b></p><ul>%s</ul>")
                % (
                    _("This delay slips manufacturing orders"),
                    Markup().join(
                        Markup("<li>%s: %s</li>") % (production.name, effect)
                        for production, effect in effects
                    ),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=order.user_id.partner_id.ids,
            )

    def _coordination_slips(self, old, new):
        """Whether an MO's forecast finish moved later (its dates rows before and after)."""
        return bool(new["coordination_date_forecast"]) and (
            not old["coordination_date_forecast"]
            or new["coordination_date_forecast"]
            > old["coordination_date_forecast"] + timedelta(minutes=1)
        )

    def _coordination_slip_effect(self, new, old):
        """What a slip does to one MO (its dates rows after and before), as a sentence."""
        committed = new["coordination_date_committed"]
        effect = _(
            "Forecast finish %(old)s → %(new)s.",
            old=format_date(self.env, old["coordination_date_forecast"]) or _("none"),
            new=format_date(self.env, new["coordination_date_forecast"]),
        )
        if not committed:
            return effect
        late_days = (new["coordination_date_forecast"] - committed).total_seconds() / 86400
        if late_days > 0:
            days = format_number(self.env, late_days, 1)
            return (
                effect
                + " "
                + _(
                    "The committed date %(date)s slips by %(days)s days.",
                    date=format_date(self.env, committed),
                    days=days,
                )
            )
        return (
            effect
            + " "
            + _("The committed date %(date)s still holds.", date=format_date(self.env, committed))
        )
