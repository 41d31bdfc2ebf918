# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the long scheduled actions enqueue background jobs (queue_job).

Their records are ``noupdate``: a database created before keeps the inline code. Point the
scheduled actions that still hold the code this module shipped before at the job entry points
(and queue_job's collector, installed with this version, at requeuing jobs whose server died);
a scheduled action whose code someone changed is left alone (and logged). Run again, it changes
nothing. The channels and job functions are new records of the data files: the update creates
them once.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# xml id of the scheduled action: (the code shipped before, the job entry point).
CRON_CODE = {
    "production_coordination.ir_cron_scan_shortages": (
        "model._cron_scan_shortages()",
        "model._cron_enqueue_shortage_scans()",
    ),
    "production_coordination.ir_cron_refresh_priorities": (
        "model._cron_refresh_priorities()",
        "model._cron_enqueue_priority_refresh()",
    ),
    "production_coordination.ir_cron_refresh_redundancies": (
        "model._cron_refresh_redundancies()",
        "model._cron_enqueue_refresh()",
    ),
    "production_coordination.ir_cron_refresh_workcenter_load": (
        "model._cron_refresh_workcenter_load()",
        "model._cron_enqueue_refresh()",
    ),
    # queue_job arrives with this version: its collector as a new database gets it (see
    # data/queue_job_data.xml), so that a job whose server died is requeued.
    "queue_job.ir_cron_queue_job_garbage_collector": (
        "model.requeue_stuck_jobs()",
        "model.requeue_stuck_jobs(started_delta=10)",
    ),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name, (old_code, new_code) in CRON_CODE.items():
        cron = env.ref(name, raise_if_not_found=False)
        if not cron:
            continue
        code = (cron.code or "").strip()
        if code == new_code:
            continue
        if code != old_code:
            _logger.info("Scheduled action %s has code of its own: left as it is.", name)
            continue
        cron.code = new_code
        _logger.info("Scheduled action %s now enqueues jobs: %s", name, new_code)
