# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop-floor card of a work order, as the people at the machines read it: expected time in
hours and minutes, why Start is not possible yet, which buttons they may press."""

from odoo.exceptions import UserError

from ..models.coordination_format import format_minutes
from .common import RouteCase

# The fields the card shows or decides its buttons with (mrp_workorder_view_kanban_shop_floor).
CARD_SPEC = {
    name: {}
    for name in (
        "state",
        "name",
        "qty_production",
        "coordination_priority",
        "coordination_is_expedited",
        "coordination_handoff_state",
        "coordination_block_reason",
        "coordination_duration_label",
        "coordination_can_operate",
        "coordination_can_start",
        "coordination_is_working",
    )
} | {
    "production_id": {"fields": {"display_name": {}}},
    "product_id": {"fields": {"display_name": {}}},
    "workcenter_id": {"fields": {"display_name": {}}},
    "coordination_waiting_department_id": {"fields": {"display_name": {}}},
}


class TestShopFloorCard(RouteCase):
    def _card(self, workorder, user):
        """What `user`'s card of `workorder` shows, read the way the web client reads it."""
        self.env.invalidate_all()
        return (
            self.env["mrp.workorder"]
            .with_user(user)
            .web_search_read([("id", "=", workorder.id)], CARD_SPEC)["records"][0]
        )

    def _finish(self, workorders):
        for workorder in workorders:
            workorder.with_user(self.coordinator).button_start()
            workorder.with_user(self.coordinator).button_finish()

    def test_queues_open_on_the_list_and_my_work_orders_on_the_cards(self):
        # At a desk; on a phone both open on the cards (mobile_view_mode). The timeline of the
        # queues is one click away, not the first screen.
        queue = self.env.ref("production_coordination.mrp_workorder_action_queue")
        mine = self.env.ref("production_coordination.mrp_workorder_action_mine")
        self.assertEqual([mode for __, mode in queue.views], ["list", "kanban", "timeline"])
        self.assertEqual([mode for __, mode in mine.views][0], "kanban")
        self.assertEqual((queue.mobile_view_mode, mine.mobile_view_mode), ("kanban", "kanban"))

    def test_durations_read_as_hours_and_minutes(self):
        env = self.env
        self.assertEqual(format_minutes(env, 2430), "40 h 30 min")
        self.assertEqual(format_minutes(env, 90), "1 h 30 min")
        self.assertEqual(format_minutes(env, 45.4), "45 min")
        self.assertEqual(format_minutes(env, 120), "2 h")
        self.assertEqual(format_minutes(env, 0), "0 min")
        self.assertEqual(format_minutes(env, -75), "-1 h 15 min")
        self.assertEqual(format_minutes(env, 59.6), "1 h")
        for nothing in (False, None, float("nan"), float("inf"), "90"):
            self.assertEqual(format_minutes(env, nothing), "")
        # 27 frames of 90 minutes: 2430 minutes, which Odoo's float_time showed as "2430:00".
        production = self._make_mo(qty=27)
        assemble = self._wo(production, "Assemble")
        self.assertEqual(assemble.duration_expected, 2430)
        self.assertEqual(
            self._card(assemble, self.anna)["coordination_duration_label"], "40 h 30 min"
        )

    def test_start_waits_for_the_previous_department(self):
        production = self._make_mo()
        assemble = self._wo(production, "Assemble")
        self.assertEqual(assemble.coordination_user_id, self.anna)
        card = self._card(assemble, self.anna)
        self.assertEqual(card["coordination_waiting_department_id"]["id"], self.cutting.id)
        self.assertTrue(card["coordination_can_operate"])
        self.assertFalse(card["coordination_can_start"])
        # Refused over RPC as the card refuses it, naming the department that holds the order.
        with self.assertRaises(UserError) as caught:
            assemble.with_user(self.anna).action_coordination_start()
        self.assertIn(self.cutting.name, str(caught.exception))
        self.assertNotIn(assemble.state, ("progress", "done"))

        # Cutting hands the order over: Start is offered.
        self._finish(self._wo(production, "Cut") | self._wo(production, "Drill"))
        card = self._card(assemble, self.anna)
        self.assertFalse(card["coordination_waiting_department_id"])
        self.assertTrue(card["coordination_can_start"])
        # Quality still waits, for Assembly now.
        inspect = self._wo(production, "Inspect")
        card = self._card(inspect, self.quentin)
        self.assertEqual(card["coordination_waiting_department_id"]["id"], self.assembly.id)

    def test_start_pause_done_from_the_card(self):
        production = self._make_mo()
        self._finish(self._wo(production, "Cut") | self._wo(production, "Drill"))
        assemble = self._wo(production, "Assemble").with_user(self.anna)
        assemble.action_coordination_start()
        card = self._card(assemble, self.anna)
        self.assertEqual(card["state"], "progress")
        self.assertTrue(card["coordination_is_working"])
        self.assertFalse(card["coordination_can_start"])
        # Her running time is hers: her supervisor sees the order in progress, not as his work.
        supervisor_card = self._card(assemble, self.sup_asm)
        self.assertFalse(supervisor_card["coordination_is_working"])
        self.assertTrue(supervisor_card["coordination_can_start"])

        assemble.action_coordination_pause()
        card = self._card(assemble, self.anna)
        self.assertEqual(card["state"], "progress")
        self.assertFalse(card["coordination_is_working"])
        self.assertTrue(card["coordination_can_start"])

        assemble.action_coordination_finish()
        card = self._card(assemble, self.anna)
        self.assertEqual(card["state"], "done")
        self.assertFalse(card["coordination_can_operate"])
        self.assertFalse(card["coordination_can_start"])
        self.assertEqual(assemble.time_ids.user_id, self.anna)

    def test_blocked_leg_says_why_and_cannot_start(self):
        production = self._make_mo()
        self._finish(self._wo(production, "Cut") | self._wo(production, "Drill"))
        self._leg(production, self.assembly).with_user(self.sup_asm)._block("Jig broken")
        assemble = self._wo(production, "Assemble")
        card = self._card(assemble, self.anna)
        self.assertEqual(card["coordination_handoff_state"], "blocked")
        self.assertEqual(card["coordination_block_reason"], "Jig broken")
        self.assertFalse(card["coordination_can_start"])
        with self.assertRaises(UserError):
            assemble.with_user(self.anna).action_coordination_start()

    def test_buttons_for_whoever_may_operate(self):
        production = self._make_mo()
        cut = self._wo(production, "Cut")
        assignee = cut.coordination_user_id
        colleague = (self.alice | self.bob) - assignee
        self.assertTrue(self._card(cut, assignee)["coordination_can_start"])
        self.assertTrue(self._card(cut, self.sup_cut)["coordination_can_start"])
        self.assertTrue(self._card(cut, self.coordinator)["coordination_can_start"])
        colleague_card = self._card(cut, colleague)
        self.assertFalse(colleague_card["coordination_can_operate"])
        self.assertFalse(colleague_card["coordination_can_start"])

    def test_staff_without_manufacturing_rights_read_their_cards(self):
        productions = self._make_mo() | self._make_mo(qty=2)
        inspects = productions.workorder_ids.filtered(lambda wo: wo.name == "Inspect")
        Workorder = self.env["mrp.workorder"].with_user(self.quentin)
        views = Workorder.get_views(
            [
                (
                    self.env.ref("production_coordination.mrp_workorder_view_kanban_shop_floor").id,
                    "kanban",
                )
            ]
        )
        self.assertIn("coordination_can_start", views["models"]["mrp.workorder"]["fields"])
        self.env.invalidate_all()
        cards = Workorder.web_search_read([("id", "in", inspects.ids)], CARD_SPEC)["records"]
        self.assertEqual(
            {card["coordination_waiting_department_id"]["id"] for card in cards},
            {self.cutting.id},
        )
        self.assertEqual(
            {card["coordination_duration_label"] for card in cards}, {"20 min", "40 min"}
        )

    def test_ranks_are_never_summed(self):
        """Grouped lists sum what has an aggregator: ranks, scores, delays and sequences have
        none; durations are summed (and shown in hours and minutes)."""
        described = {
            model: self.env[model].with_user(self.coordinator).fields_get(attributes=["aggregator"])
            for model in ("mrp.production", "mrp.workorder", "coordination.handoff")
        }
        for model, name in (
            ("mrp.production", "coordination_rank"),
            ("mrp.production", "coordination_rank_override"),
            ("mrp.production", "coordination_priority_score"),
            ("mrp.production", "coordination_delay_days"),
            ("mrp.production", "coordination_slack_hours"),
            ("mrp.workorder", "coordination_rank"),
            ("coordination.handoff", "sequence"),
        ):
            self.assertFalse(described[model][name].get("aggregator"), f"{model}.{name}")
        self.assertEqual(described["mrp.workorder"]["duration_expected"]["aggregator"], "sum")
