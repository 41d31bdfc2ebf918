# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ProtectedCase


@tagged("post_install", "-at_install")
class TestProtectedFields(ProtectedCase):
    """States, authors, audit fields and what the engines maintain change only through their
    actions: the real roles writing them over RPC are refused; the actions still set them."""

    def test_handoff_state_only_through_its_actions(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        leg = cutting.with_user(self.coordinator)
        self.assertRefused(leg, {"state": "done"})
        self.assertRefused(leg, {"date_done": fields.Datetime.now()})
        self.assertRefused(leg, {"blocked_by_id": self.alice.id})
        self.assertRefused(leg, {"department_id": self.quality.id})
        self.assertRefused(leg, {"sequence": 99})
        with self.assertRaises(AccessError):
            self.env["coordination.handoff"].with_user(self.coordinator).create(
                {
                    "production_id": production.id,
                    "department_id": self.quality.id,
                    "state": "done",
                }
            )
        with self.assertRaises(AccessError):
            production.with_user(self.coordinator).write(
                {
                    "coordination_handoff_ids": [
                        Command.update(cutting.id, {"state": "done"}),
                    ]
                }
            )
        # The actions still move it, with their date and chatter note.
        leg.action_accept()
        self.assertEqual(cutting.state, "in_progress")
        self.assertTrue(cutting.date_started)
        cutting.with_user(self.alice)._block("Saw blade broken")
        self.assertEqual(cutting.blocked_by_id, self.alice)
        cutting.with_user(self.sup_cut)._unblock("New blade")
        self.assertEqual(cutting.state, "in_progress")

    def test_date_revision_author_and_dates_only_through_revise(self):
        production = self._make_mo()
        production.move_finished_ids.date_deadline = datetime(2031, 3, 10, 16, 0)
        self.assertEqual(production.coordination_date_committed, datetime(2031, 3, 10, 16, 0))
        Revision = self.env["coordination.date.revision"].with_user(self.coordinator)
        for vals in (
            {"user_id": self.other_coordinator.id},
            {"date_old": datetime(2031, 1, 1)},
            {},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Revision.create(
                    {
                        "production_id": production.id,
                        "date_new": datetime(2031, 3, 20, 16, 0),
                        "reason": "Customer asked",
                        **vals,
                    }
                )
        self.assertRefused(
            production.with_user(self.coordinator),
            {"coordination_date_committed_manual": datetime(2031, 3, 20, 16, 0)},
        )
        action = production.with_user(self.coordinator).action_coordination_revise_date()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        ) as wizard:
            wizard.date_new = datetime(2031, 3, 20, 16, 0)
            wizard.reason = "Paint shop closed a week"
        wizard.record.action_apply()
        revision = production.coordination_date_revision_ids
        self.assertEqual(revision.user_id, self.coordinator)
        self.assertEqual(revision.date_old, datetime(2031, 3, 10, 16, 0))
        self.assertEqual(production.coordination_date_committed, datetime(2031, 3, 20, 16, 0))
        # The revision itself is never rewritten.
        self.assertRefused(revision.with_user(self.coordinator), {"user_id": self.alice.id})
        self.assertRefused(
            revision.with_user(self.coordinator), {"date_new": datetime(2031, 4, 1, 16, 0)}
        )

    def test_expedite_audit_only_through_expedite(self):
        production = self._make_mo()
        mo = production.with_user(self.coordinator)
        self.assertRefused(mo, {"coordination_is_expedited": True})
        self.assertRefused(mo, {"coordination_expedited_by_id": self.other_coordinator.id})
        self.assertRefused(mo, {"coordination_date_expedited": fields.Datetime.now()})
        # A manufacturing user (Odoo's rights to write MOs) neither.
        self.assertRefused(
            production.with_user(self.sup_cut), {"coordination_expedite_reason": "Because"}
        )
        action = mo.action_coordination_expedite()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        ) as wizard:
            wizard.reason = "Customer line stopped"
        wizard.record.action_apply()
        self.assertTrue(production.coordination_is_expedited)
        self.assertEqual(production.coordination_expedited_by_id, self.coordinator)
        self.assertTrue(production.coordination_date_expedited)

    def test_rank_and_scores_only_through_the_refresh_and_the_override(self):
        production = self._make_mo()
        for user in (self.coordinator, self.sup_cut):
            mo = production.with_user(user)
            self.assertRefused(mo, {"coordination_rank": 1})
            self.assertRefused(mo, {"coordination_priority_score": 999})
            self.assertRefused(mo, {"coordination_readiness": "ready"})
            self.assertRefused(mo, {"coordination_rank_override": 1})
            self.assertRefused(mo, {"coordination_rank_override_by_id": self.other_coordinator.id})
            self.assertRefused(mo, {"coordination_current_department_id": self.quality.id})
        production.with_user(self.coordinator)._coordination_set_rank_override(1, "Trade fair")
        self.assertEqual(production.coordination_rank_override, 1)
        self.assertEqual(production.coordination_rank_override_by_id, self.coordinator)
        production.with_user(self.coordinator).action_coordination_remove_rank_override()
        self.assertFalse(production.coordination_rank_override_by_id)
        # Odoo's own fields stay Odoo's.
        production.with_user(self.sup_cut).write({"priority": "1"})
        self.assertEqual(production.priority, "1")

    def test_work_order_department_and_rank_follow_the_route(self):
        production = self._make_mo()
        cut = self._wo(production, "Cut").with_user(self.sup_cut)
        self.assertRefused(cut, {"coordination_department_id": self.quality.id})
        self.assertRefused(cut, {"coordination_handoff_id": self._leg(production, self.quality).id})
        self.assertRefused(cut, {"coordination_rank": 1})
        self.assertRefused(cut, {"coordination_is_expedited": True})
        # Supervisors still assign their department's work orders.
        cut.write({"coordination_user_id": self.bob.id})
        self.assertEqual(cut.coordination_user_id, self.bob)

    def test_checkin_state_and_progress_only_through_submit(self):
        production = self._make_mo()
        leg = self._leg(production, self.cutting)
        Checkin = self.env["coordination.checkin"].with_user(self.sup_cut)
        for vals in (
            {"state": "submitted"},
            {"date_submitted": fields.Datetime.now()},
            {"progress_computed": 80},
            {"date_requested": datetime(2020, 1, 1)},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Checkin.create({"department_id": self.cutting.id, **vals})
        checkin = Checkin.create({"department_id": self.cutting.id})
        self.assertEqual(checkin.handoff_ids, leg)
        self.assertRefused(checkin, {"state": "submitted"})
        self.assertRefused(checkin, {"progress_computed": 80})
        self.assertRefused(checkin, {"has_progress_gap": True})
        checkin.write({"progress_reported": 50, "status": "at_risk"})
        checkin.action_submit()
        self.assertEqual(checkin.state, "submitted")
        self.assertTrue(checkin.date_submitted)
        computed = checkin.progress_computed
        # Submitted: what it reports is kept, so is the progress taken then.
        self._log_time(self._wo(production, "Cut"), 60)
        self.assertRefused(checkin, {"progress_reported": 90})
        self.assertRefused(checkin, {"handoff_ids": [Command.clear()]})
        self.assertRefused(checkin, {"status": "on_track"})
        checkin.invalidate_recordset()
        self.assertEqual(checkin.progress_computed, computed)
        with self.assertRaises(UserError):
            checkin.with_user(self.coordinator).unlink()

    def test_engine_rows_are_not_written_directly(self):
        self._make_mo()
        Load = self.env["coordination.workcenter.load"].with_user(self.coordinator)
        Load.with_context(queue_job__no_delay=True).action_refresh()
        row = Load.search([("workcenter_id", "=", self.wc_saw.id)], limit=1)
        self.assertTrue(row)
        self.assertRefused(row, {"planned_minutes": 0})
        self.assertRefused(row, {"is_overloaded": False})
        with self.assertRaises(AccessError):
            Load.create(
                {
                    "company_id": self.company.id,
                    "workcenter_id": self.wc_saw.id,
                    "date_week": row.date_week + timedelta(weeks=20),
                    "planned_minutes": 1,
                }
            )
        suggestion = self.env["coordination.redundancy"].create(
            {"kind": "merge", "key": "test-protected", "company_id": self.company.id}
        )
        self.assertRefused(suggestion.with_user(self.coordinator), {"minutes_saved": 600})

    def test_low_stock_task_figures_only_through_the_scan(self):
        project = self.company._coordination_get_procurement_project()
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)])[:1]
        task = self.env["project.task"].create(
            {
                "name": "T-Tube short",
                "project_id": project.id,
                "coordination_product_id": self.component.id,
                "coordination_warehouse_id": warehouse.id,
                "coordination_shortage_qty": 5,
            }
        )
        line = self.env["coordination.shortage.line"].create(
            {"task_id": task.id, "production_name": "MO/1", "qty_missing": 5}
        )
        buyer_task = task.with_user(self.buyer)
        self.assertRefused(buyer_task, {"coordination_shortage_qty": 0})
        self.assertRefused(buyer_task, {"coordination_severity": "normal"})
        self.assertRefused(buyer_task, {"coordination_vendor_id": self.buyer.partner_id.id})
        self.assertRefused(buyer_task, {"coordination_purchase_id": False})
        self.assertRefused(line.with_user(self.coordinator), {"qty_missing": 0})
        # The buyer still works the task: stage, assignees.
        buyer_task.write({"user_ids": [Command.link(self.buyer.id)]})
        self.assertIn(self.buyer, task.user_ids)
        # A project manager neither turns a task into a low-stock task nor a project into the
        # procurement project.
        other = self.env["project.project"].create({"name": "Other project"})
        with self.assertRaises(AccessError):
            self.env["project.task"].with_user(self.project_manager).create(
                {
                    "name": "Fake",
                    "project_id": other.id,
                    "coordination_product_id": self.product.id,
                }
            )
        self.assertRefused(
            other.with_user(self.project_manager), {"coordination_is_procurement": True}
        )
        # Duplicating an ordinary task still works.
        plain_task = self.env["project.task"].create({"name": "Plain", "project_id": other.id})
        self.assertTrue(plain_task.with_user(self.project_manager).copy())

    def test_purchase_risk_only_through_the_scan_and_confirmation(self):
        vendor = self.env["res.partner"].create({"name": "T-Vendor"})
        order = (
            self.env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": vendor.id,
                    "order_line": [
                        Command.create({"product_id": self.component.id, "product_qty": 3})
                    ],
                }
            )
        )
        line = order.order_line
        self.assertRefused(line, {"coordination_delivery_risk": "on_time"})
        self.assertRefused(line, {"coordination_date_promised": datetime(2031, 1, 1)})
        self.assertRefused(line, {"coordination_production_names": "MO/1"})
        self.assertRefused(order, {"coordination_delivery_risk": "late"})
        order.button_confirm()
        self.assertEqual(line.coordination_date_promised, line.date_planned)
        # Odoo's own fields stay the buyer's.
        line.write({"name": "T-Tube, blue"})
        self.assertEqual(line.name, "T-Tube, blue")


@tagged("post_install", "-at_install")
class TestDeletionGuards(ProtectedCase):
    """Deleting what carries the history of the work done is refused: archive or cancel."""

    def test_department_with_history_is_archived_not_deleted(self):
        production = self._make_mo()
        self.assertTrue(self._leg(production, self.quality))
        with self.assertRaises(UserError) as caught:
            self.quality.with_user(self.coordinator).unlink()
        self.assertIn(self.quality.name, str(caught.exception))
        # Check-ins alone (no handoff) are history too: they would go with the department.
        spare = self.env["coordination.department"].create({"name": "T-Spare", "code": "TSPR"})
        self.env["coordination.checkin"].create({"department_id": spare.id})
        with self.assertRaises(UserError):
            spare.with_user(self.coordinator).unlink()
        spare.with_user(self.coordinator).action_archive()
        unused = self.env["coordination.department"].create({"name": "T-Unused", "code": "TUN"})
        unused.with_user(self.coordinator).unlink()
        self.assertFalse(unused.exists())

    def test_started_leg_and_its_cancelled_mo_are_kept(self):
        production = self._make_mo()
        cutting = self._leg(production, self.cutting)
        cutting.with_user(self.sup_cut).action_accept()
        with self.assertRaises(UserError):
            cutting.with_user(self.coordinator).unlink()
        production.with_user(self.coordinator).action_cancel()
        with self.assertRaises(UserError) as caught:
            production.with_user(self.coordinator).unlink()
        self.assertIn(production.name, str(caught.exception))
        self.assertTrue(cutting.exists())
        # A cancelled MO nobody worked on still goes, as in Odoo.
        untouched = self._make_mo()
        untouched.with_user(self.coordinator).action_cancel()
        untouched.with_user(self.coordinator).unlink()
        self.assertFalse(untouched.exists())
