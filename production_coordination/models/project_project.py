# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models


class ProjectProject(models.Model):
    _name = "project.project"
    _inherit = ["project.project", "coordination.protected.mixin"]

    coordination_is_procurement = fields.Boolean(
        "Procurement Coordination",
        readonly=True,
        copy=False,
        help="The company's project of low-stock tasks, kept by the shortage scan.",
    )
    # Written in SQL by the shortage scan (coordination.material.scan._mark_changed): no
    # tracking, no write(), nothing computed from it.
    coordination_date_scan_change = fields.Datetime(
        "Last Change by the Shortage Scan", readonly=True, copy=False
    )

    def _coordination_protected_fields(self):
        """Which project is the procurement project is the shortage scan's (see
        coordination.protected.mixin)."""
        return dict(
            super()._coordination_protected_fields(),
            **dict.fromkeys(
                ["coordination_is_procurement", "coordination_date_scan_change"],
                _("the shortage scan"),
            ),
        )

    def _coordination_get_stages(self):
        """{"todo", "ordered", "done"}: the stages the scan and the buttons move tasks to (the
        first open stage, the second, the last folded one), created when missing."""
        self.ensure_one()
        stages = self.type_ids.sorted(lambda stage: (stage.sequence, stage.id))
        open_stages, folded = stages.filtered(lambda s: not s.fold), stages.filtered("fold")
        if not open_stages or not folded:
            # sudo: stages are the project's configuration; the scan or a buyer may need them.
            # Created in English (the source), then worded in every language.
            project = self.sudo().with_context(lang="en_US")
            project.type_ids = [
                Command.create(vals)
                for vals in project._coordination_prepare_stage_vals()
                if (vals.get("fold") and not folded) or (not vals.get("fold") and not open_stages)
            ]
            project._coordination_translate_procurement_names()
            return self._coordination_get_stages()
        return {
            "todo": open_stages[0],
            "ordered": open_stages[1] if len(open_stages) > 1 else open_stages[0],
            "done": folded[-1],
        }

    @api.model
    def _coordination_prepare_procurement_names(self):
        """The procurement project's names, in the language of the environment."""
        return {"name": _("Procurement Coordination"), "label_tasks": _("Low-Stock Tasks")}

    @api.model
    def _coordination_prepare_stage_vals(self):
        """The procurement project's stages, named in the language of the environment."""
        return [
            {"name": _("To Order"), "sequence": 1},
            {"name": _("Ordered"), "sequence": 2},
            {"name": _("Done"), "sequence": 3, "fold": True},
        ]

    def _coordination_translate_procurement_names(self, langs=None):
        """Word these procurement projects' names and their stages' names in `langs` (default:
        every installed language) from this addon's translations. Only a name still as created
        (the English source, not yet translated in that language) is worded: a name someone
        changed, in any language, is kept."""
        langs = [
            code
            for code in langs or [code for code, _name in self.env["res.lang"].get_installed()]
            if code != "en_US"
        ]
        # sudo: the names are the shortage scan's configuration (see
        # _coordination_ensure_procurement_projects); called on install and language loads.
        projects = (
            self.sudo()
            .with_context(active_test=False, lang="en_US")
            .filtered("coordination_is_procurement")
        )
        if not langs or not projects:
            return
        source_names = projects._coordination_prepare_procurement_names()
        source_stages = [vals["name"] for vals in projects._coordination_prepare_stage_vals()]
        for code in langs:
            worded = projects.with_context(lang=code)
            stage_names = dict(
                zip(
                    source_stages,
                    [vals["name"] for vals in worded._coordination_prepare_stage_vals()],
                    strict=True,
                )
            )
            for field_name, value in worded._coordination_prepare_procurement_names().items():
                for project in projects:
                    _word_if_untouched(project, field_name, source_names[field_name], code, value)
            for stage in projects.type_ids:
                if stage.name in stage_names:
                    _word_if_untouched(stage, "name", stage.name, code, stage_names[stage.name])


def _word_if_untouched(record, field_name, source, code, value):
    """Word `record`'s `field_name` as `value` in language `code` when it still reads `source`
    in English and has no translation of its own in `code`."""
    if (
        value != source
        and record[field_name] == source
        and record.with_context(lang=code)[field_name] == source
    ):
        record.update_field_translations(field_name, {code: value})
