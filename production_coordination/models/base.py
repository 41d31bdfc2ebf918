# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The values written to our fields are checked before the ORM converts them.

Odoo converts what a client writes to a field's type and lets the database refuse the rest:
a text in a number, an unknown choice of a selection, an id beyond PostgreSQL's integers,
a NUL character, "not a number" then surface as a Python or PostgreSQL error (a traceback
over RPC) instead of a message. Every create and write checks the values given to fields
defined by our two addons (their own models, and their fields on Odoo's models, settings
included) and refuses a wrong one with a ValidationError naming the field. What a value
means (a negative weight, reversed dates) is checked by each model's constraints.
"""

import json
import math
from datetime import date

from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.models import BaseModel, NewId

OUR_MODULES = frozenset(("production_coordination", "production_coordination_media"))
INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL integer
TEXT_TYPES = ("char", "text", "html")
# Fields whose required value can be emptied explicitly (False, "", whitespace).
EMPTIABLE_TYPES = (*TEXT_TYPES, "selection", "many2one", "date", "datetime")


def _is_id(value):
    return isinstance(value, NewId) or (
        isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX
    )


def _referenced_ids(field, value):
    """The existing-record ids a valid relational value names (not the records it creates)."""
    if not value or isinstance(value, BaseModel):
        return []
    ids = []
    if field.type == "many2one":
        ids.append(value[0] if isinstance(value, tuple) else value)
        commands = []
    else:
        commands = [value] if isinstance(value, tuple) else value
    for command in commands:
        if isinstance(command, int):
            ids.append(command)
        elif command[0] in (1, 2, 3, 4):
            ids.append(command[1])
        elif command[0] == 6:
            ids.extend(command[2])
    return [id_ for id_ in ids if isinstance(id_, int)]  # not the NewIds of new records


class Base(models.AbstractModel):
    _inherit = "base"

    _coordination_value_fields = frozenset()

    def _setup_complete(self):
        res = super()._setup_complete()
        # The fields of this model our addons define, known once per registry: create and write
        # of models without any (most of Odoo's) pass through without looking at their values.
        type(self)._coordination_value_fields = frozenset(
            name
            for name, field in self._fields.items()
            if not OUR_MODULES.isdisjoint(field._modules or ())
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if self._coordination_value_fields:
            self._coordination_check_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if self._coordination_value_fields:
            self._coordination_check_values([vals])
        return super().write(vals)

    @api.model
    def _coordination_check_values(self, vals_list):
        """Refuse (ValidationError) a value of the wrong type or beyond what the database
        stores, given to one of our fields."""
        ours = self._coordination_value_fields
        referenced = {}  # field: ids given to it, checked at the end in one query per field
        for vals in vals_list:
            for name, value in vals.items():
                if name not in ours:
                    continue
                field = self._fields[name]
                problem = self._coordination_value_problem(field, value)
                if problem:
                    self._coordination_raise_value_error(field, problem)
                if field.relational:
                    referenced.setdefault(field, set()).update(_referenced_ids(field, value))
        for field, ids in referenced.items():
            missing = self._coordination_missing_ids(field.comodel_name, ids)
            if missing:
                self._coordination_raise_value_error(
                    field,
                    _("no record with id %s.", ", ".join(map(str, sorted(missing)[:5]))),
                )

    @api.model
    def _coordination_raise_value_error(self, field, problem):
        raise ValidationError(
            _(
                "%(model)s, field %(field)s (%(name)s): %(problem)s",
                model=self._description,
                field=field._description_string(self.env),
                name=field.name,
                problem=problem,
            )
        )

    @api.model
    def _coordination_missing_ids(self, comodel_name, ids):
        """The ids of records that do not exist (a foreign key would refuse them with a
        database error). Records already in the cache exist: one query for the others."""
        comodel = self.env[comodel_name]
        probe = comodel._fields.get("create_date") or comodel._fields["display_name"]
        cache = self.env.cache
        unknown = [id_ for id_ in ids if not cache.contains(comodel.browse(id_), probe)]
        if not unknown:
            return []
        existing = set(comodel.browse(unknown).exists().ids)
        return [id_ for id_ in unknown if id_ not in existing]

    @api.model
    def _coordination_value_problem(self, field, value):
        """What is wrong with `value` for `field`, or None."""
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        if field.required and field.type in EMPTIABLE_TYPES:
            # False, None, "", whitespace, [], {}, 0: all mean "no value" to the ORM.
            if not value or (isinstance(value, str) and not value.strip()):
                return _("a value is required, not %s.", shown)
        try:
            problem = self._coordination_type_problem(field, value)
        except (ValueError, TypeError, OverflowError, ArithmeticError, LookupError):
            problem = True
        if problem is True:
            return _("%(value)s is not a valid %(type)s.", value=shown, type=field.type)
        return problem

    @api.model
    def _coordination_type_problem(self, field, value):
        """None when `value` is fine, True (or an exception) when it is not of the field's
        type, or a message."""
        kind = field.type
        if value is None or value is False:
            return None
        if field.relational:
            return self._coordination_relation_problem(field, value)
        if kind in TEXT_TYPES:
            # Numbers become text, except in HTML (the sanitizer expects a string).
            if not isinstance(value, str if kind == "html" else str | int | float):
                return True
            if "\x00" in str(value):
                return _("the text contains a NUL character.")
        elif kind == "integer":
            number = int(value)
            if not INT_MIN <= number <= INT_MAX:
                return _("%s is beyond the integers the database stores.", number)
        elif kind in ("float", "monetary"):
            if not math.isfinite(float(value)):
                return _("%s is not a finite number.", value)
        elif kind == "selection":
            if value not in field.get_values(self.env):
                return _(
                    "%(value)r is not one of the choices (%(choices)s).",
                    value=value,
                    choices=", ".join(map(str, field.get_values(self.env)[:12])),
                )
        elif kind in ("date", "datetime"):
            if not isinstance(value, str | date):  # a datetime is a date
                return True
            field.convert_to_cache(value, self)
        elif kind == "json":
            json.dumps(value, allow_nan=False)
        return None

    @api.model
    def _coordination_relation_problem(self, field, value):
        if field.type != "many2one":
            return not self._coordination_commands_ok(field, value)
        if isinstance(value, BaseModel):
            return value._name != field.comodel_name or len(value) > 1
        if isinstance(value, tuple) and value:
            value = value[0]
        return not _is_id(value)

    @api.model
    def _coordination_commands_ok(self, field, value):
        """x2many values the ORM accepts: a recordset, a list of ids or of commands."""
        if isinstance(value, BaseModel):
            return value._name == field.comodel_name
        if isinstance(value, tuple):
            value = [value]
        if not isinstance(value, list):
            return False
        if value and not isinstance(value[0], list | tuple):
            return all(map(_is_id, value))
        for command in value:
            if not isinstance(command, list | tuple) or not command:
                return False
            code = command[0]
            if code not in (0, 1, 2, 3, 4, 5, 6) or isinstance(code, bool):
                return False
            if code in (1, 2, 3, 4) and (len(command) < 2 or not _is_id(command[1])):
                return False
            if code in (0, 1) and (len(command) < 3 or not isinstance(command[2], dict)):
                return False
            if code == 6 and (
                len(command) < 3
                or not isinstance(command[2], list | tuple)
                or not all(map(_is_id, command[2]))
            ):
                return False
        return True
