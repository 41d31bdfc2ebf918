# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Migration to 18.0.1.1.0: the scheduled actions of a database created before (their records
are noupdate) are pointed at the job entry points, once; a scheduled action whose code someone
changed is left alone. (Checked end to end from the old release too: see the README.)"""

from odoo.modules.migration import load_script
from odoo.tests import TransactionCase

MIGRATION = "production_coordination/migrations/18.0.1.1.0/post-migrate.py"


class TestJobsMigration(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.migration = load_script(MIGRATION, "production_coordination_post_migrate_18_0_1_1_0")

    def _cron(self, name):
        return self.env.ref(name)

    def test_old_crons_enqueue_jobs_once(self):
        for name, (old_code, _new_code) in self.migration.CRON_CODE.items():
            self._cron(name).code = old_code
        custom = self._cron("production_coordination.ir_cron_refresh_redundancies")
        custom.code = "model._cron_refresh_redundancies()  # ours"
        crons = self.env["ir.cron"].search([])

        self.migration.migrate(self.env.cr, "18.0.1.0.0")
        self.migration.migrate(self.env.cr, "18.0.1.0.0")  # again: nothing changes

        self.env.invalidate_all()
        for name, (_old_code, new_code) in self.migration.CRON_CODE.items():
            if name != "production_coordination.ir_cron_refresh_redundancies":
                self.assertEqual(self._cron(name).code, new_code)
        self.assertEqual(custom.code, "model._cron_refresh_redundancies()  # ours")
        self.assertEqual(self.env["ir.cron"].search([]), crons)
        self.assertEqual(
            self._cron("production_coordination.ir_cron_scan_shortages").code,
            "model._cron_enqueue_shortage_scans()",
        )

    def test_new_databases_already_enqueue_jobs(self):
        """What the data files create is what the migration writes."""
        for name, (_old_code, new_code) in self.migration.CRON_CODE.items():
            self.assertEqual(self._cron(name).code.strip(), new_code)
