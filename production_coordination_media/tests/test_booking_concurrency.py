# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from odoo import SUPERUSER_ID
from odoo.exceptions import UserError
from odoo.tests.common import new_test_user, tagged

from odoo.addons.production_coordination.tests.common import ParallelRequestsCase

from .common import MEDIA_COORDINATOR, MONDAY


@tagged("post_install", "-at_install")
class TestParallelBookings(ParallelRequestsCase):
    """Two media coordinators book the same person at overlapping times at the same moment, in
    two real transactions (each request served as Odoo serves an RPC call): both bookings end
    up flagged, and the day cannot be published."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID)
            coordinators = [
                new_test_user(env, login, groups=MEDIA_COORDINATOR, name=name, tz="UTC")
                for login, name in (
                    ("pcm_par_mia", "Mia Parallel"),
                    ("pcm_par_noa", "Noa Parallel"),
                )
            ]
            productions = env["project.project"].create(
                [
                    {"name": "Parallel Documentary", "is_media_production": True},
                    {"name": "Parallel Commercial", "is_media_production": True},
                ]
            )
            days = env["media.production.day"].create(
                [
                    {
                        "project_id": production.id,
                        "date_call": MONDAY + timedelta(hours=hours),
                        "date_wrap": MONDAY + timedelta(hours=hours + 8),
                        "tz": "UTC",
                    }
                    for production, hours in zip(productions, (0, 4), strict=True)
                ]
            )
            member = env["media.crew.member"].create(
                {"partner_id": env["res.partner"].create({"name": "Parallel Gaffer"}).id}
            )
            cls.user_ids = coordinators[0].ids + coordinators[1].ids
            cls.production_ids = productions.ids
            cls.day_ids = days.ids
            cls.member_id = member.id
        # (Registered once the data is committed: a failed setup leaves nothing behind.)
        cls.addClassCleanup(cls._remove_committed_data)

    @classmethod
    def _remove_committed_data(cls):
        with cls.registry.cursor() as cr:
            env = cls._env(cr, SUPERUSER_ID, active_test=False)
            days = env["media.production.day"].browse(cls.day_ids)
            days.booking_ids.unlink()
            days.revision_ids.unlink()
            days.unlink()
            env["project.project"].browse(cls.production_ids).unlink()
            member = env["media.crew.member"].browse(cls.member_id)
            partner = member.partner_id
            member.unlink()
            partner.unlink()
            users = env["res.users"].browse(cls.user_ids)
            partners = users.partner_id
            users.unlink()
            partners.unlink()

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_bookings)

    def _remove_bookings(self):
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            env["media.booking"].search([("day_id", "in", self.day_ids)]).unlink()

    def _book(self, env, day_id):
        return env["media.booking"].create({"day_id": day_id, "crew_member_id": self.member_id}).id

    def test_parallel_bookings_flag_each_other(self):
        barrier = threading.Barrier(2)

        def book(uid, day_id):
            # Both transactions have taken their snapshot before either books.
            return self._request(
                uid,
                lambda env: self._book(env, day_id),
                before=lambda env: barrier.wait(timeout=30),
            )

        with ThreadPoolExecutor(max_workers=2) as executor:
            futures = [
                executor.submit(book, uid, day_id)
                for uid, day_id in zip(self.user_ids, self.day_ids, strict=True)
            ]
            booking_ids = [future.result(timeout=120) for future in futures]

        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            bookings = env["media.booking"].browse(booking_ids)
            self.assertEqual(bookings.mapped("conflict_count"), [1, 1])
            self.assertEqual(bookings.day_id.mapped("conflict_count"), [1, 1])

        # And the day with the double booking is not published.
        with self.assertRaises(UserError) as caught:
            self._request(
                self.user_ids[0],
                lambda env: env["media.production.day"].browse(self.day_ids[0]).action_publish(),
            )
        self.assertIn("Parallel Documentary", str(caught.exception))
        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            self.assertEqual(env["media.production.day"].browse(self.day_ids[0]).state, "draft")

    def test_booking_older_than_a_committed_booking_sees_it(self):
        """The second request started its transaction before the first one committed its
        booking: it must not book without seeing it."""
        started, first_done = threading.Event(), threading.Event()

        def late_booking():
            def wait_for_the_first(_env):
                started.set()
                first_done.wait(timeout=60)

            return self._request(
                self.user_ids[1],
                lambda env: self._book(env, self.day_ids[1]),
                before=wait_for_the_first,
            )

        with ThreadPoolExecutor(max_workers=1) as executor:
            future = executor.submit(late_booking)
            started.wait(timeout=60)
            first = self._request(self.user_ids[0], lambda env: self._book(env, self.day_ids[0]))
            first_done.set()
            late = future.result(timeout=120)

        with self.registry.cursor() as cr:
            env = self._env(cr, SUPERUSER_ID)
            bookings = env["media.booking"].browse([first, late])
            self.assertEqual(bookings.mapped("conflict_count"), [1, 1])
