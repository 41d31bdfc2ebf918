# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

from ..models.coordination_utils import ensure_one_record


class CoordinationChangeNoticeStartWizard(models.TransientModel):
    """Asked when starting work whose department has not acknowledged a change notice yet: the
    notices to read, then "I read it: start" (recorded on the notice)."""

    _name = "coordination.change.notice.start.wizard"
    _description = "Start Work After a Method Change"

    workorder_ids = fields.Many2many("mrp.workorder", string="Work Orders", required=True)
    notice_ids = fields.Many2many(
        "coordination.change.notice", string="Change Notices", compute="_compute_notice_ids"
    )
    notice_line_ids = fields.Many2many(
        "coordination.change.notice.line", string="Changes", compute="_compute_notice_ids"
    )

    description = fields.Html(compute="_compute_notice_ids", sanitize=False)

    @api.depends("workorder_ids")
    def _compute_notice_ids(self):
        for wizard in self:
            wizard.notice_ids = wizard.workorder_ids.coordination_change_notice_ids
            wizard.notice_line_ids = wizard.notice_ids.line_ids
            wizard.description = Markup("").join(
                notice._start_summary() for notice in wizard.notice_ids
            )

    def action_start(self):
        """The person read the notices: start the work orders (recorded as confirmed)."""
        ensure_one_record(self)
        return self.workorder_ids.with_context(
            coordination_change_notice_read=True
        ).action_coordination_start()
