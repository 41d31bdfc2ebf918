# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """A language loaded for this addon (on install, or added later) also words the
        procurement projects and their stages, created as records in English."""
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "production_coordination" in modules and "project.project" in self.env:
            # sudo: whoever loads a language (an administrator) may not follow these projects.
            self.env["project.project"].sudo().with_context(active_test=False).search(
                [("coordination_is_procurement", "=", True)]
            )._coordination_translate_procurement_names(langs)
        return res
