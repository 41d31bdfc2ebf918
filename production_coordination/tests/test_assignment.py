# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError

from .common import RouteCase


class TestAssignment(RouteCase):
    def test_least_loaded_member_ties_by_name(self):
        production = self._make_mo()
        cut, drill = self._wo(production, "Cut"), self._wo(production, "Drill")
        # Nobody has work yet: Alice comes before Bob; then Bob has less.
        self.assertEqual(cut.coordination_user_id, self.alice)
        self.assertEqual(drill.coordination_user_id, self.bob)
        # Alice now has 60 open minutes, Bob 30: the next cut (60) goes to Bob, then Alice.
        second = self._make_mo()
        self.assertEqual(self._wo(second, "Cut").coordination_user_id, self.bob)
        self.assertEqual(self._wo(second, "Drill").coordination_user_id, self.alice)
        # Each work order is in the queue of its department's member only.
        self.assertEqual(self._wo(production, "Assemble").coordination_user_id, self.anna)

    def test_done_work_does_not_count_as_load(self):
        production = self._make_mo()
        for workorder in production.workorder_ids.filtered(
            lambda wo: wo.coordination_user_id == self.alice
        ):
            workorder.button_start()
            workorder.button_finish()
        second = self._make_mo()
        self.assertEqual(self._wo(second, "Cut").coordination_user_id, self.alice)

    def test_assignee_gets_an_activity_that_follows_reassignment(self):
        production = self._make_mo()
        cut = self._wo(production, "Cut")
        activity = cut.coordination_activity_id
        self.assertEqual(activity.user_id, self.alice)
        self.assertEqual((activity.res_model, activity.res_id), ("mrp.production", production.id))
        # The supervisor reassigns: the same activity moves to Bob.
        cut.with_user(self.sup_cut).coordination_user_id = self.bob
        self.assertEqual(cut.coordination_activity_id, activity)
        self.assertEqual(activity.user_id, self.bob)
        # Finishing the work order answers it.
        cut.with_user(self.bob).button_start()
        cut.with_user(self.bob).button_finish()
        self.assertFalse(activity.exists())
        self.assertFalse(cut.coordination_activity_id)

    def test_only_supervisors_and_coordinators_reassign(self):
        production = self._make_mo()
        cut = self._wo(production, "Cut")
        with self.assertRaises(AccessError):
            cut.with_user(self.alice).coordination_user_id = self.bob
        with self.assertRaises(AccessError):
            cut.with_user(self.sup_asm).coordination_user_id = self.bob
        self.assertFalse(cut.with_user(self.alice).coordination_can_assign)
        self.assertTrue(cut.with_user(self.sup_cut).coordination_can_assign)
        cut.with_user(self.coordinator).coordination_user_id = self.bob
        self.assertEqual(cut.coordination_user_id, self.bob)

    def test_assignee_must_be_a_member(self):
        production = self._make_mo()
        with self.assertRaises(ValidationError) as refused:
            self._wo(production, "Cut").with_user(self.sup_cut).coordination_user_id = self.anna
        self.assertIn(self.cutting.name, str(refused.exception))

    def test_department_without_members_leaves_work_unassigned(self):
        self.quality.member_ids = False
        production = self._make_mo()
        inspect = self._wo(production, "Inspect")
        self.assertFalse(inspect.coordination_user_id)
        self.assertFalse(inspect.coordination_activity_id)
