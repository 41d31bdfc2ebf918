# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dates at the ends of the calendar (1900, 9999-12-31, absurd lead times and windows): every
computation answers, within Python's range of dates, and what users type is refused clearly."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form
from odoo.tools import SQL, format_date

from ..models.coordination_utils import DATE_MAX, DATE_MIN, add_days, add_hours
from .common import MONDAY_8, RouteCase
from .common_materials import MaterialsCase
from .common_priority import PriorityCase


def store_raw(record, column, value):
    """Store a value the forms refuse today, as data kept from before their range checks (the
    computations must still not overflow on it)."""
    record.env.flush_all()
    record.env.cr.execute(
        SQL(
            "UPDATE %s SET %s = %s WHERE id = %s",
            SQL.identifier(record._table),
            SQL.identifier(column),
            value,
            record.id,
        )
    )
    record.invalidate_recordset([column])


# Odoo accepts both on a deadline.
END_OF_TIME = datetime(9999, 12, 31, 23, 59, 59)
LONG_AGO = datetime(1900, 1, 1)


class TestDateHelpers(RouteCase):
    def test_date_arithmetic_stays_within_range(self):
        self.assertEqual(add_hours(END_OF_TIME, 1), DATE_MAX)
        self.assertEqual(add_hours(MONDAY_8, 1e12), DATE_MAX)
        self.assertEqual(add_hours(MONDAY_8, -1e12), DATE_MIN)
        self.assertEqual(add_days(MONDAY_8, -3), MONDAY_8 - timedelta(days=3))
        self.assertEqual(add_hours(MONDAY_8, float("nan")), MONDAY_8)


class TestExtremeDatesPriority(PriorityCase):
    @freeze_time(MONDAY_8)
    def test_refresh_ranks_every_order_around_extreme_deadlines(self):
        self._stock(10)
        soon = self._make_mo(committed=MONDAY_8 + timedelta(days=1))
        plain = self._make_mo()
        far = self._make_mo()
        far.move_finished_ids.date_deadline = END_OF_TIME
        past = self._make_mo()
        past.move_finished_ids.date_deadline = LONG_AGO
        self.assertEqual(far.coordination_date_committed, END_OF_TIME)
        self.assertEqual(past.coordination_date_committed, LONG_AGO)

        self.assertFalse(self.env["mrp.production"]._cron_refresh_priorities())
        productions = soon | plain | far | past
        self.assertEqual(set(productions.mapped("coordination_date_scored")), {MONDAY_8})
        # 1900: as late as can be (urgency at twice its weight); 9999: nothing urgent.
        self.assertEqual(self._ranks(past, soon, far, plain), [1, 2, 3, 4])
        self.assertEqual(past.coordination_score_urgency, 100.0)
        self.assertLess(past.coordination_slack_hours, -100_000)
        self.assertTrue(past.coordination_is_delayed)
        self.assertEqual(far.coordination_score_urgency, 0.0)
        self.assertGreater(far.coordination_slack_hours, 1_000_000)
        self.assertFalse(far.coordination_is_delayed)
        self.assertLessEqual(far.coordination_date_forecast, DATE_MAX)

    @freeze_time(MONDAY_8)
    def test_absurd_vendor_lead_time_caps_the_forecast(self):
        self.env["product.supplierinfo"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Slow Co"}).id,
                "product_tmpl_id": self.component.product_tmpl_id.id,
                "delay": 100_000_000,
            }
        )
        production = self._make_mo(committed=MONDAY_8 + timedelta(days=10))
        self.assertEqual(production.coordination_readiness, "short")
        self.assertEqual(production.coordination_date_components, DATE_MAX)
        self.assertEqual(production.coordination_date_forecast, DATE_MAX)
        self.assertTrue(production.coordination_is_delayed)
        self._run_rank_jobs()
        self.assertEqual(production.coordination_rank, 1)

    def test_revision_refuses_dates_that_make_no_sense(self):
        production = self._make_mo().with_user(self.coordinator)
        committed = production.coordination_date_committed
        now = fields.Datetime.now().replace(microsecond=0)
        action = production.action_coordination_revise_date()
        for bad in (
            END_OF_TIME,
            LONG_AGO,
            now + timedelta(days=11 * 366),
            now - timedelta(days=2 * 366),
        ):
            with Form(
                self.env[action["res_model"]]
                .with_user(self.coordinator)
                .with_context(**action["context"])
            ) as wizard:
                wizard.date_new = bad
                wizard.reason = "Typo"
            with self.assertRaises(ValidationError) as error:
                wizard.record.action_apply()
            self.assertIn(format_date(wizard.record.env, bad.date()), error.exception.args[0])
        for garbage in ("next week", 42, [2027, 1, 1]):
            with self.assertRaises(UserError):
                production._coordination_revise_committed_date(garbage, "Typo")
        # Nothing was written; a sensible date is taken.
        self.assertFalse(production.coordination_date_revision_ids)
        self.assertEqual(production.coordination_date_committed, committed)
        production._coordination_revise_committed_date(now + timedelta(days=30), "New promise")
        self.assertEqual(production.coordination_date_committed, now + timedelta(days=30))


class TestExtremeDatesShopFloor(RouteCase):
    def test_absurd_acceptance_time_caps_the_handoff_deadline(self):
        store_raw(self.cutting, "handoff_acceptance_hours", 1e9)
        production = self._make_mo()
        leg = self._leg(production, self.cutting)
        self.assertEqual(leg.state, "ready")
        self.assertEqual(leg.date_accept_deadline, DATE_MAX)
        self.assertFalse(leg.is_overdue)
        self.assertFalse(self.env["coordination.handoff"].search([("is_overdue", "=", True)]) & leg)

    def test_check_in_requested_at_the_end_of_time(self):
        checkin = self.env["coordination.checkin"].create(
            {"department_id": self.cutting.id, "date_requested": END_OF_TIME}
        )
        self.assertEqual(checkin.date_due, DATE_MAX)
        self.assertFalse(checkin.is_overdue)
        self.assertTrue(checkin.display_name)

    def test_redundancy_window_longer_than_the_calendar(self):
        store_raw(self.company, "coordination_redundancy_days", 2_000_000_000)
        first = self._make_mo(date_start=datetime(2026, 11, 23, 8))
        last = self._make_mo(date_start=datetime(2126, 11, 23, 8))
        Redundancy = self.env["coordination.redundancy"]
        self.assertFalse(Redundancy._cron_refresh_redundancies())
        suggestion = Redundancy.search(
            [("kind", "=", "merge"), ("production_ids", "in", first.ids)]
        )
        self.assertEqual(suggestion.production_ids, first | last)


class TestExtremeDatesMaterials(MaterialsCase):
    def test_absurd_lead_time_and_horizon(self):
        store_raw(self.company, "coordination_shortage_horizon_days", 2_000_000_000)
        self.component.seller_ids.delay = 100_000_000
        self._make_mo(2, 3)
        self._make_mo(1, 365 * 200)  # within the horizon
        self.assertTrue(self._scan())
        task = self._tasks()
        self.assertEqual(task.coordination_shortage_qty, 6.0)
        self.assertEqual(task.coordination_severity, "critical")
        self.assertEqual(task.date_deadline, DATE_MIN)
