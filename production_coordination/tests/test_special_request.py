# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
import io
from pathlib import Path

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import GROUP_MANAGER, GROUP_SUPERVISOR, MRP_USER, RouteCase

SALESMAN = "sales_team.group_sale_salesman"


@tagged("post_install", "-at_install")
class TestSpecialRequest(RouteCase):
    """Special customer requests: entered on a sales line or an MO, acknowledged and fulfilled
    by the departments concerned, verified; they follow the MOs (splits, backorders) and keep
    an MO from being done until fulfilled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quality.coordination_is_quality = True
        # Salespeople: Odoo's sales user, without any Manufacturing or Coordination right.
        cls.seller = cls._user("pcs_seller", SALESMAN, "Sam Seller")
        cls.other_seller = cls._user("pcs_seller2", SALESMAN, "Olga Other")
        cls.customer = cls.env["res.partner"].create({"name": "Crate Customer"})
        # Made to order: confirming a sales order makes an MO for its line.
        cls.env.ref("stock.route_warehouse0_mto").active = True
        cls.product.write(
            {
                "sale_ok": True,
                "route_ids": [
                    Command.set(
                        [
                            cls.env.ref("stock.route_warehouse0_mto").id,
                            cls.env.ref("mrp.route_warehouse0_manufacture").id,
                        ]
                    )
                ],
            }
        )

    def _request(self, user=None, departments=None, **vals):
        return (
            self.env["coordination.special.request"]
            .with_user(user or self.coordinator)
            .create(
                {
                    "name": "Wooden crate",
                    "category": "packaging",
                    "department_ids": [Command.set((departments or self.cutting).ids)],
                    **vals,
                }
            )
        )

    @staticmethod
    def _produce(production, qty):
        """Produce `qty` as a person does on the form (components consumed with it)."""
        with Form(production) as form:
            form.qty_producing = qty
        return production

    def _productions(self, order):
        """The MOs made for `order` (in the test's environment: the order may be a seller's)."""
        return self.env["mrp.production"].search([("procurement_group_id.sale_id", "=", order.id)])

    def _sale_order(self, user=None, qty=2):
        return (
            self.env["sale.order"]
            .with_user(user or self.seller)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": qty})
                    ],
                }
            )
        )

    # Bad input --------------------------------------------------------------------------------

    def test_request_without_department_is_refused(self):
        production = self._make_mo()
        Request = self.env["coordination.special.request"]
        for user in (self.coordinator, self.seller):
            anchor = (
                {"production_id": production.id}
                if user == self.coordinator
                else {"sale_order_id": self._sale_order().id}
            )
            with self.assertRaises(ValidationError) as caught:
                Request.with_user(user).create(
                    {"name": "No department", "category": "other", **anchor}
                )
            self.assertIn("No department", str(caught.exception))
        self.assertFalse(Request.search([("name", "=", "No department")]))
        # Nor can the departments be taken away afterwards.
        request = self._request(production_id=production.id)
        with self.assertRaises(ValidationError):
            request.with_user(self.coordinator).department_ids = False
        self.assertEqual(request.department_ids, self.cutting)

    def test_state_is_set_by_actions_only(self):
        request = self._request(production_id=self._make_mo().id)
        with self.assertRaises(AccessError):
            request.with_user(self.coordinator).state = "verified"
        with self.assertRaises(AccessError):
            self._request(state="fulfilled", production_id=request.production_id.id)
        self.assertEqual(request.state, "new")

    # Lifecycle --------------------------------------------------------------------------------

    def test_each_department_acknowledges_then_fulfils_then_quality_verifies(self):
        production = self._make_mo()
        request = self._request(
            departments=self.cutting | self.assembly, production_id=production.id
        )
        self.assertEqual(request.pending_department_ids, self.cutting | self.assembly)
        # Staff read it but do not acknowledge; a supervisor of another department neither.
        self.assertEqual(request.with_user(self.alice).name, "Wooden crate")
        with self.assertRaises(AccessError):
            request.with_user(self.alice).action_acknowledge()
        with self.assertRaises(AccessError):
            request.with_user(self.sup_qc).action_acknowledge()
        request.with_user(self.sup_cut).action_acknowledge()
        self.assertEqual(request.state, "new")
        self.assertEqual(request.pending_department_ids, self.assembly)
        cut_line = request.department_status_ids.filtered(lambda x: x.department_id == self.cutting)
        self.assertEqual(
            (cut_line.state, cut_line.acknowledged_by_id), ("acknowledged", self.sup_cut)
        )
        request.with_user(self.sup_asm).action_acknowledge()
        self.assertEqual(request.state, "acknowledged")
        request.with_user(self.sup_cut).action_fulfil(note="Crate ordered")
        self.assertEqual(request.state, "acknowledged")
        self.assertEqual(request.pending_department_ids, self.assembly)
        # Not fulfilled yet: nobody verifies.
        with self.assertRaises(UserError):
            request.with_user(self.coordinator).action_verify()
        request.with_user(self.sup_asm).action_fulfil()
        self.assertEqual(request.state, "fulfilled")
        self.assertEqual(cut_line.fulfilled_by_id, self.sup_cut)
        self.assertEqual(cut_line.note, "Crate ordered")
        # A supervisor who fulfilled it does not verify it; the quality supervisor does.
        with self.assertRaises(AccessError):
            request.with_user(self.sup_cut).action_verify()
        request.with_user(self.sup_qc).action_verify()
        self.assertEqual((request.state, request.verified_by_id), ("verified", self.sup_qc))
        with self.assertRaises(UserError):
            request.with_user(self.sup_cut).action_fulfil()

    def test_mo_is_not_done_before_its_requests_are_fulfilled(self):
        production = self._make_mo()
        request = self._request(production_id=production.id, name="Logo on two sides")
        self._produce(production, 1)
        with self.assertRaises(UserError) as caught:
            production.with_user(self.sup_cut).button_mark_done()
        self.assertIn("Logo on two sides", str(caught.exception))
        self.assertIn(production.name, str(caught.exception))
        self.assertNotEqual(production.state, "done")
        request.with_user(self.sup_cut).action_fulfil()
        production.with_user(self.sup_cut).button_mark_done()
        self.assertEqual(production.state, "done")

    def test_coordinator_overrides_with_a_reason(self):
        production = self._make_mo()
        request = self._request(production_id=production.id)
        self._produce(production, 1)
        # Only coordinators override.
        with self.assertRaises(AccessError):
            production.with_user(self.sup_cut).action_coordination_override_requests()
        action = production.with_user(self.coordinator).action_coordination_override_requests()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.request_ids[:], request)
        wizard.reason = "Customer collects today and packs the goods themselves"
        wizard.save().action_apply()
        self.assertEqual(production.state, "done")
        self.assertEqual(request.state, "new")  # not fulfilled: overridden, and said so
        self.assertEqual(request.overridden_by_id, self.coordinator)
        self.assertIn("packs the goods", request.override_reason)
        # A blank reason changes nothing.
        other = self._make_mo()
        self._request(production_id=other.id)
        wizard = self.env["coordination.special.request.override.wizard"].with_user(
            self.coordinator
        )
        with self.assertRaises(UserError):
            wizard.create({"production_id": other.id, "reason": "  "}).action_apply()
        self.assertFalse(other.coordination_special_request_ids.date_overridden)

    # Following the work ----------------------------------------------------------------------

    def test_request_of_a_sales_line_follows_to_its_mo_splits_and_backorders(self):
        order = self._sale_order(qty=4)
        line = order.order_line
        root = self._request(
            user=self.seller,
            departments=self.cutting | self.quality,
            sale_line_id=line.id,
        )
        self.assertEqual((root.sale_order_id, root.partner_id), (order, self.customer))
        self.assertEqual(line.coordination_special_request_count, 1)
        root.with_user(self.sup_cut).action_acknowledge()
        order.with_user(self.seller).action_confirm()
        production = self._productions(order)
        self.assertEqual(len(production), 1)
        copy = production.coordination_special_request_ids
        self.assertEqual(copy.origin_request_id, root)
        self.assertEqual(copy.partner_id, self.customer)
        # The acknowledgement follows: Cutting knows it, Quality not yet.
        self.assertEqual(copy.pending_department_ids, self.quality)
        # A request added to the line later goes to its open MO too.
        late = self._request(user=self.seller, name="Certificate 3.1", sale_line_id=line.id)
        self.assertEqual(late.copy_ids.production_id, production)
        # Split: each new order carries the requests.
        productions = production._split_productions({production: [2, 2]})
        self.assertEqual(len(productions), 2)
        second = productions - production
        self.assertEqual(
            sorted(second.coordination_special_request_ids.mapped("name")),
            ["Certificate 3.1", "Wooden crate"],
        )
        self.assertEqual(second.coordination_special_request_ids.origin_request_id, root | late)
        # Backorder: the first order produces 1 of its 2 after its requests were fulfilled;
        # the backorder's requests are acknowledged, not fulfilled (its goods are not packed).
        for request in production.coordination_special_request_ids:
            request.with_user(self.coordinator).action_fulfil()
        self._produce(production, 1)
        production.with_context(
            skip_backorder=True, mo_ids_to_backorder=production.ids
        ).button_mark_done()
        self.assertEqual(production.state, "done")
        backorder = production.procurement_group_id.mrp_production_ids - productions
        self.assertEqual(len(backorder), 1)
        crate = backorder.coordination_special_request_ids.filtered(
            lambda r: r.name == "Wooden crate"
        )
        self.assertEqual(crate.origin_request_id, root)
        self.assertEqual(crate.state, "acknowledged")
        self.assertEqual(crate.pending_department_ids, self.cutting | self.quality)
        # The line's request is as far as the least advanced of its copies.
        self.assertEqual(root.state, "new")
        self.assertEqual(len(root.copy_ids), 3)
        # The salesperson sees all of it without Manufacturing rights, and cancels it.
        seller_root = root.with_user(self.seller)
        self.assertEqual(len(seller_root.copy_ids), 3)
        self.assertTrue(seller_root.can_cancel)
        seller_root.action_cancel(reason="Customer changed their mind")
        self.assertEqual(set(root.copy_ids.mapped("state")), {"cancel"})

    def test_cancelled_mo_gets_no_copy(self):
        order = self._sale_order()
        order.action_confirm()
        production = self._productions(order)
        self.assertEqual(len(production), 1)
        production.action_cancel()
        request = self._request(user=self.seller, sale_line_id=order.order_line.id)
        self.assertFalse(request.copy_ids)
        # An open one does.
        order = self._sale_order()
        order.action_confirm()
        request = self._request(user=self.seller, sale_line_id=order.order_line.id)
        self.assertEqual(request.copy_ids.production_id, self._productions(order))

    # Where the work happens --------------------------------------------------------------------

    def test_work_orders_of_the_departments_concerned_show_the_request(self):
        production = self._make_mo()
        self._request(production_id=production.id, name="Edges deburred by hand")
        cut = self._wo(production, "Cut").with_user(self.alice)
        assemble = self._wo(production, "Assemble").with_user(self.anna)
        self.assertEqual(cut.coordination_special_request_text, "Packaging: Edges deburred by hand")
        self.assertFalse(assemble.coordination_special_request_text)
        # Fulfilled: no longer shown.
        production.coordination_special_request_ids.with_user(self.sup_cut).action_fulfil()
        cut.invalidate_recordset()
        self.assertFalse(cut.coordination_special_request_text)

    def test_status_report_shows_the_requests_not_fulfilled(self):
        production = self._make_mo()
        self._request(
            departments=self.cutting | self.assembly,
            production_id=production.id,
            name="Crate with logo",
        )
        # A supervisor's report: the request is part of the order's status (PDF and XLSX).
        wizard = (
            self.env["coordination.status.report.wizard"]
            .with_user(self.sup_cut)
            .create({"department_ids": [Command.set(self.cutting.ids)]})
        )
        report = self.env.ref("production_coordination.action_report_status")
        html = report._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertIn("Packaging: Crate with logo (T-Assembly, T-Cutting)", html)
        content = (
            self.env["coordination.status.report"]
            .with_user(self.sup_cut)
            ._build_xlsx({"department_ids": self.cutting.ids})
        )
        orders = openpyxl.load_workbook(io.BytesIO(content))["Orders"]
        self.assertEqual(orders.cell(1, 15).value, "Special requests")
        rows = {row[1].value: row[14].value for row in orders.iter_rows(min_row=2)}
        self.assertEqual(
            rows[production.name], "Packaging: Crate with logo (T-Assembly, T-Cutting)"
        )

    def test_request_feeds_the_priority_part(self):
        weight = self.company.coordination_weight_customer
        production = self._make_mo()
        self.assertEqual(production.coordination_score_customer, 0.0)
        request = self._request(production_id=production.id)
        self.assertEqual(production.coordination_score_customer, weight)
        request.with_user(self.coordinator).action_cancel()
        self.assertEqual(production.coordination_score_customer, 0.0)

    # Access ---------------------------------------------------------------------------------------

    def test_who_sees_which_request(self):
        Request = self.env["coordination.special.request"]
        order = self._sale_order()
        quality_only = self._request(
            user=self.seller, departments=self.quality, sale_order_id=order.id, name="Certificate"
        )
        # Staff see their departments' requests only; salespeople their own orders'.
        self.assertFalse(Request.with_user(self.alice).search([("id", "=", quality_only.id)]))
        self.assertTrue(Request.with_user(self.quentin).search([("id", "=", quality_only.id)]))
        self.assertFalse(
            Request.with_user(self.other_seller).search([("id", "=", quality_only.id)])
        )
        with self.assertRaises(AccessError):
            quality_only.with_user(self.other_seller).check_access("read")
        # A salesperson does not enter requests on manufacturing orders.
        with self.assertRaises(AccessError):
            self._request(user=self.seller, production_id=self._make_mo().id)
        # Supervisors change their departments' requests only.
        quality_only.with_user(self.sup_qc).description = "<p>EN 10204 3.1</p>"
        with self.assertRaises(AccessError):
            quality_only.with_user(self.sup_cut).description = "<p>Other</p>"
        # ... and only its description: what was asked, and of whom, is not theirs to change.
        with self.assertRaises(AccessError):
            quality_only.with_user(self.sup_qc).department_ids = [Command.link(self.cutting.id)]
        self.assertEqual(quality_only.department_ids, self.quality)
        # Plain users: nothing.
        with self.assertRaises(AccessError):
            Request.with_user(self.plain).search([])

    def test_second_company(self):
        company = self.env["res.company"].create({"name": "Second Plant"})
        coordinator2 = self._user(
            "pcs_coordinator2", f"{GROUP_MANAGER},{MRP_USER}", "Cole Second", company=company
        )
        supervisor2 = self._user("pcs_sup2", GROUP_SUPERVISOR, "Sue Second", company=company)
        department = (
            self.env["coordination.department"]
            .with_company(company)
            .create(
                {
                    "name": "S-Packing",
                    "code": "SPACK",
                    "company_id": company.id,
                    "supervisor_id": supervisor2.id,
                }
            )
        )
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create({"partner_id": self.customer.id, "company_id": company.id})
        )
        request = self._request(
            user=coordinator2.with_company(company),
            departments=department,
            sale_order_id=order.id,
        )
        self.assertEqual(request.company_id, company)
        request.with_user(supervisor2).action_acknowledge()
        self.assertEqual(request.state, "acknowledged")
        # The first company's coordinator does not see it.
        Request = self.env["coordination.special.request"].with_user(self.coordinator)
        self.assertFalse(Request.search([("id", "=", request.id)]))
        # Nor mixes companies: a department of the first on the second's request.
        with self.assertRaises(UserError):
            request.with_user(coordinator2).with_company(company).department_ids = [
                Command.link(self.cutting.id)
            ]


@tagged("post_install", "-at_install")
class TestSpecialRequestMigration(RouteCase):
    """18.0.1.2.0: the free-text flag of MOs becomes requests."""

    def test_free_text_flags_become_requests(self):
        open_mo = self._make_mo()
        done_mo = self._make_mo()
        blank_mo = self._make_mo()
        with Form(done_mo) as form:
            form.qty_producing = 1
        done_mo.button_mark_done()
        self.assertEqual(done_mo.state, "done")
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE mrp_production ADD COLUMN IF NOT EXISTS coordination_customer_request text"
        )
        cr.execute(
            "UPDATE mrp_production SET coordination_customer_request = %s WHERE id = %s",
            ["Frame in RAL 7016\nagreed on the phone", open_mo.id],
        )
        cr.execute(
            "UPDATE mrp_production SET coordination_customer_request = %s WHERE id = %s",
            ["Logo engraved", done_mo.id],
        )
        cr.execute(
            "UPDATE mrp_production SET coordination_customer_request = %s WHERE id = %s",
            ["   ", blank_mo.id],
        )
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pc_post_migrate_1_2", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        request = open_mo.coordination_special_request_ids
        self.assertEqual((request.name, request.state), ("Frame in RAL 7016", "new"))
        self.assertIn("agreed on the phone", request.description)
        self.assertEqual(request.department_ids, self.cutting | self.assembly | self.quality)
        self.assertEqual(done_mo.coordination_special_request_ids.state, "fulfilled")
        self.assertFalse(blank_mo.coordination_special_request_ids)
        # The priority part reads the request: the score is the flag's.
        open_mo._coordination_refresh_priority()
        self.assertEqual(
            open_mo.coordination_score_customer, self.company.coordination_weight_customer
        )
        # Run again: nothing more.
        module.migrate(cr, "18.0.1.1.0")
        self.assertEqual(len(open_mo.coordination_special_request_ids), 1)
