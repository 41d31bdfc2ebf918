# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

FACTORY_USER = "production_coordination.group_coordination_user"
MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
MEDIA_CREW = "production_coordination_media.group_media_crew"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _media_home_action(self):
        """The screen a media user lands on when they have no home action of their own
        (`action_id`, which always wins): the productions board for media coordinators, My
        Schedule for crew users. Factory staff (the Coordination app's users) keep Odoo's
        default, the first app. An empty recordset when none applies."""
        self.ensure_one()
        Action = self.env["ir.actions.act_window"]
        if self.action_id or self.has_group(FACTORY_USER):
            return Action
        if self.has_group(MEDIA_COORDINATOR):
            return self.env.ref("production_coordination_media.project_project_action_media")
        if self.has_group(MEDIA_CREW):
            return self.env.ref("production_coordination_media.media_booking_action_mine")
        return Action
