# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coordination_utils import check_plan_date

# A committed date is a promise: at most this far in the past (a late order's promise being
# recorded) or in the future.
COMMITTED_PAST_DAYS = 366
COMMITTED_FUTURE_DAYS = 10 * 366


class CoordinationDateRevision(models.Model):
    """One change of the completion date promised for a manufacturing order."""

    _name = "coordination.date.revision"
    _description = "Committed Date Revision"
    _inherit = ["coordination.protected.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    production_id = fields.Many2one(
        "mrp.production",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="production_id.company_id", store=True, index=True, readonly=True
    )
    date_old = fields.Datetime("Previous Date", readonly=True)
    date_new = fields.Datetime("New Date", required=True, readonly=True)
    delta_days = fields.Float("Moved (days)", compute="_compute_delta_days", store=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", "Changed By", default=lambda self: self.env.user, readonly=True
    )

    def _coordination_protected_fields(self):
        """A revision is written once, by Revise Committed Date, in its author's name (see
        coordination.protected.mixin)."""
        return self._coordination_all_fields(_("Revise Committed Date on the manufacturing order"))

    @api.depends("date_old", "date_new")
    def _compute_delta_days(self):
        for revision in self:
            if revision.date_old and revision.date_new:
                delta = revision.date_new - revision.date_old
                revision.delta_days = round(delta.total_seconds() / 86400, 2)
            else:
                revision.delta_days = 0.0

    # Revising ------------------------------------------------------------------------------------

    @api.model
    def _revise(self, productions, new_date, reason):
        """Change the committed date of these MOs: kept as a revision, posted, sent to the
        followers (and the salesperson of the sales order behind the MO). The caller checked
        the user's role (``mrp.production._coordination_revise_committed_date``). UserError for
        what is not a date or no reason, ValidationError (naming the field) for a date more
        than a year past or ten years ahead. Returns the revisions."""
        if not new_date:
            raise UserError(_("Give the new committed date."))
        try:
            new_date = fields.Datetime.to_datetime(new_date)
        except (TypeError, ValueError) as error:
            raise UserError(
                _("The new committed date is not a date: %(value)r.", value=new_date)
            ) from error
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(_("Say why the committed date changes."))
        check_plan_date(
            self.env,
            new_date,
            productions._fields["coordination_date_committed"]._description_string(self.env),
            COMMITTED_PAST_DAYS,
            COMMITTED_FUTURE_DAYS,
        )
        revisions = self.browse()
        for production in productions:
            old_date = production.coordination_date_committed
            # sudo: revisions and the committed date are protected; the role and access were
            # checked by the caller. The revision's author is still the user (env.user under
            # sudo).
            revisions |= revisions.sudo().create(
                {
                    "production_id": production.id,
                    "date_old": old_date,
                    "date_new": new_date,
                    "reason": reason,
                }
            )
            production.sudo().coordination_date_committed_manual = new_date
            partners = production.message_partner_ids | self._salesperson(production)
            production.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "Committed date changed from %(old)s to %(new)s.",
                        old=fields.Datetime.to_string(old_date) if old_date else _("none"),
                        new=fields.Datetime.to_string(new_date),
                    ),
                    reason,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=(partners - self.env.user.partner_id).ids,
            )
        return revisions.sudo(False)

    @api.model
    def _salesperson(self, production):
        """The partner of the salesperson of the sales order behind the MO, if `sale` is in."""
        group = production.procurement_group_id
        if "sale_id" not in group._fields:
            return self.env["res.partner"]
        orders = group.sale_id | (
            production.move_finished_ids.move_dest_ids.group_id.mapped("sale_id")
        )
        return orders.user_id.partner_id
