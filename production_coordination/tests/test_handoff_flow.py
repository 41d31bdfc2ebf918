# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import RouteCase


class TestHandoffFlow(RouteCase):
    def _finish(self, workorders, user):
        for workorder in workorders:
            workorder.with_user(user).button_start()
            workorder.with_user(user).button_finish()

    def test_legs_follow_the_shop_floor(self):
        production = self._make_mo()
        cutting, assembly, quality = (
            self._leg(production, d) for d in (self.cutting, self.assembly, self.quality)
        )
        # Starting a work order of a ready leg accepts and starts it.
        self._wo(production, "Cut").with_user(self.alice).button_start()
        self.assertEqual(cutting.state, "in_progress")
        self.assertTrue(cutting.date_started)
        self.assertEqual(assembly.state, "waiting")
        # Finishing the leg's last work order completes it and hands off to Assembly.
        self._finish(self._wo(production, "Cut"), self.alice)
        self.assertEqual(cutting.state, "in_progress")
        self._finish(self._wo(production, "Drill"), self.bob)
        self.assertEqual(cutting.state, "done")
        self.assertTrue(cutting.date_done)
        self.assertEqual(assembly.state, "ready")
        self.assertEqual(production.coordination_current_handoff_id, assembly)
        # The receiving department's people are notified on the MO.
        handoff_message = production.message_ids.filtered(
            lambda m: self.anna.partner_id in m.partner_ids
        )
        self.assertTrue(handoff_message)
        self.assertIn(self.sup_asm.partner_id, handoff_message[0].partner_ids)

        assembly.with_user(self.sup_asm).action_accept()
        self.assertEqual(assembly.state, "in_progress")
        self._finish(self._wo(production, "Assemble"), self.anna)
        self.assertEqual(assembly.state, "done")
        self.assertEqual(quality.state, "ready")

    def test_accept_is_for_the_receiving_supervisor(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        with self.assertRaises(AccessError):
            cutting.with_user(self.alice).action_accept()
        with self.assertRaises(AccessError):
            cutting.with_user(self.sup_asm).action_accept()
        assembly = self._leg(production, self.assembly)
        with self.assertRaises(UserError):
            assembly.with_user(self.sup_asm).action_accept()  # still waiting for Cutting
        cutting.with_user(self.sup_cut).action_accept()
        self.assertEqual(cutting.state, "in_progress")
        self.assertTrue(cutting.with_user(self.sup_cut).can_block)
        self.assertFalse(cutting.with_user(self.sup_asm).can_block)

    def test_block_needs_a_reason_and_the_department(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        with self.assertRaises(UserError):
            cutting.with_user(self.alice)._block("  ")
        with self.assertRaises(AccessError):
            cutting.with_user(self.anna)._block("Not my department")
        action = cutting.with_user(self.alice).action_open_block_wizard()
        with Form(
            self.env[action["res_model"]].with_user(self.alice).with_context(**action["context"])
        ) as wizard:
            wizard.reason = "Saw blade broken"
        wizard.record.action_apply()
        self.assertEqual(cutting.state, "blocked")
        self.assertEqual(cutting.blocked_from_state, "ready")
        self.assertEqual(cutting.blocked_by_id, self.alice)
        self.assertTrue(cutting.date_blocked)
        self.assertIn("Saw blade broken", production.message_ids[0].body)
        # Nobody starts the work of a blocked leg.
        with self.assertRaises(UserError):
            self._wo(production, "Cut").with_user(self.bob).button_start()
        with self.assertRaises(AccessError):
            cutting.with_user(self.anna)._unblock("Fixed")
        with self.assertRaises(UserError):
            cutting.with_user(self.bob)._unblock("")
        cutting.with_user(self.bob)._unblock("Blade replaced")
        self.assertEqual(cutting.state, "ready")
        self.assertFalse(cutting.block_reason)

    def test_block_waiting_leg_then_handed_off_meanwhile(self):
        production = self._make_mo()
        assembly = self._leg(production, self.assembly)
        assembly.with_user(self.coordinator)._block("Jig missing")
        self.assertEqual(assembly.blocked_from_state, "waiting")
        self._finish(self._wo(production, "Cut") | self._wo(production, "Drill"), self.alice)
        self.assertEqual(assembly.state, "blocked")
        self.assertEqual(assembly.blocked_from_state, "ready")
        assembly.with_user(self.anna)._unblock("Jig found")
        self.assertEqual(assembly.state, "ready")

    def test_cancel_mo_cancels_open_legs(self):
        production = self._make_mo()
        self._finish(self._wo(production, "Cut") | self._wo(production, "Drill"), self.alice)
        production.action_cancel()
        states = {leg.department_id: leg.state for leg in production.coordination_handoff_ids}
        self.assertEqual(
            states, {self.cutting: "done", self.assembly: "cancel", self.quality: "cancel"}
        )
        self.assertTrue(self._leg(production, self.cutting).date_done)

    def test_progress_is_done_over_expected_duration(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        self.assertEqual(cutting.duration_expected, 90.0)
        self._log_time(self._wo(production, "Cut"), 45)
        self.assertAlmostEqual(cutting.progress, 50.0, places=1)

    def test_complete_only_when_the_work_is_done(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        with self.assertRaises(UserError):
            cutting.with_user(self.sup_cut).action_complete()  # its work orders are open
        with self.assertRaises(AccessError):
            cutting.with_user(self.alice).action_complete()
        self.assertFalse(cutting.with_user(self.sup_cut).can_complete)

    def test_leg_without_work_orders_completes_manually_or_with_its_mo(self):
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "product_qty": 1,
                "sequence": 100,
                "bom_line_ids": [(0, 0, {"product_id": self.component.id, "product_qty": 1})],
            }
        )
        self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        ).manu_type_id.coordination_department_id = self.assembly
        first = self._make_mo(bom=bom)
        leg = self._leg(first, self.assembly)
        self.assertTrue(leg.with_user(self.sup_asm).can_complete)
        leg.with_user(self.sup_asm).action_complete()
        self.assertEqual(leg.state, "done")

        second = self._make_mo(bom=bom)
        with Form(second) as form:
            form.qty_producing = 1
        second.button_mark_done()
        self.assertEqual(second.state, "done")
        self.assertEqual(self._route(second), [("TASM", "done")])

    def test_staff_without_manufacturing_rights_work_from_their_queue(self):
        production = self._make_mo()
        self._finish(
            self._wo(production, "Cut")
            | self._wo(production, "Drill")
            | self._wo(production, "Assemble"),
            self.coordinator,
        )
        inspect = self._wo(production, "Inspect").with_user(self.quentin)
        self.assertEqual(inspect.coordination_user_id, self.quentin)
        # Quentin sees his department's work orders and no other.
        visible = (
            self.env["mrp.workorder"]
            .with_user(self.quentin)
            .search([("production_id", "=", production.id)])
        )
        self.assertEqual(visible, inspect)
        inspect.action_coordination_start()
        self.assertEqual(inspect.state, "progress")
        self.assertEqual(inspect.time_ids.user_id, self.quentin)
        self.assertEqual(self._leg(production, self.quality).state, "in_progress")
        inspect.action_coordination_finish()
        self.assertEqual(self._leg(production, self.quality).state, "done")
        # Somebody else's work order: refused, naming its assignee.
        other = self._make_mo()
        cut = self._wo(other, "Cut")
        colleague = (self.alice | self.bob) - cut.coordination_user_id
        with self.assertRaises(AccessError):
            cut.with_user(colleague).action_coordination_start()
        # Another department's work orders are not even visible to Quentin.
        self.assertFalse(
            self.env["mrp.workorder"].with_user(self.quentin).search([("id", "=", cut.id)])
        )
