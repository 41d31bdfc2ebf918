# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's ``_bom_find`` answered from BoMs read beforehand, while a production review runs.

``mrp.bom.explode`` looks up the kits of every level with ``_bom_find`` (one search per level
and per call). The production review reads the BoMs of every product of its BoM trees in one
search (`_coordination_prefetch_boms`) and explodes them with Odoo's own ``explode`` inside
`coordination_bom_cache`: the lookups are answered in memory, the same way ``_bom_find`` would
(its order: sequence, product, id; its conditions: active, company, operation type, type), so
the number of queries does not grow with the depth of the BoMs.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, models

# {"product_ids": set of product ids looked up, "index": {product id: [(bom, company id,
# operation type id, type)] in _bom_find's order}}, or None.
_BOM_CACHE = ContextVar("coordination_bom_cache", default=None)


@contextmanager
def coordination_bom_cache(boms, product_ids):
    """While inside, ``_bom_find`` for products among ``product_ids`` chooses from ``boms``
    (every active BoM of those products the user may read, in ``_bom_find``'s order), indexed
    by product once."""
    index = defaultdict(list)
    for bom in boms:
        entry = (bom, bom.company_id.id, bom.picking_type_id.id, bom.type)
        for product in bom.product_id or bom.product_tmpl_id.product_variant_ids:
            index[product.id].append(entry)
    token = _BOM_CACHE.set({"product_ids": set(product_ids), "index": index})
    try:
        yield
    finally:
        _BOM_CACHE.reset(token)


class MrpBom(models.Model):
    _inherit = "mrp.bom"

    @api.model
    def _coordination_prefetch_boms(self, product_ids, company_ids):
        """Every active BoM of these products for these companies (or without company), in
        ``_bom_find``'s order: one search."""
        products = self.env["product.product"].browse(product_ids)
        domain = self._bom_find_domain(products)
        domain = [*domain, ("company_id", "in", [*company_ids, False])]
        return self.search(domain, order="sequence, product_id, id")

    @api.model
    def _bom_find(self, products, picking_type=None, company_id=False, bom_type=False):
        cache = _BOM_CACHE.get()
        if cache is None or not set(products.ids) <= cache["product_ids"]:
            return super()._bom_find(
                products, picking_type=picking_type, company_id=company_id, bom_type=bom_type
            )
        bom_by_product = defaultdict(lambda: self.env["mrp.bom"])
        company_id = company_id or self.env.context.get("company_id")
        for product in products.filtered(lambda p: p.type != "service"):
            for bom, bom_company_id, bom_picking_type_id, bom_kind in cache["index"][product.id]:
                if (
                    (company_id and bom_company_id and bom_company_id != company_id)
                    or (
                        picking_type
                        and bom_picking_type_id
                        and bom_picking_type_id != picking_type.id
                    )
                    or (bom_type and bom_kind != bom_type)
                ):
                    continue
                bom_by_product[product] = bom.with_env(self.env)
                break
        return bom_by_product
