# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: the free-text flag "Special Customer Request" of manufacturing orders
(``mrp_production.coordination_customer_request``) becomes ``coordination.special.request``
records.

Each MO whose text is not blank gets one request (category "other", title: the text's first line,
description: the whole text) for the departments of its route (else those running its work
centers, else every department of its company). Open and draft MOs' requests are new (the
departments acknowledge and fulfil them); a done MO's is fulfilled (it was done with it); a
cancelled MO's is cancelled. The column is kept (Odoo leaves removed fields' columns) and emptied
once migrated, so that running the script again creates nothing. The priority part "special
customer request" reads the requests from now on: the scores do not change.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import plaintext2html

_logger = logging.getLogger(__name__)

TITLE_LENGTH = 80


def _title(text):
    first = text.strip().splitlines()[0].strip()
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1] + "…"


def _keep_tracking(cr):
    """The field was tracked: its tracking values keep its description (what mail does when a
    field is deleted, but mail's own way needs the field in the registry: KeyError in 18.0)."""
    cr.execute(
        """
        UPDATE mail_tracking_value v
           SET field_info = jsonb_build_object(
                   'desc', f.field_description->>'en_US', 'name', f.name,
                   'sequence', 100, 'type', f.ttype)
          FROM ir_model_fields f
         WHERE v.field_id = f.id AND v.field_info IS NULL
           AND f.model = 'mrp.production' AND f.name = 'coordination_customer_request'
        """
    )
    cr.execute(
        """
        UPDATE ir_model_fields SET tracking = NULL
         WHERE model = 'mrp.production' AND name = 'coordination_customer_request'
        """
    )


def migrate(cr, version):
    _keep_tracking(cr)
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'mrp_production' AND column_name = 'coordination_customer_request'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        SELECT id, coordination_customer_request FROM mrp_production
         WHERE coalesce(trim(coordination_customer_request), '') != ''
         ORDER BY id
        """
    )
    texts = dict(cr.fetchall())
    if not texts:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"coordination_request_migrating": True})
    Request = env["coordination.special.request"].with_context(
        coordination_request_no_follow=True, mail_create_nolog=True
    )
    Department = env["coordination.department"]
    vals_list = []
    for production in env["mrp.production"].browse(list(texts)):
        departments = production.coordination_handoff_ids.department_id
        if not departments:
            departments = Department.search(
                [
                    ("workcenter_ids", "in", production.workorder_ids.workcenter_id.ids),
                    ("company_id", "=", production.company_id.id),
                ]
            )
        if not departments:
            departments = Department.search([("company_id", "=", production.company_id.id)])
        state = {"done": "fulfilled", "cancel": "cancel"}.get(production.state, "new")
        text = texts[production.id]
        vals_list.append(
            {
                "name": _title(text),
                "description": plaintext2html(text),
                "category": "other",
                "production_id": production.id,
                "sale_line_id": production.sale_line_id.id,
                "company_id": production.company_id.id,
                "department_ids": [(6, 0, departments.ids)],
                "state": state,
            }
        )
    requests = Request.create(vals_list)
    fulfilled = requests.filtered(lambda r: r.state == "fulfilled")
    fulfilled.department_status_ids.write({"state": "fulfilled"})
    cr.execute(
        "UPDATE mrp_production SET coordination_customer_request = NULL WHERE id = ANY(%s)",
        [list(texts)],
    )
    _logger.info("%s special customer request(s) migrated into requests", len(requests))
