# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import GROUP_MANAGER, PURCHASE_USER, CoordinationCommon
from .test_i18n import load_languages

SALESMAN = "sales_team.group_sale_salesman"


class ReviewCase(CoordinationCommon):
    """A company of its own: two departments on a UTC 40-hour calendar, a three-level product
    (frame ← sub-assembly ← bought rod; and a bought screw in stock), a coordinator and two
    salespeople without Manufacturing rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Review Plant"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)])

        def user(login, groups, name):
            return cls._user(login, groups, name, company=cls.company, tz="UTC")

        cls.coordinator = user("pcv_coordinator", GROUP_MANAGER, "Cora Coordinator")
        cls.salesman = user("pcv_sales", SALESMAN, "Sam Sales")
        cls.other_salesman = user("pcv_sales2", SALESMAN, "Olga Other")
        cls.buyer = user("pcv_buyer", PURCHASE_USER, "Bea Buyer")
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Review 40h UTC", "tz": "UTC", "company_id": cls.company.id}
        )
        Workcenter = cls.env["mrp.workcenter"]
        cls.wc_saw, cls.wc_bench = (
            Workcenter.create(
                {
                    "name": name,
                    "resource_calendar_id": cls.calendar.id,
                    "company_id": cls.company.id,
                    "time_start": 0,
                    "time_stop": 0,
                }
            )
            for name in ("V-Saw", "V-Bench")
        )
        Department = cls.env["coordination.department"]
        cls.cutting = Department.create(
            {
                "name": "V-Cutting",
                "code": "VCUT",
                "company_id": cls.company.id,
                "workcenter_ids": [Command.set(cls.wc_saw.ids)],
            }
        )
        cls.assembly = Department.create(
            {
                "name": "V-Assembly",
                "code": "VASM",
                "company_id": cls.company.id,
                "workcenter_ids": [Command.set(cls.wc_bench.ids)],
            }
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Rod Supply Co"})
        cls.customer = cls.env["res.partner"].create({"name": "Frame Buyer Ltd"})
        cls.rod = cls._make_product(
            "V-Rod",
            seller_ids=[
                Command.create(
                    {
                        "partner_id": cls.vendor.id,
                        "price": 3.0,
                        "delay": 20,
                        "company_id": cls.company.id,
                    }
                )
            ],
        )
        cls.screw = cls._make_product("V-Screw")
        cls.sub = cls._make_product("V-Sub")
        cls.frame = cls._make_product("V-Frame")
        cls.sub_bom = cls._make_bom(
            cls.sub,
            [(cls.rod, 3)],
            [{"name": "Cut", "workcenter_id": cls.wc_saw.id, "time_cycle_manual": 30}],
            company_id=cls.company.id,
        )
        cls.frame_bom = cls._make_bom(
            cls.frame,
            [(cls.sub, 2), (cls.screw, 4)],
            [{"name": "Assemble", "workcenter_id": cls.wc_bench.id, "time_cycle_manual": 60}],
            company_id=cls.company.id,
        )
        cls.service = cls.env["product.product"].create({"name": "V-Design", "type": "service"})
        # Other work on the saw: blanks.
        cls.blank = cls._make_product("V-Blank")
        cls.blank_bom = cls._make_bom(
            cls.blank,
            [],
            [{"name": "Cut", "workcenter_id": cls.wc_saw.id, "time_cycle_manual": 30}],
            company_id=cls.company.id,
        )

    def _stock(self, qty, product):
        self.env["stock.quant"]._update_available_quantity(
            product, self.warehouse.lot_stock_id, qty
        )

    def _quote(self, lines, days=60, user=None):
        """A quotation of the salesperson: `lines` [(product, qty)], commitment in `days`."""
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "user_id": (user or self.salesman).id,
                "commitment_date": fields.Datetime.now() + timedelta(days=days),
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )

    def _review(self, order, user=None):
        order.with_user(user or self.coordinator).action_coordination_review()
        return order

    def _req(self, order, product):
        return order.coordination_review_component_ids.filtered(
            lambda line: line.product_id == product
        )


@tagged("post_install", "-at_install")
class TestProductionReview(ReviewCase):
    @freeze_time("2026-12-05 17:30:00")
    def test_component_arriving_after_hours_is_no_full_week(self):
        """Ordered on a Saturday evening, the rods arrive 20 days later on a Friday at 17:30,
        after the saw's working hours: the cutting waits for Monday, but the saw is not full,
        the rods bind."""
        self._stock(100, self.screw)
        order = self._review(self._quote([(self.frame, 2)], days=40))
        self.assertIn(self.rod.display_name, order.coordination_review_constraint)
        self.assertNotIn("week", order.coordination_review_constraint)

    def test_three_levels_bought_rod_binds(self):
        """Frames need sub-assemblies (made: cut) of rods (bought, 20 days): the vendor lead
        time binds; the salesperson reads the result without Manufacturing rights."""
        self._stock(100, self.screw)
        order = self._quote([(self.frame, 2)], days=40)
        self.assertTrue(order.coordination_review_needed)
        self._review(order)
        now = fields.Datetime.now()
        self.assertEqual(order.coordination_review_state, "at_risk")
        self.assertGreaterEqual(order.coordination_date_feasible, now + timedelta(days=20))
        self.assertIn(self.rod.display_name, order.coordination_review_constraint)
        self.assertIn("20", order.coordination_review_constraint)
        self.assertFalse(order.coordination_review_needed)
        self.assertEqual(order.coordination_review_user_id, self.coordinator)
        rod = self._req(order, self.rod)
        self.assertEqual((rod.level, rod.qty_required, rod.qty_to_buy), (2, 12.0, 12.0))
        self.assertEqual(rod.vendor_id, self.vendor)
        self.assertTrue(rod.date_order_by)
        self.assertEqual(self._req(order, self.sub).qty_to_make, 4.0)
        screw = self._req(order, self.screw)
        self.assertEqual((screw.qty_available, screw.qty_to_buy), (8.0, 0.0))
        work = order.coordination_review_work_ids
        self.assertEqual(
            {(line.department_id, line.work_minutes) for line in work},
            {(self.cutting, 120.0), (self.assembly, 120.0)},
        )
        # The salesperson of the order reads it all, without Manufacturing rights.
        self.assertFalse(self.salesman.has_group("mrp.group_mrp_user"))
        as_sales = order.with_user(self.salesman)
        self.assertEqual(as_sales.coordination_review_state, "at_risk")
        self.assertEqual(
            as_sales.coordination_review_component_ids.product_id,
            self.rod | self.sub | self.screw | self.frame,
        )
        self.assertTrue(as_sales.order_line.coordination_review_constraint)
        # Their names too (the cards on a phone), work centers included, which they may not read.
        self.env.invalidate_all()
        self.assertEqual(
            set(as_sales.coordination_review_work_ids.mapped("display_name")),
            {self.wc_saw.name, self.wc_bench.name},
        )
        # Another salesperson's order is not theirs to read.
        with self.assertRaises(AccessError):
            order.with_user(self.other_salesman).coordination_review_line_ids.mapped("qty_required")

    def test_stock_and_partly_received_purchase(self):
        """Rods in stock and a purchase partly received: the rest expected in 3 days covers
        the need, nothing to buy; the receipt binds."""
        self._stock(100, self.screw)
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "company_id": self.company.id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.rod.id,
                            "product_qty": 12,
                            "price_unit": 3.0,
                            "date_planned": fields.Datetime.now() + timedelta(days=3),
                        }
                    )
                ],
            }
        )
        purchase.button_confirm()
        picking = purchase.picking_ids
        picking.move_ids.quantity = 5
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=False)._action_done()
        self.assertEqual(purchase.order_line.qty_received, 5)
        order = self._review(self._quote([(self.frame, 2)], days=40))
        rod = self._req(order, self.rod)
        self.assertEqual((rod.qty_available, rod.qty_to_buy), (12.0, 0.0))
        self.assertGreaterEqual(rod.date_available, fields.Datetime.now() + timedelta(days=2))
        self.assertEqual(order.coordination_review_state, "feasible")
        self.assertIn(self.rod.display_name, order.coordination_review_constraint)

    def test_other_demand_comes_first(self):
        """Screws in stock, but an open MO needs them first: the quotation finds them short
        (a new order never takes what other orders need)."""
        self._stock(8, self.screw)
        self._stock(12, self.rod)
        bracket = self._make_product("V-Bracket")
        bracket_bom = self._make_bom(bracket, [(self.screw, 4)], company_id=self.company.id)
        other = self.env["mrp.production"].create(
            {"product_id": bracket.id, "bom_id": bracket_bom.id, "product_qty": 1}
        )
        other.action_confirm()
        order = self._review(self._quote([(self.frame, 2)], days=40))
        screw = self._req(order, self.screw)
        self.assertEqual((screw.qty_available, screw.qty_to_buy), (4.0, 4.0))
        self.assertIn(self.screw.display_name, order.coordination_review_constraint)
        # No vendor for screws: not feasible, and the constraint says why.
        self.assertEqual(order.coordination_review_state, "not_feasible")
        self.assertFalse(order.coordination_date_feasible)

    def test_cutting_full_binds(self):
        """Everything in stock, but the saw is full this week: "V-Cutting full until week N"."""
        self._stock(100, self.screw)
        self._stock(100, self.rod)
        now = fields.Datetime.now()
        busy = self.env["mrp.production"].create(
            {
                "product_id": self.blank.id,
                "bom_id": self.blank_bom.id,
                "product_qty": 200,  # 100 hours of cutting from now
                "date_start": now,
            }
        )
        busy.action_confirm()
        order = self._review(self._quote([(self.frame, 1)], days=60))
        self.assertIn(self.cutting.name, order.coordination_review_constraint)
        self.assertIn("week", order.coordination_review_constraint)
        work = order.coordination_review_work_ids.filtered(
            lambda line: line.workcenter_id == self.wc_saw
        )
        self.assertTrue(work.date_full_until)
        self.assertGreaterEqual(work.date_start.date(), work.date_full_until + timedelta(days=7))
        self.assertGreater(order.coordination_date_feasible, now + timedelta(days=6))

    def test_line_without_bom(self):
        """A quotation of products without BoM: nothing to review (UserError naming the
        product), nothing written; a line without BoM beside a manufactured one is left out."""
        order = self._quote([(self.rod, 5)])
        with self.assertRaises(UserError) as caught:
            self._review(order)
        self.assertIn(self.rod.display_name, str(caught.exception))
        self.assertFalse(order.coordination_review_state)
        self.assertFalse(order.coordination_review_line_ids)
        self._stock(100, self.screw)
        self._stock(100, self.rod)
        mixed = self._review(self._quote([(self.rod, 5), (self.frame, 1), (self.service, 1)]))
        rod_line, frame_line, service_line = mixed.order_line
        self.assertFalse(rod_line.coordination_date_feasible)
        self.assertFalse(service_line.coordination_date_feasible)
        self.assertTrue(frame_line.coordination_date_feasible)

    def test_bad_input(self):
        """A cancelled order, no order, several lines to order at once: a UserError naming the
        problem, nothing written."""
        order = self._quote([(self.frame, 1)])
        order._action_cancel()
        with self.assertRaises(UserError) as caught:
            self._review(order)
        self.assertIn(order.name, str(caught.exception))
        self.assertFalse(order.coordination_review_state)
        with self.assertRaises(UserError):
            self.env["sale.order"].with_user(self.coordinator).action_coordination_review()
        self._stock(100, self.screw)
        quote = self._review(self._quote([(self.frame, 2)], days=40))
        with self.assertRaises(UserError):
            quote.coordination_review_component_ids.with_user(self.coordinator).action_create_rfq()
        self.assertFalse(quote.coordination_review_component_ids.task_id)

    def test_kit(self):
        """A kit line: Odoo's explode gives its components (the kit has no stock, no work)."""
        kit = self._make_product("V-Kit")
        self._make_bom(
            kit, [(self.sub, 1), (self.screw, 2)], type="phantom", company_id=self.company.id
        )
        self._stock(100, self.screw)
        self._stock(100, self.rod)
        order = self._review(self._quote([(kit, 3)]))
        self.assertEqual(self._req(order, self.sub).qty_to_make, 3.0)
        self.assertEqual(self._req(order, self.screw).qty_available, 6.0)
        self.assertEqual(self._req(order, kit).qty_to_make, 0.0)
        self.assertEqual(order.coordination_review_work_ids.workcenter_id, self.wc_saw)
        self.assertEqual(order.coordination_review_state, "feasible")

    def test_special_request_not_acknowledged(self):
        """A special request of a line, for a department that has not acknowledged it: the
        order is at risk, the request named; acknowledged, reviewed again: feasible."""
        self._stock(100, self.screw)
        self._stock(100, self.rod)
        order = self._quote([(self.frame, 1)], days=60)
        request = self.env["coordination.special.request"].create(
            {
                "name": "Wooden crate",
                "category": "packaging",
                "sale_line_id": order.order_line.id,
                "department_ids": [Command.set(self.assembly.ids)],
            }
        )
        self._review(order)
        self.assertEqual(order.coordination_review_state, "at_risk")
        self.assertIn("Wooden crate", order.coordination_review_constraint)
        self.assertIn(self.assembly.name, order.coordination_review_constraint)
        line = order.coordination_review_request_ids
        self.assertEqual(
            (line.special_request_id, line.department_id, line.request_state),
            (request, self.assembly, "new"),
        )
        self.assertEqual(order.with_user(self.salesman).coordination_review_request_ids, line)
        request.with_user(self.coordinator).action_acknowledge()
        self._review(order)
        self.assertEqual(order.coordination_review_state, "feasible")
        self.assertEqual(order.coordination_review_request_ids.request_state, "acknowledged")

    def test_roles(self):
        """Salespeople read the review but neither run it nor write its results."""
        order = self._quote([(self.frame, 1)])
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_coordination_review()
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).write({"coordination_review_state": "feasible"})
        with self.assertRaises(AccessError):
            self.env["coordination.review.line"].with_user(self.salesman).create(
                {"order_id": order.id, "company_id": self.company.id, "kind": "component"}
            )
        self.assertFalse(order.coordination_review_state)

    def test_confirm_warns(self):
        """Confirming from the form an order promised before its earliest completion opens
        the warning: confirm anyway (a reason is required, recorded) or move the date."""
        self._stock(100, self.screw)
        order = self._review(self._quote([(self.frame, 1)], days=5))
        self.assertEqual(order.coordination_review_state, "not_feasible")
        as_sales = order.with_user(self.salesman)
        action = as_sales.with_context(coordination_review_check=True).action_confirm()
        self.assertEqual(action["res_model"], "coordination.review.confirm.wizard")
        self.assertEqual(order.state, "draft")
        wizard = self.env[action["res_model"]].with_user(self.salesman).browse(action["res_id"])
        self.assertIn(self.rod.display_name, wizard.constraint)
        with self.assertRaises(UserError):
            wizard.action_confirm_anyway()
        self.assertEqual(order.state, "draft")
        wizard.reason = "Customer accepts a partial delivery"
        wizard.action_confirm_anyway()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.coordination_confirm_forced_by_id, self.salesman)
        self.assertEqual(
            order.coordination_confirm_forced_reason, "Customer accepts a partial delivery"
        )
        # Other callers (RPC, portal signature) confirm as Odoo does.
        other = self._review(self._quote([(self.frame, 1)], days=5))
        other.with_user(self.salesman).action_confirm()
        self.assertEqual(other.state, "sale")

    def test_confirm_moves_the_date(self):
        self._stock(100, self.screw)
        order = self._review(self._quote([(self.frame, 1)], days=5))
        action = (
            order.with_user(self.salesman)
            .with_context(coordination_review_check=True)
            .action_confirm()
        )
        wizard = self.env[action["res_model"]].with_user(self.salesman).browse(action["res_id"])
        wizard.action_change_date()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.commitment_date, order.coordination_date_feasible)
        self.assertFalse(order.coordination_confirm_forced_by_id)

    def test_requirements_create_task_and_rfq(self):
        """A short component of the review: a low-stock task with the review's shortage, then
        an RFQ through the task's Create RFQ, before any MO exists."""
        self._stock(100, self.screw)
        order = self._review(self._quote([(self.frame, 2)], days=40))
        rod = self._req(order, self.rod)
        with self.assertRaises(AccessError):
            rod.with_user(self.salesman).action_create_low_stock_task()
        rod.with_user(self.coordinator).action_create_low_stock_task()
        task = rod.task_id
        self.assertEqual(
            (task.coordination_product_id, task.coordination_shortage_qty), (self.rod, 12.0)
        )
        self.assertEqual(task.coordination_vendor_id, self.vendor)
        self.assertFalse(self.env["mrp.production"].search([("product_id", "=", self.frame.id)]))
        action = rod.with_user(self.coordinator).action_create_rfq()
        purchase = self.env["purchase.order"].browse(action["params"]["next"]["res_id"])
        self.assertEqual(purchase.partner_id, self.vendor)
        self.assertEqual(purchase.order_line.product_qty, 12.0)
        with self.assertRaises(UserError):
            self._req(order, self.screw).with_user(self.coordinator).action_create_rfq()

    def test_second_company(self):
        """An order of a second company is reviewed with that company's BoMs; the first
        company's salesperson does not read its review."""
        company2 = self.env["res.company"].create({"name": "Review Plant 2"})
        warehouse2 = self.env["stock.warehouse"].search([("company_id", "=", company2.id)])
        coordinator2 = self._user(
            "pcv_coordinator2", GROUP_MANAGER, "Cory Two", company=company2, tz="UTC"
        )
        gadget = self._make_product("V-Gadget")
        self._make_bom(gadget, [(self.screw, 1)], company_id=company2.id)
        self.env["stock.quant"]._update_available_quantity(self.screw, warehouse2.lot_stock_id, 10)
        order = (
            self.env["sale.order"]
            .with_company(company2)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": company2.id,
                    "commitment_date": fields.Datetime.now() + timedelta(days=10),
                    "order_line": [Command.create({"product_id": gadget.id, "product_uom_qty": 3})],
                }
            )
        )
        order.with_user(coordinator2).with_context(
            allowed_company_ids=company2.ids
        ).action_coordination_review()
        self.assertEqual(order.coordination_review_state, "feasible")
        self.assertEqual(self._req(order, self.screw).qty_available, 3.0)
        self.assertEqual(order.coordination_review_line_ids.company_id, company2)
        lines = self.env["coordination.review.line"].with_user(self.coordinator)
        self.assertFalse(lines.search([("order_id", "=", order.id)]))
        # The first company's coordinator cannot review it either.
        with self.assertRaises(AccessError):
            order.with_user(self.coordinator).action_coordination_review()


@tagged("post_install", "-at_install")
class TestProductionReviewLanguages(ReviewCase):
    def test_constraint_in_each_readers_language(self):
        """A coordinator working in Spanish reviews the quotation: the English salesperson
        reads the binding constraint in English, a Brazilian colleague in Portuguese."""
        load_languages(self.env)
        self.rod.product_tmpl_id.update_field_translations("name", {"pt_BR": "Vergalhão"})
        self._stock(100, self.screw)
        order = self._quote([(self.frame, 2)], days=40)
        order.with_user(self.coordinator).with_context(lang="es_ES").action_coordination_review()
        rod = self.rod.display_name
        rod_pt = self.rod.with_context(lang="pt_BR").display_name
        self.assertIn("Vergalhão", rod_pt)
        expected = {
            "en_US": f"{rod}: vendor lead time 20 days",
            "es_ES": f"{rod}: plazo de entrega del proveedor 20 días",
            "pt_BR": f"{rod_pt}: prazo de entrega do fornecedor 20 dias",
        }
        line = order.order_line.filtered(lambda line: line.product_id == self.frame)
        for code, text in expected.items():
            with self.subTest(lang=code):
                as_sales = order.with_user(self.salesman).with_context(lang=code)
                self.assertEqual(as_sales.coordination_review_constraint, text)
                self.assertEqual(line.with_context(lang=code).coordination_review_constraint, text)


@tagged("post_install", "-at_install")
class TestProductionReviewQueries(ReviewCase):
    """The number of queries of a review does not grow with the lines or the BoM depth."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flat = cls._make_product("V-Flat")
        cls._make_bom(
            cls.flat,
            [(cls.rod, 1)],
            [{"name": "Assemble", "workcenter_id": cls.wc_bench.id, "time_cycle_manual": 10}],
            company_id=cls.company.id,
        )
        # Twenty frames of their own, each three levels deep, sharing the work centers.
        cls.frames = cls.env["product.product"]
        for index in range(20):
            sub = cls._make_product(f"V-Sub {index}")
            frame = cls._make_product(f"V-Frame {index}")
            cls._make_bom(
                sub,
                [(cls.rod, 2)],
                [{"name": "Cut", "workcenter_id": cls.wc_saw.id, "time_cycle_manual": 5}],
                company_id=cls.company.id,
            )
            cls._make_bom(
                frame,
                [(sub, 1), (cls.screw, 2)],
                [{"name": "Assemble", "workcenter_id": cls.wc_bench.id, "time_cycle_manual": 5}],
                company_id=cls.company.id,
            )
            cls.frames |= frame
        cls.env["stock.quant"]._update_available_quantity(
            cls.screw, cls.warehouse.lot_stock_id, 1000
        )

    def _count(self, order):
        """The queries of a review of the order, from cold caches."""
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        before = self.env.cr.sql_log_count
        order.with_user(self.coordinator)._coordination_review(now=self.now)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_count(self):
        # One moment for every review: reviewed again, the dates are the same.
        self.now = fields.Datetime.now()
        one_flat = self._quote([(self.flat, 1)])
        one_deep = self._quote([(self.frames[0], 1)])
        twenty_deep = self._quote([(frame, 1) for frame in self.frames])
        # A first review warms the registry caches (views, rules, groups).
        self._count(self._quote([(self.frames[1], 1)]))
        counts = [self._count(order) for order in (one_flat, one_deep, twenty_deep)]
        self.assertEqual(counts[0], counts[1], "depth 1 vs 3")
        self.assertEqual(counts[1], counts[2], "1 line vs 20")
        # Reviewed again (the previous lines replaced): the same for 1 line as for 20.
        again = [self._count(order) for order in (one_deep, twenty_deep)]
        self.assertEqual(again[0], again[1], "review again: 1 line vs 20")
        other = self._quote([(frame, 2) for frame in self.frames])
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        with self.assertQueryCount(counts[0]):
            other.with_user(self.coordinator)._coordination_review()
            self.env.flush_all()
        self.assertEqual(len(other.order_line.filtered("coordination_date_feasible")), 20)


@tagged("post_install", "-at_install")
class TestProductionReviewDemo(TransactionCase):
    """The demo's quotation reviewed at risk, with its binding constraint, as its salesperson
    sees it; without demo data, nothing."""

    def test_demo_quotation_at_risk(self):
        order = self.env.ref(
            "production_coordination.sale_order_review_workbench", raise_if_not_found=False
        )
        module = self.env["ir.module.module"].search([("name", "=", "production_coordination")])
        if not module.demo:
            self.assertFalse(order)
            return
        sales = self.env.ref("production_coordination.user_salesperson")
        self.assertFalse(sales.has_group("mrp.group_mrp_user"))
        order = order.with_user(sales)
        self.assertEqual(order.coordination_review_state, "at_risk")
        self.assertTrue(order.coordination_review_constraint)
        self.assertTrue(order.coordination_review_component_ids.filtered("is_short"))
        waiting = self.env.ref("production_coordination.sale_order_review_cabinet")
        self.assertTrue(waiting.coordination_review_needed)
