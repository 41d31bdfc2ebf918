# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.production_coordination.tests.browser import TourMixin

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaUi(TourMixin, MediaCase, HttpCase):
    def test_coordinator_publishes_a_day_and_sends_the_call_sheet(self):
        camera = self._crew("Tour Camera", self.role_dop)
        sound = self._crew("Tour Sound", self.role_sound)
        day = self._day(self.production_a, start=MONDAY)
        self._book(day, camera)
        self._book(day, sound)
        self.env.flush_all()
        self.start_tour_or_fail(
            f"/odoo/media-days/{day.id}",
            "production_coordination_media_publish_and_send",
            self.coordinator.login,
        )
        self.assertEqual(day.state, "published")
        self.assertEqual(day.revision_id.number, 1)
        self.assertEqual(day.recipient_ids.crew_member_id, camera | sound)
        self.assertEqual(set(day.recipient_ids.mapped("state")), {"sent"})
        self.assertEqual(day.revision_id.sent_crew_ids, camera | sound)

    def test_media_coordinator_lands_in_the_media_app(self):
        # A double booking: the board and the production say what clashes.
        self._book(self._day(self.production_a), self.ana)
        self._book(self._day(self.production_b, start=MONDAY + timedelta(hours=2)), self.ana)
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo", "production_coordination_media_home", self.coordinator.login
        )

    def test_crew_user_lands_on_my_schedule_on_a_phone(self):
        # Called today; the call sheet was sent to her.
        today = datetime.now().replace(hour=8, minute=0, second=0, microsecond=0)
        day = self._day(self.production_a, start=today)
        self._book(day, self.ana)
        day.with_user(self.coordinator).action_publish()
        day.with_user(self.coordinator).action_send_call_sheet()
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo",
            "production_coordination_media_crew_phone",
            self.crew_user.login,
            phone=True,
        )
        self.assertEqual(day.recipient_ids.state, "confirmed")
