# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import format_datetime

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import GROUP_MANAGER, RouteCase, read_only_transaction

MONDAY = datetime(2030, 1, 7, 8, 0)  # the test calendar works 8-12 and 13-17 UTC


class _Rollback(Exception):
    def __init__(self, count):
        super().__init__()
        self.count = count


class TestRedundancy(RouteCase):
    """Redundant processes: identical orders to merge, identical operations to sequence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.coordination_redundancy_days = 7
        # Setup and cleanup: 10 + 5 minutes on the saw; 4 + 1 for this product on the drill.
        cls.wc_saw.write({"time_start": 10, "time_stop": 5})
        cls.env["mrp.workcenter.capacity"].create(
            {
                "workcenter_id": cls.wc_drill.id,
                "product_id": cls.product.id,
                "time_start": 4,
                "time_stop": 1,
            }
        )
        cls.shelf = cls.env["product.product"].create({"name": "T-Shelf", "is_storable": True})
        cls.bom_shelf = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.shelf.product_tmpl_id.id,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 1})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Trim",
                            "workcenter_id": cls.wc_saw.id,
                            "time_cycle_manual": 30,
                            "sequence": 1,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Check",
                            "workcenter_id": cls.wc_inspect.id,
                            "time_cycle_manual": 10,
                            "sequence": 2,
                        }
                    ),
                ],
            }
        )
        # Another bill of materials of the same product.
        cls.bom_alt = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 1})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Assemble",
                            "workcenter_id": cls.wc_bench.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
        )
        cls.Redundancy = cls.env["coordination.redundancy"]

    # Helpers ---------------------------------------------------------------------------------

    def _refresh(self):
        return self.Redundancy.with_user(self.coordinator)._refresh()

    def _suggestions(self, kind, records):
        """The suggestions of `kind` about any of `records` (orders or work orders)."""
        field = "production_ids" if records._name == "mrp.production" else "workorder_ids"
        return self.Redundancy.search([("kind", "=", kind), (field, "in", records.ids)])

    def _shelf_mo(self, **vals):
        return self._make_mo(product=self.shelf, bom=self.bom_shelf, **vals)

    def _plan_interleaved(self, day=MONDAY):
        """On the saw: Cut (first order), Trim, Trim, Cut (second order), as Odoo plans them
        from 8:00 on `day` (a Monday)."""
        with freeze_time(day - timedelta(hours=2)):
            first = self._make_mo(date_start=day)
            shelf_1 = self._shelf_mo(date_start=day)
            shelf_2 = self._shelf_mo(date_start=day)
            second = self._make_mo(date_start=day)
            for production in first | shelf_1 | shelf_2 | second:
                production.button_plan()
        cut_1, trim_1, trim_2, cut_2 = (
            self._wo(first, "Cut"),
            self._wo(shelf_1, "Trim"),
            self._wo(shelf_2, "Trim"),
            self._wo(second, "Cut"),
        )
        saw = (cut_1 | trim_1 | trim_2 | cut_2).sorted("date_start")
        self.assertEqual(saw.ids, [cut_1.id, trim_1.id, trim_2.id, cut_2.id])
        self.assertEqual(cut_1.date_start, day)
        self.assertEqual(cut_1.date_finished, day + timedelta(minutes=75))
        return first, shelf_1, shelf_2, second

    def _assert_plan_consistent(self, productions):
        """No overlap on any work center, every work order after its predecessors."""
        workorders = self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "in", productions.workorder_ids.workcenter_id.ids),
                ("date_start", "!=", False),
                ("state", "!=", "cancel"),
            ]
        )
        for workcenter in workorders.workcenter_id:
            timeline = workorders.filtered(lambda wo, wc=workcenter: wo.workcenter_id == wc)
            timeline = timeline.sorted("date_start")
            for previous, workorder in zip(timeline, timeline[1:], strict=False):
                self.assertLessEqual(previous.date_finished, workorder.date_start, workcenter.name)
        for workorder in productions.workorder_ids:
            for predecessor in workorder.blocked_by_workorder_ids:
                self.assertLessEqual(predecessor.date_finished, workorder.date_start)

    # Merge -----------------------------------------------------------------------------------

    def test_identical_orders_within_the_window_are_grouped(self):
        group = (
            self._make_mo(2, date_start=MONDAY)
            | self._make_mo(3, date_start=MONDAY + timedelta(days=2))
            | self._make_mo(1, date_start=MONDAY + timedelta(days=5))
        )
        too_far = self._make_mo(date_start=MONDAY + timedelta(days=13))
        other_bom = self._make_mo(bom=self.bom_alt, date_start=MONDAY + timedelta(days=1))
        other_product = self._shelf_mo(date_start=MONDAY + timedelta(days=1))
        started = self._make_mo(date_start=MONDAY + timedelta(days=1))
        self._wo(started, "Cut").button_start()
        self.assertEqual(started.state, "progress")
        cancelled = self._make_mo(date_start=MONDAY + timedelta(days=1))
        cancelled.action_cancel()

        self._refresh()
        others = too_far | other_bom | other_product | started | cancelled
        suggestion = self._suggestions("merge", group | others)
        self.assertEqual(len(suggestion), 1)
        self.assertEqual(suggestion.production_ids, group)
        self.assertEqual(suggestion.product_id, self.product)
        self.assertEqual(suggestion.bom_id, self.bom)
        self.assertEqual(suggestion.company_id, self.company)
        self.assertEqual(suggestion.product_qty, 6)
        # Setup and cleanup of two orders: saw 10 + 5, drill (product capacity) 4 + 1.
        self.assertEqual(suggestion.minutes_saved, 40)
        self.assertEqual(suggestion.date_first_start, MONDAY)
        self.assertFalse(suggestion.merge_blocker)

        # The window is a company setting: at 4 days the third order is too far.
        settings = Form(self.env["res.config.settings"])
        settings.coordination_redundancy_days = 4
        settings.save().execute()
        self.assertEqual(self.company.coordination_redundancy_days, 4)
        self._refresh()
        self.assertFalse(suggestion.exists())
        self.assertEqual(self._suggestions("merge", group).production_ids, group[:2])

    def test_merge_uses_odoo_merge_and_opens_the_merged_order(self):
        productions = self._make_mo(2, date_start=MONDAY) | self._make_mo(
            3, date_start=MONDAY + timedelta(days=1)
        )
        self._refresh()
        suggestion = self._suggestions("merge", productions)

        action = suggestion.with_user(self.coordinator).action_merge()

        self.assertEqual(action["res_model"], "mrp.production")
        merged = self.env["mrp.production"].browse(action["res_id"])
        self.assertNotIn(merged, productions)
        self.assertEqual(merged.product_id, self.product)
        self.assertEqual(merged.bom_id, self.bom)
        self.assertEqual(merged.product_qty, 5)
        self.assertEqual(merged.state, "confirmed")
        self.assertEqual(productions.mapped("state"), ["cancel", "cancel"])
        self.assertFalse(suggestion.exists(), "the merged orders are no longer redundant")

    def test_merge_refused_with_odoo_reason_when_states_differ(self):
        draft = self._make_mo(2, confirm=False, date_start=MONDAY)
        confirmed = self._make_mo(3, date_start=MONDAY + timedelta(days=1))
        self._refresh()
        suggestion = self._suggestions("merge", draft | confirmed)
        self.assertEqual(suggestion.production_ids, draft | confirmed)

        with self.assertRaises(UserError) as odoo:
            (draft | confirmed)._pre_action_split_merge_hook(merge=True)
        self.assertEqual(suggestion.merge_blocker, odoo.exception.args[0])
        with self.assertRaises(UserError) as refused:
            suggestion.with_user(self.coordinator).action_merge()
        self.assertEqual(refused.exception.args[0], suggestion.merge_blocker)
        self.assertEqual((draft.state, confirmed.state), ("draft", "confirmed"))

        # The wizard lists it unticked and refuses to apply it.
        action = self.Redundancy.with_user(self.coordinator).action_open_wizard()
        wizard = self.env[action["res_model"]].with_user(self.coordinator).browse(action["res_id"])
        line = wizard.line_ids.filtered(lambda x: x.redundancy_id == suggestion)
        self.assertFalse(line.is_selected)
        self.assertIn(suggestion.merge_blocker, line.preview)
        wizard.line_ids.is_selected = False
        line.is_selected = True
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual((draft.state, confirmed.state), ("draft", "confirmed"))

    def test_suggestions_go_away_when_no_longer_true(self):
        productions = self._make_mo(date_start=MONDAY) | self._make_mo(date_start=MONDAY)
        self._refresh()
        suggestion = self._suggestions("merge", productions)
        self.assertTrue(suggestion)
        self._refresh()
        self.assertEqual(self._suggestions("merge", productions), suggestion, "kept, not rebuilt")

        productions[1].action_cancel()
        self._refresh()
        self.assertFalse(suggestion.exists())
        self.assertFalse(self._suggestions("merge", productions))

    def test_each_company_its_window_and_suggestions(self):
        company_b = self.env["res.company"].create(
            {"name": "Plant B", "coordination_redundancy_days": 1}
        )
        coordinator_b = new_test_user(
            self.env,
            "pcr_coordinator_b",
            groups=GROUP_MANAGER,
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        saw_b = self.env["mrp.workcenter"].create(
            {"name": "B-Saw", "company_id": company_b.id, "time_start": 10}
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

        def make_b(date_start):
            production = (
                self.env["mrp.production"]
                .with_company(company_b)
                .create(
                    {"product_id": self.product.id, "bom_id": bom_b.id, "date_start": date_start}
                )
            )
            production.action_confirm()
            return production

        in_b = make_b(MONDAY) | make_b(MONDAY + timedelta(hours=12))
        too_far_in_b = make_b(MONDAY + timedelta(days=2))  # beyond Plant B's window of 1 day
        in_a = self._make_mo(date_start=MONDAY) | self._make_mo(
            date_start=MONDAY + timedelta(days=2)
        )
        # The scheduled action enqueues one refresh job per company; they run.
        with trap_jobs() as trap:
            self.env.ref(
                "production_coordination.ir_cron_refresh_redundancies"
            ).method_direct_trigger()
            trap.perform_enqueued_jobs()

        suggestion_b = self._suggestions("merge", in_b | too_far_in_b)
        self.assertEqual(suggestion_b.production_ids, in_b)
        self.assertEqual(suggestion_b.company_id, company_b)
        self.assertEqual(suggestion_b.minutes_saved, 10)
        suggestion_a = self._suggestions("merge", in_a)
        self.assertEqual(suggestion_a.production_ids, in_a)
        Redundancy = self.env["coordination.redundancy"]
        seen_by_a = Redundancy.with_user(self.coordinator).search([])
        self.assertIn(suggestion_a, seen_by_a)
        self.assertNotIn(suggestion_b, seen_by_a)
        self.assertEqual(Redundancy.with_user(coordinator_b).search([]), suggestion_b)
        # A refresh in the first company leaves the other company's suggestions alone.
        self._refresh()
        self.assertTrue(suggestion_b.exists())

    # Sequencing ------------------------------------------------------------------------------

    def test_sequence_operations_back_to_back(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        cut_1, cut_2 = self._wo(first, "Cut"), self._wo(second, "Cut")
        trim_1, trim_2 = self._wo(shelf_1, "Trim"), self._wo(shelf_2, "Trim")
        productions = first | shelf_1 | shelf_2 | second
        with freeze_time(MONDAY - timedelta(hours=2)):
            self._refresh()
            suggestion = self._suggestions("sequence", productions.workorder_ids)
            self.assertEqual(len(suggestion), 1, "the other operations are back to back")
            self.assertEqual(suggestion.workorder_ids, cut_1 | cut_2)
            self.assertEqual(suggestion.workcenter_id, self.wc_saw)
            self.assertEqual(suggestion.operation_id, cut_1.operation_id)
            self.assertEqual(suggestion.production_ids, first | second)
            self.assertEqual(suggestion.minutes_saved, 10, "the saw's setup, once")

            suggestion.with_user(self.coordinator).action_apply()

            self.assertEqual(cut_2.date_start, cut_1.date_finished)
            self.assertEqual(trim_1.date_start, cut_2.date_finished)
            self.assertEqual(trim_2.date_start, trim_1.date_finished)
            # The checks of the shelves follow their trims.
            self.assertGreaterEqual(self._wo(shelf_1, "Check").date_start, trim_1.date_finished)
            self.assertGreaterEqual(self._wo(shelf_2, "Check").date_start, trim_2.date_finished)
            self.assertEqual(second.date_start, cut_2.date_start)
            self._assert_plan_consistent(productions)
            self.assertFalse(suggestion.exists())
            self.assertFalse(self._suggestions("sequence", (cut_1 | cut_2)))

    def test_sequence_never_moves_started_workorder(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        cut_1, cut_2 = self._wo(first, "Cut"), self._wo(second, "Cut")
        trim_1, started = self._wo(shelf_1, "Trim"), self._wo(shelf_2, "Trim")
        with freeze_time(started.date_start + timedelta(minutes=20)):
            started.button_start()
        planned = (started.date_start, started.date_finished)
        productions = first | shelf_1 | shelf_2 | second
        with freeze_time(MONDAY - timedelta(hours=2)):
            self._refresh()
            suggestion = self._suggestions("sequence", cut_1 | cut_2)
            self.assertEqual(suggestion.workorder_ids, cut_1 | cut_2)
            self.assertNotIn(started, suggestion.workorder_ids)

            suggestion.with_user(self.coordinator).action_apply()

            self.assertEqual((started.date_start, started.date_finished), planned)
            self.assertEqual(started.state, "progress")
            # The second cut does not fit before the started trim: it follows it, and the trim
            # not started moves after the second cut.
            self.assertEqual(cut_2.date_start, started.date_finished)
            self.assertGreaterEqual(trim_1.date_start, cut_2.date_finished)
            self._assert_plan_consistent(productions)
            self.assertFalse(self._suggestions("sequence", cut_1 | cut_2))

    # Wizard, refresh, access -------------------------------------------------------------------

    def test_wizard_previews_without_saving_then_applies(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        cut_1, cut_2 = self._wo(first, "Cut"), self._wo(second, "Cut")
        with freeze_time(MONDAY - timedelta(hours=2)):
            self._refresh()
            sequence = self._suggestions("sequence", cut_1 | cut_2)
            merge_shelves = self._suggestions("merge", shelf_1 | shelf_2)
            merge_cuts = self._suggestions("merge", first | second)
            self.assertTrue(sequence and merge_shelves and merge_cuts)
            planned = cut_2.date_start

            action = self.Redundancy.with_user(self.coordinator).action_open_wizard()
            wizard = (
                self.env[action["res_model"]].with_user(self.coordinator).browse(action["res_id"])
            )
            lines = {line.redundancy_id: line for line in wizard.line_ids}
            self.assertTrue(
                all(lines[s].is_selected for s in sequence | merge_shelves | merge_cuts)
            )
            self.assertEqual(cut_2.date_start, planned, "the preview saved nothing")
            new_start = format_datetime(
                self.env(user=self.coordinator.id), cut_1.date_finished, dt_format="short"
            )
            self.assertIn(new_start, lines[sequence].preview)
            for production in shelf_1 | shelf_2:
                self.assertIn(production.name, lines[merge_shelves].preview)

            # Merge the shelves (their trims were between the cuts), sequence the cuts.
            wizard.line_ids.is_selected = False
            (lines[sequence] | lines[merge_shelves]).is_selected = True
            action = wizard.action_apply()

            merged = self.env["mrp.production"].browse(action["res_id"])
            self.assertEqual(merged.product_id, self.shelf)
            self.assertEqual(merged.product_qty, 2)
            self.assertEqual((shelf_1 | shelf_2).mapped("state"), ["cancel", "cancel"])
            self.assertEqual(cut_2.date_start, cut_1.date_finished)
            self.assertEqual((first | second).mapped("state"), ["confirmed", "confirmed"])
            self.assertFalse((sequence | merge_shelves).exists())
            self.assertTrue(merge_cuts.exists())

    # Preview without writing (read replica) --------------------------------------------------

    def _preview_then_apply(self, suggestion, user=None):
        """get_previews as `user` in a read-only transaction, then apply: the preview's dates
        are those applying writes."""
        user = user or self.coordinator
        with read_only_transaction(self.env):
            [preview] = self.Redundancy.with_user(user).get_previews(suggestion.ids)
        self.assertFalse(preview["error"])
        self.assertEqual(preview["kind"], "sequence")
        suggestion.with_user(user).action_apply()
        self.env.invalidate_all()
        Workorder = self.env["mrp.workorder"]
        for move in preview["moves"]:
            workorder = Workorder.browse(move["workorder_id"])
            self.assertEqual(
                (workorder.date_start, workorder.date_finished),
                (move["date_start_new"], move["date_finished_new"]),
                workorder.display_name,
            )
        return preview

    def test_sequence_preview_reads_only_and_is_what_apply_writes(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        cut_1, cut_2 = self._wo(first, "Cut"), self._wo(second, "Cut")
        with freeze_time(MONDAY - timedelta(hours=2)):
            self._refresh()
            suggestion = self._suggestions("sequence", cut_1 | cut_2)
            moves = self._preview_then_apply(suggestion)["moves"]
        moved = {move["workorder_id"] for move in moves}
        self.assertIn(cut_2.id, moved)
        self.assertIn(self._wo(shelf_1, "Trim").id, moved)
        self.assertIn(self._wo(shelf_1, "Check").id, moved, "a successor pushed")
        self._assert_plan_consistent(first | shelf_1 | shelf_2 | second)

    def test_sequence_preview_with_started_split_and_cancelled_orders(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        cut_1 = self._wo(first, "Cut")
        started = self._wo(shelf_2, "Trim")
        with freeze_time(started.date_start + timedelta(minutes=20)):
            started.button_start()
        with freeze_time(MONDAY - timedelta(hours=2)):
            # A third shelf, cancelled: its trim leaves the saw.
            cancelled = self._shelf_mo(date_start=MONDAY)
            cancelled.button_plan()
            cancelled.action_cancel()
            # The second order is split in two: the suggestion takes its halves' cuts.
            self.env["change.production.qty"].create(
                {"mo_id": second.id, "product_qty": 2}
            ).change_prod_qty()
            halves = second._split_productions({second: [1, 1]})
            self._refresh()
            suggestion = self._suggestions("sequence", cut_1)
            self.assertTrue(suggestion)
            self._preview_then_apply(suggestion)
        self.assertEqual(started.state, "progress")
        self._assert_plan_consistent(first | shelf_1 | shelf_2 | halves)

    def test_sequence_preview_in_a_second_company(self):
        company = self.env["res.company"].create(
            {"name": "Second Redundancy Plant", "coordination_redundancy_days": 7}
        )
        coordinator = self._user("pcr_coordinator_b", GROUP_MANAGER, "Bo B", company=company)
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        calendar = self.calendar.copy({"company_id": company.id})
        saw = self.env["mrp.workcenter"].create(
            {
                "name": "B-Saw",
                "resource_calendar_id": calendar.id,
                "company_id": company.id,
                "time_start": 10,
            }
        )
        boms = [
            self._make_bom(
                product,
                [(self.component, 1)],
                [{"name": name, "workcenter_id": saw.id, "time_cycle_manual": 30}],
                company_id=company.id,
            )
            for product, name in ((self.product, "Cut"), (self.shelf, "Trim"))
        ]
        with freeze_time(MONDAY - timedelta(hours=2)):
            productions = self.env["mrp.production"]
            for bom in (boms[0], boms[1], boms[0]):
                production = self.env["mrp.production"].create(
                    {
                        "product_id": bom.product_tmpl_id.product_variant_id.id,
                        "bom_id": bom.id,
                        "company_id": company.id,
                        "date_start": MONDAY,
                    }
                )
                production.action_confirm()
                production.button_plan()
                productions |= production
            self.Redundancy.with_user(coordinator)._refresh(company)
            suggestion = self._suggestions("sequence", productions.workorder_ids)
            self.assertEqual(suggestion.company_id, company)
            # The first company's coordinator does not see it.
            with self.assertRaises(AccessError):
                self.Redundancy.with_user(self.coordinator).with_context(
                    allowed_company_ids=self.company.ids
                ).get_previews(suggestion.ids)
            self._preview_then_apply(suggestion, user=coordinator)

    def test_previews_for_supervisors_and_bad_input(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        with freeze_time(MONDAY - timedelta(hours=2)):
            self._refresh()
            merge = self._suggestions("merge", first | second)
            sequence = self._suggestions("sequence", first.workorder_ids)
            ids = (merge | sequence).ids
            with read_only_transaction(self.env):
                as_coordinator = self.Redundancy.with_user(self.coordinator).get_previews(ids)
            # A supervisor with Manufacturing rights previews what they read.
            with read_only_transaction(self.env):
                as_supervisor = self.Redundancy.with_user(self.sup_cut).get_previews(ids)
            self.assertEqual(as_supervisor, as_coordinator)
            self.assertEqual([p["kind"] for p in as_coordinator], ["merge", "sequence"])
            self.assertIn(first.name, as_coordinator[0]["preview"])
            self.assertTrue(as_coordinator[1]["moves"])
            # Staff and plain users do not.
            for user in (self.alice, self.plain):
                with self.assertRaises(AccessError):
                    self.Redundancy.with_user(user).get_previews(ids)
            Redundancy = self.Redundancy.with_user(self.coordinator)
            for value in ([], None, "1", [0], [True], ["x"], [1.5], {"id": 1}, [10**9]):
                with self.assertRaises(UserError, msg=repr(value)):
                    Redundancy.get_previews(value)
            # Not possible any more: said, not raised.
            self._wo(second, "Cut").button_start()
            [stale] = Redundancy.get_previews(sequence.ids)
            self.assertTrue(stale["error"])
            self.assertFalse(stale["moves"])

    def test_refresh_queries_do_not_grow_with_orders(self):
        def count_queries():
            """Queries of the scheduled refresh creating the suggestions, after one run to warm
            the caches."""
            for _warm_up in range(2):
                count = run_refresh()
            return count

        def run_refresh():
            self.env.invalidate_all()
            try:
                with self.env.cr.savepoint():
                    start = self.env.cr.sql_log_count
                    self.Redundancy._cron_refresh_redundancies()
                    self.env.flush_all()
                    raise _Rollback(self.env.cr.sql_log_count - start)
            except _Rollback as rollback:
                return rollback.count

        # Each week: two orders to merge, two shelves to merge, and the shelves' trims between
        # the orders' cuts to sequence.
        productions = self.env["mrp.production"].concat(*self._plan_interleaved())
        four_orders = count_queries()
        for weeks in (2, 4):
            productions |= self.env["mrp.production"].concat(
                *self._plan_interleaved(MONDAY + timedelta(weeks=weeks))
            )
        twelve_orders = count_queries()
        self._refresh()
        self.assertEqual(len(self._suggestions("merge", productions)), 6)
        self.assertEqual(len(self._suggestions("sequence", productions.workorder_ids)), 3)
        self.assertEqual(twelve_orders, four_orders)

    def test_only_coordinators_merge_and_apply(self):
        first, shelf_1, shelf_2, second = self._plan_interleaved()
        with freeze_time(MONDAY - timedelta(hours=2)):
            self._refresh()
        merge = self._suggestions("merge", first | second)
        sequence = self._suggestions("sequence", first.workorder_ids)
        self.assertTrue(merge and sequence)

        # Supervisors read their company's suggestions, even without Manufacturing rights, and
        # act on none.
        for supervisor in self.sup_cut | self.sup_qc:
            self.assertEqual(
                self.Redundancy.with_user(supervisor).search(
                    [("id", "in", (merge | sequence).ids)]
                ),
                merge | sequence,
            )
            for suggestion in merge | sequence:
                form = Form(suggestion.with_user(supervisor))
                self.assertEqual(form.minutes_saved, suggestion.minutes_saved)
        supervisor = self.sup_cut
        with self.assertRaises(AccessError):
            merge.with_user(supervisor).action_merge()
        with self.assertRaises(AccessError):
            sequence.with_user(supervisor).action_apply()
        with self.assertRaises(AccessError):
            self.Redundancy.with_user(supervisor).action_open_wizard()
        with self.assertRaises(AccessError):
            self.Redundancy.with_user(supervisor).action_refresh()
        self.assertEqual((first | second).mapped("state"), ["confirmed", "confirmed"])
        # Department staff do not see them.
        with self.assertRaises(AccessError):
            merge.with_user(self.alice).read(["minutes_saved"])


@tagged("post_install", "-at_install")
class TestRedundancyDemo(TransactionCase):
    """With demo data, the redundancy screens show each kind of suggestion."""

    def test_demo_shows_redundancies(self):
        module = self.env["ir.module.module"].search([("name", "=", "production_coordination")])
        if not module.demo:
            self.assertFalse(
                self.env.ref(
                    "production_coordination.production_cabinet_showroom",
                    raise_if_not_found=False,
                )
            )
            return
        self.env["coordination.redundancy"]._cron_refresh_redundancies()
        Redundancy = self.env["coordination.redundancy"]

        def suggestion(kind, xmlid):
            production = self.env.ref(f"production_coordination.{xmlid}")
            return Redundancy.search(
                [("kind", "=", kind), ("production_ids", "in", production.ids)]
            )

        cabinets = suggestion("merge", "production_cabinet_showroom")
        self.assertIn(
            self.env.ref("production_coordination.production_cabinet_workshop"),
            cabinets.production_ids,
        )
        self.assertFalse(cabinets.merge_blocker)
        self.assertGreater(cabinets.minutes_saved, 0)
        self.assertTrue(suggestion("merge", "production_workbench_restock").merge_blocker)
        inspections = suggestion("sequence", "production_cabinet_workshop")
        self.assertIn(
            self.env.ref("production_coordination.production_cabinet_showroom"),
            inspections.production_ids,
        )
        self.assertEqual(
            inspections.workcenter_id,
            self.env.ref("production_coordination.workcenter_inspection"),
        )
        # One setup of the inspection bench (10 min) saved per inspection that other work now
        # separates from the previous one: how many depends on the hour Odoo planned the demo
        # orders at (the timeline demo plans the floor's orders from now on).
        setups, rest = divmod(inspections.minutes_saved, 10)
        self.assertFalse(rest)
        self.assertTrue(1 <= setups < len(inspections.workorder_ids), inspections.minutes_saved)
