# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MEDIA_COORDINATOR
from .test_media_equipment import MediaEquipmentCase


@tagged("post_install", "-at_install")
class TestMediaRecommendation(MediaEquipmentCase):
    """Recommendations from the equipment performance of the company's period (settings), each
    with its rule, figures and one action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.coordination_recommendation_window_days = 10
        cls.today = fields.Date.context_today(cls.env["media.recommendation"])
        since = cls.today - timedelta(days=300)
        Equipment = cls.env["maintenance.equipment"]
        cls.busy, cls.idle, cls.broken = Equipment.create(
            [
                {"name": name, "coordination_is_bookable": True, "effective_date": since}
                for name in ("Busy dolly", "Idle crane", "Broken monitor")
            ]
        )
        # The other bookable equipment of the company (the demo's) are not part of the tests.
        (
            Equipment.search([("coordination_is_bookable", "=", True)])
            - cls.busy
            - cls.idle
            - cls.broken
            - cls.camera_package
        ).coordination_is_bookable = False
        cls.camera_package.effective_date = since

    def setUp(self):
        super().setUp()
        # Busy: booked on 9 of the last 10 days (90 % > 85 %).
        for n in range(1, 10):
            start = datetime.combine(self.today - timedelta(days=n), time(7, 0))
            self._book(self._day(self.production_a, start=start), self.busy)
        # Camera: booked 5 of 10 days, neither busy nor idle.
        for n in range(1, 6):
            start = datetime.combine(self.today - timedelta(days=n), time(7, 0))
            self._book(self._day(self.production_b, start=start), self.camera_package)
        # Broken: two failures in the period (> 1), repaired, no preventive plan; booked enough.
        for n in (2, 6):
            self.env["maintenance.request"].create(
                {
                    "name": f"Failure {n}",
                    "equipment_id": self.broken.id,
                    "maintenance_type": "corrective",
                    "request_date": self.today - timedelta(days=n),
                    "close_date": self.today - timedelta(days=n - 1),
                    "stage_id": self.done_stage.id,
                }
            )
        for n in (1, 3, 4, 5):
            start = datetime.combine(self.today - timedelta(days=n), time(7, 0))
            self._book(self._day(self.production_b, start=start), self.broken)
        self.Recommendation = self.env["media.recommendation"].with_user(self.coordinator)

    def _kinds(self):
        return {
            (rec.kind, rec.equipment_id.name)
            for rec in self.Recommendation.search([("state", "=", "new")])
            if rec.kind != "method"
        }

    def test_rules_figures_and_recompute(self):
        self.Recommendation.action_compute_recommendations()
        self.assertEqual(
            self._kinds(),
            {
                ("more", "Busy dolly"),
                ("retire", "Idle crane"),
                ("repair", "Broken monitor"),
                ("preventive", "Broken monitor"),
            },
        )
        more = self.Recommendation.search([("kind", "=", "more")])
        self.assertIn("90.0", more.rule)
        self.assertIn("85", more.rule)
        self.assertIn("9 booked of 10 available days", more.figures)
        repair = self.Recommendation.search([("kind", "=", "repair")])
        self.assertIn("(2)", repair.rule)
        # Recomputing refreshes the same records.
        before = self.Recommendation.search([])
        self.Recommendation.action_compute_recommendations()
        self.assertEqual(self.Recommendation.search([]), before)
        # A dismissed one does not come back; a rule that no longer holds drops its new one.
        retire = self.Recommendation.search([("kind", "=", "retire")])
        retire.action_dismiss()
        self.env["maintenance.request"].create(
            {
                "name": "Plan",
                "equipment_id": self.broken.id,
                "maintenance_type": "preventive",
                "recurring_maintenance": True,
                "schedule_date": fields.Datetime.now() + timedelta(days=30),
            }
        )
        self.Recommendation.action_compute_recommendations()
        self.assertEqual(self._kinds(), {("more", "Busy dolly"), ("repair", "Broken monitor")})
        self.assertEqual(retire.state, "dismissed")
        self.assertEqual(self.Recommendation.search_count([("kind", "=", "retire")]), 1)

    def test_thresholds_come_from_the_settings(self):
        self.company.coordination_recommendation_utilisation_high = 95.0
        self.company.coordination_recommendation_failures = 2
        self.Recommendation.action_compute_recommendations()
        kinds = self._kinds()
        self.assertNotIn(("more", "Busy dolly"), kinds)
        self.assertNotIn(("repair", "Broken monitor"), kinds)
        self.assertIn(("preventive", "Broken monitor"), kinds)
        for fname, value in [
            ("coordination_recommendation_window_days", 0),
            ("coordination_recommendation_utilisation_high", 120.0),
            ("coordination_recommendation_utilisation_low", 96.0),
            ("coordination_recommendation_turned_away", -1),
        ]:
            settings = self.env["res.config.settings"].with_user(self.env.ref("base.user_admin"))
            with self.assertRaises(ValidationError) as caught:
                settings.create({fname: value}).execute()
            self.assertIn(str(value).rstrip("0").rstrip("."), str(caught.exception))

    def test_actions(self):
        self.Recommendation.action_compute_recommendations()
        repair = self.Recommendation.search([("kind", "=", "repair")])
        action = repair.action_apply()
        self.assertEqual(action["res_model"], "maintenance.request")
        self.assertEqual(action["context"]["default_equipment_id"], self.broken.id)
        self.assertEqual(action["context"]["default_maintenance_type"], "corrective")
        preventive = self.Recommendation.search([("kind", "=", "preventive")])
        self.assertEqual(
            preventive.action_apply()["context"]["default_maintenance_type"], "preventive"
        )
        self.assertEqual(
            self.Recommendation.search([("kind", "=", "more")]).action_apply()["res_model"],
            "media.rental",
        )
        retire = self.Recommendation.search([("kind", "=", "retire")])
        retire.action_apply()
        self.assertFalse(self.idle.active)
        self.assertEqual(retire.state, "done")
        with self.assertRaises(UserError):
            retire.action_apply()
        repair.action_done()
        self.assertEqual(repair.state, "done")
        repair.action_reset()
        self.assertEqual(repair.state, "new")

    def test_roles_and_protected_fields(self):
        self.Recommendation.action_compute_recommendations()
        repair = self.Recommendation.search([("kind", "=", "repair")])
        with self.assertRaises(AccessError):
            repair.write({"rule": "Made up"})
        with self.assertRaises(AccessError):
            repair.write({"state": "done"})
        with self.assertRaises(AccessError):
            self.Recommendation.create({"name": "Mine", "kind": "repair", "rule": "x", "key": "x"})
        Crew = self.env["media.recommendation"].with_user(self.crew_user)
        with self.assertRaises(AccessError):
            Crew.search([])
        with self.assertRaises(AccessError):
            Crew.action_compute_recommendations()
        with self.assertRaises(AccessError):
            repair.with_user(self.crew_user).action_done()

    def _problem(self, cause, production, days_ago=1, **values):
        return self.env["media.problem"].create(
            {
                "name": f"{cause} {days_ago}",
                "project_id": production.id,
                "category": "weather" if cause == "weather" else "other",
                "root_cause": cause,
                "date_reported": fields.Datetime.now() - timedelta(days=days_ago),
                **values,
            }
        )

    def test_method_recommendations_from_recurring_root_causes(self):
        # Three weather problems in the period (one blocking), in two productions: a change of
        # method for the company. Two permit problems (under 3) and one of the period before
        # do not count; neither do problems without or with an "other" root cause. (The demo
        # data's problems are set aside: these counts are the test's own.)
        self.env["media.problem"].search([]).unlink()
        self._problem("weather", self.production_a, 1, is_blocking=True)
        self._problem("weather", self.production_a, 3)
        self._problem("weather", self.production_b, 5)
        self._problem("weather", self.production_b, 30)
        self._problem("permit", self.production_a, 2)
        self._problem("permit", self.production_a, 4)
        self._problem("other", self.production_a, 2)
        self._problem("other", self.production_a, 3)
        self._problem("other", self.production_a, 4)
        self.Recommendation.action_compute_recommendations()
        method = self.Recommendation.search([("kind", "=", "method")])
        self.assertEqual(len(method), 1)
        self.assertEqual(method.problem_root_cause, "weather")
        self.assertFalse(method.project_id)
        self.assertIn("3", method.rule)
        self.assertIn("1 blocking", method.figures)
        action = method.action_apply()
        self.assertEqual(action["res_model"], "media.problem")
        self.assertEqual(
            len(self.env["media.problem"].with_user(self.coordinator).search(action["domain"])),
            4,
        )
        # Permit problems recurring in one production: a recommendation for that production.
        self._problem("permit", self.production_a, 6)
        self.Recommendation.action_compute_recommendations()
        permit = self.Recommendation.search([("problem_root_cause", "=", "permit")])
        self.assertEqual(permit.project_id, self.production_a)
        self.company.coordination_recommendation_problems = 4
        self.Recommendation.action_compute_recommendations()
        self.assertFalse(self.Recommendation.search([("kind", "=", "method")]))

    def test_another_company(self):
        self.Recommendation.action_compute_recommendations()
        company_b = self.env["res.company"].create({"name": "Other Films"})
        coordinator_b = new_test_user(
            self.env,
            "pcm_media_coordinator_b",
            groups=MEDIA_COORDINATOR,
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        Recommendation_b = self.env["media.recommendation"].with_user(coordinator_b)
        self.assertFalse(Recommendation_b.search([]))
        repair = self.Recommendation.search([("kind", "=", "repair")])
        with self.assertRaises(AccessError):
            repair.with_user(coordinator_b).action_apply()
        # Their own computation leaves the other company's recommendations alone.
        Recommendation_b.action_compute_recommendations()
        self.assertTrue(repair.exists())
        self.assertEqual(repair.state, "new")
