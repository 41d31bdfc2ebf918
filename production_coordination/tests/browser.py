# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Browser tests at a phone's width.

Headless Chromium does not make a window narrower than 500 px, whatever `browser_size` says:
the phone's viewport is set the way DevTools' device toolbar does
(`Emulation.setDeviceMetricsOverride`), before the first page loads."""

import contextlib
import unittest
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser

PHONE = (390, 844)


@contextlib.contextmanager
def phone_viewport(width=PHONE[0], height=PHONE[1]):
    """Browsers started within this context show pages at `width` × `height` CSS pixels,
    with touch events, as a phone does."""
    navigate_to = ChromeBrowser.navigate_to

    def navigate_on_phone(browser, url, wait_stop=False):
        browser._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
        )
        browser._websocket_request(
            "Emulation.setTouchEmulationEnabled", params={"enabled": True, "maxTouchPoints": 5}
        )
        return navigate_to(browser, url, wait_stop=wait_stop)

    with patch.object(ChromeBrowser, "navigate_to", navigate_on_phone):
        yield


def start_tour_or_fail(case, url, tour, login, phone=False):
    """`case.start_tour`, failing (not skipping) when the browser cannot run: for us that is a
    broken installation. `phone`: at a phone's width (390 px)."""
    try:
        with phone_viewport() if phone else contextlib.nullcontext():
            case.start_tour(url, tour, login=login)
    except unittest.SkipTest as exc:
        case.fail(f"The browser test could not run: {exc}")
