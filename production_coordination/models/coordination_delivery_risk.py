# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery risk of purchases and vendor follow-ups.

The shortage scan hands a `ScanSnapshot` (coordination_material_scan.py) to `_sync`: the
purchase lines that feed open MOs (given their receipts by the netting, or bought for them by
Odoo's make-to-order link) get their delivery risk (late, at risk, on time), the need date and
the MOs they feed; each order the worst risk of its lines; each order with late or at-risk
lines one follow-up activity for its buyer, holding the message to send to the vendor. The risk
columns, the order's risk and follow-up key are written in SQL (see coordination_sql.py).

Hooks: `_line_risk` (the risk of one line), `_followup_notes` (the message to the vendor),
`_prepare_followup_values` (the activity).
"""

import hashlib
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_date

from .coordination_const import EPSILON, PURCHASED_STATES
from .coordination_sql import bulk_update, id_filter, same_value

# The purchase line columns the scan keeps up to date, in SQL.
RISK_COLUMNS = [
    "coordination_delivery_risk",
    "coordination_date_needed",
    "coordination_production_names",
]
FOLLOWUP_TYPE = "production_coordination.mail_activity_type_vendor_followup"


class CoordinationDeliveryRisk(models.AbstractModel):
    _name = "coordination.delivery.risk"
    _description = "Purchase Delivery Risk and Vendor Follow-up"

    @api.model
    def _sync(self, snapshot):
        """Store the delivery risk of the purchase lines that feed open MOs and of their orders;
        one follow-up activity per order with late or at-risk lines.

        :return: {"risks": purchase lines whose risk changed, "order_risks": orders whose risk
            changed, "followups": follow-ups created, updated or done}
        """
        feeds = defaultdict(list)
        for projection in snapshot.projections.values():
            for line_id, pairs in projection["feeds"].items():
                feeds[line_id].extend(pairs)
        for line_id, pairs in snapshot.linked.items():
            feeds[line_id].extend(pairs)
        lines = self._read_lines(snapshot.company, feeds, snapshot.product_ids)
        now = fields.Datetime.now()
        rows, order_ids = [], set()
        for line in lines:
            order_ids.add(line["order_id"])
            new = self._line_risk(line, feeds.get(line["id"]), snapshot.productions, now)
            if any(
                not same_value(line[name], value)
                for name, value in zip(RISK_COLUMNS, new, strict=True)
            ):
                rows.append((line["id"], *new))
        bulk_update(self.env["purchase.order.line"], RISK_COLUMNS, rows)
        done = {"risks": len(rows), "order_risks": 0, "followups": 0}
        if order_ids:
            done["order_risks"] = len(self._sync_order_risks(sorted(order_ids)))
            done["followups"] = self._sync_followups(snapshot.company, sorted(order_ids))
        return done

    @api.model
    def _read_lines(self, company, feeds, product_ids):
        """The purchase lines of the company that feed MOs or carry a risk (to clear)."""
        self.env["purchase.order.line"].flush_model(
            ["date_planned", "product_qty", "qty_received", "state", *RISK_COLUMNS]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT pol.id, pol.order_id, pol.state, pol.date_planned, pol.product_qty,
                       pol.qty_received, %s
                  FROM purchase_order_line pol
                 WHERE pol.company_id = %s
                   AND (pol.id = ANY(%s) OR pol.coordination_delivery_risk IS NOT NULL)
                   %s
                """,
                SQL(", ").join(SQL.identifier("pol", name) for name in RISK_COLUMNS),
                company.id,
                list(feeds),
                id_filter("pol.product_id", product_ids),
            )
        )
        return self.env.cr.dictfetchall()

    @api.model
    def _line_risk(self, line, pairs, productions, now):
        """The RISK_COLUMNS of a purchase line (a row of `_read_lines`) that feeds these
        [(MO id, need date)]: late (the expected date has passed), at risk (expected after the
        first need), on time; empty when it feeds nothing, is not confirmed or is received."""
        if not (
            pairs
            and line["state"] in PURCHASED_STATES
            and line["qty_received"] < line["product_qty"] - EPSILON
        ):
            return (None, None, None)
        need = min(date for _pid, date in pairs)
        names = ", ".join(sorted({productions[pid]["name"] for pid, _date in pairs}))
        if line["date_planned"] < now:
            risk = "late"
        elif line["date_planned"] > need:
            risk = "at_risk"
        else:
            risk = "on_time"
        return (risk, need, names)

    @api.model
    def _sync_order_risks(self, order_ids):
        """The worst risk of each order's lines on the order (searchable, for the lists).
        Returns the ids of the orders whose risk changed."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE purchase_order po SET coordination_delivery_risk = s.risk
                  FROM (SELECT o.id,
                               CASE WHEN bool_or(l.coordination_delivery_risk = 'late')
                                    THEN 'late'
                                    WHEN bool_or(l.coordination_delivery_risk = 'at_risk')
                                    THEN 'at_risk'
                                    WHEN bool_or(l.coordination_delivery_risk = 'on_time')
                                    THEN 'on_time'
                               END AS risk
                          FROM purchase_order o
                          LEFT JOIN purchase_order_line l ON l.order_id = o.id
                         WHERE o.id = ANY(%s)
                         GROUP BY o.id) s
                 WHERE po.id = s.id AND po.coordination_delivery_risk IS DISTINCT FROM s.risk
             RETURNING po.id
                """,
                order_ids,
            )
        )
        updated = [row[0] for row in self.env.cr.fetchall()]
        self.env["purchase.order"].browse(updated).invalidate_recordset(
            ["coordination_delivery_risk"]
        )
        return updated

    # Follow-ups ---------------------------------------------------------------------------------

    @api.model
    def _sync_followups(self, company, order_ids):
        """One open follow-up activity per order with late or at-risk lines, for its buyer, with
        the message to send to the vendor; updated when the lines change, done when none is
        left. Returns how many follow-ups were created, updated or done."""
        activity_type = self.env.ref(FOLLOWUP_TYPE)
        risky, stored, keys = self._read_risky_lines(order_ids)
        existing = self._existing_followups(order_ids, activity_type)
        Order = self.env["purchase.order"]
        changed = Order.browse(
            [
                order_id
                for order_id in risky
                if order_id not in existing or stored[order_id] != keys[order_id]
            ]
        )
        notes = self._followup_notes(changed, risky)
        default_buyers = company._coordination_get_default_buyers()
        to_create = [
            self._prepare_followup_values(order, notes[order.id], default_buyers, activity_type)
            for order in changed
            if order.id not in existing
        ]
        to_update = [
            (existing[order.id], notes[order.id]) for order in changed if order.id in existing
        ]
        if to_create:
            self.env["mail.activity"].create(to_create)
        # The note of an open follow-up: written in SQL (one UPDATE), no tracking, no write().
        bulk_update(self.env["mail.activity"], ["note"], to_update)
        key_rows = [
            (order.id, keys[order.id]) for order in changed if stored[order.id] != keys[order.id]
        ]
        bulk_update(Order, ["coordination_followup_key"], key_rows)
        solved = Order.browse([order_id for order_id in existing if order_id not in risky])
        if solved:
            solved.activity_feedback(
                [FOLLOWUP_TYPE],
                feedback=self.env._("No late or at-risk delivery left on this order."),
            )
        return len(to_create) + len(to_update) + len(solved)

    @api.model
    def _read_risky_lines(self, order_ids):
        """({order id: [late and at-risk line ids]}, {order id: stored follow-up key}, {order id:
        key of what its message says now}): the message is rebuilt only when its key changed."""
        self.env["purchase.order"].flush_model(
            ["name", "partner_id", "user_id", "coordination_followup_key"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT pol.order_id, pol.id, po.coordination_followup_key,
                       ROW(po.name, po.partner_id, po.user_id, pol.id, pol.product_id,
                           pol.product_qty, pol.qty_received, pol.product_uom,
                           pol.coordination_delivery_risk, pol.date_planned,
                           pol.coordination_date_needed)::text
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                 WHERE pol.order_id = ANY(%s)
                   AND pol.coordination_delivery_risk IN ('late', 'at_risk')
                 ORDER BY pol.order_id, pol.sequence, pol.id
                """,
                order_ids,
            )
        )
        risky, stored, said = defaultdict(list), {}, defaultdict(list)
        for order_id, line_id, key, what in self.env.cr.fetchall():
            risky[order_id].append(line_id)
            stored[order_id] = key
            said[order_id].append(what)
        keys = {
            order_id: hashlib.sha1("\n".join(lines).encode()).hexdigest()
            for order_id, lines in said.items()
        }
        return risky, stored, keys

    @api.model
    def _existing_followups(self, order_ids, activity_type):
        """{order id: id of its open follow-up activity}."""
        self.env["mail.activity"].flush_model(["res_model", "res_id", "activity_type_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT res_id, id FROM mail_activity
                 WHERE res_model = 'purchase.order' AND res_id = ANY(%s)
                   AND activity_type_id = %s
                """,
                order_ids,
                activity_type.id,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _prepare_followup_values(self, order, note, default_buyers, activity_type):
        """The follow-up activity of an order: for its buyer (else the company's default one)."""
        buyer = order.user_id if order.user_id.active else default_buyers[:1]
        return {
            "res_model_id": self.env["ir.model"]._get_id("purchase.order"),
            "res_id": order.id,
            "automated": True,
            "activity_type_id": activity_type.id,
            "user_id": (buyer or self.env.user).id,
            "date_deadline": fields.Date.context_today(self),
            "summary": self.env._("Follow up the late deliveries with %s", order.partner_id.name),
            "note": note,
        }

    @api.model
    def _followup_notes(self, orders, risky):
        """{order id: the message to the vendor, listing its late and at-risk lines}."""
        # One recordset, so that the lines, products and units are read in batches.
        lines = {
            line.id: line
            for line in self.env["purchase.order.line"].browse(
                [line_id for order in orders for line_id in risky[order.id]]
            )
        }
        notes, dates = {}, {}

        def date_text(date):
            if date not in dates:
                dates[date] = format_date(self.env, date)
            return dates[date]

        for order in orders:
            items = Markup()
            for line in (lines[line_id] for line_id in risky[order.id]):
                if line.coordination_delivery_risk == "late":
                    status = self.env._(
                        "expected %s, not delivered yet", date_text(line.date_planned)
                    )
                else:
                    status = self.env._(
                        "expected %(date)s, we need it by %(need)s",
                        date=date_text(line.date_planned),
                        need=date_text(line.coordination_date_needed),
                    )
                items += Markup("<li>%s: %s %s, %s</li>") % (
                    line.product_id.display_name,
                    line.product_qty - line.qty_received,
                    line.product_uom.name,
                    status,
                )
            notes[order.id] = Markup("<p>%s</p><p>%s</p><ul>%s</ul><p>%s</p><p>%s</p>") % (
                self.env._("Hello %s,", order.partner_id.name),
                self.env._(
                    "on our purchase order %s, these lines are late or will arrive after we need "
                    "them:",
                    order.name,
                ),
                items,
                self.env._("Could you confirm when you can deliver them, or deliver them earlier?"),
                self.env._("Thank you, %s", order.user_id.name or order.company_id.name),
            )
        return notes
