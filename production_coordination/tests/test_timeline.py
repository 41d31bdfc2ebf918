# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work order timeline: moving a work order replans it by Odoo's rules, or is refused with
Odoo's reason and nothing written; who may move; what an item shows."""

from datetime import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RouteCase

NOW = datetime(2026, 11, 20, 9, 0)
FRIDAY = datetime(2026, 11, 20)
MONDAY = datetime(2026, 11, 23)
TUESDAY = datetime(2026, 11, 24)
WEDNESDAY = datetime(2026, 11, 25)
THURSDAY = datetime(2026, 11, 26)


def at(day, hour, minute=0):
    return day.replace(hour=hour, minute=minute)


def move_vals(start, **group):
    """What the timeline sends for a drag: the dates (the finish as drawn) and its row."""
    return {
        "date_start": fields.Datetime.to_string(start),
        "date_finished": fields.Datetime.to_string(start),
        **group,
    }


@freeze_time(NOW)
@tagged("post_install", "-at_install")
class TestWorkorderTimeline(RouteCase):
    """Calendar 8-12 / 13-17 UTC. The MO's four work orders, planned by Odoo from Monday 8:00:
    Cut (saw) 8:00-9:00, Drill (drill) 9:00-9:30, Assemble (bench) 9:30-11:00, Inspect
    (inspection) 11:00-11:20; each waits for the one before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.production = cls._make_mo(date_start=at(MONDAY, 8))
        cls.production.button_plan()
        cls.cut, cls.drill, cls.assemble, cls.inspect = (
            cls._wo(cls.production, name) for name in ("Cut", "Drill", "Assemble", "Inspect")
        )

    def _planned(self, workorder):
        return (
            workorder.date_start,
            workorder.date_finished,
            workorder.leave_id.date_from,
            workorder.leave_id.date_to,
        )

    def _move(self, user, workorder, start, **group):
        return workorder.with_user(user).coordination_timeline_move(move_vals(start, **group))

    def _assert_refused(self, user, workorder, start, exception=UserError, **group):
        """The move is refused and nothing of the MO's plan changes."""
        plan = {wo: self._planned(wo) for wo in self.production.workorder_ids}
        mo_dates = (self.production.date_start, self.production.date_finished)
        with self.assertRaises(exception) as caught:
            self._move(user, workorder, start, **group)
        self.env.invalidate_all()
        self.assertEqual({wo: self._planned(wo) for wo in self.production.workorder_ids}, plan)
        self.assertEqual((self.production.date_start, self.production.date_finished), mo_dates)
        return str(caught.exception)

    def test_odoo_plan_of_the_fixture(self):
        self.assertEqual(
            [(wo.date_start, wo.date_finished) for wo in self.production.workorder_ids],
            [
                (at(MONDAY, 8), at(MONDAY, 9)),
                (at(MONDAY, 9), at(MONDAY, 9, 30)),
                (at(MONDAY, 9, 30), at(MONDAY, 11)),
                (at(MONDAY, 11), at(MONDAY, 11, 20)),
            ],
        )

    def test_coordinator_moves_a_work_order(self):
        self.assertIs(self._move(self.coordinator, self.inspect, at(TUESDAY, 14)), True)
        self.assertEqual(
            self._planned(self.inspect),
            (at(TUESDAY, 14), at(TUESDAY, 14, 20), at(TUESDAY, 14), at(TUESDAY, 14, 20)),
        )
        self.assertEqual(self.inspect.duration_expected, 20)
        # Odoo's write moves the MO's finish with its last work order.
        self.assertEqual(self.production.date_finished, at(TUESDAY, 14, 20))

    def test_the_first_work_order_moves_the_mo_start(self):
        self._move(self.coordinator, self.cut, at(FRIDAY, 10))
        self.assertEqual(self._planned(self.cut)[:2], (at(FRIDAY, 10), at(FRIDAY, 11)))
        self.assertEqual(self.production.date_start, at(FRIDAY, 10))

    def test_the_finish_drawn_is_ignored(self):
        # A resize draws another finish: Odoo computes it from the expected duration.
        vals = move_vals(at(TUESDAY, 8))
        vals["date_finished"] = fields.Datetime.to_string(at(TUESDAY, 16))
        self.inspect.with_user(self.coordinator).coordination_timeline_move(vals)
        self.assertEqual(self._planned(self.inspect)[:2], (at(TUESDAY, 8), at(TUESDAY, 8, 20)))

    def test_working_hours_and_time_off_of_the_work_center(self):
        # Dropped in the lunch break: it starts when the work center works again.
        self._move(self.coordinator, self.inspect, at(TUESDAY, 12, 10))
        self.assertEqual(self._planned(self.inspect)[:2], (at(TUESDAY, 13), at(TUESDAY, 13, 20)))
        # Ten minutes before closing: the other ten the next morning.
        self._move(self.coordinator, self.inspect, at(TUESDAY, 16, 50))
        self.assertEqual(
            self._planned(self.inspect)[:2], (at(TUESDAY, 16, 50), at(WEDNESDAY, 8, 10))
        )
        # The inspection bench is off on Wednesday: the work order goes to Thursday.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Bench calibration",
                "calendar_id": self.calendar.id,
                "resource_id": self.wc_inspect.resource_id.id,
                "date_from": at(WEDNESDAY, 0),
                "date_to": at(WEDNESDAY, 23, 59),
            }
        )
        self._move(self.coordinator, self.inspect, at(WEDNESDAY, 10))
        self.assertEqual(self._planned(self.inspect)[:2], (at(THURSDAY, 8), at(THURSDAY, 8, 20)))

    def test_refused_on_another_work_order_of_the_work_center(self):
        # Odoo plans another order after this one: its inspection at 13:30-13:50.
        other = self._make_mo(date_start=at(MONDAY, 8), origin="Other order")
        other.button_plan()
        other_inspect = self._wo(other, "Inspect")
        self.assertEqual(self._planned(other_inspect)[:2], (at(MONDAY, 13, 30), at(MONDAY, 13, 50)))
        message = self._assert_refused(self.coordinator, self.inspect, at(MONDAY, 13, 20))
        self.assertIn(other_inspect.display_name, message)
        self.assertEqual(self._planned(other_inspect)[:2], (at(MONDAY, 13, 30), at(MONDAY, 13, 50)))
        # Right after it: accepted.
        self._move(self.coordinator, self.inspect, at(MONDAY, 13, 50))
        self.assertEqual(self._planned(self.inspect)[:2], (at(MONDAY, 13, 50), at(MONDAY, 14, 10)))

    def test_refused_before_its_predecessor(self):
        message = self._assert_refused(self.coordinator, self.assemble, at(MONDAY, 9))
        self.assertIn(self.drill.display_name, message)

    def test_refused_past_the_start_of_its_successor(self):
        message = self._assert_refused(self.coordinator, self.drill, at(MONDAY, 9, 15))
        self.assertIn(self.assemble.display_name, message)

    def test_refused_in_the_past(self):
        self._assert_refused(self.coordinator, self.cut, at(FRIDAY, 8))

    def test_refused_once_started_or_done(self):
        self.cut.button_start()
        self._assert_refused(self.coordinator, self.cut, at(MONDAY, 8, 30))
        self.cut.button_finish()
        self._assert_refused(self.coordinator, self.cut, at(MONDAY, 8, 30))

    def test_refused_on_a_cancelled_order(self):
        self.production.action_cancel()
        self.assertEqual(self.inspect.state, "cancel")
        with self.assertRaises(UserError):
            self._move(self.coordinator, self.inspect, at(TUESDAY, 14))

    def test_refused_for_staff_and_other_supervisors(self):
        # Staff with Manufacturing rights may write work orders in Odoo, not move them here.
        self._assert_refused(self.alice, self.cut, at(MONDAY, 8, 15), AccessError)
        self._assert_refused(self.sup_asm, self.cut, at(MONDAY, 8, 15), AccessError)
        self._assert_refused(self.plain, self.cut, at(MONDAY, 8, 15), AccessError)

    def test_supervisors_move_their_departments_work_orders(self):
        self._move(self.sup_cut, self.cut, at(FRIDAY, 10))
        self.assertEqual(self.cut.date_start, at(FRIDAY, 10))
        # Without Manufacturing rights too (Quality): Odoo's write runs as superuser.
        self._move(self.sup_qc, self.inspect, at(TUESDAY, 9))
        self.assertEqual(self._planned(self.inspect)[:2], (at(TUESDAY, 9), at(TUESDAY, 9, 20)))

    def test_move_to_another_work_center(self):
        # The supervisor of Cutting moves the cut from the saw to the drill (both Cutting),
        # free before the drilling.
        self._move(self.sup_cut, self.cut, at(MONDAY, 8), workcenter_id=self.wc_drill.id)
        self.assertEqual(self.cut.workcenter_id, self.wc_drill)
        self.assertEqual(self.cut.leave_id.resource_id, self.wc_drill.resource_id)
        self.assertEqual(self._planned(self.cut)[:2], (at(MONDAY, 8), at(MONDAY, 9)))
        # Not onto the bench of Assembly, nor to no work center.
        self._assert_refused(
            self.sup_cut, self.cut, at(MONDAY, 8), AccessError, workcenter_id=self.wc_bench.id
        )
        self._assert_refused(self.coordinator, self.cut, at(MONDAY, 8), workcenter_id=False)

    def test_the_row_of_a_department_or_anything_else_stays(self):
        # Grouped by department: the same department is fine, another is refused.
        self._move(
            self.coordinator,
            self.inspect,
            at(TUESDAY, 8),
            coordination_department_id=self.quality.id,
        )
        self._assert_refused(
            self.coordinator,
            self.inspect,
            at(TUESDAY, 9),
            coordination_department_id=self.assembly.id,
        )
        self._assert_refused(
            self.coordinator, self.inspect, at(TUESDAY, 9), production_id=self.production.id + 1
        )

    def test_bad_values(self):
        for vals in (
            None,
            [],
            "2026-11-24 08:00:00",
            {},
            {"date_start": "tomorrow"},
            {"date_start": 42},
            {"date_start": "2026-11-24 08:00:00", "workcenter_id": "1"},
            {"date_start": "2026-11-24 08:00:00", "workcenter_id": 2**31 - 7},
            {"date_start": "9999-12-31 23:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.inspect.with_user(self.coordinator).coordination_timeline_move(vals)
        with self.assertRaises(UserError):
            self.production.workorder_ids.with_user(self.coordinator).coordination_timeline_move(
                move_vals(at(TUESDAY, 8))
            )

    def test_what_an_item_shows(self):
        leg = self._leg(self.production, self.cutting)
        leg._block("Saw blade broken")
        self.production._coordination_expedite("Customer visit on Monday")
        self.production.sudo().coordination_date_committed_manual = at(MONDAY, 11, 10)
        cut, inspect = self.cut.with_user(self.alice), self.inspect.with_user(self.alice)
        # Inspect finishes after the committed date; Cut does not (and is not past).
        self.assertEqual((cut.coordination_is_late, inspect.coordination_is_late), (False, True))
        self.assertIn("Saw blade broken", cut.coordination_timeline_tooltip)
        self.assertIn("Customer visit on Monday", cut.coordination_timeline_tooltip)
        self.assertIn(self.production.name, inspect.coordination_timeline_tooltip)
        # The reason of a block only to those who read the leg: Anna (Assembly staff with
        # Manufacturing rights) reads every work order, not Cutting's legs.
        anna_cut = self.cut.with_user(self.anna)
        self.assertIn("Blocked", anna_cut.coordination_timeline_tooltip)
        self.assertNotIn("Saw blade broken", anna_cut.coordination_timeline_tooltip)
        # Past its planned finish and not done: late.
        with freeze_time(at(MONDAY, 12)):
            self.cut.invalidate_recordset(["coordination_is_late"])
            self.assertTrue(self.cut.coordination_is_late)
