# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import RouteCase


class TestExpediteAndQueue(RouteCase):
    def _queue(self, department):
        """The department queue as its list view orders it."""
        view = self.env.ref("production_coordination.mrp_workorder_view_list_queue")
        order = etree.fromstring(view.arch).get("default_order")
        return self.env["mrp.workorder"].search(
            [
                ("coordination_department_id", "=", department.id),
                ("state", "not in", ("done", "cancel")),
            ],
            order=order,
        )

    def test_expedite_is_for_coordinators(self):
        production = self._make_mo()
        with self.assertRaises(AccessError):
            production.with_user(self.sup_cut).action_coordination_expedite()
        with self.assertRaises(AccessError):
            production.with_user(self.sup_cut)._coordination_expedite("Because")
        self.assertFalse(production.coordination_is_expedited)

    def test_expedite_flags_posts_and_notifies_the_route(self):
        production = self._make_mo()
        action = production.with_user(self.coordinator).action_coordination_expedite()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        ) as wizard:
            wizard.reason = "Customer moved the delivery to Friday"
        wizard.record.action_apply()
        self.assertTrue(production.coordination_is_expedited)
        self.assertEqual(production.coordination_expedited_by_id, self.coordinator)
        message = production.message_ids[0]
        self.assertIn("Customer moved the delivery to Friday", message.body)
        self.assertEqual(
            message.partner_ids, (self.sup_cut | self.sup_asm | self.sup_qc).partner_id
        )
        with self.assertRaises(UserError):
            production.with_user(self.coordinator)._coordination_expedite("Again")
        with self.assertRaises(UserError):
            production.with_user(self.coordinator)._coordination_expedite("", expedite=False)

        production.with_user(self.coordinator)._coordination_expedite(
            "Delivery back to normal", False
        )
        self.assertFalse(production.coordination_is_expedited)
        self.assertFalse(production.coordination_expedite_reason)
        self.assertIn("Delivery back to normal", production.message_ids[0].body)

    def test_queue_order_expedited_then_urgent_then_planned_start(self):
        late = self._make_mo(date_start=datetime(2026, 12, 10, 8))
        early = self._make_mo(date_start=datetime(2026, 12, 1, 8))
        urgent = self._make_mo(date_start=datetime(2026, 12, 20, 8), priority="1")
        expedited = self._make_mo(date_start=datetime(2026, 12, 30, 8))
        for production, start in ((late, 10), (early, 1), (urgent, 20), (expedited, 30)):
            for workorder in production.workorder_ids:
                workorder.date_start = datetime(2026, 12, start, 8)
        # Urgent first, then by planned start (once the ranks are refreshed: the job after the
        # writes). (Compare id lists: recordset equality ignores the order.)
        self._run_rank_jobs()
        self.assertEqual(
            self._queue(self.cutting).production_id.ids, (urgent | early | late | expedited).ids
        )
        expedited.with_user(self.coordinator)._coordination_expedite("VIP")
        self._run_rank_jobs()
        self.assertEqual(
            self._queue(self.cutting).production_id.ids, (expedited | urgent | early | late).ids
        )
        # Staff see their department's queue: the menu's default filter keeps it to them.
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.mrp_workorder_action_queue"
        )
        self.assertIn("search_default_my_departments", action["context"])
