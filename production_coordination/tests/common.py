# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The test fixtures of the addon, one layered chain (as ``mrp/tests/common.py``): each layer
adds one set of records to the one it extends, and the factory methods that make more of them.
Test modules import their base class from here, never from another test module.

- `CoordinationCommon`: the root: no tracking, the current company, factories of users,
  products, bills of materials and stock;
- users: `CoordinationCase` (one user of each role, a department);
- routes: `RouteCase` (three departments over four work centers, a product whose operations
  cross them), then `ProtectedCase` (more roles), `ScheduleCase` (the work center load) and
  dashboard: `DashboardCase` (six MOs, each in one of the dashboard's situations);
- materials (common_materials.py): `MaterialsCase` (a company of its own, a bought component,
  buyers), then `VendorCase` (receipts, follow-ups) and `PhysicalCase` (MOs with a work order
  to start);
- priorities (common_priority.py): `PriorityCase` (a company of its own, a calendar, default
  weights);
- `ParallelRequestsCase`: real parallel transactions, for the concurrency tests;
- `read_only_transaction(env)`: what ``@api.readonly`` entry points run in on a read replica.
"""

import json
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command, api, fields
from odoo.exceptions import AccessError
from odoo.modules.registry import Registry
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.tests import TransactionCase, new_test_user
from odoo.tests.common import BaseCase, get_db_name

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

GROUP_USER = "production_coordination.group_coordination_user"
GROUP_SUPERVISOR = "production_coordination.group_coordination_supervisor"
GROUP_MANAGER = "production_coordination.group_coordination_manager"
MRP_USER = "mrp.group_mrp_user"
PURCHASE_USER = "purchase.group_purchase_user"
PURCHASE_MANAGER = "purchase.group_purchase_manager"
FOLLOWUP = "production_coordination.mail_activity_type_vendor_followup"
# Week 1 of the load's horizon; the test calendars work 8-12 and 13-17 UTC.
MONDAY_8 = datetime(2026, 11, 23, 8, 0)
MONDAY_14 = datetime(2026, 11, 23, 14, 0)
WEEKS = [date(2026, 11, 23) + timedelta(weeks=n) for n in range(8)]
FULL_WEEK = 40 * 60


class CoordinationCommon(TransactionCase):
    """The root of the chain: an environment without tracking, the current company, and the
    factories every layer uses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company

    @classmethod
    def _user(cls, login, groups, name, company=None, **vals):
        """A user of these groups (comma-separated xml ids); of `company` only when given."""
        if company:
            vals.update(company_id=company.id, company_ids=[Command.set(company.ids)])
        return new_test_user(cls.env, login, groups=groups, name=name, **vals)

    @classmethod
    def _make_product(cls, name, **vals):
        """A storable product."""
        return cls.env["product.product"].create({"name": name, "is_storable": True, **vals})

    @classmethod
    def _make_bom(cls, product, components, operations=(), **vals):
        """A bill of materials of `product`: `components` [(product, quantity)], `operations`
        [values of mrp.routing.workcenter]."""
        if operations:
            vals["operation_ids"] = [Command.create(values) for values in operations]
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "bom_line_ids": [
                    Command.create({"product_id": component.id, "product_qty": qty})
                    for component, qty in components
                ],
                **vals,
            }
        )

    @classmethod
    def _run_rank_jobs(cls):
        """Run the rerank jobs waiting, as queue_job's runner does within seconds of a write
        (``coordination.priority._rerank_company_job``): the ranks users see afterwards."""
        return run_rank_jobs(cls.env)

    def _stock(self, qty, product=None):
        """Put `qty` of `product` (the layer's component) in the stock of the warehouse."""
        self.env["stock.quant"]._update_available_quantity(
            product or self.component, self.warehouse.lot_stock_id, qty
        )


def run_rank_jobs(env):
    """Run the rerank jobs waiting, as queue_job's runner does within seconds of a write
    (``coordination.priority._rerank_company_job``): the ranks users see afterwards."""
    jobs = (
        env["queue.job"]
        .sudo()
        .search(
            [
                ("model_name", "=", "coordination.priority"),
                ("method_name", "=", "_rerank_company_job"),
                ("state", "in", ("pending", "enqueued")),
            ],
            order="id",
        )
    )
    for record in jobs:
        job = Job.load(env, record.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
    return jobs


def run_stored_job(env, job_record):
    """Run a stored job as queue_job's runjob controller does (same steps, same order), in the
    test's transaction: started, performed, done and its dependent jobs released; or
    postponed (RetryableJobError), or failed (any other error), the error raised again.

    :return: the queue_job ``Job``
    """
    job = Job.load(env, job_record.uuid)
    job.set_started()
    job.store()
    try:
        with env.cr.savepoint():
            job.perform()
    except RetryableJobError as error:
        job.postpone(result=str(error), seconds=error.seconds)
        job.set_pending(reset_retry=False)
        job.store()
        raise
    except Exception as error:
        job.set_failed(exc_name=type(error).__name__, exc_message=str(error), exc_info="")
        job.store()
        raise
    job.set_done()
    job.store()
    env.flush_all()  # committed before the runner releases the dependent jobs
    job.enqueue_waiting()
    return job


def bus_payloads(env, user, kind="simple_notification"):
    """The payloads of the bus messages of type ``kind`` sent to the user's web client,
    oldest first."""
    env.cr.precommit.run()  # the bus stores its messages just before commit
    messages = (
        env["bus.bus"]
        .sudo()
        .search([("channel", "like", f'"res.partner",{user.partner_id.id}]')], order="id")
    )
    return [
        json.loads(message.message)["payload"]
        for message in messages
        if json.loads(message.message)["type"] == kind
    ]


# Users ------------------------------------------------------------------------------------------


class CoordinationCase(CoordinationCommon):
    """Users of every role and one department they belong to, in the current company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls._user("pc_coordinator", GROUP_MANAGER, "Cora Coordinator")
        cls.supervisor = cls._user("pc_supervisor", GROUP_SUPERVISOR, "Simon Supervisor")
        cls.staff = cls._user("pc_staff", GROUP_USER, "Stella Staff")
        cls.plain_user = cls._user("pc_plain", "base.group_user", "Paul Plain")
        cls.department = cls.env["coordination.department"].create(
            {
                "name": "Test Assembly",
                "code": "TASM",
                "supervisor_id": cls.supervisor.id,
                "member_ids": [Command.set(cls.staff.ids)],
            }
        )


# Routes -----------------------------------------------------------------------------------------


class RouteCase(CoordinationCommon):
    """Three departments over four work centers, and a product whose four operations cross
    them: Cutting (saw, drill) → Assembly → Quality. All on a UTC 8-12/13-17 calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
        cls.component = cls._make_product("T-Tube")
        cls.product = cls._make_product("T-Bench")
        cls.bom = cls._make_bom(
            cls.product,
            [(cls.component, 1)],
            [
                {
                    "name": name,
                    "workcenter_id": wc.id,
                    "time_cycle_manual": minutes,
                    "sequence": seq,
                }
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
            product_qty=1,
        )

    @classmethod
    def _user(cls, login, groups, name, company=None, **vals):
        """The route's users work in UTC, as its calendar."""
        return super()._user(login, groups, name, company=company, **{"tz": "UTC", **vals})

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


class ScheduleCase(RouteCase):
    """The route fixtures, read through the work center load."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workcenters = cls.wc_saw | cls.wc_drill | cls.wc_bench | cls.wc_inspect

    def _load(self, user):
        """{(work center, week): row} of the test work centers, read as `user`."""
        rows = (
            self.env["coordination.workcenter.load"]
            .with_user(user)
            .search([("workcenter_id", "in", self.workcenters.ids)])
        )
        return {(row.workcenter_id, row.date_week): row for row in rows}


class DashboardCase(RouteCase):
    """Six MOs, each with exactly one of the dashboard's situations, in the test departments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.departments = cls.cutting | cls.assembly | cls.quality
        cls.filters = {"department_ids": cls.departments.ids}
        with freeze_time(MONDAY_8):
            cls.overdue = cls._make_mo()  # its Cutting handoff waits since 8:00 (limit 4 h)
        with freeze_time(MONDAY_14):
            cls.late = cls._make_mo()
            cls.at_risk = cls._make_mo()
            cls.blocked = cls._make_mo()
            cls.expedited = cls._make_mo()
            cls.plain_mo = cls._make_mo()
            # The four fresh Cutting handoffs are not overdue: accept them, keep them aside.
            (
                cls.late | cls.at_risk | cls.expedited | cls.plain_mo
            ).coordination_handoff_ids.filtered(lambda leg: leg.state == "ready").action_accept()
            cls.late.coordination_date_committed_manual = MONDAY_8 - timedelta(days=1)
            # 200 minutes of work left and one hour to go: forecast after the committed date.
            cls.at_risk.coordination_date_committed_manual = MONDAY_14 + timedelta(hours=1)
            cls._leg(cls.blocked, cls.cutting)._block("Saw blade broken")
            cls.expedited.with_user(cls.coordinator)._coordination_expedite("Trade show")
            cls.env["coordination.checkin"].create(
                {"department_id": cls.assembly.id, "date_requested": MONDAY_8 - timedelta(days=2)}
            )
            cls._run_rank_jobs()  # the ranks, as the job runner sets them after these writes
        cls._make_materials_situations()

    @classmethod
    def _make_materials_situations(cls):
        """Two open low-stock tasks (one critical), one closed; one late purchase line and one
        at risk (the fields the shortage scan keeps, written by hand here)."""
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        # What the shortage scan left in this database (the demo's tasks and risks) is cleared:
        # the materials part does not depend on departments, so it would be counted too.
        cls.env["project.task"].search([("coordination_warehouse_id", "!=", False)]).unlink()
        cls.env["purchase.order.line"].search(
            [("coordination_delivery_risk", "!=", False)]
        ).coordination_delivery_risk = False
        part = cls.env["product.product"].create({"name": "Dash bolt", "is_storable": True})
        project = cls.company.coordination_procurement_project_id
        Task = cls.env["project.task"]
        cls.shortages = Task.create(
            [
                {
                    "name": f"Dash shortage {severity}",
                    "project_id": project.id,
                    "coordination_product_id": part.id,
                    "coordination_warehouse_id": warehouse.id,
                    "coordination_severity": severity,
                    "coordination_date_need": MONDAY_14 + timedelta(days=2),
                }
                for severity, warehouse in (
                    ("critical", cls.warehouse),
                    ("normal", cls.warehouse.copy({"name": "Dash WH2", "code": "DWH2"})),
                )
            ]
        )
        closed = Task.create(
            {
                "name": "Dash shortage solved",
                "project_id": project.id,
                "coordination_product_id": part.copy({"name": "Dash nut"}).id,
                "coordination_warehouse_id": cls.warehouse.id,
                "coordination_severity": "high",
            }
        )
        closed.state = "1_done"
        vendor = cls.env["res.partner"].create({"name": "Dash Vendor"})
        order = cls.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "picking_type_id": cls.warehouse.in_type_id.id,
                "order_line": [
                    Command.create({"product_id": part.id, "product_qty": qty}) for qty in (5, 7)
                ],
            }
        )
        cls.late_line, at_risk_line = order.order_line
        cls.late_line.coordination_delivery_risk = "late"
        at_risk_line.coordination_delivery_risk = "at_risk"

    def _data(self, user=None, filters=None):
        self.env.invalidate_all()  # as in a request: nothing read by the superuser is cached
        Dashboard = self.env["coordination.dashboard"].with_user(user or self.coordinator)
        return Dashboard.get_dashboard_data(self.filters if filters is None else filters)


# Parallel transactions --------------------------------------------------------------------------


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

    @classmethod
    def _remove_committed_productions(cls, env, production_ids, bom_id, product_id, company_id):
        """Cancel and delete these committed MOs, their moves, BoM and product; rerank their
        company (no job runner in the tests)."""
        productions = env["mrp.production"].browse(production_ids)
        productions.action_cancel()
        moves = productions.move_finished_ids | productions.move_raw_ids
        productions.unlink()
        moves.exists().unlink()
        env["coordination.priority"]._rerank(env["res.company"].browse(company_id))
        env["mrp.bom"].browse(bom_id).unlink()
        product = env["product.product"].browse(product_id)
        template = product.product_tmpl_id
        product.unlink()
        template.unlink()

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


# Read replicas -----------------------------------------------------------------------------------


@contextmanager
def read_only_transaction(env):
    """What ``@api.readonly`` entry points run in on a read replica: a read-only transaction
    (``SET TRANSACTION READ ONLY``, as Odoo's test cursors do for read-only requests). Any
    write, flushed at the end as a request would, raises ``ReadOnlySqlTransaction``; the
    transaction is read/write again afterwards (the savepoint is rolled back)."""
    env.flush_all()
    savepoint = env.cr.savepoint(flush=False)
    env.cr.execute("SET TRANSACTION READ ONLY")
    try:
        yield
        env.flush_all()
    finally:
        env.clear()  # what a failed write left in the cache is gone with its transaction
        savepoint.close(rollback=True)
