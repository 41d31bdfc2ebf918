# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0, before the update: the field ``mrp.production.coordination_customer_request``
is gone (special customer requests are records now, see post-migrate.py). Take it out of the
stored view that showed it, or the update cannot validate the manufacturing order form before
reloading that view."""

import json
import re

FIELD = re.compile(r'\s*<field name="coordination_customer_request"[^>]*/>')


def migrate(cr, version):
    cr.execute(
        """
        SELECT v.id, v.arch_db FROM ir_ui_view v
          JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id
         WHERE d.module = 'production_coordination'
           AND v.arch_db::text LIKE '%%coordination_customer_request%%'
        """
    )
    for view_id, arch in cr.fetchall():
        cleaned = {lang: FIELD.sub("", text) for lang, text in arch.items()}
        cr.execute(
            "UPDATE ir_ui_view SET arch_db = %s::jsonb WHERE id = %s",
            [json.dumps(cleaned), view_id],
        )
