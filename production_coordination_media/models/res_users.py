# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

FACTORY_USER = "production_coordination.group_coordination_user"
MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
MEDIA_CREW = "production_coordination_media.group_media_crew"


class ResUsers(models.Model):
    _inherit = "res.users"

    media_dashboard_filters = fields.Json(
        copy=False,
        help="The companies and the 'my productions' switch last chosen on the media dashboard.",
    )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # Users keep their own media dashboard filters without write access to users.
        return super().SELF_WRITEABLE_FIELDS + ["media_dashboard_filters"]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["media_dashboard_filters"]

    @api.constrains("media_dashboard_filters")
    def _check_media_dashboard_filters(self):
        """The form of the saved filters (their companies are checked when the dashboard
        loads: the user may leave a company after saving)."""
        Dashboard = self.env["media.dashboard"]
        for user in self:
            try:
                Dashboard._clean_filters(user.media_dashboard_filters)
            except UserError as error:
                raise ValidationError(error.args[0]) from error

    def _media_home_action(self):
        """The screen a media user lands on when they have no home action of their own
        (`action_id`, which always wins): the media dashboard for media coordinators (as the
        Media Productions app opens), My Schedule for crew users (their calls to confirm, one
        tap each on a phone). Factory staff (the Coordination app's users) keep Odoo's
        default, the first app. An empty recordset when none applies."""
        self.ensure_one()
        Action = self.env["ir.actions.actions"]
        if self.action_id or self.has_group(FACTORY_USER):
            return Action
        if self.has_group(MEDIA_COORDINATOR):
            return self.env.ref("production_coordination_media.media_dashboard_action")
        if self.has_group(MEDIA_CREW):
            return self.env.ref("production_coordination_media.media_booking_action_mine")
        return Action
