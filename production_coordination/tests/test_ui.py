# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_MANAGER


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def _start_tour_or_fail(self, url, tour, login):
        # Odoo skips a browser test when Chromium or websocket-client is missing:
        # for us that is a broken installation, so the test fails instead.
        try:
            self.start_tour(url, tour, login=login)
        except unittest.SkipTest as exc:
            self.fail(f"The browser test could not run: {exc}")

    def test_coordinator_opens_coordination_app(self):
        coordinator = new_test_user(
            self.env, "pc_tour_coordinator", groups=GROUP_MANAGER, name="Tour Coordinator"
        )
        self.env["coordination.department"].create(
            {"name": "Tour Assembly", "code": "TOURA", "supervisor_id": coordinator.id}
        )
        self._start_tour_or_fail("/odoo", "production_coordination_open_app", coordinator.login)
