# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The problem log in a browser: a crew user reports a problem."""

from odoo.tests import HttpCase, tagged

from odoo.addons.production_coordination.tests.browser import TourMixin

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaProblemUi(TourMixin, MediaCase, HttpCase):
    def test_crew_reports_a_problem(self):
        production = self.env["project.project"].create(
            {"name": "Tour Documentary", "is_media_production": True}
        )
        self._book(self._day(production, start=MONDAY), self.ana)
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo/media-problems",
            "production_coordination_media_problem_report",
            self.crew_user.login,
        )
        problem = self.env["media.problem"].search([("name", "=", "Tour dolly wheel broken")])
        self.assertEqual(problem.project_id, production)
        self.assertEqual(problem.reporter_id, self.crew_user)
        self.assertTrue(problem.is_blocking)
        self.assertEqual(problem.state, "open")
