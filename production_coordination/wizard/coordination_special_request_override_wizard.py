# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.coordination_const import MANAGER_GROUP
from ..models.coordination_protected_mixin import check_action_access, check_action_group
from ..models.coordination_utils import ensure_one_record


class CoordinationSpecialRequestOverrideWizard(models.TransientModel):
    """A coordinator lets a manufacturing order be done before its special requests are
    fulfilled, saying why (kept on each request and posted on the order)."""

    _name = "coordination.special.request.override.wizard"
    _description = "Override Special Customer Requests"

    production_id = fields.Many2one("mrp.production", required=True)
    request_ids = fields.Many2many(
        "coordination.special.request",
        string="Not Fulfilled",
        compute="_compute_request_ids",
    )
    reason = fields.Text(required=True)

    @api.depends("production_id")
    def _compute_request_ids(self):
        for wizard in self:
            wizard.request_ids = wizard.production_id._coordination_unfulfilled_requests()

    def action_apply(self):
        wizard = ensure_one_record(self)
        check_action_group(
            self.env, [MANAGER_GROUP], _("override special requests"), _("coordinators")
        )
        production = wizard.production_id
        check_action_access(production, "write", _("override the special requests of this order"))
        reason = (wizard.reason or "").strip()
        if not reason:
            raise UserError(_("Say why the order may be done before its special requests."))
        requests = production._coordination_unfulfilled_requests()
        if not requests:
            raise UserError(
                _("%s has no special request left to fulfil: nothing to override.", production.name)
            )
        requests.sudo().write(
            {
                "override_reason": reason,
                "overridden_by_id": self.env.user.id,
                "date_overridden": fields.Datetime.now(),
            }
        )
        body = Markup("%s<br/>%s") % (
            _(
                "Special requests overridden by %(user)s: %(requests)s.",
                user=self.env.user.name,
                requests="; ".join(requests.mapped("summary")),
            ),
            reason,
        )
        production.sudo().message_post(body=body)
        for request in requests.sudo():
            request.message_post(body=body)
        return production.button_mark_done()
