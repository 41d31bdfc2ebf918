# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Change notices in a real browser, as the people who use them: staff on a phone starting work
whose method changed."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .browser import TourMixin
from .common import GROUP_USER


@tagged("post_install", "-at_install")
class TestChangeNoticeUi(TourMixin, HttpCase):
    def test_staff_confirms_reading_the_notice_before_starting(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        # Department staff without Manufacturing rights: they work from their cards only.
        staff = new_test_user(env, "pc_cn_staff", groups=GROUP_USER, name="Tour Staff")
        bench = env["mrp.workcenter"].create({"name": "Tour Bench"})
        assembly = env["coordination.department"].create(
            {
                "name": "Tour Assembly",
                "code": "TRCNA",
                "member_ids": [Command.set(staff.ids)],
                "workcenter_ids": [Command.set(bench.ids)],
            }
        )
        product = env["product.product"].create({"name": "Tour Changed Frame"})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Weld frame", "workcenter_id": bench.id, "time_cycle_manual": 90}
                    )
                ],
            }
        )
        production = env["mrp.production"].create({"product_id": product.id, "bom_id": bom.id})
        production.action_confirm()
        env.cr.precommit.run()
        bom.operation_ids.time_cycle_manual = 120
        env.cr.precommit.run()
        notice = env["coordination.change.notice"].search([("bom_id", "=", bom.id)])
        self.assertEqual(notice.department_line_ids.department_id, assembly)
        weld = production.workorder_ids
        self.assertEqual(weld.coordination_user_id, staff)
        self.env.flush_all()

        self.start_tour_or_fail(
            "/odoo/my-work-orders",
            "production_coordination_change_notice_start",
            staff.login,
            phone=True,
        )
        self.assertEqual(weld.state, "progress")
        self.assertEqual(
            [(start.user_id, start.is_confirmed) for start in notice.start_ids], [(staff, True)]
        )
