# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import new_test_user

from .common import GROUP_MANAGER, RouteCase


class TestMultiCompany(RouteCase):
    def test_routes_and_boards_stay_in_their_company(self):
        company_b = self.env["res.company"].create({"name": "Plant B"})
        coordinator_b = new_test_user(
            self.env,
            "pcr_coordinator_b",
            groups=GROUP_MANAGER,
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        saw_b = self.env["mrp.workcenter"].create({"name": "B-Saw", "company_id": company_b.id})
        cutting_b = self.env["coordination.department"].create(
            {
                "name": "B-Cutting",
                "code": "TCUT",  # the same code as in the first company is fine
                "company_id": company_b.id,
                "supervisor_id": coordinator_b.id,
                "workcenter_ids": [Command.set(saw_b.ids)],
            }
        )
        bom_b = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "company_id": company_b.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Cut", "workcenter_id": saw_b.id, "time_cycle_manual": 10}
                    )
                ],
            }
        )
        production_b = (
            self.env["mrp.production"]
            .with_company(company_b)
            .create({"product_id": self.product.id, "bom_id": bom_b.id, "product_qty": 1})
        )
        production_b.action_confirm()
        self.assertEqual(self._route(production_b), [("TCUT", "ready")])
        leg_b = production_b.coordination_handoff_ids
        self.assertEqual(leg_b.company_id, company_b)
        self.assertEqual(leg_b.department_id, cutting_b)

        production_a = self._make_mo()
        Handoff = self.env["coordination.handoff"]
        seen_by_a = Handoff.with_user(self.coordinator).search([])
        seen_by_b = Handoff.with_user(coordinator_b).search([])
        self.assertIn(self._leg(production_a, self.cutting), seen_by_a)
        self.assertNotIn(leg_b, seen_by_a)
        self.assertEqual(seen_by_b, leg_b)
        departments_a = self.env["coordination.department"].with_user(self.coordinator).search([])
        self.assertNotIn(cutting_b, departments_a)
        self.assertEqual(
            self.env["coordination.department"].with_user(coordinator_b).search([]), cutting_b
        )
        checkin_b = self.env["coordination.checkin"].create({"department_id": cutting_b.id})
        self.assertNotIn(
            checkin_b, self.env["coordination.checkin"].with_user(self.coordinator).search([])
        )
