# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every public entry point of production_coordination, with bad input, as each role (see
bad_input_walker.py)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .bad_input_walker import BadInputWalker
from .common import RouteCase


@tagged("post_install", "-at_install")
class TestBadInput(BadInputWalker, RouteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = cls._make_roles()
        cls.cutting.member_ids |= cls.roles["staff"] | cls.roles["crew user"]
        cls.cutting.supervisor_id = cls.roles["supervisor"]
        # Orders in several states: confirmed, started, cancelled; a check-in; a low-stock task.
        cls.production = cls._make_mo()
        started = cls._make_mo()
        cls._wo(started, "Cut").button_start()
        cls._make_mo().action_cancel()
        cls.env["coordination.checkin"].create({"department_id": cls.cutting.id})
        project = cls.company._coordination_get_procurement_project()
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        task = cls.env["project.task"].create(
            {
                "name": "Walker shortage",
                "project_id": project.id,
                "coordination_product_id": cls.component.id,
                "coordination_warehouse_id": warehouse.id,
                "coordination_date_need": fields.Datetime.now() + timedelta(days=3),
            }
        )
        cls.env["coordination.shortage.line"].create(
            {
                "task_id": task.id,
                "production_id": cls.production.id,
                "production_name": cls.production.name,
                "qty_required": 2,
            }
        )

    def _wizard_values(self, model_name):
        production = self.production
        return {
            "coordination.date.revision.wizard": {
                "production_id": production.id,
                "date_new": fields.Datetime.now() + timedelta(days=9),
                "reason": "Walk",
            },
            "coordination.expedite.wizard": {
                "production_ids": [Command.set(production.ids)],
                "mode": "expedite",
                "reason": "Walk",
            },
            "coordination.handoff.block.wizard": {
                "handoff_ids": [Command.set(production.coordination_handoff_ids[:1].ids)],
                "mode": "block",
                "reason": "Walk",
            },
            "coordination.rank.override.wizard": {
                "production_id": production.id,
                "rank": 1,
                "reason": "Walk",
            },
            "coordination.redundancy.wizard": {},
            "coordination.replan.wizard": {"workcenter_ids": [Command.set(self.wc_saw.ids)]},
            "coordination.status.report.wizard": {},
            "res.config.settings": {},
        }.get(model_name)

    def test_walk_every_public_entry_point(self):
        self._walk("production_coordination")
