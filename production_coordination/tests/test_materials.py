# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from .common import PURCHASE_USER
from .common_materials import MaterialsCase


class TestShortageTasks(MaterialsCase):
    def test_shortage_becomes_one_task_for_the_vendors_buyer(self):
        self._stock(3)
        # The vendor's last purchase order was Otto's.
        self._make_po(1, 30, user=self.other_buyer, confirm=False)
        first = self._make_mo(2, 2)  # needs 4 tubes in 2 days: 3 free, 1 missing
        later = self._make_mo(3, 10)  # needs 6 more in 10 days
        counts = self._scan()
        self.assertEqual(counts["created"], 1)
        task = self._tasks()
        self.assertEqual(len(task), 1)
        self.assertEqual(task.project_id, self.project)
        self.assertEqual(task.coordination_warehouse_id, self.warehouse)
        self.assertEqual(task.user_ids, self.other_buyer)
        self.assertEqual(task.activity_ids.user_id, self.other_buyer)
        self.assertEqual(task.coordination_shortage_qty, 7.0)
        self.assertEqual(task.coordination_date_need, first.date_start)
        # Ordered today, the tubes arrive in 5 days: too late for the order starting in 2.
        self.assertEqual(task.coordination_severity, "critical")
        self.assertEqual(task.coordination_vendor_id, self.vendor)
        self.assertEqual(task.coordination_vendor_price, 10.0)
        self.assertEqual(task.coordination_lead_days, 5.0)
        self.assertEqual(task.date_deadline, first.date_start - timedelta(days=5))
        lines = task.coordination_line_ids.sorted("date_need")
        self.assertEqual(lines.production_id.ids, [first.id, later.id])
        self.assertEqual(lines.mapped("qty_required"), [4.0, 6.0])
        self.assertEqual(lines.mapped("qty_available"), [3.0, 0.0])
        self.assertEqual(lines.mapped("qty_missing"), [1.0, 6.0])
        self.assertEqual(
            lines.mapped("production_rank"), [first.coordination_rank, later.coordination_rank]
        )

        # Nothing changed: the second scan writes nothing.
        messages, activities = len(task.message_ids), len(task.activity_ids)
        write_date, line_ids = task.write_date, task.coordination_line_ids.ids
        self.env.invalidate_all()
        self.assertEqual(
            self._scan(),
            dict.fromkeys(["created", "updated", "closed", "reopened", "risks", "followups"], 0),
        )
        self.assertEqual(self._tasks(), task)
        self.assertEqual(task.write_date, write_date)
        self.assertEqual(task.coordination_line_ids.ids, line_ids)
        self.assertEqual((len(task.message_ids), len(task.activity_ids)), (messages, activities))

        # More demand: the same task is updated.
        third = self._make_mo(1, 4)
        self.assertEqual(self._scan()["updated"], 1)
        self.assertEqual(self._tasks(), task)
        self.assertEqual(task.coordination_shortage_qty, 9.0)
        self.assertIn(third, task.coordination_line_ids.production_id)

    def test_buyer_falls_back_to_default_buyer_then_purchase_managers(self):
        self._make_mo(1, 3)
        self._scan()
        self.assertIn(self.purchase_manager, self._tasks().user_ids)
        self.assertNotIn(self.buyer, self._tasks().user_ids)

        other = self.env["product.product"].create(
            {
                "name": "M-Bolt",
                "is_storable": True,
                "seller_ids": [Command.create({"partner_id": self.vendor.id, "delay": 1})],
            }
        )
        self.bom.bom_line_ids = [Command.create({"product_id": other.id, "product_qty": 1})]
        self.company.coordination_buyer_id = self.default_buyer
        self._make_mo(1, 3)
        self._scan()
        self.assertEqual(self._tasks(other).user_ids, self.default_buyer)

    def test_severity_from_the_vendor_lead_time(self):
        self._make_mo(1, 20)  # order by day 15: there is time
        self._scan()
        task = self._tasks()
        self.assertEqual(task.coordination_severity, "normal")
        self.assertEqual(task.priority, "0")
        self._make_mo(1, 9)  # order by day 4: within the week
        self._scan()
        self.assertEqual(task.coordination_severity, "high")
        self._make_mo(1, 3)  # the vendor cannot make it
        self._scan()
        self.assertEqual(task.coordination_severity, "critical")
        self.assertEqual(task.priority, "1")

    def test_reordering_rule_minimum_without_manufacturing_order(self):
        self._stock(4)
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.component.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_min_qty": 10,
                "product_max_qty": 20,
                "company_id": self.company.id,
            }
        )
        self._scan()
        task = self._tasks()
        self.assertEqual(task.coordination_shortage_qty, 6.0)
        self.assertEqual(task.coordination_qty_min, 10.0)
        self.assertFalse(task.coordination_line_ids)
        # Below the minimum, no stock-out: to order this week, not critical.
        self.assertEqual(task.coordination_severity, "high")

    def test_task_closes_when_a_confirmed_purchase_covers_it_and_reopens_on_cancel(self):
        production = self._make_mo(3, 8)
        self._scan()
        task = self._tasks()
        self.assertFalse(task.is_closed)
        order = self._make_po(6, 6)  # arrives two days before the need
        last_message = max(task.message_ids.ids)
        counts = self._scan()
        self.assertEqual(counts["closed"], 1)
        self.assertTrue(task.is_closed)
        self.assertEqual(task.stage_id, self.project._coordination_get_stages()["done"])
        self.assertFalse(task.activity_ids)
        why = task.message_ids.filtered(lambda m: m.id > last_message and order.name in m.body)
        self.assertEqual(len(why), 1, "the closing message names the purchase order")
        self.assertEqual(self._scan()["closed"], 0)

        order.button_cancel()
        counts = self._scan()
        self.assertEqual(counts["reopened"], 1)
        self.assertEqual(self._tasks(), task)
        self.assertFalse(task.is_closed)
        self.assertEqual(task.stage_id, self.project._coordination_get_stages()["todo"])
        self.assertEqual(task.activity_ids.user_id, self.buyer)  # the vendor's last order
        self.assertEqual(task.coordination_line_ids.production_id, production)

        # Cancelling the manufacturing order solves it again, for another reason.
        production.action_cancel()
        last_message = max(task.message_ids.ids)
        self._scan()
        self.assertTrue(task.is_closed)
        new_messages = task.message_ids.filtered(lambda m: m.id > last_message)
        self.assertTrue(new_messages)
        self.assertFalse(new_messages.filtered(lambda m: order.name in m.body))

    def test_reported_dates_do_not_move_with_the_clock(self):
        """Demand already due and stock already below its minimum: an hour later, with nothing
        changed, the scan writes nothing (the dates it reports are not "now")."""
        overdue = self._make_mo(2, -2)  # should have started two days ago
        self._make_po(1, -1)  # its purchase is late
        bolt = self.env["product.product"].create({"name": "M-Bolt", "is_storable": True})
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": bolt.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_min_qty": 5,
                "product_max_qty": 10,
                "company_id": self.company.id,
            }
        )
        start = self._now().replace(hour=9, minute=0, second=0)
        with freeze_time(start):
            counts = self._scan()
        self.assertEqual((counts["created"], counts["risks"], counts["followups"]), (2, 1, 1))
        self.assertEqual(self._tasks().coordination_date_need, overdue.date_start)
        self.assertEqual(self._tasks(bolt).coordination_date_need, start.replace(hour=0))
        with freeze_time(start + timedelta(hours=1, minutes=7)):
            self.assertEqual(
                self._scan(),
                dict.fromkeys(
                    ["created", "updated", "closed", "reopened", "risks", "followups"], 0
                ),
            )

    def test_a_purchase_arriving_late_does_not_close_the_task(self):
        self._make_mo(3, 4)
        self._make_po(6, 9)  # five days after the need
        self._scan()
        task = self._tasks()
        self.assertFalse(task.is_closed)
        self.assertEqual(task.coordination_shortage_qty, 6.0)

    def test_scan_query_count_does_not_grow_with_the_number_of_mos(self):
        def queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._scan()
            return self.env.cr.sql_log_count - before

        for days in range(3):
            self._make_mo(1, days + 2)
        queries()  # creates the task
        few = queries()
        for days in range(12):
            self._make_mo(1, days + 2)
        queries()  # updates it
        self.assertEqual(queries(), few)


class TestShortageTaskAccess(MaterialsCase):
    def _open_form(self, task, user):
        """What the web client does when the user opens the task: load the form view, read
        every field it shows."""
        view = self.env.ref("production_coordination.project_task_view_form_shortage")
        Task = self.env["project.task"].with_user(user)
        arch = etree.fromstring(Task.get_views([(view.id, "form")])["views"]["form"]["arch"])
        names = set(arch.xpath("//field[not(ancestor::field)]/@name"))
        spec = {
            name: {"fields": {"display_name": {}}}
            if Task._fields[name].type in ("many2one",)
            else ({"fields": {}} if Task._fields[name].type in ("one2many", "many2many") else {})
            for name in names
        }
        return Task.browse(task.id).web_read(spec)[0]

    def test_purchasing_user_opens_the_task_and_creates_the_rfq(self):
        production = self._make_mo(2, 3)
        self._scan()
        task = self._tasks()
        # A purchasing user who may not read manufacturing orders sees what he needs.
        with self.assertRaises(AccessError):
            production.with_user(self.buyer).check_access("read")
        values = self._open_form(task, self.buyer)
        self.assertEqual(values["coordination_shortage_qty"], 4.0)
        self.assertEqual(values["coordination_vendor_id"]["id"], self.vendor.id)
        line = task.coordination_line_ids.with_user(self.buyer).read(
            ["production_name", "production_rank", "date_committed", "qty_missing"]
        )[0]
        self.assertEqual(line["production_name"], production.name)
        self.assertNotIn(
            "production_id", task.coordination_line_ids.with_user(self.buyer).fields_get()
        )
        self.assertEqual(
            task.with_user(self.buyer).get_formview_id(),
            self.env.ref("production_coordination.project_task_view_form_shortage").id,
        )

        order = self._click_rfq(task.with_user(self.buyer))
        self.assertEqual(order.partner_id, self.vendor)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.order_line.product_qty, 4.0)
        self.assertEqual(order.user_id, self.buyer)
        self.assertEqual(task.coordination_purchase_id, order)
        self.assertEqual(task.stage_id, self.project._coordination_get_stages()["ordered"])
        with Form(order) as form:  # he can work on it
            form.partner_ref = "REF-1"

        forecast = task.with_user(self.buyer).action_coordination_open_forecast()
        moves = self.env["stock.move"].with_user(self.buyer).search(forecast["domain"])
        self.assertIn(production.move_raw_ids, moves)
        # Someone who may read manufacturing orders gets Odoo's forecast report.
        report = task.with_user(self.coordinator).action_coordination_open_forecast()
        self.assertEqual(report["context"]["warehouse_id"], self.warehouse.id)
        self.assertEqual(report["tag"], "stock_forecasted")

        # He updates tasks, he does not delete them.
        task.with_user(self.buyer).write(
            {"stage_id": self.project._coordination_get_stages()["done"].id}
        )
        with self.assertRaises(AccessError):
            task.with_user(self.buyer).unlink()

    def test_create_rfq_is_idempotent(self):
        self._make_mo(2, 3)
        self._scan()
        task = self._tasks().with_user(self.buyer)
        first = self._click_rfq(task, "success")
        second = self._click_rfq(task, "info")
        self.assertEqual(first, second)
        self.assertEqual(
            self.env["purchase.order"].search_count([("partner_id", "=", self.vendor.id)]), 1
        )
        # A cancelled RFQ does not count: the next click makes a new one.
        first.button_cancel()
        third = self._click_rfq(task, "success")
        self.assertNotEqual(third, first)

    def test_create_rfq_orders_what_the_confirmed_purchase_leaves_short(self):
        """The buyer confirms less than the task asked for: the task orders the rest."""
        self._make_mo(2, 10)  # 4 tubes, needed after the vendor's 5 days
        self._scan()
        task = self._tasks().with_user(self.buyer)
        order = self._click_rfq(task, "success")
        self.assertEqual(order.order_line.product_qty, 4.0)
        order.order_line.product_qty = 3.0  # the vendor has 3
        order.button_confirm()
        self._scan()
        self.assertEqual(task.coordination_shortage_qty, 1.0)
        self.assertEqual(task.coordination_purchase_state, "purchase")
        # Create RFQ now orders the missing tube, in a new RFQ: the order is confirmed.
        rest = self._click_rfq(task, "success")
        self.assertNotEqual(rest, order)
        self.assertEqual((rest.state, rest.partner_id), ("draft", self.vendor))
        self.assertEqual(rest.order_line.product_qty, 1.0)
        self.assertEqual(order.order_line.product_qty, 3.0)
        self.assertEqual(task.coordination_purchase_id, rest)
        # Clicked again, it opens that RFQ and orders nothing more.
        self.assertEqual(self._click_rfq(task, "info"), rest)
        self.assertEqual(rest.order_line.product_qty, 1.0)
        self.assertEqual(
            self.env["purchase.order"].search_count([("partner_id", "=", self.vendor.id)]), 2
        )
        # More demand: what is missing now goes into the same draft RFQ.
        self._make_mo(1, 12)
        self._scan()
        self.assertEqual(task.coordination_shortage_qty, 3.0)
        self.assertEqual(self._click_rfq(task, "success"), rest)
        self.assertEqual(rest.order_line.product_qty, 3.0)
        self.assertEqual(self._click_rfq(task, "info"), rest)
        self.assertEqual(rest.order_line.product_qty, 3.0)

    def test_create_rfq_adds_to_the_vendors_draft(self):
        """A draft RFQ of the vendor for other products takes the line; one holding the product
        already counts as ordered."""
        other = self.env["product.product"].create({"name": "M-Bolt", "is_storable": True})
        draft = self._make_po(10, 5, confirm=False, product=other)
        self._make_mo(2, 10)
        self._scan()
        task = self._tasks().with_user(self.buyer)
        self.assertEqual(self._click_rfq(task, "success"), draft)
        line = draft.order_line.filtered(lambda line: line.product_id == self.component)
        self.assertEqual(line.product_qty, 4.0)
        self.assertEqual(task.coordination_purchase_id, draft)

    def test_create_rfq_needs_one_task(self):
        self._make_mo(2, 3)
        self._scan()
        task = self._tasks().with_user(self.buyer)
        for tasks in (task.browse(), task + task):
            with self.assertRaises(UserError):
                tasks.action_coordination_create_rfq()
        self.assertFalse(self.env["purchase.order"].search([("partner_id", "=", self.vendor.id)]))

    def test_who_sees_the_tasks_and_who_scans(self):
        self._make_mo(2, 3)
        self._scan()
        task = self._tasks()
        Task = self.env["project.task"]
        # Purchasing users see every low-stock task of their company.
        self.assertEqual(Task.with_user(self.default_buyer).search([("id", "=", task.id)]), task)
        # Project users only when invited to the project (it is for invited users only).
        self.assertFalse(Task.with_user(self.project_user).search([("id", "=", task.id)]))
        self.project.message_subscribe(self.project_user.partner_id.ids)
        self.assertEqual(Task.with_user(self.project_user).search([("id", "=", task.id)]), task)
        # Scan Now: purchasing users and coordinators; others get an AccessError.
        result = Task.with_user(self.buyer).action_coordination_scan_shortages()
        self.assertEqual(result["params"]["type"], "success")
        # As the low-stock list's header button calls it: with the selected ids (none).
        result = call_kw(Task.with_user(self.buyer), "action_coordination_scan_shortages", [[]], {})
        self.assertEqual(result["params"]["type"], "success")
        with self.assertRaises(AccessError):
            Task.with_user(self.project_user).action_coordination_scan_shortages()
        with self.assertRaises(AccessError):
            task.with_user(self.project_user).action_coordination_create_rfq()

    def test_companies_are_kept_apart(self):
        other_company = self.env["res.company"].create({"name": "Other Plant"})
        other_warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", other_company.id)]
        )
        other_buyer = new_test_user(
            self.env,
            "pcm_other_buyer",
            groups=PURCHASE_USER,
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.assertTrue(other_company.coordination_procurement_project_id)
        self.assertNotEqual(other_company.coordination_procurement_project_id, self.project)
        self._make_mo(2, 3)
        self.env["mrp.production"].with_company(other_company).create(
            {
                "product_id": self.product.id,
                "bom_id": self.bom.id,
                "product_qty": 5,
                "company_id": other_company.id,
                "date_start": self._now() + timedelta(days=3),
                "picking_type_id": other_warehouse.manu_type_id.id,
            }
        ).action_confirm()
        self._scan()
        mine = self._tasks()
        self.assertEqual(mine.coordination_shortage_qty, 4.0)
        self.assertFalse(self._tasks(company=other_company))  # not scanned yet
        self._scan(other_company)
        theirs = self._tasks(company=other_company)
        self.assertEqual(theirs.coordination_shortage_qty, 10.0)
        self.assertEqual(theirs.project_id, other_company.coordination_procurement_project_id)
        self.assertEqual(theirs.coordination_warehouse_id, other_warehouse)
        Task = (
            self.env["project.task"]
            .with_user(other_buyer)
            .with_context(allowed_company_ids=other_company.ids)
        )
        self.assertEqual(Task.search([("coordination_product_id", "=", self.component.id)]), theirs)
        with self.assertRaises(AccessError):
            Task.browse(mine.id).read(["coordination_shortage_qty"])
        with self.assertRaises(AccessError):
            mine.coordination_line_ids.with_env(Task.env).read(["production_name"])
