# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read replicas: the media boards (productions, days, bookings, My Schedule, crew, timelines)
with their availability computations (conflicts, unavailable dates, maintenance) and the call
sheet report are read by Odoo's read-only calls (``web_search_read``, ``search_read``, the
``/report`` routes), which a server with ``--db_replica_host`` serves from the replica: they
must not write. Each is read here as its users in a read-only transaction."""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.production_coordination.tests.common import read_only_transaction

from .common import MONDAY, MediaCase


@tagged("post_install", "-at_install")
class TestMediaReadonly(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A published day with Ana and Ben; the next week Ana double-booked across two
        # productions and unavailable that day.
        Day = cls.env["media.production.day"]
        Booking = cls.env["media.booking"]

        def day(production, start):
            return Day.create(
                {
                    "project_id": production.id,
                    "date_call": start,
                    "date_wrap": start + timedelta(hours=10),
                    "tz": "UTC",
                }
            )

        def book(day, member):
            Booking.create({"day_id": day.id, "resource_type": "crew", "crew_member_id": member.id})

        cls.day = day(cls.production_a, MONDAY)
        book(cls.day, cls.ana)
        book(cls.day, cls.ben)
        cls.day.action_publish()
        later = MONDAY + timedelta(days=7)
        book(day(cls.production_a, later), cls.ana)
        book(day(cls.production_b, later), cls.ana)
        cls.env["media.crew.unavailability"].create(
            {"crew_member_id": cls.ana.id, "date_from": later.date(), "date_to": later.date()}
        )

    def test_boards_read_only(self):
        boards = {
            self.coordinator: [
                "project_project_action_media",
                "media_production_day_action",
                "media_booking_action",
                "media_booking_action_person",
                "media_booking_action_equipment",
                "media_crew_member_action",
                "media_revision_action",
            ],
            self.crew_user: [
                "media_booking_action_mine",
                "media_crew_unavailability_action_mine",
            ],
        }
        bookings = self.env["media.booking"].search([("crew_member_id", "=", self.ana.id)])
        self.assertEqual(bookings.mapped(lambda b: bool(b.conflict_count)).count(True), 2)
        for user, xmlids in boards.items():
            for xmlid in xmlids:
                with self.subTest(user=user.login, board=xmlid):
                    self._read_board(user, "production_coordination_media." + xmlid)

    def _read_board(self, user, xmlid):
        action = self.env.ref(xmlid).sudo()
        Model = self.env[action.res_model].with_user(user)
        views = [
            (view_id, mode)
            for view_id, mode in action.read(["views"])[0]["views"]
            if mode in ("list", "kanban", "timeline", "calendar")
        ]
        self.assertTrue(views, xmlid)
        fields = Model.get_views(views)["models"][Model._name]["fields"]
        specification = {
            name: {"fields": {"display_name": {}}} if field["type"] == "many2one" else {}
            for name, field in fields.items()
            if field["type"] != "properties"
        }
        self.env.invalidate_all()  # each user's reads are computed for them
        with read_only_transaction(self.env):
            Model.web_search_read([], specification, limit=80)
            Model.search_read([], list(specification), limit=80)

    def test_call_sheet_report_read_only(self):
        """``/report/pdf/…`` and ``/report/html/…`` are read-only routes: the call sheet as
        the coordinator (live) and as a crew member booked that day (the published one)."""
        for user in (self.coordinator, self.crew_user):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                with read_only_transaction(self.env):
                    html = (
                        self.env["ir.actions.report"]
                        .with_user(user)
                        ._render_qweb_html(
                            "production_coordination_media.report_call_sheet", self.day.ids
                        )[0]
                        .decode()
                    )
                self.assertIn(self.ben.name, html)
