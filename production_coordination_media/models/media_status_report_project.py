# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    def action_media_status_report_xlsx(self):
        """Download the media status report of this production (XLSX)."""
        ensure_one_record(self)
        return self.env["media.status.report"]._xlsx_action(self._media_status_productions())

    def action_media_status_report_pdf(self):
        """Print the media status report of this production (PDF)."""
        ensure_one_record(self)
        return self.env["media.status.report"]._pdf_action(self._media_status_productions())

    def _media_status_productions(self):
        return self.env["media.status.report"]._get_productions(self.ids)
