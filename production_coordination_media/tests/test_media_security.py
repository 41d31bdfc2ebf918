# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MEDIA_COORDINATOR, MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaSecurity(MediaCase):
    """Crew users see their own bookings, the days and productions they are booked on and
    their call sheets; nothing of the other productions. Companies are kept apart."""

    def setUp(self):
        super().setUp()
        self.day_a = self._day(self.production_a)
        self.day_b = self._day(self.production_b, start=MONDAY + timedelta(days=1))
        self.ana_a = self._book(self.day_a, self.ana)
        self.ben_a = self._book(self.day_a, self.ben)
        self.ben_b = self._book(self.day_b, self.ben)
        self.day_a.action_publish()
        self.day_a.action_send_call_sheet()
        self.env.flush_all()
        # The cache is shared between users: empty it so that every read below is checked.
        self.env.invalidate_all()

    def test_crew_sees_only_their_own_schedule(self):
        env = self.env(user=self.crew_user)
        self.assertEqual(env["media.booking"].search([]), self.ana_a)
        self.assertEqual(env["media.production.day"].search([]), self.day_a)
        self.assertEqual(env["media.call.sheet.recipient"].search([]).crew_member_id, self.ana)
        self.assertEqual(env["media.revision"].search([]).day_id, self.day_a)
        self.assertEqual(env["media.crew.member"].search([]), self.ana)
        action = env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.media_booking_action_mine"
        )
        self.assertEqual(action["domain"], "[('user_id', '=', uid)]")
        with self.assertRaises(AccessError):
            env["media.booking"].browse(self.ben_a.id).read(["date_call"])
        # Costs never: budgets and rates are not theirs to read.
        for model in ("media.budget.line", "media.crew.rate"):
            with self.assertRaises(AccessError):
                env[model].search([])
        with self.assertRaises(AccessError):
            env["project.project"].browse(self.production_a.id).read(["coordination_cost_actual"])

    def test_crew_cannot_read_another_production(self):
        env = self.env(user=self.crew_user)
        self.assertEqual(
            env["project.project"].browse(self.production_a.id).name, "Test Documentary"
        )
        with self.assertRaises(AccessError):
            env["project.project"].browse(self.production_b.id).read(["name"])
        with self.assertRaises(AccessError):
            env["media.production.day"].browse(self.day_b.id).read(["date_call"])
        self.assertNotIn(
            self.production_b, env["project.project"].search([("is_media_production", "=", True)])
        )
        # Ben is booked on both productions: he reads both.
        ben_env = self.env(user=self.other_crew_user)
        self.assertEqual(
            ben_env["project.project"].search(
                [("id", "in", (self.production_a | self.production_b).ids)]
            ),
            self.production_a | self.production_b,
        )

    def test_crew_cannot_change_bookings(self):
        booking = self.ana_a.with_user(self.crew_user)
        with self.assertRaises(AccessError):
            booking.write({"date_call": MONDAY - timedelta(hours=2)})
        with self.assertRaises(AccessError):
            self.env["media.booking"].with_user(self.crew_user).create(
                {"day_id": self.day_a.id, "crew_member_id": self.ana.id}
            )

    def test_plain_user_and_manufacturing_staff_see_nothing(self):
        plain = new_test_user(self.env, "pcm_plain_media", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["media.booking"].with_user(plain).search([])
        self.assertFalse(
            self.env["project.project"]
            .with_user(plain)
            .search([("id", "in", (self.production_a | self.production_b).ids)])
        )
        # A coordination user who is not crew: no bookings, days or productions.
        staff = new_test_user(
            self.env, "pcm_staff_media", groups="production_coordination.group_coordination_user"
        )
        self.assertFalse(self.env["media.booking"].with_user(staff).search([]))
        self.assertFalse(self.env["media.production.day"].with_user(staff).search([]))

    def test_companies_are_kept_apart(self):
        other_company = self.env["res.company"].create({"name": "Other Films"})
        other_coordinator = new_test_user(
            self.env,
            "pcm_other_coordinator",
            groups=MEDIA_COORDINATOR,
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        env = self.env(user=other_coordinator)
        self.assertFalse(
            env["media.production.day"].search([("id", "in", (self.day_a | self.day_b).ids)])
        )
        self.assertFalse(env["media.booking"].search([("day_id", "=", self.day_a.id)]))
        self.assertFalse(env["media.revision"].search([("day_id", "=", self.day_a.id)]))
        production = env["project.project"].create(
            {"name": "Other production", "is_media_production": True}
        )
        day = env["media.production.day"].create(
            {
                "project_id": production.id,
                "date_call": MONDAY,
                "date_wrap": MONDAY + timedelta(hours=8),
            }
        )
        self.assertEqual(day.company_id, other_company)
        self.assertNotIn(day, self.env(user=self.coordinator)["media.production.day"].search([]))
