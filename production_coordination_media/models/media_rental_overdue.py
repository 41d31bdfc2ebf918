# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""Overdue rentals: hired equipment picked up and not returned after its return date costs
another day of hire each day. A daily scheduled action gives the production's coordinator a
"Return overdue rental" activity, once per return date (a new return date that passes again
gets a new one); returning or cancelling the rental closes it."""

from odoo import api, fields, models
from odoo.tools import format_date

OVERDUE_ACTIVITY = "production_coordination_media.mail_activity_type_media_rental_overdue"


class MediaRental(models.Model):
    _inherit = "media.rental"

    overdue_reminded_date = fields.Date(
        "Overdue Reminder For",
        readonly=True,
        copy=False,
        help="The return date the coordinator was last reminded of (once per return date).",
    )

    @api.model
    def _cron_remind_overdue(self):
        """Remind the coordinators of the rentals overdue today, each once per return date."""
        activity_type = self.env.ref(OVERDUE_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return 0
        # The search is the cron's (superuser): every company's rentals, each reminded to its
        # own production's coordinator.
        rentals = self.search([("is_overdue", "=", True)]).filtered(
            lambda rental: rental.overdue_reminded_date != rental.date_return
        )
        for rental in rentals:
            rental._remind_overdue(activity_type)
        return len(rentals)

    def _remind_overdue(self, activity_type):
        self.ensure_one()
        project = self.project_id
        user = project.coordination_coordinator_id or project.user_id or self.create_uid
        # In the coordinator's language and date format, whoever runs it.
        env = self.with_context(
            lang=user.partner_id._coordination_mail_context(self.company_id)["lang"]
        ).env
        self.activity_schedule(
            activity_type_id=activity_type.id,
            user_id=user.id,
            date_deadline=fields.Date.context_today(self),
            summary=env._(
                "Return %(rental)s to %(vendor)s: due %(date)s",
                rental=self.name,
                vendor=self.partner_id.display_name,
                date=format_date(env, self.date_return),
            ),
        )
        self.overdue_reminded_date = self.date_return

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") in ("returned", "cancel"):
            # Back or cancelled: nothing left to chase.
            self.activity_unlink([OVERDUE_ACTIVITY])
        return res
