# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One bad record never stops a scheduled action: the others are processed, the bad one is
logged, skipped and reported to its company's coordinator."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import SQL, mute_logger

from ..models import coordination_batch
from .common import GROUP_MANAGER, CoordinationCommon
from .test_i18n import load_languages

BATCH_LOGGER = "odoo.addons.production_coordination.models.coordination_batch"
T0 = datetime(2026, 11, 23, 8, 0)
T1 = T0 + timedelta(hours=1)


class TestScheduledActions(CoordinationCommon):
    """Two companies; in the second one the database refuses what the scheduled actions write
    (a trigger, as a rule of another addon or a damaged table would): every write of its records
    fails below the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
        cls.component = cls._make_product("S-Plate")
        cls.product = cls._make_product("S-Box")
        cls.bom = cls._make_bom(cls.product, [(cls.component, 1)], company_id=False)

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

    def test_report_in_each_recipients_language(self):
        """The cron runs in English; each coordination manager reads the report in their own
        language (one note per language), the server log stays in English."""
        load_languages(self.env)
        self.broken.coordination_user_id = False
        managers = {
            code: new_test_user(
                self.env,
                f"pcs_manager_{code}",
                groups=GROUP_MANAGER,
                company_id=self.broken.id,
                company_ids=[Command.set(self.companies.ids)],
                lang=code,
            )
            for code in ("es_ES", "en_US")
        }
        self._break_company(self.broken, "coordination_workcenter_load", "INSERT")
        Load = self.env["coordination.workcenter.load"].with_context(lang="en_US")
        with self.assertLogs(BATCH_LOGGER, "WARNING") as logs, mute_logger("odoo.sql_db"):
            Load._cron_refresh_workcenter_load()
        self.assertIn("Refresh the load of the work centers", logs.output[0])
        expected = {
            "es_ES": "Actualizar la carga de los centros de trabajo: 1 registro(s) omitido(s)",
            "en_US": "Refresh the load of the work centers: 1 record(s) skipped",
        }
        for code, manager in managers.items():
            with self.subTest(lang=code):
                report = self.env["mail.message"].search(
                    [
                        ("message_type", "=", "user_notification"),
                        ("partner_ids", "in", manager.partner_id.ids),
                    ]
                )
                self.assertEqual(report.mapped("subject"), [expected[code]])

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

    def _cron_progress(self, xmlid):
        """A progress record of the scheduled action, as Odoo's cron runner makes one."""
        cron = self.env.ref(xmlid)
        return self.env["ir.cron.progress"].create({"cron_id": cron.id, "done": 0, "remaining": 0})

    def test_progress_moves_record_by_record_and_agrees_at_the_end(self):
        progress = self._cron_progress("production_coordination.ir_cron_scan_shortages")
        Batch = self.env["coordination.batch"].with_context(ir_cron_progress_id=progress.id)
        partners = self.env["res.partner"].create([{"name": f"Partner {i}"} for i in range(4)])
        bad = partners[1]
        seen = []

        def process(batch, notify):
            for done, partner in enumerate(batch, start=1):
                if partner == bad:
                    raise ValueError("bad partner")
                partner.ref = "done"
                notify(done)
                seen.append((progress.done, progress.remaining))

        with self.assertLogs(BATCH_LOGGER, "WARNING"):
            failures = Batch._run_isolated(partners, process, "Test", progress=True)
        self.assertEqual(list(failures), [bad])
        # (done, remaining) after each record: the failing batches are tried again, split;
        # the failed record is neither done nor remaining.
        self.assertEqual(seen, [(1, 3), (1, 3), (1, 3), (2, 1), (3, 0)])
        self.assertEqual((progress.done, progress.remaining), (3, 0))

    def test_shortage_scan_reports_progress_company_by_company(self):
        # Companies without a sequence come last (NULLS LAST): give them one.
        self.env["res.company"].search([("sequence", "=", False)]).sequence = 10
        last = self.env["res.company"].create({"name": "Zz Last Plant", "sequence": 1000})
        self.env.user.company_ids = [Command.link(last.id)]
        self._make_mos(last, 1)  # a shortage: the scan creates a low-stock task there
        self._break_company(last, "project_task", "INSERT")
        companies = self.env["res.company"].search([])
        self.assertEqual(companies[-1], last)
        progress = self._cron_progress("production_coordination.ir_cron_scan_shortages")
        Scan = self.env["coordination.material.scan"].with_context(ir_cron_progress_id=progress.id)
        scan_company = type(Scan)._scan_company
        seen = []

        def spy(scan, company, product_ids=None):
            seen.append((company, progress.done, progress.remaining))
            return scan_company(scan, company, product_ids=product_ids)

        with (
            patch.object(type(Scan), "_scan_company", autospec=True, side_effect=spy),
            self.assertLogs(BATCH_LOGGER, "WARNING"),
            mute_logger("odoo.sql_db"),
        ):
            Scan._cron_scan_shortages()
        count = len(companies)
        # Before each company of the first batch: the companies scanned so far are done.
        self.assertEqual(
            seen[:count],
            [
                (company, done, count - done if done else 0)
                for done, company in enumerate(companies)
            ],
        )
        # The last company fails: the others are done, nothing remains.
        self.assertEqual((progress.done, progress.remaining), (count - 1, 0))
