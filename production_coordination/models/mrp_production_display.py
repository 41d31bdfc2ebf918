# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the priority board and the Coordination tab say about a manufacturing order, in words:
the delay and the slack (empty without a committed date), and why our component readiness may
differ from Odoo's own component status on the same screen."""

from odoo import api, fields, models
from odoo.tools import format_date

from .coordination_const import OPEN_MO_STATES
from .coordination_format import format_delay_days, format_minutes
from .coordination_material_forecast import EXPECTED, LATE, READY, SHORT

# Our readiness and Odoo's `components_availability_state` that say the same thing.
AGREEING = {(READY, "available"), (EXPECTED, "expected"), (LATE, "late"), (SHORT, "unavailable")}


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    coordination_delay_label = fields.Char(
        "Delay",
        compute="_compute_coordination_date_labels",
        help="How many days after (late) or before (early) the committed date the forecast "
        "finish is; empty without a committed date.",
    )
    coordination_slack_label = fields.Char(
        "Slack",
        compute="_compute_coordination_date_labels",
        help="Working hours until the committed date minus the remaining expected work "
        '("6 h short" when the work no longer fits before it); empty without a committed date.',
    )
    coordination_readiness_note = fields.Char(
        "Readiness Note",
        compute="_compute_coordination_readiness_note",
        compute_sudo=True,
        help="Why the component readiness differs from Odoo's component status, when it does.",
    )

    @api.depends(
        "state",
        "coordination_date_committed",
        "coordination_delay_days",
        "coordination_slack_hours",
    )
    def _compute_coordination_date_labels(self):
        for production in self:
            if production.state not in OPEN_MO_STATES or not production.coordination_date_committed:
                production.coordination_delay_label = False
                production.coordination_slack_label = False
                continue
            production.coordination_delay_label = format_delay_days(
                self.env, production.coordination_delay_days
            )
            slack = production.coordination_slack_hours * 60
            # Negative slack: the remaining work no longer fits before the promise; say by how
            # much rather than print a minus sign.
            production.coordination_slack_label = (
                format_minutes(self.env, slack)
                if slack >= 0
                else self.env._("%s short", format_minutes(self.env, -slack))
            )

    @api.depends(
        "state",
        "coordination_readiness",
        "coordination_date_components",
        "components_availability_state",
    )
    def _compute_coordination_readiness_note(self):
        for production in self:
            production.coordination_readiness_note = (
                production._coordination_readiness_note() or False
            )

    def _coordination_readiness_note(self):
        """The sentence that reconciles our readiness with Odoo's component status, "" when
        they agree (or when the order is not open)."""
        self.ensure_one()
        ours, odoo = self.coordination_readiness, self.components_availability_state
        if self.state not in OPEN_MO_STATES or not ours or not odoo or (ours, odoo) in AGREEING:
            return ""
        _ = self.env._
        date = self.coordination_date_components
        when = (
            format_date(self.env, fields.Datetime.context_timestamp(self, date).date())
            if date
            else ""
        )
        if ours == READY:
            if self.sudo().coordination_reservation_in_ids:
                return _("On hand, reserved for later orders: move their reservations here.")
            return _("On hand, not reserved for this order yet.")
        if odoo == "available":
            # Odoo counts what is reserved; a reservation is not always backed by stock on hand
            # (Odoo reserves the full demand once the work starts), and stock reserved here may
            # be what earlier orders need first.
            if self.sudo().coordination_reservation_out_ids:
                if ours == SHORT:
                    return _(
                        "Reserved here, but earlier orders need this stock first, and nothing "
                        "incoming covers this order."
                    )
                return _(
                    "Reserved here, but earlier orders need this stock first: more is expected "
                    "on %(date)s.",
                    date=when,
                )
            if ours == SHORT:
                return _("Reserved but not on hand, and nothing incoming covers it.")
            if ours == LATE:
                return _(
                    "Reserved but not on hand: expected on %(date)s (late delivery).", date=when
                )
            return _("Reserved but not on hand: expected on %(date)s.", date=when)
        if ours == SHORT:
            return _("Short: what is incoming goes to orders that need it earlier.")
        if ours == LATE:
            # Odoo shows the date a receipt was due even once it has passed: it has not come.
            due = max(
                self.move_raw_ids.filtered("forecast_expected_date").mapped(
                    "forecast_expected_date"
                ),
                default=False,
            )
            if odoo in ("expected", "late") and due and due < fields.Datetime.now():
                return _(
                    "Late delivery: due on %(date)s, not received yet.",
                    date=format_date(self.env, fields.Datetime.context_timestamp(self, due).date()),
                )
            return _("Expected on %(date)s (late delivery).", date=when)
        return _("Expected on %(date)s, in time for when this order needs them.", date=when)
