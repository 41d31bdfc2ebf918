# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What changes a manufacturing method: a BoM's components, its operations, a work center's
default operation data. Each edit is collected in the transaction's precommit data; just
before the commit, one `coordination.change.notice` is written per BoM, however many lines a
user or an import changed."""

from textwrap import shorten

from odoo import api, fields, models
from odoo.tools import html2plaintext

from .coordination_format import format_number
from .coordination_utils import ensure_one_record

PENDING_KEY = "coordination.change_notice"
LINE_FIELDS = ("product_id", "product_qty", "product_uom_id", "operation_id")
OPERATION_FIELDS = (
    "workcenter_id",
    "time_cycle_manual",
    "time_mode",
    "note",
    "worksheet",
    "worksheet_type",
    "worksheet_google_slide",
)
INSTRUCTIONS_WIDTH = 200  # characters of the instructions a notice quotes
WORKCENTER_FIELDS = ("time_start", "time_stop", "time_efficiency", "default_capacity")


def _pending(env):
    """The method changes of this transaction: {"boms": {bom id: {"lines": [(kind, subject,
    before, after)], "operations": {operation id}, "whole": bool}}, "new_boms": {bom id}}.
    The first call registers the precommit hook that writes the notices."""
    precommit = env.cr.precommit
    if PENDING_KEY not in precommit.data:
        precommit.data[PENDING_KEY] = {"boms": {}, "new_boms": set()}
        precommit.add(env["coordination.change.notice"]._create_pending_notices)
    return precommit.data[PENDING_KEY]


def _skip(env):
    """No notice while loading data files (module install or update) or when asked not to."""
    return env.context.get("install_module") or env.context.get("coordination_no_change_notice")


def _record_change(env, bom, kind, subject, before="", after="", operation=None):
    if _skip(env) or not bom:
        return
    pending = _pending(env)
    if bom.id in pending["new_boms"]:
        return
    entry = pending["boms"].setdefault(bom.id, {"lines": [], "operations": set(), "whole": False})
    entry["lines"].append((kind, subject, before or "", after or ""))
    if operation:
        entry["operations"].add(operation.id)
    else:
        # A component consumed by no operation in particular: every department of the BoM.
        entry["whole"] = True


def _quantity(line):
    return f"{line.product_qty:g} {line.product_uom_id.name or ''}".strip()


class MrpBom(models.Model):
    _inherit = "mrp.bom"  # pylint: disable=consider-merging-classes-inherited

    coordination_change_notice_count = fields.Integer(
        "Change Notices",
        compute="_compute_coordination_change_notice_count",
        groups="mrp.group_mrp_user",
    )

    def _compute_coordination_change_notice_count(self):
        counts = dict(
            self.env["coordination.change.notice"]._read_group(
                [("bom_id", "in", self.ids)], ["bom_id"], ["__count"]
            )
        )
        for bom in self:
            bom.coordination_change_notice_count = counts.get(bom._origin, 0)

    def action_coordination_open_change_notices(self):
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_change_notice_action"
        )
        action["domain"] = [("bom_id", "=", self.id)]
        action["context"] = {"default_bom_id": self.id}
        return action

    @api.model_create_multi
    def create(self, vals_list):
        boms = super().create(vals_list)
        if not _skip(self.env):
            # A new BoM has no orders yet: its first lines and operations (created with it,
            # just recorded) are no change of method, nor what is added to it later in the
            # same transaction.
            pending = _pending(self.env)
            pending["new_boms"].update(boms.ids)
            for bom_id in boms.ids:
                pending["boms"].pop(bom_id, None)
        return boms

    def action_coordination_new_change_notice(self):
        """A notice written by hand (a new tool, a new inspection step) for this BoM."""
        ensure_one_record(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_change_notice_action"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "context": {"default_bom_id": self.id, "default_origin": "manual"},
            }
        )
        return action


class MrpBomLine(models.Model):
    _inherit = "mrp.bom.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            _record_change(
                self.env,
                line.bom_id,
                "component_added",
                line.product_id.display_name,
                after=_quantity(line),
                operation=line.operation_id,
            )
        return lines

    def write(self, vals):
        if _skip(self.env) or not set(LINE_FIELDS) & set(vals):
            return super().write(vals)
        before = {
            line.id: (line.product_id.display_name, _quantity(line), line.operation_id)
            for line in self
        }
        res = super().write(vals)
        for line in self:
            product, quantity, operation = before[line.id]
            after = _quantity(line)
            if product != line.product_id.display_name:
                _record_change(
                    self.env,
                    line.bom_id,
                    "component_changed",
                    line.product_id.display_name,
                    f"{product} {quantity}",
                    f"{line.product_id.display_name} {after}",
                    operation=line.operation_id or operation,
                )
            elif quantity != after:
                _record_change(
                    self.env,
                    line.bom_id,
                    "component_changed",
                    product,
                    quantity,
                    after,
                    operation=line.operation_id or operation,
                )
            if operation != line.operation_id:
                _record_change(
                    self.env,
                    line.bom_id,
                    "component_changed",
                    line.product_id.display_name,
                    operation.name or "",
                    line.operation_id.name or "",
                    operation=line.operation_id or operation,
                )
        return res

    def unlink(self):
        for line in self:
            _record_change(
                self.env,
                line.bom_id,
                "component_removed",
                line.product_id.display_name,
                before=_quantity(line),
                operation=line.operation_id,
            )
        return super().unlink()


def _instructions(operation):
    """The operation's instructions as short text: its description, else what the worksheet is."""
    text = html2plaintext(operation.note or "").strip()
    if text:
        return shorten(" ".join(text.split()), INSTRUCTIONS_WIDTH, placeholder=" …")
    if operation.worksheet_type == "pdf" and operation.worksheet:
        return operation.env._("PDF worksheet")
    if operation.worksheet_type == "google_slide" and operation.worksheet_google_slide:
        return operation.worksheet_google_slide
    return ""


def _duration(operation):
    if operation.time_mode == "auto":
        return operation.env._("computed from past work orders")
    minutes = format_number(operation.env, operation.time_cycle_manual, 2, trim=True)
    return operation.env._("%(minutes)s min", minutes=minutes)


class MrpRoutingWorkcenter(models.Model):
    _inherit = "mrp.routing.workcenter"

    @api.model_create_multi
    def create(self, vals_list):
        operations = super().create(vals_list)
        for operation in operations:
            _record_change(
                self.env,
                operation.bom_id,
                "operation_added",
                operation.name,
                after=operation.workcenter_id.display_name,
                operation=operation,
            )
        return operations

    def write(self, vals):
        changed = [field for field in OPERATION_FIELDS if field in vals]
        if _skip(self.env) or not changed:
            return super().write(vals)
        before = {
            operation.id: {
                "workcenter_id": operation.workcenter_id.display_name or "",
                "time": _duration(operation),
                "instructions": _instructions(operation),
                # (the PDF itself is read only when it is replaced)
                "worksheet": operation.worksheet if "worksheet" in changed else None,
            }
            for operation in self
        }
        res = super().write(vals)
        env = self.env
        for operation in self:
            old = before[operation.id]
            if "workcenter_id" in changed and old["workcenter_id"] != (
                operation.workcenter_id.display_name or ""
            ):
                _record_change(
                    env,
                    operation.bom_id,
                    "operation_changed",
                    env._("%(operation)s: work center", operation=operation.name),
                    old["workcenter_id"],
                    operation.workcenter_id.display_name,
                    operation=operation,
                )
            time = _duration(operation)
            if {"time_cycle_manual", "time_mode"} & set(changed) and old["time"] != time:
                _record_change(
                    env,
                    operation.bom_id,
                    "operation_changed",
                    env._("%(operation)s: duration", operation=operation.name),
                    old["time"],
                    time,
                    operation=operation,
                )
            instructions = _instructions(operation)
            replaced = "worksheet" in changed and old["worksheet"] != operation.worksheet
            if old["instructions"] != instructions or replaced:
                if old["instructions"] == instructions:  # the same kind of worksheet, replaced
                    instructions = env._("%(worksheet)s (replaced)", worksheet=instructions)
                _record_change(
                    env,
                    operation.bom_id,
                    "operation_changed",
                    env._("%(operation)s: instructions", operation=operation.name),
                    old["instructions"],
                    instructions,
                    operation=operation,
                )
        return res

    def unlink(self):
        for operation in self:
            _record_change(
                self.env,
                operation.bom_id,
                "operation_removed",
                operation.name,
                before=operation.workcenter_id.display_name,
                operation=operation,
            )
        return super().unlink()


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        changed = [field for field in WORKCENTER_FIELDS if field in vals]
        if _skip(self.env) or not changed:
            return super().write(vals)
        before = {wc.id: {field: wc[field] for field in changed} for wc in self}
        res = super().write(vals)
        # sudo: the BoMs using the work center, whoever edits it.
        operations = (
            self.env["mrp.routing.workcenter"]
            .sudo()
            .search([("workcenter_id", "in", self.ids), ("bom_id.active", "=", True)])
        )
        labels = {field: self._fields[field]._description_string(self.env) for field in changed}
        for workcenter in self:
            diffs = [
                (labels[field], before[workcenter.id][field], workcenter[field])
                for field in changed
                if before[workcenter.id][field] != workcenter[field]
            ]
            for operation in operations.filtered(lambda op, wc=workcenter: op.workcenter_id == wc):
                for label, old, new in diffs:
                    _record_change(
                        self.env,
                        operation.bom_id,
                        "workcenter_changed",
                        f"{workcenter.display_name}: {label}",
                        f"{old:g}",
                        f"{new:g}",
                        operation=operation,
                    )
        return res
