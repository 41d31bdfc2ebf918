# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: a day's and a production's conflict figure counts bookings in conflict.

Before, ``media.production.day.conflict_count`` counted the lines of the day's conflict text
(a booking that clashes with two others counted twice), so the productions' figure disagreed
with the media dashboard's *Bookings in conflict* tile. The stored figures of a database made
before are computed again, days first, then the productions that add them up. Run again, it
changes nothing.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    days = env["media.production.day"].search([])
    env.add_to_compute(days._fields["conflict_count"], days)
    days.flush_recordset(["conflict_count"])
    projects = env["project.project"].search([("is_media_production", "=", True)])
    env.add_to_compute(projects._fields["coordination_conflict_count"], projects)
    projects.flush_recordset(["coordination_conflict_count"])
