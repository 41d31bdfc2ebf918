# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MediaCase


@tagged("post_install", "-at_install")
class TestMediaProblemDemo(MediaCase):
    """The demo shows a blocking problem with its impact and a sent daily production report;
    without demo, none of it exists."""

    def test_demo_problem_and_report(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "production_coordination_media")]
        )
        problem = self.env.ref(
            "production_coordination_media.problem_market_permit", raise_if_not_found=False
        )
        report = self.env.ref(
            "production_coordination_media.production_report_doc_day_1", raise_if_not_found=False
        )
        if not module.demo:
            self.assertFalse(problem)
            self.assertFalse(report)
            return
        coordinator = self.env.ref("production_coordination_media.user_media_coordinator")
        problem = problem.with_user(coordinator)
        day = self.env.ref("production_coordination_media.doc_day_3").with_user(coordinator)
        self.assertEqual(problem.blocked_day_ids, day)
        self.assertTrue(problem.impact_booking_count)
        self.assertTrue(problem.impact_crew_hours)
        with self.assertRaises(UserError) as caught:
            day.action_publish()
        self.assertIn(problem.name, str(caught.exception))
        # The radio mic problem is past due and escalated (at install; run again: once only).
        mics = self.env.ref("production_coordination_media.problem_radio_mics")
        self.env["media.problem"]._cron_escalate()
        self.assertTrue(mics.is_overdue)
        self.assertTrue(mics.date_escalated)
        self.assertIn(coordinator, mics.activity_ids.user_id)
        # The sent report: overtime, scenes, in the production's actuals.
        self.assertEqual(report.state, "sent")
        self.assertGreater(report.overtime_hours, 0)
        self.assertEqual((report.scenes_shot_count, report.scenes_planned_count), (1, 2))
        production = report.project_id.with_user(coordinator)
        self.assertEqual(production.coordination_reported_day_count, 1)
        self.assertAlmostEqual(production.coordination_overtime_hours, report.overtime_hours)
        # Ana (crew) sees the problem she reported, not the permit one.
        ana = self.env.ref("production_coordination_media.user_crew_ana")
        seen = self.env["media.problem"].with_user(ana).search([])
        self.assertIn(self.env.ref("production_coordination_media.problem_camera_plate"), seen)
