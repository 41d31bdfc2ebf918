# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work order timeline in a browser, as the coordinator who plans with it and as staff who
read it."""

from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .browser import TourMixin
from .common import GROUP_MANAGER, GROUP_USER, MRP_USER


@tagged("post_install", "-at_install")
class TestWorkorderTimelineUi(TourMixin, HttpCase):
    """Two stool orders planned by Odoo ten days ahead (past any current week): pressing (Tour
    Timeline Press) then sanding (Tour Timeline Sander); the first order expedited, the second
    late (promised for the start of its day)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = new_test_user(
            cls.env, "pc_tl_coordinator", groups=GROUP_MANAGER, name="Timeline Coordinator"
        )
        cls.staff = new_test_user(
            cls.env, "pc_tl_staff", groups=f"{GROUP_USER},{MRP_USER}", name="Timeline Staff"
        )
        calendar = cls.env["resource.calendar"].create({"name": "Tour 40h UTC", "tz": "UTC"})
        cls.press, cls.sander = cls.env["mrp.workcenter"].create(
            [
                {"name": name, "resource_calendar_id": calendar.id}
                for name in ("Tour Timeline Press", "Tour Timeline Sander")
            ]
        )
        cls.env["coordination.department"].create(
            {
                "name": "Tour Woodwork",
                "code": "TOURWW",
                "member_ids": [Command.set(cls.staff.ids)],
                "workcenter_ids": [Command.set((cls.press | cls.sander).ids)],
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Tour Timeline Stool", "is_storable": True}
        )
        bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Press seat",
                            "workcenter_id": cls.press.id,
                            "time_cycle_manual": 60,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Sand seat",
                            "workcenter_id": cls.sander.id,
                            "time_cycle_manual": 60,
                        }
                    ),
                ],
            }
        )
        # Ten days ahead, on a Monday at 8:00: never in the current week.
        start = datetime.combine(fields.Date.today() + timedelta(days=10), time(8))
        start += timedelta(days=-start.weekday() % 7)
        cls.first, cls.second = cls.env["mrp.production"].create(
            [
                {"product_id": product.id, "bom_id": bom.id, "date_start": start}
                for _order in range(2)
            ]
        )
        (cls.first | cls.second).action_confirm()
        cls.first.button_plan()
        cls.second.button_plan()
        cls.first._coordination_expedite("Tour fair")
        cls.second.sudo().coordination_date_committed_manual = start

    def test_coordinator_plans_on_the_timeline(self):
        first_press = self.first.workorder_ids.filtered(lambda wo: wo.name == "Press seat")
        second_press = self.second.workorder_ids.filtered(lambda wo: wo.name == "Press seat")
        planned = (first_press.date_start, first_press.date_finished)
        self.assertEqual(second_press.date_start, first_press.date_finished)
        self.env.flush_all()
        # The tour drags the first pressing onto the second: Odoo refuses (a UserError, which
        # odoo.http logs as a warning) and the work order stays where it was.
        with self.assertLogs("odoo.http", "WARNING") as logs:
            self.start_tour_or_fail(
                "/odoo/coordination-timeline",
                "production_coordination_workorder_timeline",
                self.coordinator.login,
            )
        self.assertEqual(len(logs.records), 1)
        self.assertIn(second_press.display_name, logs.records[0].getMessage())
        self.env.invalidate_all()
        self.assertEqual((first_press.date_start, first_press.date_finished), planned)

    def test_staff_read_the_timeline(self):
        # By department: the tour's work orders in the row of Tour Woodwork.
        self.env.flush_all()
        self.start_tour_or_fail(
            "/odoo/coordination-timeline-departments",
            "production_coordination_workorder_timeline_staff",
            self.staff.login,
        )
