# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The priorities layer of the test fixtures (see common.py): `PriorityCase` (a company of
its own, a calendar, default weights)."""

from .common import GROUP_MANAGER, GROUP_SUPERVISOR, CoordinationCommon


class PriorityCase(CoordinationCommon):
    """A company of its own (ranks are per company), a UTC 8-12/13-17 calendar, a product made
    from one component without operations, default weights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Priority Plant"})
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Priority 40h UTC", "tz": "UTC", "company_id": cls.company.id}
        )
        cls.company.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "coordination_weight_urgency": 50,
                "coordination_weight_components": 15,
                "coordination_weight_expedite": 100,
                "coordination_weight_star": 20,
                "coordination_weight_customer": 15,
                "coordination_weight_age": 5,
            }
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.coordinator = cls._user(
            "pcp_coordinator",
            f"{GROUP_MANAGER},mrp.group_mrp_manager",
            "Cora Coordinator",
            company=cls.company,
        )
        cls.supervisor = cls._user(
            "pcp_supervisor",
            f"{GROUP_SUPERVISOR},mrp.group_mrp_user",
            "Sid Supervisor",
            company=cls.company,
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)])
        cls.component = cls._make_product("P-Plate")
        cls.product = cls._make_product("P-Box")
        cls.bom = cls._make_bom(cls.product, [(cls.component, 1)], company_id=cls.company.id)

    def _make_mo(self, committed=None, **vals):
        production = self.env["mrp.production"].create(
            {
                "product_id": self.product.id,
                "bom_id": self.bom.id,
                "product_qty": 1,
                "user_id": self.coordinator.id,
                **vals,
            }
        )
        production.action_confirm()
        if committed:
            production.coordination_date_committed_manual = committed
        return production

    def _ranks(self, *productions):
        """The ranks once the rerank jobs have run."""
        self._run_rank_jobs()
        return [p.coordination_rank for p in productions]
