# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MONDAY, MediaCase


class MediaEquipmentCase(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done_stage = cls.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        cls.camera_package.coordination_day_rate = 100.0

    def _check_in(self, booking, condition, note=False, user=None):
        """Check `booking` in through its Check In dialog, as `user` (the coordinator)."""
        booking = booking.with_user(user or self.coordinator)
        action = booking.action_check_in()
        Wizard = self.env[action["res_model"]].with_user(user or self.coordinator)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.condition = condition
            if note:
                form.note = note
        return form.record.action_check_in()


@tagged("post_install", "-at_install")
class TestEquipmentCheck(MediaEquipmentCase):
    """Check-out and check-in of equipment bookings; a faulty check-in opens a maintenance
    request linked to the booking and its production."""

    def setUp(self):
        super().setUp()
        self.day = self._day(self.production_a)
        self.booking = self._book(self.day, self.camera_package)

    def test_faulty_check_in_opens_a_maintenance_request(self):
        booking = self.booking.with_user(self.coordinator)
        booking.action_check_out()
        self.assertEqual(booking.check_state, "out")
        self.assertTrue(booking.date_checked_out)
        action = self._check_in(booking, "faulty", "Sensor shows dead pixels")
        request = booking.maintenance_request_id
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("maintenance.request", request.id)
        )
        self.assertEqual(booking.check_state, "in")
        self.assertEqual(booking.checkin_condition, "faulty")
        self.assertEqual(request.equipment_id, self.camera_package)
        self.assertEqual(request.maintenance_type, "corrective")
        self.assertEqual(request.coordination_booking_id, booking)
        self.assertEqual(request.coordination_project_id, self.production_a)
        self.assertEqual(request.company_id, self.production_a.company_id)
        self.assertIn("dead pixels", request.description)
        # Out of service: a later booking of the camera is in conflict until it is repaired.
        later = self._book(
            self._day(self.production_b, start=MONDAY + timedelta(days=400)), self.camera_package
        )
        self.assertEqual(later.conflict_count, 1)
        request.stage_id = self.done_stage
        self.assertEqual(later.conflict_count, 0)

    def test_equipment_to_repair_tile(self):
        Dashboard = self.env["media.dashboard"].with_user(self.coordinator)

        def tile():
            tiles = Dashboard.get_dashboard_data({"mine": False})["tiles"]
            return next(t for t in tiles if t["key"] == "equipment_repair")

        before = tile()["count"]
        self.booking.with_user(self.coordinator).action_check_out()
        self._check_in(self.booking, "faulty", "Dead sensor")
        repair = tile()
        self.assertEqual(repair["count"], before + 1)
        self.assertEqual(repair["action"]["res_model"], "maintenance.request")
        opened = (
            self.env["maintenance.request"]
            .with_user(self.coordinator)
            .search(repair["action"]["domain"])
        )
        self.assertIn(self.booking.maintenance_request_id, opened)
        # "My productions only": the repairs opened on the coordinator's productions.
        self.production_a.coordination_coordinator_id = self.coordinator
        mine = Dashboard.get_dashboard_data({"mine": True})["tiles"]
        self.assertEqual(next(t for t in mine if t["key"] == "equipment_repair")["count"], 1)
        # Repaired: off the tile. Crew users have no such tile.
        self.booking.maintenance_request_id.stage_id = self.done_stage
        self.assertEqual(tile()["count"], before)
        crew_tiles = self.env["media.dashboard"].with_user(self.crew_user).get_dashboard_data()
        self.assertNotIn("equipment_repair", [t["key"] for t in crew_tiles["tiles"]])

    def test_ok_and_damaged_check_ins_open_no_request(self):
        other = self._book(
            self._day(self.production_b, start=MONDAY + timedelta(days=1)), self.camera_package
        )
        (self.booking | other).with_user(self.coordinator).action_check_out()
        self.assertFalse(self._check_in(self.booking, "ok").get("res_model"))
        self.assertEqual(self.booking.checkin_condition, "ok")
        # Damaged says what: the note is required.
        with self.assertRaises(ValidationError):
            other.with_user(self.coordinator)._check_in("damaged", "  ")
        self._check_in(other, "damaged", "Lens hood cracked")
        self.assertEqual(
            (other.checkin_condition, other.checkin_note), ("damaged", "Lens hood cracked")
        )
        self.assertFalse((self.booking | other).maintenance_request_id)

    def test_check_out_and_in_refused(self):
        booking = self.booking.with_user(self.coordinator)
        with self.assertRaises(UserError):
            booking.action_check_in()  # not checked out
        booking.action_check_out()
        with self.assertRaises(UserError):
            booking.action_check_out()  # twice
        with self.assertRaises(ValidationError) as caught:
            booking._check_in("broken", "?")
        self.assertIn("broken", str(caught.exception))
        with self.assertRaises(ValidationError):
            booking._check_in("ok", ["not", "text"])
        booking._check_in("ok")
        with self.assertRaises(UserError):
            booking._check_in("ok")  # twice
        crew_booking = self._book(self.day, self.ana).with_user(self.coordinator)
        with self.assertRaises(UserError):
            crew_booking.action_check_out()
        cancelled = self._day(self.production_b, start=MONDAY + timedelta(days=2))
        cancelled_booking = self._book(cancelled, self.camera_package)
        cancelled.state = "cancelled"
        with self.assertRaises(UserError):
            cancelled_booking.with_user(self.coordinator).action_check_out()

    def test_only_coordinators_check_equipment_and_fields_are_protected(self):
        with self.assertRaises(AccessError):
            self.booking.with_user(self.crew_user).action_check_out()
        with self.assertRaises(AccessError) as caught:
            self.booking.with_user(self.coordinator).write(
                {"date_checked_out": "2031-03-03 07:00:00"}
            )
        self.assertIn("Checked Out", str(caught.exception))
        with self.assertRaises(AccessError):
            self.booking.with_user(self.coordinator).write({"checkin_condition": "ok"})
        self.assertFalse(self.booking.date_checked_out)

    def test_check_in_after_the_production_was_archived(self):
        # The equipment comes back even when its production was archived meanwhile.
        self.booking.with_user(self.coordinator).action_check_out()
        self.production_a.action_archive()
        self._check_in(self.booking, "faulty", "Battery plate broken")
        self.assertEqual(
            self.booking.maintenance_request_id.coordination_project_id, self.production_a
        )


@tagged("post_install", "-at_install")
class TestEquipmentPerformance(MediaEquipmentCase):
    """Per-equipment figures over a period, in a constant number of queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start = MONDAY.date()
        cls.end = cls.start + timedelta(days=9)
        cls.camera_package.effective_date = cls.start - timedelta(days=30)

    def _at(self, days):
        return MONDAY + timedelta(days=days)

    def _setup_history(self, equipment):
        day = {n: self._day(self.production_a, start=self._at(n)) for n in (0, 1, 5)}
        for n in (0, 1, 5):
            self._book(day[n], equipment)
        # Another production books it later at the same time on day 1: turned away.
        self._book(self._day(self.production_b, start=self._at(1)), equipment)
        Request = self.env["maintenance.request"]
        Request.create(
            {
                "name": "Broken on day 5",
                "equipment_id": equipment.id,
                "maintenance_type": "corrective",
                "request_date": self.start + timedelta(days=5),
                "close_date": self.start + timedelta(days=7),
                "stage_id": self.done_stage.id,
            }
        )
        Request.create(
            {
                "name": "Service",
                "equipment_id": equipment.id,
                "maintenance_type": "preventive",
                "schedule_date": self._at(8),
                "duration": 30.0,
            }
        )

    def test_figures_of_an_equipment(self):
        self._setup_history(self.camera_package)
        rental = self.env["media.rental"].create(
            {
                "name": "Spare camera",
                "project_id": self.production_a.id,
                "partner_id": self.env["res.partner"].create({"name": "Rent Co"}).id,
                "date_pickup": self.start,
                "date_return": self.start + timedelta(days=2),
                "price_unit": 250.0,
            }
        )
        rental.equipment_id = self.camera_package
        figures = self.camera_package.with_user(self.coordinator)._coordination_get_performance(
            self.start, self.end
        )[self.camera_package.id]
        self.assertEqual(
            figures,
            {
                "period_days": 10,
                # Down on days 5 and 6 (repaired on day 7), serviced on days 8 and 9 (30 h).
                "downtime_days": 4,
                "available_days": 6,
                "booked_days": 3,
                "utilisation": 50.0,
                "failures": 1,
                # Odoo's: (latest failure - effective date) / failures, repair days.
                "mtbf": 35,
                "mttr": 2,
                "affected_shoot_days": 1,
                "turned_away": 1,
                "billed_days": 4,
                "revenue": 400.0,
                "rental_cost": 250.0,
            },
        )

    def test_later_states_cancelled_day_and_archived_production(self):
        self._setup_history(self.camera_package)
        self.production_b.action_archive()  # the production that was turned away
        figures = self.camera_package._coordination_get_performance(self.start, self.end)
        self.assertEqual(figures[self.camera_package.id]["turned_away"], 0)
        self.assertEqual(figures[self.camera_package.id]["billed_days"], 3)
        day_5 = self.camera_package.coordination_booking_ids.day_id.filtered(
            lambda d: d.date == self.start + timedelta(days=5)
        )
        day_5.state = "cancelled"
        figures = self.camera_package._coordination_get_performance(self.start, self.end)
        self.assertEqual(figures[self.camera_package.id]["affected_shoot_days"], 0)
        self.assertEqual(figures[self.camera_package.id]["booked_days"], 2)

    def test_queries_do_not_grow_with_equipment(self):
        many = self.camera_package | self.env["maintenance.equipment"].create(
            [{"name": f"Light kit {n}", "coordination_is_bookable": True} for n in range(4)]
        )
        for equipment in many:
            self._setup_history(equipment)
        for equipment in (self.camera_package, many):
            equipment = equipment.with_user(self.coordinator)
            self.env.invalidate_all()
            with self.assertQueryCount(PERFORMANCE_QUERIES):
                figures = equipment._coordination_get_performance(self.start, self.end)
            self.assertEqual(len(figures), len(equipment))
            self.assertEqual({f["failures"] for f in figures.values()}, {1})

    def test_bad_periods(self):
        Equipment = self.camera_package.with_user(self.coordinator)
        for date_from, date_to in [
            (self.end, self.start),
            ("2031-13-45", self.end),
            (False, self.end),
            (self.start, self.start + timedelta(days=5000)),
        ]:
            with self.assertRaises(ValidationError):
                Equipment._coordination_get_performance(date_from, date_to)

    def test_performance_screen_as_coordinator_only(self):
        self._setup_history(self.camera_package)
        Performance = self.env["media.equipment.performance"].with_user(self.coordinator)
        with Form(Performance) as form:
            form.date_from = self.start
            form.date_to = self.end
            form.equipment_ids.add(self.camera_package)
        form.record.action_compute()
        line = form.record.line_ids
        self.assertEqual((line.equipment_id, line.utilisation), (self.camera_package, 50.0))
        with self.assertRaises(ValidationError):
            form.record.write({"date_to": self.start - timedelta(days=1)})
        with self.assertRaises(AccessError):
            self.env["media.equipment.performance"].with_user(self.crew_user).create({})


# Measured: bookings, downtime, rentals (3 SQL queries), the equipment's day rate and effective
# date, Odoo's MTBF/MTTR (its requests and their stages), flushes.
PERFORMANCE_QUERIES = 7
