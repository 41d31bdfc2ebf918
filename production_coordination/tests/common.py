# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields
from odoo.exceptions import AccessError
from odoo.modules.registry import Registry
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.tests import TransactionCase, new_test_user
from odoo.tests.common import BaseCase, get_db_name

GROUP_USER = "production_coordination.group_coordination_user"
GROUP_SUPERVISOR = "production_coordination.group_coordination_supervisor"
GROUP_MANAGER = "production_coordination.group_coordination_manager"
MRP_USER = "mrp.group_mrp_user"
PURCHASE_USER = "purchase.group_purchase_user"


class CoordinationCase(TransactionCase):
    """Users of every role and one department they belong to, in the current company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.coordinator = new_test_user(
            cls.env, "pc_coordinator", groups=GROUP_MANAGER, name="Cora Coordinator"
        )
        cls.supervisor = new_test_user(
            cls.env, "pc_supervisor", groups=GROUP_SUPERVISOR, name="Simon Supervisor"
        )
        cls.staff = new_test_user(cls.env, "pc_staff", groups=GROUP_USER, name="Stella Staff")
        cls.plain_user = new_test_user(
            cls.env, "pc_plain", groups="base.group_user", name="Paul Plain"
        )
        cls.department = cls.env["coordination.department"].create(
            {
                "name": "Test Assembly",
                "code": "TASM",
                "supervisor_id": cls.supervisor.id,
                "member_ids": [Command.set(cls.staff.ids)],
            }
        )


class RouteCase(TransactionCase):
    """Three departments over four work centers, and a product whose four operations cross
    them: Cutting (saw, drill) → Assembly → Quality. All on a UTC 8-12/13-17 calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Test 40h UTC", "tz": "UTC", "company_id": cls.company.id}
        )
        user = cls._user
        cls.coordinator = user("pcr_coordinator", GROUP_MANAGER, "Cora Coordinator")
        cls.sup_cut = user("pcr_sup_cut", f"{GROUP_SUPERVISOR},{MRP_USER}", "Carl Cutting")
        cls.sup_asm = user("pcr_sup_asm", f"{GROUP_SUPERVISOR},{MRP_USER}", "Ada Assembly")
        cls.sup_qc = user("pcr_sup_qc", GROUP_SUPERVISOR, "Quinn Quality")
        cls.alice = user("pcr_alice", f"{GROUP_USER},{MRP_USER}", "Alice Cutter")
        cls.bob = user("pcr_bob", f"{GROUP_USER},{MRP_USER}", "Bob Cutter")
        cls.anna = user("pcr_anna", f"{GROUP_USER},{MRP_USER}", "Anna Assembler")
        # Department staff without any Manufacturing rights.
        cls.quentin = user("pcr_quentin", GROUP_USER, "Quentin Inspector")
        cls.plain = user("pcr_plain", "base.group_user", "Paul Plain")

        Workcenter = cls.env["mrp.workcenter"]
        cls.wc_saw, cls.wc_drill, cls.wc_bench, cls.wc_inspect = (
            Workcenter.create(
                {
                    "name": name,
                    "resource_calendar_id": cls.calendar.id,
                    "time_start": 0,
                    "time_stop": 0,
                }
            )
            for name in ("T-Saw", "T-Drill", "T-Bench", "T-Inspect")
        )
        Department = cls.env["coordination.department"]
        cls.cutting = Department.create(
            {
                "name": "T-Cutting",
                "code": "TCUT",
                "supervisor_id": cls.sup_cut.id,
                "member_ids": [Command.set((cls.alice | cls.bob).ids)],
                "workcenter_ids": [Command.set((cls.wc_saw | cls.wc_drill).ids)],
                "handoff_acceptance_hours": 4,
            }
        )
        cls.assembly = Department.create(
            {
                "name": "T-Assembly",
                "code": "TASM",
                "supervisor_id": cls.sup_asm.id,
                "member_ids": [Command.set(cls.anna.ids)],
                "workcenter_ids": [Command.set(cls.wc_bench.ids)],
                "handoff_acceptance_hours": 2,
            }
        )
        cls.quality = Department.create(
            {
                "name": "T-Quality",
                "code": "TQC",
                "supervisor_id": cls.sup_qc.id,
                "member_ids": [Command.set(cls.quentin.ids)],
                "workcenter_ids": [Command.set(cls.wc_inspect.ids)],
                "handoff_acceptance_hours": 8,
            }
        )
        cls.component = cls.env["product.product"].create({"name": "T-Tube", "is_storable": True})
        cls.product = cls.env["product.product"].create({"name": "T-Bench", "is_storable": True})
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 1})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": name,
                            "workcenter_id": wc.id,
                            "time_cycle_manual": minutes,
                            "sequence": seq,
                        }
                    )
                    for seq, (name, wc, minutes) in enumerate(
                        [
                            ("Cut", cls.wc_saw, 60),
                            ("Drill", cls.wc_drill, 30),
                            ("Assemble", cls.wc_bench, 90),
                            ("Inspect", cls.wc_inspect, 20),
                        ],
                        start=1,
                    )
                ],
            }
        )

    @classmethod
    def _user(cls, login, groups, name):
        return new_test_user(cls.env, login, groups=groups, name=name, tz="UTC")

    @classmethod
    def _make_mo(cls, qty=1, confirm=True, product=None, bom=None, **vals):
        production = cls.env["mrp.production"].create(
            {
                "product_id": (product or cls.product).id,
                "bom_id": (bom if bom is not None else cls.bom).id,
                "product_qty": qty,
                **vals,
            }
        )
        if confirm:
            production.action_confirm()
        return production

    def _log_time(self, workorder, minutes):
        """Closed, productive time log of `minutes` ending now."""
        now = fields.Datetime.now()
        return self.env["mrp.workcenter.productivity"].create(
            {
                "workorder_id": workorder.id,
                "workcenter_id": workorder.workcenter_id.id,
                "loss_id": self.env.ref("mrp.block_reason7").id,
                "date_start": fields.Datetime.subtract(now, minutes=minutes),
                "date_end": now,
            }
        )

    @staticmethod
    def _wo(production, name):
        return production.workorder_ids.filtered(lambda wo: wo.name == name)

    @staticmethod
    def _leg(production, department):
        return production.coordination_handoff_ids.filtered(
            lambda leg: leg.department_id == department and leg.state != "cancel"
        )

    @staticmethod
    def _route(production):
        legs = production.coordination_handoff_ids.filtered(lambda x: x.state != "cancel")
        return [(leg.department_id.code, leg.state) for leg in legs.sorted("sequence")]


class ProtectedCase(RouteCase):
    """The route fixtures, a buyer, a project manager and a second coordinator; writes that
    must be refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = new_test_user(cls.env, "pcp_buyer", groups=PURCHASE_USER, name="Bea Buyer")
        cls.project_manager = new_test_user(
            cls.env, "pcp_project_manager", groups="project.group_project_manager"
        )
        cls.other_coordinator = new_test_user(
            cls.env, "pcp_coordinator_2", groups=GROUP_MANAGER, name="Otto Coordinator"
        )

    def assertRefused(self, record, vals):
        """Writing `vals` as this record's user is refused with an AccessError naming the
        field, and nothing changes."""
        name = next(iter(vals))
        before = {fname: record.sudo()[fname] for fname in vals}
        with self.assertRaises(AccessError) as caught:
            record.write(vals)
        self.assertIn(record._fields[name].string, str(caught.exception))
        record.invalidate_recordset()
        self.assertEqual({fname: record.sudo()[fname] for fname in vals}, before)


class ParallelRequestsCase(BaseCase):
    """Requests of several users at the same moment, in real transactions: each in its own
    thread and cursor, committed. What a test commits it removes itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    def _env(cls, cr, uid, **context):
        # The test runner holds the registry lock: give the cursor its transaction ourselves
        # (an environment would otherwise look the registry up and wait for that lock). Mails
        # are queued, not sent after the commit (that would look the registry up too).
        cr.transaction = api.Transaction(cls.registry)
        return api.Environment(
            cr, uid, dict(context, mail_notify_force_send=False, tracking_disable=True)
        )

    def _request(self, uid, func, before=None):
        """``func(env)`` as user ``uid``, the way Odoo serves an RPC call: in its own cursor,
        committed, and run again from a new transaction after a serialization failure, a
        deadlock or a lock not available (``odoo.service.model.retrying``, which cannot be
        called here: it reloads the registry the test runner holds). ``before(env)`` runs in
        the first try only, once the transaction has taken its snapshot."""
        for attempt in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr, uid)
                    # The transaction's snapshot: what it sees from now on.
                    env.cr.execute("SELECT id FROM res_company LIMIT 1")
                    if before and attempt == 1:
                        before(env)
                    result = func(env)
                    env.flush_all()
                return result
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                if attempt == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    raise
        return None
