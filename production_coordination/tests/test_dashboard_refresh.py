# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_MANAGER


@tagged("post_install", "-at_install")
class TestDashboardRefresh(HttpCase):
    def test_refresh_after_a_failed_first_load(self):
        """The first load of the dashboard fails (the tour makes its call fail once): the
        5-minute refresh loads the saved filters instead of throwing."""
        coordinator = new_test_user(
            self.env, "pc_tour_refresh", groups=GROUP_MANAGER, name="Refresh Coordinator"
        )
        try:
            self.start_tour(
                "/odoo/discuss",
                "production_coordination_dashboard_refresh",
                login=coordinator.login,
            )
        except unittest.SkipTest as exc:
            # A missing Chromium is a broken installation here: fail, never skip.
            self.fail(f"The browser test could not run: {exc}")
