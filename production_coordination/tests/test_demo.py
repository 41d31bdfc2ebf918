# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo tells a coherent story; without demo, none of it is installed."""

    def test_demo_data_matches_install_mode(self):
        module = self.env["ir.module.module"].search([("name", "=", "production_coordination")])
        demo_departments = self.env["coordination.department"].browse(
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "production_coordination"),
                    ("model", "=", "coordination.department"),
                ]
            )
            .mapped("res_id")
        )
        if not module.demo:
            self.assertFalse(demo_departments)
            self.assertFalse(self.env["res.users"].search([("login", "=", "coordinator")]))
            return
        self.assertGreaterEqual(len(demo_departments), 3)
        for department in demo_departments:
            self.assertTrue(department.member_ids, department.name)
            self.assertTrue(
                department.supervisor_id.has_group(
                    "production_coordination.group_coordination_supervisor"
                ),
                department.name,
            )
