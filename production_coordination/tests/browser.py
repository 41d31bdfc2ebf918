# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Browser tests (HttpCase tours) as our users see them, on a desktop or on a phone."""

import unittest

PHONE = (390, 844)


class TourMixin:
    """For HttpCase classes: ``self.start_tour_or_fail(url, tour, login, phone=False)``.

    - Odoo skips a browser test when Chromium or websocket-client is missing: for us that is a
      broken installation, so the test fails instead.
    - ``phone=True`` runs the tour on a 390 x 844 touch screen. Headless Chromium never opens a
      window narrower than 500 px (``browser_size`` below that is ignored), so the screen is
      emulated the way DevTools' device toolbar does, as ``scripts/screenshot.py`` does, right
      after the browser is opened (Odoo opens one per tour) and before the first page loads.
    """

    _tour_screen = None

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if browser is not None and self._tour_screen:
            width, height = self._tour_screen
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
            )
            browser._websocket_request(
                "Emulation.setTouchEmulationEnabled", params={"enabled": True, "maxTouchPoints": 5}
            )
        return session

    def start_tour_or_fail(self, url, tour, login, phone=False):
        self._tour_screen = PHONE if phone else None
        try:
            self.start_tour(url, tour, login=login)
        except unittest.SkipTest as exc:
            self.fail(f"The browser test could not run: {exc}")
        finally:
            self._tour_screen = None
