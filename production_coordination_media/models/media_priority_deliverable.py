# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# A change of these deliverable fields moves its production's next date (media.priority).
PRIORITY_DELIVERABLE_FIELDS = {"date_due", "state", "project_id"}


class MediaDeliverable(models.Model):
    _inherit = "media.deliverable"

    @api.model_create_multi
    def create(self, vals_list):
        deliverables = super().create(vals_list)
        self.env["media.priority"]._refresh(deliverables.company_id)
        return deliverables

    def write(self, vals):
        if not PRIORITY_DELIVERABLE_FIELDS & vals.keys():
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
