# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every public entry point of production_coordination_media, with bad input, as each role
(see production_coordination/tests/bad_input_walker.py)."""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.production_coordination.tests.bad_input_walker import BadInputWalker

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaBadInput(BadInputWalker, MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = cls._make_roles()
        crew_user = cls.roles["crew user"]
        cls.walker_crew = cls.env["media.crew.member"].create(
            {
                "partner_id": crew_user.partner_id.id,
                "role_id": cls.role_ac.id,
                "user_id": crew_user.id,
            }
        )
        cls.production_a.coordination_coordinator_id = cls.roles["media coordinator"]
        cls.location = cls.env["media.location"].create(
            {"name": "Walker quay", "nearest_hospital": "Walker General"}
        )
        cls.env["media.production.phase"].create(
            {
                "project_id": cls.production_a.id,
                "phase": "production",
                "date_start": MONDAY.date(),
                "date_end": MONDAY.date() + timedelta(days=5),
            }
        )
        cls.env["media.deliverable"].create({"project_id": cls.production_a.id, "name": "Cut"})
        cls.env["media.crew.unavailability"].create(
            {
                "crew_member_id": cls.walker_crew.id,
                "date_from": MONDAY.date() + timedelta(days=10),
                "date_to": MONDAY.date() + timedelta(days=11),
            }
        )
        # A published day with its call sheet sent, and a draft one.
        cls.published = cls._make_day(cls.production_a, MONDAY)
        cls.published.location_id = cls.location
        cls._make_booking(cls.published, cls.walker_crew)
        cls._make_booking(cls.published, cls.camera_package)
        cls.published.action_publish()
        cls.published.action_send_call_sheet()
        cls.draft = cls._make_day(cls.production_b, MONDAY + timedelta(days=1))
        cls._make_booking(cls.draft, cls.ana)
        # Budget, rates, a rental on an RFQ (the walk writes to them and calls their actions).
        cls.env["media.budget.line"].create(
            {"project_id": cls.production_a.id, "category": "equipment", "amount": 100}
        )
        cls.env["media.crew.rate"].create({"crew_member_id": cls.walker_crew.id, "amount": 300})
        cls.rental = cls.env["media.rental"].create(
            {
                "name": "Walker crane",
                "project_id": cls.production_a.id,
                "partner_id": cls.env["res.partner"].create({"name": "Walker rentals"}).id,
                "day_ids": cls.published.ids,
                "date_pickup": MONDAY.date(),
                "date_return": MONDAY.date(),
                "price_unit": 500,
            }
        )
        cls.rental.action_request()

    @classmethod
    def _make_day(cls, production, start):
        return cls.env["media.production.day"].create(
            {
                "project_id": production.id,
                "date_call": start,
                "date_wrap": start + timedelta(hours=10),
                "tz": "UTC",
            }
        )

    @classmethod
    def _make_booking(cls, day, resource):
        values = (
            {"resource_type": "equipment", "equipment_id": resource.id}
            if resource._name == "maintenance.equipment"
            else {"resource_type": "crew", "crew_member_id": resource.id}
        )
        return cls.env["media.booking"].create({"day_id": day.id, **values})

    def _wizard_values(self, model_name):
        return {
            "media.revision.wizard": {
                "day_id": self.published.id,
                "reason": "production",
                "note": "Walk",
            },
            "media.booking.swap": {"booking_id": self.draft.booking_ids[:1].id},
            "media.budget.approval.wizard": {
                "purchase_ids": self.rental.purchase_id.ids,
                "message": "Walk",
                "reason": "Walk",
            },
        }.get(model_name)

    def test_walk_every_public_entry_point(self):
        self._walk("production_coordination_media")
