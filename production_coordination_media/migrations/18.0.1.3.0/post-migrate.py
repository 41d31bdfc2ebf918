# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.3.0: texts read in the reader's language.

A production's priority explanation is worded when read, from the facts of its score
(``coordination_priority_facts``, new): the productions of a database made before are scored
again so that their explanations do not wait for the daily refresh. (The conflict details are
worded when read from the conflicts themselves; their old stored columns are no longer read.
Recommendations keep their English texts until the next computation words them in every
language.) Run again, it changes nothing.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["media.priority"]._refresh(env["res.company"].search([]))
