# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_SUPERVISOR, GROUP_USER, PURCHASE_USER
from .common_materials import MaterialsCase


@tagged("post_install", "-at_install")
class TestWhoReadsWhat(MaterialsCase):
    """Blocked orders of low-stock tasks, committed-date revisions and redundancy suggestions
    name manufacturing orders: each role reads those of its departments' orders, its tasks, or
    all of them, as the README's access matrix says.

    Two departments: Cutting runs the saw, Welding the welder; one order passes through each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups, name):
            return cls._user(login, groups, name, company=cls.company)

        cls.cutter = user("pci_cutter", GROUP_USER, "Cid Cutter")
        cls.welding_supervisor = user("pci_weld_sup", GROUP_SUPERVISOR, "Wanda Welding")
        # A crew user of the media addon is a coordination user in no department.
        cls.crew = user("pci_crew", GROUP_USER, "Cary Crew")
        cls.staff_buyer = user("pci_staff_buyer", f"{GROUP_USER},{PURCHASE_USER}", "Sam Both")
        Workcenter = cls.env["mrp.workcenter"]
        cls.saw = Workcenter.create({"name": "I-Saw", "company_id": cls.company.id})
        cls.welder = Workcenter.create({"name": "I-Welder", "company_id": cls.company.id})
        Department = cls.env["coordination.department"]
        cls.cutting = Department.create(
            {
                "name": "I-Cutting",
                "code": "ICUT",
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.cutter | cls.staff_buyer).ids)],
                "workcenter_ids": [Command.set(cls.saw.ids)],
            }
        )
        cls.welding = Department.create(
            {
                "name": "I-Welding",
                "code": "IWLD",
                "company_id": cls.company.id,
                "supervisor_id": cls.welding_supervisor.id,
                "workcenter_ids": [Command.set(cls.welder.ids)],
            }
        )
        cls.bom_cut, cls.bom_weld = (
            cls.env["mrp.bom"].create(
                {
                    "product_tmpl_id": cls.product.product_tmpl_id.id,
                    "company_id": cls.company.id,
                    "bom_line_ids": [
                        Command.create({"product_id": cls.component.id, "product_qty": 2})
                    ],
                    "operation_ids": [
                        Command.create(
                            {"name": name, "workcenter_id": wc.id, "time_cycle_manual": 10}
                        )
                    ],
                }
            )
            for name, wc in (("Cut", cls.saw), ("Weld", cls.welder))
        )

    def setUp(self):
        super().setUp()
        self.cut_mo = self._make_mo(2, 3, bom_id=self.bom_cut.id)
        self.weld_mo = self._make_mo(2, 4, bom_id=self.bom_weld.id)
        self.assertEqual(self.cut_mo.coordination_handoff_ids.department_id, self.cutting)
        self.assertEqual(self.weld_mo.coordination_handoff_ids.department_id, self.welding)
        self.env.invalidate_all()

    def _lines_seen_by(self, user):
        lines = self.env["coordination.shortage.line"].with_user(user).search([])
        return set(lines.mapped("production_name"))

    def test_blocked_orders_of_low_stock_tasks(self):
        self._scan()
        task = self._tasks()
        both = {self.cut_mo.name, self.weld_mo.name}
        self.assertEqual(set(task.coordination_line_ids.mapped("production_name")), both)
        self.env.invalidate_all()
        # Staff and supervisors: their departments' orders; a crew user: none.
        self.assertEqual(self._lines_seen_by(self.cutter), {self.cut_mo.name})
        self.assertEqual(self._lines_seen_by(self.welding_supervisor), {self.weld_mo.name})
        self.assertEqual(self._lines_seen_by(self.crew), set())
        weld_line = task.coordination_line_ids.filtered(
            lambda line: line.production_name == self.weld_mo.name
        )
        with self.assertRaises(AccessError):
            weld_line.with_user(self.cutter).read(["qty_missing"])
        # Buyers: those of every low-stock task (a buyer in a department too).
        self.assertEqual(self._lines_seen_by(self.buyer), both)
        self.assertEqual(self._lines_seen_by(self.staff_buyer), both)
        # Project users: those of the tasks Odoo shows them (invited to the project).
        self.assertEqual(self._lines_seen_by(self.project_user), set())
        self.project.message_subscribe(self.project_user.partner_id.ids)
        self.assertEqual(self._lines_seen_by(self.project_user), both)
        # Coordinators: all.
        self.assertEqual(self._lines_seen_by(self.coordinator), both)

    def test_committed_date_revisions(self):
        for production in (self.cut_mo, self.weld_mo):
            production.with_user(self.coordinator)._coordination_revise_committed_date(
                self._now() + timedelta(days=20), f"Reason for {production.name}"
            )
        self.env.invalidate_all()
        Revision = self.env["coordination.date.revision"]

        def seen_by(user):
            return set(Revision.with_user(user).search([]).mapped("reason"))

        self.assertEqual(seen_by(self.cutter), {f"Reason for {self.cut_mo.name}"})
        self.assertEqual(seen_by(self.welding_supervisor), {f"Reason for {self.weld_mo.name}"})
        self.assertEqual(seen_by(self.crew), set())
        with self.assertRaises(AccessError):
            self.weld_mo.coordination_date_revision_ids.with_user(self.cutter).read(["reason"])
        self.assertEqual(len(seen_by(self.coordinator)), 2)

    def test_redundancy_suggestions(self):
        """Supervisors without Manufacturing rights read the suggestions about their
        departments' orders; with the rights (they read every order in Odoo), all."""
        Redundancy = self.env["coordination.redundancy"]
        suggestions = Redundancy.create(
            [
                {
                    "kind": "merge",
                    "key": f"test-{production.id}",
                    "company_id": self.company.id,
                    "product_id": self.product.id,
                    "production_ids": [Command.set(production.ids)],
                }
                for production in (self.cut_mo, self.weld_mo)
            ]
        )
        self.env.invalidate_all()
        seen = Redundancy.with_user(self.welding_supervisor).search([("id", "in", suggestions.ids)])
        self.assertEqual(seen, suggestions[1])
        with self.assertRaises(AccessError):
            suggestions[0].with_user(self.welding_supervisor).read(["product_qty"])
        self.welding_supervisor.groups_id = [Command.link(self.env.ref("mrp.group_mrp_user").id)]
        seen = Redundancy.with_user(self.welding_supervisor).search([("id", "in", suggestions.ids)])
        self.assertEqual(seen, suggestions)
        self.assertEqual(
            Redundancy.with_user(self.coordinator).search([("id", "in", suggestions.ids)]),
            suggestions,
        )


@tagged("post_install", "-at_install")
class TestLowStockTaskCompany(MaterialsCase):
    def test_buyer_cannot_move_a_task_to_another_company(self):
        other_company = self.env["res.company"].create({"name": "Other Materials Plant"})
        self.buyer.company_ids = [Command.link(other_company.id)]
        other_project = other_company.coordination_procurement_project_id
        self._make_mo(2, 3)
        self._scan()
        task = (
            self._tasks()
            .with_user(self.buyer)
            .with_context(allowed_company_ids=(self.company | other_company).ids)
        )
        with self.assertRaises(UserError) as caught:
            task.write({"project_id": other_project.id, "company_id": other_company.id})
        self.assertIn(self.warehouse.name, str(caught.exception))
        with self.assertRaises(UserError):
            task.write({"company_id": other_company.id})
        with self.assertRaises(ValidationError):
            task.write({"project_id": False})
        self.assertEqual(task.project_id, self.project)
        self.assertEqual(task.company_id, self.company)
        # What buyers are for still works.
        task.write({"stage_id": self.project._coordination_get_stages()["ordered"].id})
