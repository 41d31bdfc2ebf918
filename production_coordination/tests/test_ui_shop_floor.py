# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The screens people live in, in a real browser, as the people who use them: staff on a phone
(My Work Orders as cards), a supervisor at their desk (the department queues), a coordinator
reordering the priority board by dragging."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .browser import TourMixin
from .common import GROUP_MANAGER, GROUP_SUPERVISOR, GROUP_USER


@tagged("post_install", "-at_install")
class TestShopFloorUi(TourMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.supervisor = new_test_user(
            cls.env, "pc_sf_supervisor", groups=GROUP_SUPERVISOR, name="Tour Supervisor"
        )
        # Department staff without Manufacturing rights: they work from their cards only.
        cls.staff = new_test_user(cls.env, "pc_sf_staff", groups=GROUP_USER, name="Tour Staff")
        cls.saw, cls.bench = cls.env["mrp.workcenter"].create(
            [{"name": "Tour Saw"}, {"name": "Tour Bench"}]
        )
        Department = cls.env["coordination.department"]
        cls.cutting = Department.create(
            {"name": "Tour Cutting", "code": "TRCUT", "workcenter_ids": [Command.set(cls.saw.ids)]}
        )
        cls.assembly = Department.create(
            {
                "name": "Tour Assembly",
                "code": "TRASM",
                "supervisor_id": cls.supervisor.id,
                "member_ids": [Command.set(cls.staff.ids)],
                "workcenter_ids": [Command.set(cls.bench.ids)],
            }
        )

    def _make_mo(self, name, cut_done=False):
        """A confirmed MO of a frame made in Cutting (30 min), then Assembly (90 min); with
        `cut_done`, Cutting has handed it over to Assembly."""
        product = self.env["product.product"].create({"name": name, "is_storable": True})
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Cut", "workcenter_id": self.saw.id, "time_cycle_manual": 30}
                    ),
                    Command.create(
                        {
                            "name": "Weld frame",
                            "workcenter_id": self.bench.id,
                            "time_cycle_manual": 90,
                        }
                    ),
                ],
            }
        )
        production = self.env["mrp.production"].create({"product_id": product.id, "bom_id": bom.id})
        production.action_confirm()
        if cut_done:
            cut = production.workorder_ids.filtered(lambda wo: wo.name == "Cut")
            cut.button_start()
            cut.button_finish()
        return production

    def _weld(self, production):
        return production.workorder_ids.filtered(lambda wo: wo.name == "Weld frame")

    def test_staff_work_from_cards_on_a_phone(self):
        ready = self._make_mo("Tour Ready Frame", cut_done=True)
        waiting = self._make_mo("Tour Waiting Frame")
        self.assertEqual(self._weld(ready | waiting).coordination_user_id, self.staff)
        self.env.flush_all()

        self.start_tour_or_fail(
            "/odoo/my-work-orders",
            "production_coordination_shop_floor_staff",
            self.staff.login,
            phone=True,
        )
        weld = self._weld(ready)
        self.assertEqual(weld.state, "done")
        # Started, paused and finished in the staff member's name.
        self.assertTrue(weld.time_ids)
        self.assertEqual(weld.time_ids.user_id, self.staff)
        self.assertNotIn(self._weld(waiting).state, ("progress", "done"))

        # The department queue opens as cards on a phone too.
        self.start_tour_or_fail(
            "/odoo/coordination-queue",
            "production_coordination_shop_floor_queue_phone",
            self.staff.login,
            phone=True,
        )

    def test_supervisor_works_the_department_queue(self):
        # Two departments: on a phone, their queues follow one another down the screen.
        self.cutting.supervisor_id = self.supervisor
        ready = self._make_mo("Tour Ready Frame", cut_done=True)
        self._make_mo("Tour Waiting Frame")
        blocked = self._make_mo("Tour Blocked Frame", cut_done=True)
        blocked.coordination_handoff_ids.filtered(
            lambda leg: leg.department_id == self.assembly
        )._block("Jig broken")
        self.env.flush_all()

        self.start_tour_or_fail(
            "/odoo/coordination-queue",
            "production_coordination_shop_floor_supervisor",
            self.supervisor.login,
        )
        weld = self._weld(ready)
        self.assertEqual(weld.state, "progress")
        self.assertEqual(weld.time_ids.user_id, self.supervisor)

        # The same queues on the supervisor's phone.
        self.start_tour_or_fail(
            "/odoo/coordination-queue",
            "production_coordination_shop_floor_queue_phone",
            self.supervisor.login,
            phone=True,
        )

    def test_coordinator_pins_a_rank_by_dragging(self):
        company = self.env["res.company"].create({"name": "Tour Pin Co"})

        def coordinator(login, name):
            return new_test_user(
                self.env,
                login,
                groups=GROUP_MANAGER,
                name=name,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cora = coordinator("pc_sf_coordinator", "Tour Coordinator")
        otto = coordinator("pc_sf_coordinator_2", "Tour Colleague")
        Production = self.env["mrp.production"].with_company(company)
        orders = Production.create(
            [
                {
                    "product_id": self.env["product.product"].create({"name": name}).id,
                    "company_id": company.id,
                    "priority": priority,
                }
                for name, priority in (
                    ("Tour Pin A", "0"),
                    ("Tour Pin B", "1"),
                    ("Tour Pin C", "0"),
                )
            ]
        )
        orders.action_confirm()
        first, second, third = orders
        first.with_user(cora).with_company(company)._coordination_expedite("Trade show")
        third.with_user(otto).with_company(company)._coordination_set_rank_override(
            3, "Waits for its paint"
        )
        self.assertEqual(orders.mapped("coordination_rank"), [1, 2, 3])
        self.env.flush_all()

        # The refused pin is a UserError answered to the browser (which Odoo logs as a warning).
        with self.assertLogs("odoo.http", "WARNING") as logged:
            self.start_tour_or_fail(
                "/odoo/coordination-priorities", "production_coordination_priority_drag", cora.login
            )
        self.assertEqual(len(logged.records), 1)
        self.assertIn(third.name, logged.records[0].getMessage())
        self.assertEqual(
            (
                second.coordination_rank,
                second.coordination_rank_override,
                second.coordination_rank_override_reason,
                second.coordination_rank_override_by_id,
            ),
            (1, 1, "Customer visit on Monday", cora),
        )
        self.assertFalse(first.coordination_rank_override)
        self.assertEqual((third.coordination_rank_override, third.coordination_rank), (3, 3))
