# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records that change only through their actions.

States, authors, timestamps set by an action, snapshots and the figures our engines maintain are
*protected fields*. One pattern in both addons:

* our methods check the user's role (and their access to the records), then write protected
  fields in superuser mode, with ``sudo()``;
* ``create`` and ``write`` refuse protected fields from anybody else, with an AccessError naming
  the field and the action that sets it (``readonly=True`` only protects the views: RPC callers
  write what they want).

Not a context key: RPC callers choose their context, they cannot choose ``env.su``. Odoo's own
code that could write these fields (scheduled actions, data files, the shortage scan's and the
priority refresh's SQL) runs as superuser or below the ORM.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError


def check_action_access(records, operation, action):
    """Raise an AccessError naming `action` unless the user may `operation` (``read``,
    ``write``, ``create``, ``unlink``) every record of `records`: access rights and record
    rules, as Odoo checks them. For actions that would otherwise return a window, a report or
    a download the user is then refused, or do nothing on records they cannot see."""
    env = records.env
    if env.su:
        return
    result = records._check_access(operation)
    if result:
        forbidden = result[0]
        labels = {
            "read": env._("read"),
            "write": env._("change"),
            "create": env._("create"),
            "unlink": env._("delete"),
        }
        raise AccessError(
            env._(
                "You cannot %(action)s: you may not %(operation)s %(model)s %(ids)s.",
                action=action,
                operation=labels.get(operation, operation),
                model=env["ir.model"]._get(records._name).name or records._name,
                ids=", ".join(str(record_id) for record_id in forbidden.ids) or "",
            )
        )


def check_action_group(env, groups, action, who):
    """Raise an AccessError naming `action` unless the user is in one of `groups` (xml ids)."""
    if env.su or any(env.user.has_group(group) for group in groups):
        return
    raise AccessError(env._("Only %(who)s can %(action)s.", who=who, action=action))


class CoordinationProtectedMixin(models.AbstractModel):
    """Refuses direct writes of the fields that only the model's actions set.

    Models list them in :meth:`_coordination_protected_fields`; their actions write them with
    ``sudo()`` after checking the user's role.
    """

    _name = "coordination.protected.mixin"
    _description = "Fields Changed Only by Actions"

    def _coordination_protected_fields(self):
        """{field name: the action(s) that set it, for the error message}."""
        return {}

    def _coordination_all_fields(self, action):
        """Every stored field of the model set by `action`: for records that nobody edits
        (derived data, snapshots, history)."""
        return {
            name: action
            for name, field in self._fields.items()
            if field.store and not field.automatic and name != "id"
        }

    def _coordination_check_protected(self, vals_list, creating=False):
        """Refuse protected fields in `vals_list` unless in superuser mode (on create: their
        non-empty values; an empty one is the same as none, and copy_data gives every copied
        field)."""
        if self.env.su:
            return
        protected = self._coordination_protected_fields()
        names = {
            name
            for vals in vals_list
            for name, value in vals.items()
            if name in protected and (value or not creating)
        }
        if names:
            name = min(names)
            raise AccessError(
                _(
                    "%(field)s (%(model)s) changes only through %(action)s: it cannot be "
                    "written directly.",
                    field=self._fields[name].string,
                    model=self.env["ir.model"]._get(self._name).name or self._name,
                    action=protected[name],
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        self._coordination_check_protected(vals_list, creating=True)
        # Context defaults of protected fields are ignored, not refused: a list grouped by
        # state passes its group's value as a default when a line is added there.
        protected = self._coordination_protected_fields()
        context = self.env.context
        ignored = {key for key in context if key.startswith("default_") and key[8:] in protected}
        if not ignored:
            return super().create(vals_list)
        # The whole context minus those defaults: dropping keys is the point here.
        records = self.with_context(  # pylint: disable=context-overridden
            {k: v for k, v in context.items() if k not in ignored}
        )
        return super(CoordinationProtectedMixin, records).create(vals_list)

    def write(self, vals):
        self._coordination_check_protected([vals])
        return super().write(vals)
