# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ProtectedCase


@tagged("post_install", "-at_install")
class TestActionAccess(ProtectedCase):
    """Every action refuses early, with an AccessError naming it, the roles that may not do
    it: before it rebuilds anything, reports success or returns a window or download that
    would then be refused."""

    def assertRefusedAction(self, records, method, phrase, *args):
        with self.assertRaises(AccessError) as caught:
            getattr(records, method)(*args)
        self.assertIn(phrase, str(caught.exception))

    def test_workcenter_load_refresh_is_for_coordinators(self):
        Load = self.env["coordination.workcenter.load"]
        self._make_mo()
        Load.with_user(self.coordinator).with_context(queue_job__no_delay=True).action_refresh()
        rows = Load.search([("workcenter_id", "=", self.wc_saw.id)])
        for user in (self.sup_cut, self.alice, self.quentin, self.plain, self.buyer):
            with self.subTest(user=user.login):
                self.assertRefusedAction(
                    Load.with_user(user), "action_refresh", "refresh the work center load"
                )
        self.assertTrue(rows.exists())

    def test_block_wizard_refuses_handoffs_the_user_cannot_read(self):
        production = self._make_mo()
        assembly = self._leg(production, self.assembly)
        # Alice (Cutting) is handed Assembly's leg: refused, nothing blocked.
        wizard = (
            self.env["coordination.handoff.block.wizard"]
            .with_user(self.alice)
            .create(
                {
                    "handoff_ids": [Command.set(assembly.ids)],
                    "mode": "block",
                    "reason": "Not mine",
                }
            )
        )
        self.assertRefusedAction(wizard, "action_apply", "block these handoffs")
        self.assertEqual(assembly.state, "waiting")
        # Her own leg, through the same wizard, is blocked.
        cutting = self._leg(production, self.cutting)
        wizard.write({"handoff_ids": [Command.set(cutting.ids)]})
        wizard.action_apply()
        self.assertEqual(cutting.state, "blocked")

    def test_status_report_refused_to_buyers_before_the_download(self):
        Dashboard = self.env["coordination.dashboard"].with_user(self.buyer)
        # The buyer has the materials part of the dashboard...
        self.assertTrue(Dashboard.get_dashboard_data({})["sections"]["materials"])
        # ... not the status report: refused by the actions, as by the download itself.
        self.assertRefusedAction(
            Dashboard, "action_status_report_xlsx", "download the status report", {}
        )
        self.assertRefusedAction(
            Dashboard, "action_status_report_pdf", "print the status report", {}
        )
        with self.assertRaises(AccessError):
            self.env["coordination.status.report"].with_user(self.buyer)._build_xlsx({})
        # The XLSX report itself (report_xlsx, /report/xlsx/...) checks again.
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.buyer)._render(
                "production_coordination.status_report_xlsx", None, {"filters": {}}
            )
        # Department staff download theirs: the XLSX report of their filters.
        action = (
            self.env["coordination.dashboard"].with_user(self.alice).action_status_report_xlsx({})
        )
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "production_coordination.status_report_xlsx")

    def test_status_report_wizard_refuses_companies_the_user_cannot_see(self):
        other_company = self.env["res.company"].create({"name": "T-Other Works"})
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.alice)
            .create({"company_ids": [Command.set(other_company.ids)]})
        )
        # Not a report on her own company instead: refused.
        with self.assertRaises(AccessError):
            wizard.action_download_xlsx()
        with self.assertRaises(AccessError):
            wizard.action_print_pdf()

    def test_checkin_submit_refused_to_staff_before_anything_else(self):
        checkin = self.env["coordination.checkin"].create({"department_id": self.cutting.id})
        # No status yet: staff are still told they may not submit, not what is missing.
        self.assertRefusedAction(checkin.with_user(self.alice), "action_submit", "submit")
        other = checkin.with_user(self.sup_asm)  # supervisor of another department
        other.invalidate_recordset()
        with self.assertRaises(AccessError):
            other.action_submit()
        self.assertEqual(checkin.state, "requested")

    def test_actions_on_records_the_user_cannot_read(self):
        production = self._make_mo()
        assembly = self._leg(production, self.assembly)
        cut = self._wo(production, "Cut")
        cut_state = cut.state
        cases = [
            # Staff of Cutting on Assembly's leg, a buyer or a plain user on a department.
            (assembly.with_user(self.alice), "action_accept", "accept these handoffs"),
            (assembly.with_user(self.alice), "action_open_production", "open the manufacturing"),
            (assembly.with_user(self.alice), "action_open_workorders", "open the work orders"),
            (self.cutting.with_user(self.buyer), "action_open_queue", "open the queue"),
            (self.cutting.with_user(self.plain), "action_open_handoffs", "open the handoffs"),
            (self.cutting.with_user(self.buyer), "action_open_checkins", "open the check-ins"),
            # Quentin (Quality, no Manufacturing rights) on Cutting's work order.
            (cut.with_user(self.quentin), "action_coordination_start", "start these work"),
            (cut.with_user(self.quentin), "action_coordination_finish", "finish these work"),
            (production.with_user(self.buyer), "action_coordination_open_handoffs", "route"),
        ]
        for records, method, phrase in cases:
            with self.subTest(method=method, user=records.env.user.login):
                records.invalidate_recordset()
                self.assertRefusedAction(records, method, phrase)
        self.assertEqual(assembly.state, "waiting")
        self.assertEqual(cut.state, cut_state)

    def test_coordinator_actions_per_role(self):
        production = self._make_mo()
        workcenters = self.wc_saw
        for user in (self.sup_cut, self.alice, self.quentin, self.buyer, self.plain):
            mo = production.with_user(user)
            with self.subTest(user=user.login):
                for method in (
                    "action_coordination_expedite",
                    "action_coordination_override_rank",
                    "action_coordination_remove_rank_override",
                    "action_coordination_revise_date",
                ):
                    with self.assertRaises(AccessError):
                        getattr(mo, method)()
        # Replan: the preview for supervisors and coordinators, applying for coordinators.
        for user in (self.alice, self.quentin, self.buyer, self.plain):
            with self.subTest(user=user.login):
                self.assertRefusedAction(
                    workcenters.with_user(user),
                    "action_coordination_replan",
                    "replan work orders by priority",
                )
        self.assertTrue(workcenters.with_user(self.sup_asm).action_coordination_replan())
        # A coordinator of another company: not on this company's MOs.
        other_company = self.env["res.company"].create({"name": "T-Other Works"})
        stranger = self.other_coordinator
        stranger.write(
            {"company_ids": [Command.set(other_company.ids)], "company_id": other_company.id}
        )
        self.assertRefusedAction(
            production.with_user(stranger),
            "action_coordination_expedite",
            "expedite these manufacturing orders",
        )
        # Through the wizard: the orders it cannot read are refused, not skipped.
        wizard = (
            self.env["coordination.expedite.wizard"]
            .with_user(stranger)
            .create(
                {
                    "production_ids": [Command.set(production.ids)],
                    "mode": "expedite",
                    "reason": "Not mine",
                }
            )
        )
        self.assertRefusedAction(wizard, "action_apply", "expedite these manufacturing orders")
        self.assertFalse(production.coordination_is_expedited)

    def test_vendor_followup_and_forecast_refused_to_outsiders(self):
        vendor = self.env["res.partner"].create({"name": "T-Vendor"})
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [Command.create({"product_id": self.component.id})],
            }
        )
        for user in (self.plain, self.alice):
            with self.subTest(user=user.login):
                self.assertRefusedAction(
                    order.with_user(user),
                    "action_coordination_vendor_followup",
                    "follow up late deliveries",
                )
        self.assertEqual(
            order.with_user(self.buyer).action_coordination_vendor_followup()["res_model"],
            "mail.compose.message",
        )
        project = self.company._coordination_get_procurement_project()
        task = self.env["project.task"].create(
            {
                "name": "T-Tube short",
                "project_id": project.id,
                "coordination_product_id": self.component.id,
                "coordination_warehouse_id": self.env["stock.warehouse"]
                .search([("company_id", "=", self.company.id)], limit=1)
                .id,
            }
        )
        self.assertRefusedAction(
            task.with_user(self.plain), "action_coordination_open_forecast", "forecast"
        )
        self.assertRefusedAction(
            task.with_user(self.plain), "action_coordination_create_rfq", "request for quotation"
        )
        self.assertTrue(task.with_user(self.buyer).action_coordination_open_forecast())
