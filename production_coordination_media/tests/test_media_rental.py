# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MONDAY
from .test_media_budget import MediaBudgetCase


@tagged("post_install", "-at_install")
class TestMediaRental(MediaBudgetCase):
    """Hired-in equipment: requested from a day or a booking onto the vendor's RFQ of the
    production, ordered with it, picked up, returned, overdue when late."""

    def setUp(self):
        super().setUp()
        self.day_1 = self._day(self.production_a)
        self.day_2 = self._day(self.production_a, start=MONDAY + timedelta(days=1))
        self.booking = self._book(self.day_1, self.camera_package)

    def _request(self, action, **values):
        """Fill the Request Rental dialog `action` as the coordinator and add it to the RFQ."""
        Rental = self.env["media.rental"].with_user(self.coordinator)
        with Form(Rental.with_context(**action["context"]), view=action["views"][0][0]) as form:
            form.partner_id = values.pop("partner", self.vendor)
            for name, value in values.items():
                setattr(form, name, value)
        rental = form.record
        rental.action_request()
        return rental

    def test_request_from_days_and_booking_onto_one_rfq(self):
        days = (self.day_1 | self.day_2).with_user(self.coordinator)
        crane = self._request(days.action_request_rental(), name="Technocrane", price_unit=900)
        self.assertEqual(
            (crane.date_pickup, crane.date_return), (date(2031, 3, 3), date(2031, 3, 4))
        )
        self.assertEqual(crane.day_ids, self.day_1 | self.day_2)
        order = crane.purchase_id
        self.assertEqual((order.state, order.partner_id), ("draft", self.vendor))
        self.assertEqual(order.coordination_project_id, self.production_a)
        line = crane.purchase_line_id
        self.assertEqual(
            (line.coordination_date_pickup, line.coordination_date_return),
            (date(2031, 3, 3), date(2031, 3, 4)),
        )
        self.assertEqual(line.coordination_project_id, self.production_a)
        self.assertEqual(line.coordination_budget_category, "equipment")
        self.assertEqual(line.price_subtotal, 900)
        # On the schedule and the call sheet: hired equipment with its vendor, on its days.
        equipment = crane.equipment_id
        self.assertEqual(equipment.name, "Technocrane (Grip Rentals Ltd)")
        self.assertFalse(equipment.coordination_is_bookable)
        self.assertEqual(equipment.coordination_booking_ids.day_id, self.day_1 | self.day_2)
        sheet = self.day_1._get_call_sheet_data()[self.day_1.id]
        self.assertIn(
            "Technocrane (Grip Rentals Ltd)",
            [entry["name"] for entry in sheet["bookings"].values()],
        )
        crane.day_ids = self.day_2
        self.assertEqual(equipment.coordination_booking_ids.day_id, self.day_2)
        # From the booking: named after its equipment, same vendor and production: same RFQ.
        lens = self._request(
            self.booking.with_user(self.coordinator).action_request_rental(), price_unit=100
        )
        self.assertEqual(lens.name, "Test camera package")
        self.assertEqual(lens.booking_id, self.booking)
        self.assertEqual(lens.department_id, self.camera)  # the booked equipment's
        self.assertEqual(lens.equipment_id.coordination_department_id, self.camera)
        self.assertEqual(lens.purchase_id, order)
        self.assertEqual(len(order.order_line), 2)
        # Another vendor: another RFQ.
        other = self._request(
            self.day_1.with_user(self.coordinator).action_request_rental(),
            name="Generator",
            partner=self.env["res.partner"].create({"name": "Power Co"}),
        )
        self.assertNotEqual(other.purchase_id, order)
        # Requested: in the forecast, not committed yet.
        self._budget(equipment=5000)
        equipment = self._line("equipment")
        self.assertEqual((equipment.amount_committed, equipment.amount_forecast), (0, 1000))
        with self.assertRaises(UserError):
            crane.action_request()  # already on the RFQ

    def test_order_pickup_overdue_return(self):
        crane = self._request(
            self.day_1.with_user(self.coordinator).action_request_rental(),
            name="Crane",
            price_unit=500,
        )
        with self.assertRaises(UserError):
            crane.action_pickup()  # not ordered yet
        crane.purchase_id.with_user(self.coordinator).button_confirm()
        self.assertEqual(crane.state, "ordered")
        crane.action_pickup()
        self.assertEqual(crane.state, "out")
        Rental = self.env["media.rental"].with_user(self.coordinator)
        self.assertFalse(crane.is_overdue)  # back in 2031
        self.assertNotIn(crane, Rental.search([("is_overdue", "=", True)]))
        crane.write({"date_pickup": date(2024, 1, 1), "date_return": date(2024, 1, 2)})
        crane.invalidate_recordset(["is_overdue"])
        self.assertTrue(crane.is_overdue)
        self.assertIn(crane, Rental.search([("is_overdue", "=", True)]))
        self.assertNotIn(crane, Rental.search([("is_overdue", "=", False)]))
        crane.action_return()
        self.assertEqual(crane.state, "returned")
        self.assertEqual(crane.date_returned, fields.Date.context_today(crane))
        self.assertNotIn(crane, Rental.search([("is_overdue", "=", True)]))
        with self.assertRaises(UserError):
            crane.action_return()

    def test_overdue_rental_reminds_the_coordinator_once(self):
        self.production_a.coordination_coordinator_id = self.coordinator
        crane = self._request(
            self.day_1.with_user(self.coordinator).action_request_rental(),
            name="Crane",
            price_unit=500,
        )
        crane.purchase_id.with_user(self.coordinator).button_confirm()
        crane.action_pickup()
        Rental = self.env["media.rental"]
        overdue = "production_coordination_media.mail_activity_type_media_rental_overdue"

        def reminders():
            return crane.activity_ids.filtered(
                lambda a: a.activity_type_id.get_external_id()[a.activity_type_id.id] == overdue
            )

        Rental._cron_remind_overdue()
        self.assertFalse(reminders())  # due back in 2031
        crane.write({"date_pickup": date(2024, 1, 1), "date_return": date(2024, 1, 2)})
        Rental._cron_remind_overdue()
        self.assertEqual(reminders().user_id, self.coordinator)
        self.assertIn("Crane", reminders().summary)
        Rental._cron_remind_overdue()
        self.assertEqual(len(reminders()), 1)  # once per return date
        # A new return date that passes too: reminded again.
        crane.date_return = date(2024, 1, 5)
        Rental._cron_remind_overdue()
        self.assertEqual(len(reminders()), 2)
        # Returned (by the coordinator): nothing left to chase.
        crane.with_user(self.coordinator).action_return()
        self.assertFalse(reminders())

    def test_cancelling(self):
        draft = self._request(
            self.day_1.with_user(self.coordinator).action_request_rental(), name="Dolly"
        )
        order = draft.purchase_id
        ordered = self._request(
            self.day_1.with_user(self.coordinator).action_request_rental(), name="Track"
        )
        self.assertTrue(draft.equipment_id.coordination_booking_ids)
        draft.action_cancel()  # its line leaves the RFQ, its equipment the schedule
        self.assertEqual(draft.state, "cancel")
        self.assertFalse(draft.equipment_id.coordination_booking_ids)
        self.assertEqual(order.order_line.coordination_rental_ids, ordered)
        order.with_user(self.coordinator).button_confirm()
        with self.assertRaises(UserError):
            ordered.action_cancel()  # ordered: cancel the order
        # A purchase user (no access to rentals) cancels the order: its rentals follow.
        order.with_user(self.buyer).button_cancel()
        self.assertEqual(ordered.state, "cancel")
        self.assertFalse(ordered.equipment_id.coordination_booking_ids)
        with self.assertRaises(UserError):
            self.env["media.rental"].with_user(self.coordinator).browse(ordered.id).action_pickup()

    def test_bad_input(self):
        Rental = self.env["media.rental"].with_user(self.coordinator)
        values = {
            "name": "Crane",
            "project_id": self.production_a.id,
            "partner_id": self.vendor.id,
            "date_pickup": date(2031, 3, 3),
            "date_return": date(2031, 3, 4),
        }
        with self.assertRaises(ValidationError) as caught:
            Rental.create(dict(values, date_return=date(2031, 3, 1)))
        self.assertIn("Return", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Rental.create(dict(values, price_unit=-1))
        self.assertIn("Price", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Rental.create(dict(values, quantity=0))
        self.assertIn("Quantity", str(caught.exception))
        self.day_2.with_user(self.coordinator).action_cancel()
        with self.assertRaises(ValidationError) as caught:
            Rental.create(dict(values, day_ids=[self.day_2.id]))
        self.assertIn(self.day_2.display_name, str(caught.exception))
        with self.assertRaises(UserError):
            self.day_2.with_user(self.coordinator).action_request_rental()
        other_day = self._day(self.production_b)
        with self.assertRaises(ValidationError):
            Rental.create(dict(values, day_ids=[other_day.id]))
        with self.assertRaises(UserError):
            (self.day_1 | other_day).with_user(self.coordinator).action_request_rental()
        with self.assertRaises(UserError):
            Rental.search([("is_overdue", "in", [True])])

    def test_crew_see_the_rentals_of_their_days_without_prices(self):
        self._book(self.day_1, self.ana)
        crane = self._request(
            self.day_1.with_user(self.coordinator).action_request_rental(),
            name="Crane",
            price_unit=500,
        )
        hidden = self._request(
            self.day_2.with_user(self.coordinator).action_request_rental(), name="Hidden van"
        )
        self.env.invalidate_all()
        Rental = self.env["media.rental"].with_user(self.crew_user)
        self.assertEqual(Rental.search([]), crane)
        self.assertEqual(Rental.browse(crane.id).partner_id, self.vendor)
        for field in ("price_unit", "amount", "purchase_line_id", "purchase_id", "product_id"):
            with self.assertRaises(AccessError):
                Rental.browse(crane.id).read([field])
        with self.assertRaises(AccessError):
            Rental.browse(hidden.id).read(["name"])
        with self.assertRaises(AccessError):
            Rental.browse(crane.id).write({"date_return": date(2031, 3, 9)})
        with self.assertRaises(AccessError):
            Rental.browse(crane.id).action_return()
