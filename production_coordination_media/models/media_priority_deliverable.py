# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# A change of these deliverable fields moves its production's next date (media.priority).
PRIORITY_DELIVERABLE_FIELDS = {"date_due", "state", "project_id"}


class MediaDeliverable(models.Model):
    _name = "media.deliverable"
    _inherit = ["media.deliverable", "media.priority.trigger.mixin"]

    _media_priority_fields = frozenset(PRIORITY_DELIVERABLE_FIELDS)
