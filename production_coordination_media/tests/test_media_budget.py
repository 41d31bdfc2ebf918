# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import MEDIA_COORDINATOR, MONDAY, MediaCase

MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


class MediaBudgetCase(MediaCase):
    """A producer, a purchase user, a vendor, products charged to budget categories, and the
    first production with its analytic account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.producer = new_test_user(
            cls.env, "pcm_producer", groups=MEDIA_PRODUCER, name="Pat Producer", tz="UTC"
        )
        cls.buyer = new_test_user(
            cls.env, "pcm_buyer", groups="purchase.group_purchase_user", name="Bea Buyer"
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Grip Rentals Ltd"})
        cls.travel_category = cls.env["product.category"].create(
            {"name": "Test travel", "coordination_budget_category": "travel"}
        )
        cls.travel_child = cls.env["product.category"].create(
            {"name": "Test flights", "parent_id": cls.travel_category.id}
        )
        cls.flight = cls.env["product.product"].create(
            {
                "name": "Test flight",
                "type": "service",
                "purchase_method": "purchase",
                "categ_id": cls.travel_child.id,
            }
        )
        cls.gel = cls.env["product.product"].create(
            {
                "name": "Test gel roll",
                "type": "consu",
                "purchase_method": "purchase",
                "categ_id": cls.env.ref(
                    "production_coordination_media.product_category_media_rental"
                ).id,
            }
        )
        cls.account_a = cls.production_a._coordination_analytic_account()

    def _order(self, lines, production=None, user=None, partner=None):
        """A draft purchase order whose lines [(product, qty, price)] are charged to
        `production` (the first one by default)."""
        account = (production or self.production_a)._coordination_analytic_account()
        Order = self.env["purchase.order"].with_user(user or self.coordinator)
        return Order.create(
            {
                "partner_id": (partner or self.vendor).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "analytic_distribution": {str(account.id): 100},
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )

    def _budget(self, production=None, **amounts):
        production = production or self.production_a
        return (
            self.env["media.budget.line"]
            .with_user(self.coordinator)
            .create(
                [
                    {"project_id": production.id, "category": category, "amount": amount}
                    for category, amount in amounts.items()
                ]
            )
        )

    def _line(self, category, production=None):
        production = (production or self.production_a).with_user(self.coordinator)
        # The figures are computed when read (in the web client: at each request).
        self.env.invalidate_all()
        return production.coordination_budget_line_ids.filtered(
            lambda line: line.category == category
        )


@tagged("post_install", "-at_install")
class TestMediaBudget(MediaBudgetCase):
    def test_crew_equipment_and_location_costs(self):
        """Crew bookings x their rate (of the role, else any role; per day or per hour),
        owned equipment x day rate, location fee per day; days to come are committed, days
        that have wrapped actual, cancelled days cost nothing."""
        Rate = self.env["media.crew.rate"].with_user(self.coordinator)
        Rate.create(
            [
                {"crew_member_id": self.ana.id, "amount": 400},
                {"crew_member_id": self.ana.id, "role_id": self.role_dop.id, "amount": 650},
                {"crew_member_id": self.carl.id, "rate_type": "hour", "amount": 40},
            ]
        )
        self.camera_package.coordination_day_rate = 1200
        location = self.env["media.location"].create({"name": "Pier", "coordination_day_fee": 300})
        self._budget(crew=5000, equipment=2000, location=1000)
        future = self._day(self.production_a, location_id=location.id)  # 2031: to come
        self._book(future, self.ana)  # DOP: 650
        self._book(future, self.carl)  # 10 h x 40
        self._book(future, self.dora)  # no rate: nothing
        self._book(future, self.camera_package)
        past_start = datetime(2024, 3, 4, 7, 0)
        past = self._day(self.production_a, start=past_start, location_id=location.id)
        self._book(past, self.ana, role_id=self.role_ac.id)  # not DOP: the any-role rate, 400
        cancelled = self._day(self.production_a, start=MONDAY + timedelta(days=1))
        self._book(cancelled, self.ana)
        cancelled.action_cancel()
        crew, equipment, location_line = (
            self._line("crew"),
            self._line("equipment"),
            self._line("location"),
        )
        self.assertEqual((crew.amount_committed, crew.amount_actual), (650 + 400, 400))
        self.assertEqual((equipment.amount_committed, equipment.amount_actual), (1200, 0))
        self.assertEqual((location_line.amount_committed, location_line.amount_actual), (300, 300))
        production = self.production_a.with_user(self.coordinator)
        self.assertEqual(production.coordination_budget_total, 8000)
        self.assertEqual(production.coordination_cost_committed, 1050 + 1200 + 300)
        self.assertEqual(production.coordination_cost_actual, 700)
        self.assertAlmostEqual(production.coordination_budget_burn, 3250 / 8000 * 100)
        self.assertFalse(production.coordination_over_budget)
        # A higher day rate takes equipment over budget: stored, so searchable.
        self.camera_package.coordination_day_rate = 2500
        self.assertTrue(production.coordination_over_budget)
        self.assertIn(
            self.production_a,
            self.env["project.project"]
            .with_user(self.coordinator)
            .search([("coordination_over_budget", "=", True)]),
        )
        self.assertTrue(self._line("equipment").is_over_budget)

    def test_purchase_committed_billed_and_cancelled(self):
        """A purchase line charged to the production's analytic account: requested (forecast
        only), committed once confirmed, actual once billed; partly billed, the rest stays
        committed; a cancelled order counts for nothing. The category comes from the product
        category (its parent's here)."""
        self._budget(travel=10000, equipment=10000)
        order = self._order([(self.flight, 10, 100), (self.gel, 10, 50)])
        self.assertEqual(
            order.order_line.mapped("coordination_budget_category"), ["travel", "equipment"]
        )
        self.assertEqual(order.order_line.coordination_project_id, self.production_a)
        travel = self._line("travel")
        self.assertEqual((travel.amount_committed, travel.amount_forecast), (0, 1000))
        order.with_user(self.coordinator).button_confirm()
        self.assertEqual(order.state, "purchase")
        travel = self._line("travel")
        self.assertEqual((travel.amount_committed, travel.amount_actual), (1000, 0))
        # Six gel rolls of ten received, four flights of ten and four rolls billed.
        picking = order.picking_ids
        picking.move_ids.quantity = 6
        picking.move_ids.picked = True
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
        self.assertEqual(order.order_line[1].qty_received, 6)
        # Billed by the accountant (superuser here).
        order = self.env["purchase.order"].browse(order.id)
        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = fields.Date.today()
        for line in bill.invoice_line_ids:
            line.quantity = 4
        bill.action_post()
        travel, equipment = self._line("travel"), self._line("equipment")
        self.assertEqual((travel.amount_committed, travel.amount_actual), (600, 400))
        self.assertEqual((equipment.amount_committed, equipment.amount_actual), (300, 200))
        self.assertEqual(travel.amount_forecast, 1000)
        # The line's category may be changed (a van for travel, not for equipment).
        order.order_line[1].coordination_budget_category = "travel"
        self.assertEqual(self._line("travel").amount_forecast, 1500)
        # A cancelled order: nothing.
        other = self._order([(self.flight, 1, 700)])
        other.with_user(self.coordinator).button_confirm()
        self.assertEqual(self._line("travel").amount_committed, 600 + 300 + 700)
        other.with_user(self.coordinator).button_cancel()
        self.assertEqual(self._line("travel").amount_committed, 600 + 300)

    def test_split_distribution_counts_the_production_share(self):
        self._budget(travel=1000)
        other_account = self.env["account.analytic.account"].create(
            {"name": "Overheads", "plan_id": self.account_a.plan_id.id}
        )
        order = self._order([(self.flight, 1, 1000)])
        order.order_line.analytic_distribution = {
            str(self.account_a.id): 25,
            str(other_account.id): 75,
        }
        order.with_user(self.coordinator).button_confirm()
        self.assertEqual(self._line("travel").amount_committed, 250)

    def test_confirming_over_budget_needs_a_producer_reason(self):
        self._budget(travel=1000)
        order = self._order([(self.flight, 3, 500)])
        # A media coordinator who is not a producer, and a purchase user: refused, naming the
        # production and the category.
        for user in (self.coordinator, self.buyer):
            with self.assertRaises(UserError) as caught:
                order.with_user(user).button_confirm()
            self.assertIn(self.production_a.name, str(caught.exception))
            self.assertIn("Travel", str(caught.exception))
            self.assertEqual(order.state, "draft")
        # Nobody but a producer writes the reason (it would let the order through).
        with self.assertRaises(AccessError):
            order.with_user(self.coordinator).write({"coordination_budget_reason": "Because"})
        # A producer gets the wizard, gives the reason: recorded on the order and posted.
        action = order.with_user(self.producer).button_confirm()
        self.assertEqual(action["res_model"], "media.budget.approval.wizard")
        self.assertEqual(order.state, "draft")
        wizard = self.env["media.budget.approval.wizard"].with_user(self.producer)
        wizard = wizard.browse(action["res_id"])
        self.assertIn("Travel", wizard.message)
        with self.assertRaises(AccessError):
            wizard.with_user(self.coordinator).action_confirm()
        wizard.reason = "Client moved the shoot abroad"
        wizard.action_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.coordination_budget_reason, "Client moved the shoot abroad")
        self.assertIn("Client moved the shoot abroad", order.message_ids[0].body)
        self.assertTrue(self.production_a.with_user(self.producer).coordination_over_budget)
        # Within the budget, nobody is asked anything; unbudgeted productions neither.
        small = self._order([(self.flight, 1, 0)])
        small.with_user(self.coordinator).button_confirm()
        self.assertEqual(small.state, "purchase")
        unbudgeted = self._order([(self.flight, 1, 99999)], production=self.production_b)
        unbudgeted.with_user(self.buyer).button_confirm()
        self.assertEqual(unbudgeted.state, "purchase")

    def test_bad_budget_values(self):
        with self.assertRaises(ValidationError) as caught:
            self._budget(crew=-1)
        self.assertIn("Budget", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["media.crew.rate"].with_user(self.coordinator).create(
                {"crew_member_id": self.ana.id, "amount": -10}
            )
        self.assertIn("Rate", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["media.location"].create({"name": "Dock", "coordination_day_fee": -5})
        self.assertIn("Fee per Day", str(caught.exception))

    def test_cost_figures_take_a_fixed_number_of_queries(self):
        """The cost engine reads the productions' days, bookings, rates, purchase lines and bills
        in the same number of queries for one production or for three with more of each."""
        self.env["media.crew.rate"].create({"crew_member_id": self.ana.id, "amount": 400})
        self.camera_package.coordination_day_rate = 100
        location = self.env["media.location"].create({"name": "Quay", "coordination_day_fee": 9})
        production_c = self.production_a.copy({"name": "Third"})
        for index, production in enumerate(self.production_a | self.production_b | production_c):
            day = self._day(
                production, start=MONDAY + timedelta(days=index), location_id=location.id
            )
            self._book(day, self.ana)
            self._book(day, self.camera_package)
            self._order([(self.flight, 1, 100)], production=production).button_confirm()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            entries = self.production_a._coordination_cost_entries()
        self.assertEqual(len(entries), 4)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            entries = (
                self.production_a | self.production_b | production_c
            )._coordination_cost_entries()
        self.assertEqual(len(entries), 12)


@tagged("post_install", "-at_install")
class TestMediaBudgetAccess(MediaBudgetCase):
    """Crew never see costs; companies keep their budgets apart."""

    def test_crew_never_see_costs(self):
        self._budget(crew=1000)
        self.env["media.crew.rate"].create({"crew_member_id": self.ana.id, "amount": 400})
        self.camera_package.coordination_day_rate = 800
        day = self._day(self.production_a)
        self._book(day, self.ana)
        self.env.invalidate_all()
        env = self.env(user=self.crew_user)
        production = env["project.project"].browse(self.production_a.id)
        self.assertEqual(production.name, "Test Documentary")  # booked on it: reads it
        for field in (
            "coordination_budget_line_ids",
            "coordination_budget_total",
            "coordination_cost_actual",
            "coordination_budget_burn",
            "coordination_over_budget",
        ):
            with self.assertRaises(AccessError):
                production.read([field])
        for model in ("media.budget.line", "media.crew.rate"):
            with self.assertRaises(AccessError):
                env[model].search([])
        with self.assertRaises(AccessError):
            env["maintenance.equipment"].browse(self.camera_package.id).read(
                ["coordination_day_rate"]
            )
        with self.assertRaises(AccessError):
            env["media.crew.member"].browse(self.ana.id).read(["rate_ids"])

    def test_companies_keep_budgets_apart(self):
        self._budget(crew=1000)
        company_b = self.env["res.company"].create({"name": "Other Films"})
        coordinator_b = new_test_user(
            self.env,
            "pcm_budget_coordinator_b",
            groups=MEDIA_COORDINATOR,
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        self.coordinator.write({"company_ids": [Command.set(self.env.company.ids)]})
        env_b = self.env(user=coordinator_b)
        self.assertFalse(env_b["media.budget.line"].search([]))
        production_b = env_b["project.project"].create(
            {"name": "Other budget", "is_media_production": True}
        )
        line_b = env_b["media.budget.line"].create(
            {"project_id": production_b.id, "category": "post", "amount": 50}
        )
        self.assertEqual(line_b.company_id, company_b)
        self.assertNotIn(line_b, self.env(user=self.coordinator)["media.budget.line"].search([]))
        # A's coordinator neither reads B's production nor budgets it.
        with self.assertRaises(AccessError):
            self.env["media.budget.line"].with_user(self.coordinator).create(
                {"project_id": production_b.id, "category": "crew", "amount": 1}
            )


@tagged("post_install", "-at_install")
class TestMediaBudgetDemo(TransactionCase):
    """With demo data: Harbor Lives over budget in one category (equipment), a technocrane on
    a request for quotation, a producer (login producer); without demo, none of it."""

    def test_demo(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "production_coordination_media")]
        )
        producer = self.env["res.users"].search([("login", "=", "producer")])
        if not module.demo:
            self.assertFalse(producer)
            self.assertFalse(self.env["media.rental"].search([]))
            return
        self.assertTrue(producer.has_group(MEDIA_PRODUCER))
        harbor = self.env.ref("production_coordination_media.project_documentary_harbor")
        brewery = self.env.ref("production_coordination_media.project_commercial_brewery")
        self.assertTrue(harbor.coordination_over_budget)
        self.assertFalse(brewery.coordination_over_budget)
        over = harbor.with_user(producer).coordination_budget_line_ids.filtered("is_over_budget")
        self.assertEqual(over.mapped("category"), ["equipment"])
        rental = self.env.ref("production_coordination_media.rental_harbor_technocrane")
        self.assertEqual(rental.purchase_id.state, "draft")
        self.assertEqual(rental.purchase_id.coordination_project_id, harbor)
        self.assertEqual(
            rental.equipment_id.coordination_booking_ids.day_id,
            self.env.ref("production_coordination_media.doc_day_3"),
        )
