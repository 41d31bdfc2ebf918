# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Browser tests on a phone's screen."""

PHONE = (390, 844)


class PhoneScreenMixin:
    """For HttpCase: set ``self.screen = PHONE`` before ``start_tour`` to run the tour on a
    390 x 844 screen. Chrome's window is never narrower than 500 px (``browser_size`` below that
    is ignored), so the screen is emulated, as scripts/screenshot.py does."""

    screen = None

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if browser is not None and self.screen:
            width, height = self.screen
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
        return session
