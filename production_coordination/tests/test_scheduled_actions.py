# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One bad record never stops a scheduled action: the others are processed, the bad one is
logged, skipped and reported to its company's coordinator."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL, mute_logger

from ..models import coordination_batch
from .common import GROUP_MANAGER

BATCH_LOGGER = "odoo.addons.production_coordination.models.coordination_batch"
T0 = datetime(2026, 11, 23, 8, 0)
T1 = T0 + timedelta(hours=1)


class TestScheduledActions(TransactionCase):
    """Two companies; in the second one the database refuses what the scheduled actions write
    (a trigger, as a rule of another addon or a damaged table would): every write of its records
    fails below the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.good, cls.broken = cls.env["res.company"].create(
            [{"name": "Sound Plant"}, {"name": "Broken Calendar Plant"}]
        )
        cls.companies = cls.good | cls.broken
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.companies.ids))
        cls.coordinator = new_test_user(
            cls.env,
            "pcs_coordinator",
            groups=GROUP_MANAGER,
            company_id=cls.broken.id,
            company_ids=[Command.set(cls.companies.ids)],
            name="Cora Coordinator",
        )
        cls.broken.coordination_user_id = cls.coordinator
        cls.calendars = {}
        cls.workcenters = {}
        for company in cls.companies:
            calendar = cls.env["resource.calendar"].create(
                {"name": f"{company.name} 40h", "tz": "UTC", "company_id": company.id}
            )
            company.resource_calendar_id = calendar
            cls.calendars[company] = calendar
            cls.workcenters[company] = cls.env["mrp.workcenter"].create(
                {
                    "name": f"{company.name} press",
                    "company_id": company.id,
                    "resource_calendar_id": calendar.id,
                }
            )
        cls.component = cls.env["product.product"].create({"name": "S-Plate", "is_storable": True})
        cls.product = cls.env["product.product"].create({"name": "S-Box", "is_storable": True})
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "company_id": False,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 1})
                ],
            }
        )

    def _make_mos(self, company, count):
        productions = (
            self.env["mrp.production"]
            .with_company(company)
            .create(
                [
                    {"product_id": self.product.id, "bom_id": self.bom.id, "product_qty": 1}
                    for _i in range(count)
                ]
            )
        )
        productions.action_confirm()
        return productions

    def _break_company(self, company, table, operation):
        """From now on the database refuses `operation` on `table` for `company`'s rows."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            CREATE FUNCTION pc_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'Refused by the Olympus Mons rule'; END $$
            """
        )
        self.env.cr.execute(
            SQL(
                "CREATE TRIGGER pc_test_refuse BEFORE %s ON %s FOR EACH ROW"
                " WHEN (NEW.company_id = %s) EXECUTE FUNCTION pc_test_refuse()",
                SQL(operation),
                SQL.identifier(table),
                company.id,
            )
        )
        self.env.invalidate_all()

    def _reports(self):
        return self.env["mail.message"].search(
            [
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.coordinator.partner_id.ids),
            ]
        )

    def test_priority_refresh_skips_only_the_orders_it_cannot_score(self):
        with freeze_time(T0):
            sound = self._make_mos(self.good, 3)
            stuck = self._make_mos(self.broken, 2)
        self._break_company(self.broken, "mrp_production", "UPDATE")
        with (
            freeze_time(T1),
            self.assertLogs(BATCH_LOGGER, "WARNING") as logs,
            mute_logger("odoo.sql_db"),
        ):
            failures = self.env["mrp.production"]._cron_refresh_priorities()
        self.assertEqual(self.env["mrp.production"].concat(*failures), stuck)
        self.assertEqual(len(logs.records), 2)
        self.assertIn("Olympus Mons", logs.output[0])
        # The others were scored and ranked; the stuck ones kept their last scores.
        self.assertEqual(set(sound.mapped("coordination_date_scored")), {T1})
        self.assertEqual(sorted(sound.mapped("coordination_rank")), [1, 2, 3])
        self.assertEqual(set(stuck.mapped("coordination_date_scored")), {T0})
        # The coordinator of the company is told, once a day.
        report = self._reports()
        self.assertEqual(len(report), 1)
        self.assertEqual((report.model, report.res_id), ("res.company", self.broken.id))
        for production in stuck:
            self.assertIn(production.name, report.body)
        with (
            freeze_time(T1 + timedelta(minutes=15)),
            self.assertLogs(BATCH_LOGGER, "WARNING"),
            mute_logger("odoo.sql_db"),
        ):
            self.env["mrp.production"]._cron_refresh_priorities()
        self.assertEqual(self._reports(), report)

    def test_load_refresh_skips_only_the_company_it_cannot_compute(self):
        self._break_company(self.broken, "coordination_workcenter_load", "INSERT")
        Load = self.env["coordination.workcenter.load"]
        with self.assertLogs(BATCH_LOGGER, "WARNING"), mute_logger("odoo.sql_db"):
            failures = Load._cron_refresh_workcenter_load()
        self.assertEqual(list(failures), [self.broken])
        rows = Load.search([("company_id", "in", self.companies.ids)])
        self.assertEqual(rows.workcenter_id, self.workcenters[self.good])
        self.assertEqual(len(rows), 8)
        # One failing record: the report is on it.
        report = self._reports()
        self.assertEqual((report.model, report.res_id), ("res.company", self.broken.id))

    def test_batch_is_split_only_when_it_fails(self):
        partners = self.env["res.partner"].create([{"name": f"Partner {i}"} for i in range(8)])
        bad = partners[2] | partners[5]
        runs = []

        def process(batch):
            runs.append(len(batch))
            batch.write({"ref": "done"})
            if batch & bad:
                raise ValueError("bad partner")

        Batch = self.env["coordination.batch"]
        self.assertEqual(Batch._run_isolated(partners - bad, process, "Test"), {})
        self.assertEqual(runs, [6])  # one run when nothing fails
        partners.ref = False
        runs.clear()
        with self.assertLogs(BATCH_LOGGER, "WARNING") as logs:
            failures = Batch._run_isolated(partners, process, "Test")
        self.assertEqual(set(failures), set(bad))
        self.assertEqual(len(logs.records), 2)
        self.assertEqual(set((partners - bad).mapped("ref")), {"done"})
        self.assertEqual(bad.mapped("ref"), [False, False])
        self.assertEqual(runs, [8, 4, 2, 2, 1, 1, 4, 2, 1, 1, 2])
        # Past the limit of failures, the batches left are skipped without a try.
        partners.ref = False
        with (
            patch.object(coordination_batch, "MAX_ISOLATED_FAILURES", 1),
            self.assertLogs(BATCH_LOGGER, "WARNING"),
        ):
            failures = Batch._run_isolated(partners, process, "Test")
        self.assertEqual(set(failures), set(partners[2:]))
        self.assertEqual(set(partners[:2].mapped("ref")), {"done"})
        self.assertFalse(any(partners[2:].mapped("ref")))
