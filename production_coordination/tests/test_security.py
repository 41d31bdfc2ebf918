# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from .common import GROUP_MANAGER, GROUP_SUPERVISOR, GROUP_USER


@tagged("post_install", "-at_install")
class TestSecurity(TransactionCase):
    """Every model of our addons is protected: access rules, and company rules."""

    def _our_models(self):
        ours = set(
            self.env["ir.module.module"]
            .search(
                [
                    ("name", "=like", "production_coordination%"),
                    ("state", "=", "installed"),
                ]
            )
            .mapped("name")
        )
        self.assertIn("production_coordination", ours)
        return [
            model
            for model in self.env.registry.values()
            if model._original_module in ours and not model._abstract
        ]

    def test_every_model_has_access_rules(self):
        names = [model._name for model in self._our_models()]
        self.assertTrue(names)
        with_access = {
            model.model
            for [model] in self.env["ir.model.access"]._read_group(
                [("model_id.model", "in", names)], ["model_id"]
            )
        }
        self.assertEqual(sorted(set(names) - with_access), [], "models without ir.model.access")

    def test_every_company_model_has_company_rule(self):
        company_models = [
            model._name
            for model in self._our_models()
            if "company_id" in model._fields and model._fields["company_id"].store
        ]
        self.assertTrue(company_models)
        rules = self.env["ir.rule"].search(
            [
                ("model_id.model", "in", company_models),
                ("global", "=", True),
                ("domain_force", "like", "company_ids"),
            ]
        )
        self.assertEqual(
            sorted(set(company_models) - set(rules.model_id.mapped("model"))),
            [],
            "models with a company but without a global company rule",
        )

    def test_every_company_model_checks_its_company(self):
        """Both addons: a record never points at another company's records (Odoo's
        check_company), and a multi-company rule lets through only the user's companies (and
        records without company where a company is optional)."""
        company_models = [
            model
            for model in self._our_models()
            if "company_id" in model._fields and model._fields["company_id"].store
        ]
        self.assertEqual(
            sorted(model._name for model in company_models if not model._check_company_auto),
            [],
            "models with a company but without _check_company_auto",
        )
        allowed = {
            "[('company_id', 'in', company_ids)]",
            "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]",
        }
        rules = self.env["ir.rule"].search(
            [
                ("model_id.model", "in", [model._name for model in company_models]),
                ("global", "=", True),
                ("domain_force", "like", "company_ids"),
            ]
        )
        self.assertEqual(
            sorted(rule.model_id.model for rule in rules if rule.domain_force not in allowed), []
        )

    def test_groups_imply_each_other_upward(self):
        user = self.env.ref(GROUP_USER)
        supervisor = self.env.ref(GROUP_SUPERVISOR)
        manager = self.env.ref(GROUP_MANAGER)
        self.assertIn(user, supervisor.trans_implied_ids)
        self.assertIn(supervisor, manager.trans_implied_ids)
        self.assertNotIn(supervisor, user.trans_implied_ids)
        self.assertIn(self.env.ref("mrp.group_mrp_user"), manager.trans_implied_ids)
        self.assertIn(self.env.ref("base.user_admin"), manager.users)
