# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase

# Buttons of one record: over RPC, called on no record (or several), they answer with a
# UserError, not Python's "Expected singleton".
SINGLE_RECORD_ACTIONS = [
    ("project.task", "action_coordination_create_rfq"),
    ("project.task", "action_coordination_open_forecast"),
    ("purchase.order", "action_coordination_vendor_followup"),
    ("mrp.production", "action_coordination_open_handoffs"),
    ("mrp.production", "action_coordination_override_rank"),
    ("mrp.production", "action_coordination_revise_date"),
    ("coordination.handoff", "action_open_production"),
    ("coordination.handoff", "action_open_workorders"),
    ("coordination.department", "action_open_queue"),
    ("coordination.department", "action_open_handoffs"),
    ("coordination.department", "action_open_checkins"),
    ("coordination.redundancy", "action_merge"),
    ("coordination.date.revision.wizard", "action_apply"),
    ("coordination.rank.override.wizard", "action_apply"),
    ("coordination.expedite.wizard", "action_apply"),
    ("coordination.handoff.block.wizard", "action_apply"),
    ("coordination.redundancy.wizard", "action_apply"),
    ("coordination.replan.wizard", "action_apply"),
    ("coordination.replan.wizard", "action_preview"),
    ("coordination.status.report.wizard", "action_download_xlsx"),
    ("coordination.status.report.wizard", "action_print_pdf"),
    ("coordination.change.notice", "action_acknowledge"),
    ("coordination.change.notice", "action_open_productions"),
    ("coordination.change.notice.start.wizard", "action_start"),
    ("mrp.bom", "action_coordination_new_change_notice"),
    ("mrp.bom", "action_coordination_open_change_notices"),
    ("mrp.production", "action_coordination_open_change_notices"),
]


class TestActionRecords(TransactionCase):
    def test_single_record_actions_refuse_no_record_and_several(self):
        for model, method in SINGLE_RECORD_ACTIONS:
            Model = self.env[model]
            several = Model.search([], limit=1)
            for records in (Model, several + several):
                if model.endswith("wizard") and records:
                    continue  # wizards are created for one call
                with self.subTest(model=model, method=method, count=len(records)):
                    with self.assertRaises(UserError):
                        getattr(records, method)()
