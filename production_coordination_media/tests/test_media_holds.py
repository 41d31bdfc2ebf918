# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaHolds(MediaCase):
    """Pencils and confirmed bookings, who keeps a contested resource, alternatives, the swap
    and the turnaround, as a media coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["maintenance.equipment.category"].create({"name": "Test cameras"})
        cls.camera_package.category_id = category
        cls.camera_b = cls.env["maintenance.equipment"].create(
            {
                "name": "Test camera B",
                "coordination_is_bookable": True,
                "category_id": category.id,
                "coordination_department_id": cls.camera.id,
            }
        )
        cls.lens_kit = cls.env["maintenance.equipment"].create(
            {"name": "Test lens kit", "coordination_is_bookable": True}
        )

    def setUp(self):
        super().setUp()
        self.day_a = self._day(self.production_a)
        self.day_b = self._day(self.production_b, start=MONDAY + timedelta(hours=2))

    @users("pcm_media_coordinator")
    def test_pencils_are_not_on_the_call_sheet(self):
        confirmed = self._book(self.day_a, self.carl)
        pencil = self._book(self.day_a, self.dora, hold_state="hold")
        self.assertEqual((confirmed.hold_rank, pencil.hold_rank), (0, 1))
        data = self.day_a._get_call_sheet_data()[self.day_a.id]
        names = [entry["name"] for entry in data["bookings"].values()]
        self.assertIn(self.carl.name, names)
        self.assertNotIn(self.dora.name, names)
        pencil.hold_state = "confirmed"
        data = self.day_a._get_call_sheet_data()[self.day_a.id]
        self.assertIn(self.dora.name, [entry["name"] for entry in data["bookings"].values()])

    @users("pcm_media_coordinator")
    def test_first_hold_outranks_the_second(self):
        first = self._book(self.day_a, self.ana, hold_state="hold")
        second = self._book(self.day_b, self.ana, hold_state="hold")
        self.assertEqual((first.hold_rank, second.hold_rank), (1, 2))
        self.assertIn(self.production_a.name, second.conflict_description)
        self.assertIn(self.production_a.name, first.conflict_description)
        self.assertEqual((first.conflict_count, second.conflict_count), (1, 1))
        # The second is confirmed: it is ahead of every pencil.
        second.hold_state = "confirmed"
        self.assertEqual((first.hold_rank, second.hold_rank), (2, 0))
        self.assertIn(self.production_b.name, first.conflict_description)
        # Released: the pencil is first again, without conflict.
        second.unlink()
        self.assertEqual(first.hold_rank, 1)
        self.assertFalse(first.conflict_count)

    @users("pcm_media_coordinator")
    def test_between_confirmed_bookings_the_better_rank_keeps_it(self):
        booking_a = self._book(self.day_a, self.camera_package)
        booking_b = self._book(self.day_b, self.camera_package)
        # Worded before the ranks move, then again after (in the same transaction).
        self.assertIn(f"{self.production_a.name} keeps it", booking_a.conflict_description)
        self.production_b.coordination_client_tier = "key"
        self.assertGreater(
            self.production_a.coordination_priority_rank,
            self.production_b.coordination_priority_rank,
        )
        self.assertIn(f"{self.production_b.name} keeps it", booking_a.conflict_description)
        self.assertIn(self.production_b.name, booking_a.conflict_description)
        self.assertIn(self.production_b.name, booking_b.conflict_description)
        # Alternatives: the free camera of the same category, not the lens kit.
        self.assertIn(self.camera_b.name, booking_a.conflict_description)
        self.assertNotIn(self.lens_kit.name, booking_a.conflict_description)

    @users("pcm_media_coordinator")
    def test_swap_to_an_alternative(self):
        self._book(self.day_a, self.ana)
        contested = self._book(self.day_b, self.ana, hold_state="hold")
        # Carl (camera department) is free; Ben (sound) is not of the department.
        self.assertIn(self.carl.name, contested.conflict_description)
        self.assertNotIn(self.ben.name, contested.conflict_description)
        action = contested.action_open_swap()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertIn(self.carl, wizard.alternative_crew_ids)
        self.assertNotIn(self.ben, wizard.alternative_crew_ids)
        self.assertEqual(wizard.crew_member_id, wizard.alternative_crew_ids[:1])  # proposed
        wizard.crew_member_id = self.env["media.crew.member"]
        swap = wizard.save()
        with self.assertRaises(UserError):
            swap.action_swap()  # nobody chosen
        swap.crew_member_id = self.ben
        with self.assertRaises(UserError):
            swap.action_swap()  # not an alternative
        swap.crew_member_id = self.carl
        swap.action_swap()
        self.assertEqual(contested.crew_member_id, self.carl)
        self.assertEqual(contested.conflict_count, 0)
        self.assertEqual(self.day_a.booking_ids.conflict_count, 0)

    def test_crew_cannot_swap(self):
        booking = self._book(self.day_a, self.ana)
        with self.assertRaises(AccessError):
            booking.with_user(self.crew_user).action_open_swap()
        with self.assertRaises(AccessError):
            self.env["media.booking.swap"].with_user(self.crew_user).create(
                {"booking_id": booking.id}
            )

    @users("pcm_media_coordinator")
    def test_turnaround(self):
        late = self._book(self.day_a, self.carl)
        late.date_wrap = MONDAY + timedelta(hours=16)  # 23:00
        tuesday = self._day(self.production_b, start=MONDAY + timedelta(days=1))  # 07:00
        early = self._book(tuesday, self.carl)
        self.assertEqual(early.conflict_count, 1)
        self.assertIn("8.0", early.conflict_description)
        self.assertEqual(late.conflict_count, 0)
        # A shorter wrap: ten hours of rest, no conflict.
        late.date_wrap = MONDAY + timedelta(hours=14)
        self.assertEqual(early.conflict_count, 0)
        late.date_wrap = MONDAY + timedelta(hours=16)
        self.assertEqual(early.conflict_count, 1)
        # A company that allows eight hours.
        self.env.company.sudo().coordination_media_min_rest_hours = 8
        self.assertEqual(early.conflict_count, 0)

    @users("pcm_media_coordinator")
    def test_same_date_bookings_are_no_turnaround(self):
        morning = self._book(self.day_a, self.carl)
        morning.date_wrap = MONDAY + timedelta(hours=3)
        evening = self._day(self.production_b, start=MONDAY + timedelta(hours=5), hours=4)
        self.assertEqual(self._book(evening, self.carl).conflict_count, 0)

    @users("pcm_media_coordinator")
    def test_part_day_unavailability(self):
        # Carl is away 14:00–18:00 on Monday; the day runs 07:00–17:00 (UTC).
        period = self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": self.carl.id,
                "date_from": MONDAY.date(),
                "date_to": MONDAY.date(),
                "hour_from": 14.0,
                "hour_to": 18.0,
                "reason": "Dentist",
            }
        )
        booking = self._book(self.day_a, self.carl)
        self.assertEqual(booking.conflict_count, 1)
        self.assertIn("14:00", booking.conflict_description)
        # A morning booking does not clash.
        booking.date_wrap = MONDAY + timedelta(hours=6)  # 13:00
        self.assertEqual(booking.conflict_count, 0)
        # A whole-day period (the former kind) still clashes with any time.
        period.write({"hour_from": 0.0, "hour_to": 24.0})
        self.assertEqual(booking.conflict_count, 1)
        with self.assertRaises(ValidationError) as caught:
            period.write({"hour_from": 18.0, "hour_to": 9.0})
        self.assertIn("From Hour", str(caught.exception))
        with self.assertRaises(ValidationError):
            period.write({"hour_to": 30.0})

    @users("pcm_media_coordinator")
    def test_part_day_in_the_day_time_zone(self):
        # A day in Paris (UTC+1 in March): 09:00–13:00 local is 08:00–12:00 UTC.
        day = self._day(
            self.production_b,
            start=MONDAY + timedelta(hours=16),
            hours=4,
            tz="Europe/Paris",
        )  # 23:00–03:00 UTC = 00:00–04:00 Tuesday in Paris
        self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": self.dora.id,
                "date_from": day.date,
                "date_to": day.date,
                "hour_from": 0.0,
                "hour_to": 2.0,
            }
        )
        self.assertEqual(self._book(day, self.dora).conflict_count, 1)

    @users("pcm_media_coordinator")
    def test_a_pencil_elsewhere_does_not_hold_back_publishing(self):
        confirmed = self._book(self.day_a, self.ana)
        pencil = self._book(self.day_b, self.ana, hold_state="hold")
        self._book(self.day_b, self.dora)
        self.assertEqual((confirmed.conflict_count, pencil.conflict_count), (1, 1))
        # The confirmed booking keeps Ana: its day publishes; so does the other day, without
        # the pencil on its call sheet.
        self.day_a.action_publish()
        self.day_b.action_publish()
        sheet = self.day_b.revision_id.snapshot["bookings"].values()
        self.assertNotIn(self.ana.name, [entry["name"] for entry in sheet])
        # Two confirmed bookings of one person hold a day back.
        day_c = self._day(self.production_b, start=MONDAY + timedelta(hours=4))
        self._book(day_c, self.ana)
        with self.assertRaises(UserError) as caught:
            day_c.action_publish()
        self.assertIn(self.ana.name, str(caught.exception))

    def test_conflict_checks_are_set_based(self):
        """The same queries to check (and word) one contested person as eight: overlaps,
        unavailable dates, maintenance, turnaround, alternatives."""

        def contest(count):
            people = self.env["media.crew.member"].create(
                [
                    {
                        "partner_id": self.env["res.partner"]
                        .create({"name": f"Set {count} {n}"})
                        .id,
                        "role_id": self.role_ac.id,
                    }
                    for n in range(count)
                ]
            )
            day_a = self._day(self.production_a, start=MONDAY + timedelta(days=7 * count))
            day_b = self._day(self.production_b, start=MONDAY + timedelta(days=7 * count, hours=1))
            bookings = self.env["media.booking"]
            for person in people:
                bookings |= self._book(day_a, person) | self._book(day_b, person, hold_state="hold")
            self.assertTrue(all(bookings.mapped("conflict_count")))
            self.env.invalidate_all()
            return bookings

        small, large = contest(1), contest(8)
        with self.assertQueryCount(__system__=16):
            small._get_conflicts()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=16):
            large._get_conflicts()
