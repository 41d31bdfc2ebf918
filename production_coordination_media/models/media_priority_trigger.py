# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MediaPriorityTrigger(models.AbstractModel):
    """Records that move their production's next date (days, deliverables): creating,
    deleting or changing one of `_media_priority_fields` refreshes the media priorities of
    their companies (``media.priority._refresh``)."""

    _name = "media.priority.trigger.mixin"
    _description = "Media Priority: Refreshed on Change"

    # The fields whose change moves the production's next date.
    _media_priority_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["media.priority"]._refresh(records.company_id)
        return records

    def write(self, vals):
        if not self._media_priority_fields & vals.keys():
            return super().write(vals)
        companies = self.company_id
        res = super().write(vals)
        self.env["media.priority"]._refresh(companies | self.company_id)
        return res

    def unlink(self):
        companies = self.company_id
        res = super().unlink()
        self.env["media.priority"]._refresh(companies)
        return res
