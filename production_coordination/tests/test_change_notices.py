# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import GROUP_MANAGER, MRP_USER, RouteCase
from .test_i18n import load_languages

MRP_MANAGER = "mrp.group_mrp_manager"
# Writing the notice of a BoM edit, with its order and its three departments' activities,
# however many lines changed (3 or 40): the notice and its lines, the orders and departments
# concerned, the three supervisors' activities (Odoo notifies each assignee by mail), the
# messages on the BoM and the order.
NOTICE_QUERIES = 159


@tagged("post_install", "-at_install")
class ChangeNoticeCase(RouteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The engineer who edits BoMs: Manufacturing administrator, no Coordination role.
        # (work orders enabled: the BoM form shows its operations)
        cls.engineer = cls._user(
            "pcn_engineer", f"{MRP_MANAGER},mrp.group_mrp_routings", "Eli Engineer"
        )
        cls.screws = cls._make_product("T-Screws")
        cls.Notice = cls.env["coordination.change.notice"]

    def _commit_changes(self):
        """What happens just before the commit: the notices of the changes collected."""
        self.env.cr.precommit.run()
        return self.Notice.search([("bom_id", "=", self.bom.id)])

    def _line(self, notice, productions):
        return notice.production_line_ids.filtered(lambda line: line.production_id in productions)

    def _ack(self, notice, department):
        return notice.department_line_ids.filtered(lambda line: line.department_id == department)


class TestChangeNoticeCreation(ChangeNoticeCase):
    def test_bom_edit_of_several_lines_makes_one_notice_with_the_diff(self):
        confirmed = self._make_mo()
        draft = self._make_mo(confirm=False)
        done = self._make_mo()
        done.qty_producing = 1
        done.with_context(skip_consumption=True).button_mark_done()
        self.assertEqual(done.state, "done")
        bom = self.bom.with_user(self.engineer)
        tube = bom.bom_line_ids
        bom.write(
            {
                "bom_line_ids": [
                    Command.update(tube.id, {"product_qty": 3}),
                    Command.create({"product_id": self.screws.id, "product_qty": 8}),
                ]
            }
        )
        # A second edit in the same transaction (another line removed) joins the same notice.
        bom.bom_line_ids.filtered(lambda line: line.product_id == self.screws).unlink()
        notice = self._commit_changes()
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.origin, "automatic")
        self.assertEqual(notice.create_uid, self.engineer)
        self.assertEqual(
            [(line.kind, line.value_before, line.value_after) for line in notice.line_ids],
            [
                ("component_changed", "1 Units", "3 Units"),
                ("component_added", "", "8 Units"),
                ("component_removed", "8 Units", ""),
            ],
        )
        self.assertEqual(notice.production_line_ids.production_id, confirmed | draft)
        # Components consumed by no operation in particular: every department of the BoM.
        self.assertEqual(
            notice.department_line_ids.department_id, self.cutting | self.assembly | self.quality
        )
        self.assertEqual(notice.state, "open")
        # Each supervisor has an activity; the BoM and the orders have the diff in their chatter.
        self.assertEqual(notice.activity_ids.user_id, self.sup_cut | self.sup_asm | self.sup_qc)
        for record in (self.bom, confirmed, draft):
            self.assertIn(notice.name, record.message_ids[0].body)
            self.assertIn("3 Units", record.message_ids[0].body)
        self.assertNotIn(notice.name, done.message_ids[0].body)
        # Nothing changed since: no second notice.
        self.env.cr.precommit.run()
        self.assertEqual(self.Notice.search_count([("bom_id", "=", self.bom.id)]), 1)

    def test_operation_edit_concerns_its_department_and_orders(self):
        production = self._make_mo()
        assemble = self.bom.operation_ids.filtered(lambda op: op.name == "Assemble")
        with Form(self.bom.with_user(self.engineer)) as form:
            with form.operation_ids.edit(2) as operation:
                self.assertEqual(operation.name, "Assemble")
                operation.time_cycle_manual = 120
        assemble.with_user(self.engineer).note = "<p>Use the new jig.</p>"
        notice = self._commit_changes()
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.operation_ids, assemble)
        self.assertEqual(notice.department_line_ids.department_id, self.assembly)
        self.assertEqual(notice.production_line_ids.production_id, production)
        self.assertEqual(
            [(line.kind, line.value_before, line.value_after) for line in notice.line_ids],
            [
                ("operation_changed", "90 min", "120 min"),
                ("operation_changed", "", "Use the new jig."),
            ],
        )

    def test_work_center_default_data_concerns_the_boms_using_it(self):
        production = self._make_mo()
        other_bom = self._make_bom(
            self._make_product("T-Stool"),
            [(self.component, 2)],
            [{"name": "Saw legs", "workcenter_id": self.wc_saw.id, "time_cycle_manual": 5}],
        )
        self.env.cr.precommit.run()  # the BoM was created: no notice for its first lines
        self.assertFalse(self.Notice.search([("bom_id", "=", other_bom.id)]))
        self.wc_saw.with_user(self.engineer).write({"time_start": 12, "time_efficiency": 100})
        notices = self.Notice.search([("bom_id", "in", (self.bom | other_bom).ids)])
        self.assertFalse(notices)
        self.env.cr.precommit.run()
        notices = self.Notice.search([("bom_id", "in", (self.bom | other_bom).ids)])
        # The BoM with an open order and the one without (its department is told): one each.
        self.assertEqual(notices.bom_id, self.bom | other_bom)
        notice = notices.filtered(lambda n: n.bom_id == self.bom)
        self.assertEqual(notice.line_ids.mapped("value_after"), ["12"])
        self.assertEqual(notice.department_line_ids.department_id, self.cutting)
        self.assertEqual(notice.production_line_ids.production_id, production)

    def test_notice_creation_queries_do_not_grow_with_lines(self):
        components = [self._make_product(f"T-Part {n}") for n in range(40)]
        operations = [
            {"name": wc.name, "workcenter_id": wc.id, "time_cycle_manual": 10}
            for wc in (self.wc_saw, self.wc_bench, self.wc_inspect)
        ]
        small = self._make_bom(self.product, [(c, 1) for c in components[:3]], operations)
        large = self._make_bom(self.product, [(c, 1) for c in components], operations)
        self.env.cr.precommit.run()
        for bom in (small, large):
            self._make_mo(bom=bom)
        counts = []
        # (the first notice also warms the caches: activity type, model ids)
        for qty, bom in enumerate((small, small, large, large), start=2):
            bom.with_user(self.engineer).write(
                {
                    "bom_line_ids": [
                        Command.update(line.id, {"product_qty": qty}) for line in bom.bom_line_ids
                    ]
                }
            )
            self.env.flush_all()
            self.env.invalidate_all()
            # (not assertQueryCount: it flushes the cursor first, which runs the precommit hook)
            before = self.cr.sql_log_count
            notices = self.Notice._create_pending_notices()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(notices), 1)
            self.assertEqual(len(notices.line_ids), len(bom.bom_line_ids))
            self.assertEqual(len(notices.department_line_ids), 3)
        self.assertEqual(counts[1:], [NOTICE_QUERIES] * 3, counts)


class TestChangeNoticePolicy(ChangeNoticeCase):
    def _orders_in_every_state(self):
        orders = {
            "draft": self._make_mo(confirm=False),
            "confirmed": self._make_mo(),
            "started": self._make_mo(),
            "partly_produced": self._make_mo(qty=4),
            "cancelled": self._make_mo(),
        }
        self._wo(orders["started"], "Cut").button_start()
        partly = orders["partly_produced"]
        partly.qty_producing = 1
        self._wo(partly, "Cut").button_start()
        split = self._make_mo(qty=2)
        action = split.action_split()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.counter = 2
        wizard.save().action_split()
        orders["split"] = split.procurement_group_id.mrp_production_ids
        self.assertEqual(len(orders["split"]), 2)
        return orders

    def _change_cut(self):
        cut = self.bom.operation_ids.filtered(lambda op: op.name == "Cut")
        cut.with_user(self.engineer).time_cycle_manual = 75
        notice = self._commit_changes()
        self.assertEqual(len(notice), 1)
        return notice

    def test_apply_updates_orders_not_started_and_keeps_the_others(self):
        orders = self._orders_in_every_state()
        notice = self._change_cut()
        self.assertEqual(
            notice.production_line_ids.production_id,
            orders["draft"]
            | orders["confirmed"]
            | orders["started"]
            | orders["partly_produced"]
            | orders["cancelled"]
            | orders["split"],
        )
        orders["cancelled"].action_cancel()
        coordinator = notice.with_user(self.coordinator)
        coordinator.policy = "apply"
        coordinator.action_apply_policy()
        outcome = {key: self._line(notice, mo).mapped("outcome") for key, mo in orders.items()}
        self.assertEqual(
            outcome,
            {
                "draft": ["updated"],
                "confirmed": ["updated"],
                "started": ["kept"],
                "partly_produced": ["kept"],
                "cancelled": ["closed"],
                "split": ["updated", "updated"],
            },
        )
        # Updated through Odoo's own Update BoM: the order no longer flags an outdated BoM.
        self.assertFalse(orders["confirmed"].is_outdated_bom)
        self.assertTrue(notice.date_policy)
        # Applied once: a second call changes nothing (no line left to decide).
        coordinator.action_apply_policy()
        self.assertEqual(self._line(notice, orders["started"]).outcome, "kept")

    def test_outcome_reasons_in_each_readers_language(self):
        """The coordinator applies the policy in Spanish: each reader reads why a started order
        kept the old method in their own language."""
        load_languages(self.env)
        started = self._make_mo()
        self._wo(started, "Cut").button_start()
        notice = self._change_cut()
        coordinator = notice.with_user(self.coordinator).with_context(lang="es_ES")
        coordinator.policy = "apply"
        coordinator.action_apply_policy()
        line = self._line(notice, started)
        expected = {
            "en_US": "Started: the work goes on with the old method.",
            "es_ES": "Iniciada: el trabajo continúa con el método anterior.",
            "pt_BR": "Iniciada: o trabalho continua com o método antigo.",
        }
        for code, text in expected.items():
            with self.subTest(lang=code):
                self.assertEqual(line.with_context(lang=code).outcome_message, text)

    def _split(self, production, counter=2):
        action = production.action_split()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.counter = counter
        wizard.save().action_split()
        return production.procurement_group_id.mrp_production_ids

    def test_splits_and_backorders_follow_the_notice(self):
        confirmed = self._make_mo(qty=2)
        started = self._make_mo(qty=3)
        self._wo(started, "Cut").button_start()
        notice = self._change_cut()
        # Split before the policy is applied: both halves wait for it, both carry the mark.
        halves = self._split(confirmed)
        self.assertEqual(len(halves), 2)
        self.assertEqual(self._line(notice, halves).mapped("outcome"), ["pending", "pending"])
        for half in halves:
            self.assertTrue(self._wo(half, "Cut").coordination_is_method_changed)
        notice.with_user(self.coordinator).write({"policy": "apply"})
        notice.with_user(self.coordinator).action_apply_policy()
        self.assertEqual(self._line(notice, halves).mapped("outcome"), ["updated", "updated"])
        # A backorder of the started order, after the policy: the old method, as its order.
        started.qty_producing = 1
        action = started.with_context(skip_consumption=True).button_mark_done()
        backorder_wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        backorder_wizard.save().action_backorder()
        backorder = started.procurement_group_id.mrp_production_ids - started
        self.assertEqual(len(backorder), 1)
        self.assertEqual(self._line(notice, backorder).outcome, "kept")
        self.assertTrue(self._wo(backorder, "Cut").coordination_is_method_changed)

    def test_keep_updates_drafts_only(self):
        orders = self._orders_in_every_state()
        notice = self._change_cut()
        notice.with_user(self.coordinator).write({"policy": "keep"})
        notice.with_user(self.coordinator).action_apply_policy()
        self.assertEqual(self._line(notice, orders["draft"]).outcome, "updated")
        self.assertEqual(self._line(notice, orders["confirmed"]).outcome, "kept")
        self.assertEqual(self._line(notice, orders["started"]).outcome, "kept")

    def test_policy_is_for_coordinators_and_must_be_chosen(self):
        self._make_mo()
        notice = self._change_cut()
        with self.assertRaises(UserError):
            notice.with_user(self.coordinator).action_apply_policy()
        self.assertFalse(notice.date_policy)
        notice.policy = "apply"
        with self.assertRaises(AccessError):
            notice.with_user(self.sup_cut).action_apply_policy()
        self.assertEqual(notice.production_line_ids.mapped("outcome"), ["pending"])


class TestChangeNoticeAcknowledgement(ChangeNoticeCase):
    def test_supervisor_acknowledges_for_their_department_only(self):
        production = self._make_mo()
        notice = self._change_operation("Cut", 75)
        cut_wo = self._wo(production, "Cut")
        # The department's staff see the mark on their work order, in the queue filter too.
        for user in (self.alice, self.sup_cut):
            workorder = cut_wo.with_user(user)
            self.assertTrue(workorder.coordination_is_method_changed)
            self.assertEqual(workorder.coordination_change_notice_ids, notice)
        # Every work order of the department on the order is marked (Drill is Cutting's too).
        drill_wo = self._wo(production, "Drill")
        self.assertTrue(drill_wo.coordination_is_method_changed)
        self.assertFalse(self._wo(production, "Assemble").coordination_is_method_changed)
        queue = self.env["mrp.workorder"].with_user(self.alice)
        self.assertEqual(
            queue.search(
                [
                    ("coordination_is_method_changed", "=", True),
                    ("production_id", "=", production.id),
                ]
            ),
            cut_wo | drill_wo,
        )
        leg = self._leg(production, self.cutting)
        self.assertTrue(leg.with_user(self.alice).is_method_changed)
        self.assertFalse(self._leg(production, self.assembly).is_method_changed)
        self.assertEqual(production.coordination_change_notice_pending_count, 1)
        # Another department's supervisor: cannot read it, cannot acknowledge it.
        with self.assertRaises(AccessError):
            notice.with_user(self.sup_qc).read(["name"])
        with self.assertRaises(AccessError):
            self._ack(notice, self.cutting).with_user(self.sup_qc).action_acknowledge()
        with self.assertRaises(UserError):
            notice.with_user(self.sup_asm).action_acknowledge()  # reads nothing of Assembly
        # Staff read it, but do not acknowledge.
        self.assertEqual(notice.with_user(self.alice).name, notice.name)
        with self.assertRaises(UserError):
            notice.with_user(self.alice).action_acknowledge()
        self.assertEqual(notice.state, "open")
        # The supervisor acknowledges: person and time recorded, activity done, mark gone.
        notice.with_user(self.sup_cut).action_acknowledge()
        ack = self._ack(notice, self.cutting)
        self.assertEqual(ack.state, "acknowledged")
        self.assertEqual(ack.acknowledged_by_id, self.sup_cut)
        self.assertTrue(ack.date_acknowledged)
        self.assertFalse(notice.activity_ids)
        self.assertEqual(notice.state, "acknowledged")
        cut_wo.invalidate_recordset()
        self.assertFalse(cut_wo.with_user(self.alice).coordination_is_method_changed)
        leg.invalidate_recordset()
        self.assertFalse(leg.is_method_changed)
        with self.assertRaises(UserError):
            ack.with_user(self.sup_cut).action_acknowledge()  # once

    def test_supervisor_of_another_concerned_department_cannot_acknowledge_for_it(self):
        self._make_mo()
        self.bom.bom_line_ids.with_user(self.engineer).product_qty = 2
        notice = self._commit_changes()
        self.assertEqual(
            notice.department_line_ids.department_id, self.cutting | self.assembly | self.quality
        )
        # Quinn (Quality) reads the notice, but acknowledges only for Quality.
        cutting = self._ack(notice, self.cutting).with_user(self.sup_qc)
        self.assertEqual(cutting.department_id, self.cutting)
        with self.assertRaises(AccessError):
            cutting.action_acknowledge()
        notice.with_user(self.sup_qc).action_acknowledge()
        self.assertEqual(
            notice.department_line_ids.mapped(lambda line: (line.department_id, line.state)),
            [
                (self.assembly, "pending"),
                (self.cutting, "pending"),
                (self.quality, "acknowledged"),
            ],
        )
        self.assertEqual(notice.state, "open")
        self.assertEqual(notice.activity_ids.user_id, self.sup_cut | self.sup_asm)

    def _change_operation(self, name, minutes):
        operation = self.bom.operation_ids.filtered(lambda op: op.name == name)
        operation.with_user(self.engineer).time_cycle_manual = minutes
        notice = self._commit_changes()
        self.assertEqual(len(notice), 1)
        return notice

    def test_starting_asks_to_confirm_the_notice_was_read(self):
        production = self._make_mo()
        notice = self._change_operation("Cut", 75)
        workorder = self._wo(production, "Cut")
        starter = workorder.coordination_user_id
        self.assertIn(starter, self.alice | self.bob)
        action = workorder.with_user(starter).action_coordination_start()
        self.assertEqual(action["res_model"], "coordination.change.notice.start.wizard")
        self.assertNotEqual(workorder.state, "progress")
        self.assertFalse(notice.start_ids)
        wizard = self.env[action["res_model"]].with_user(starter).browse(action["res_id"])
        self.assertEqual(wizard.notice_ids, notice)
        self.assertEqual(wizard.notice_line_ids, notice.line_ids)
        wizard.action_start()
        self.assertEqual(workorder.state, "progress")
        self.assertEqual(
            [
                (s.workorder_id, s.user_id, s.department_id, s.is_confirmed)
                for s in notice.start_ids
            ],
            [(workorder, starter, self.cutting, True)],
        )
        # Odoo's own Start (a Manufacturing user, from the order) is recorded too, unconfirmed.
        second = self._make_mo(confirm=False)
        self.bom.operation_ids.filtered(lambda op: op.name == "Cut").time_cycle_manual = 80
        later = self._commit_changes() - notice
        self.assertEqual(len(later), 1)
        self.assertIn(second, later.production_line_ids.production_id)
        second.action_confirm()
        self._wo(second, "Cut").with_user(self.alice).button_start()
        self.assertEqual(later.start_ids.user_id, self.alice)
        self.assertFalse(later.start_ids.is_confirmed)

    def test_staff_of_other_departments_and_plain_users_see_nothing(self):
        self._make_mo()
        notice = self._change_operation("Cut", 75)
        # (anna, of Assembly, has Odoo's Manufacturing rights: she reads every notice)
        self.assertEqual(notice.with_user(self.anna).name, notice.name)
        for user in (self.quentin, self.sup_qc):
            with self.assertRaises(AccessError):
                notice.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.Notice.with_user(self.plain).search([])


class TestChangeNoticeManual(ChangeNoticeCase):
    def test_coordinator_writes_a_notice_by_hand(self):
        production = self._make_mo()
        with Form(self.Notice.with_user(self.coordinator)) as form:
            form.name = "New torque wrench for the frame"
            form.bom_id = self.bom
            form.description = "<p>Tighten at 12 Nm.</p>"
        notice = form.record
        self.assertEqual(notice.origin, "manual")
        self.assertEqual(notice.production_line_ids.production_id, production)
        self.assertEqual(
            notice.department_line_ids.department_id, self.cutting | self.assembly | self.quality
        )
        self.assertEqual(len(notice.activity_ids), 3)
        self.assertIn(notice.name, production.message_ids[0].body)
        self.assertEqual(self.bom.with_user(self.engineer).coordination_change_notice_count, 1)
        action = self.bom.with_user(self.engineer).action_coordination_open_change_notices()
        self.assertEqual(self.Notice.with_user(self.engineer).search(action["domain"]), notice)
        action = self.bom.with_user(self.coordinator).action_coordination_new_change_notice()
        self.assertEqual(action["context"]["default_bom_id"], self.bom.id)

    def test_bad_input_changes_nothing(self):
        self._make_mo()
        archived = self._make_bom(self._make_product("T-Old"), [(self.component, 1)])
        archived.active = False
        count = self.Notice.search_count([])
        with self.assertRaises(UserError) as caught:
            self.Notice.with_user(self.coordinator).create(
                {"name": "On an archived BoM", "bom_id": archived.id}
            )
        self.assertIn(archived.display_name, str(caught.exception))
        # Only coordinators write notices.
        for user in (self.sup_cut, self.alice, self.engineer):
            with self.assertRaises(AccessError):
                self.Notice.with_user(user).create({"name": "Mine", "bom_id": self.bom.id})
        self.assertEqual(self.Notice.search_count([]), count)

    def test_notices_stay_in_their_company(self):
        other_company = self.env["res.company"].create({"name": "T-Other Works"})
        product = self._make_product("T-Other product", company_id=other_company.id)
        bom = self._make_bom(product, [(self.component, 1)], company_id=other_company.id)
        notice = self.Notice.with_company(other_company).create(
            {"name": "Elsewhere", "bom_id": bom.id}
        )
        self.assertEqual(notice.company_id, other_company)
        other_coordinator = self._user(
            "pcn_coordinator_1", f"{GROUP_MANAGER},{MRP_USER}", "Cid Coordinator"
        )
        with self.assertRaises(AccessError):
            notice.with_user(other_coordinator).read(["name"])
        self.assertFalse(self.Notice.with_user(other_coordinator).search([("id", "=", notice.id)]))


class TestChangeNoticeDashboard(ChangeNoticeCase):
    def test_tile_counts_notices_to_acknowledge(self):
        Dashboard = self.env["coordination.dashboard"]

        def tile(user):
            data = Dashboard.with_user(user).get_dashboard_data({})
            return {t["key"]: t for t in data["tiles"]}["change_notices"]

        before = tile(self.coordinator)["count"]  # (the demo data's, if any)
        self._make_mo()
        cut = self.bom.operation_ids.filtered(lambda op: op.name == "Cut")
        cut.with_user(self.engineer).time_cycle_manual = 75
        notice = self._commit_changes()
        self.assertEqual(tile(self.coordinator)["count"], before + 1)
        self.assertEqual(tile(self.sup_cut)["count"], 1)
        self.assertEqual(tile(self.sup_qc)["count"], 0)
        found = tile(self.sup_cut)["action"]
        self.assertEqual(
            self.env[found["res_model"]].with_user(self.sup_cut).search(found["domain"]), notice
        )
        notice.with_user(self.sup_cut).action_acknowledge()
        self.assertEqual(tile(self.coordinator)["count"], before)
        self.assertEqual(tile(self.sup_cut)["count"], 0)
