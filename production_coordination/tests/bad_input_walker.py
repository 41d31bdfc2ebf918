# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A property-style walk of the public entry points of one of our addons with bad input.

Every public method an RPC caller can reach (defined by the addon, not starting with "_",
not an ORM method) and every writable stored field the addon defines (on its own models and
on Odoo's) is called / written, as each role, with wrong types, negatives, unknown ids, extreme
dates, huge numbers, empty strings and malformed JSON drawn by Hypothesis (deterministic, a
few examples each), each in a savepoint. Anything but a UserError (ValidationError, AccessError,
MissingError), a RedirectWarning or a declared SQL constraint (which RPC answers as a
ValidationError with its message) fails the test, and so does any WARNING or ERROR log line.
"""

import inspect
import logging
import os
from datetime import date, datetime

import psycopg2
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from odoo import models
from odoo.exceptions import RedirectWarning, UserError
from odoo.tests import new_test_user

_logger = logging.getLogger(__name__)

ORM_NAMES = frozenset(dir(models.BaseModel))
ACCEPTED = (UserError, RedirectWarning)
NO_SUCH_ID = 2**31 - 7  # a valid integer id no record has
# Examples per target and role; PC_BAD_INPUT_DEPTH=10 explores ten times more (run by hand).
DEPTH = int(os.environ.get("PC_BAD_INPUT_DEPTH") or 1)
EXAMPLES_PER_METHOD = 4 * DEPTH
EXAMPLES_PER_FIELD = 3 * DEPTH

SPECIAL = [
    None,
    True,
    False,
    0,
    -1,
    2**31,
    -(2**31) - 1,
    2**63,
    2**70,
    1.5,
    float("nan"),
    float("inf"),
    -float("inf"),
    "",
    "   ",
    "\x00",
    "abc",
    "{not json",
    "[[1]]",
    "null",
    "9999-12-31 23:59:59",
    "0001-01-01",
    "2026-02-30",
    "Mars/Olympus",
    NO_SUCH_ID,
    [],
    [[1]],
    [NO_SUCH_ID],
    {},
    {"a": 1},
]
SCALARS = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
FILTER_KEYS = st.sampled_from(["company_ids", "warehouse_id", "department_ids", "surprise"])
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(FILTER_KEYS, st.text(max_size=6)), inner, max_size=3),
    ),
    max_leaves=6,
)
ARGUMENTS = st.one_of(VALUES, st.dictionaries(FILTER_KEYS, VALUES, max_size=3))
IDS = st.one_of(
    st.sampled_from([0, -1, 2**31, 2**63, NO_SUCH_ID, True, "1", None]),
    st.integers(min_value=-(2**40), max_value=2**40),
)
COMMANDS = st.lists(
    st.one_of(
        IDS,
        st.tuples(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, -1]), IDS, VALUES),
        st.tuples(st.sampled_from([6]), st.just(0), st.lists(IDS, max_size=3)),
    ),
    max_size=3,
)


def field_values(field, env):
    """Bad values for a field: typed ones first, then anything."""
    typed = {
        "integer": st.integers(min_value=-(2**70), max_value=2**70),
        "float": st.one_of(st.floats(), st.integers(min_value=-(2**70), max_value=2**70)),
        "char": st.text(max_size=20),
        "text": st.text(max_size=20),
        "html": st.text(max_size=20),
        "date": st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
        "datetime": st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
        "many2one": IDS,
        "many2many": COMMANDS,
        "one2many": COMMANDS,
    }
    typed["monetary"] = typed["float"]
    strategies = [typed.get(field.type, VALUES), VALUES]
    if field.type == "selection":
        choices = [value for value, _label in field._description_selection(env)]
        strategies.insert(0, st.sampled_from([*choices, "7", 7, "x" * 300]))
    return st.one_of(*strategies)


class BadInputWalker:
    """Mixin for a TransactionCase: `_walk(addon)` walks the addon's entry points as each of
    `self.roles` ({label: user}). Subclasses provide records (`_receivers`) and wizard values
    (`_wizard_values`)."""

    @classmethod
    def _make_roles(cls):
        """The roles: staff, supervisor, coordinator, purchase user, media coordinator (when
        the media addon is installed), crew user, and an administrator (settings)."""
        pc = "production_coordination."
        roles = {
            "administrator": f"base.group_system,{pc}group_coordination_manager",
            "staff": f"{pc}group_coordination_user,mrp.group_mrp_user",
            "supervisor": f"{pc}group_coordination_supervisor,mrp.group_mrp_user",
            "coordinator": f"{pc}group_coordination_manager",
            "purchase user": "purchase.group_purchase_user",
            "media coordinator": "production_coordination_media.group_media_coordinator",
            "crew user": f"{pc}group_coordination_user",
        }
        users = {}
        for label, groups in roles.items():
            if not all(cls.env.ref(xmlid, raise_if_not_found=False) for xmlid in groups.split(",")):
                continue
            login = "pcw_" + label.replace(" ", "_")
            users[label] = new_test_user(cls.env, login, groups=groups, name=f"Walker {label}")
        return users

    # What to walk ------------------------------------------------------------------------------

    @staticmethod
    def _addon_of(obj):
        parts = (getattr(obj, "__module__", "") or "").split(".")
        return parts[2] if len(parts) > 2 and parts[:2] == ["odoo", "addons"] else None

    def _methods(self, model, addon):
        """{name: function} of the public methods `addon` defines on `model`."""
        found = {}
        for cls in type(model).__mro__:
            if self._addon_of(cls) != addon:
                continue
            for name, member in vars(cls).items():
                if name.startswith("_") or name in ORM_NAMES or not inspect.isfunction(member):
                    continue
                found.setdefault(name, member)
        return found

    def _fields(self, model, addon):
        """The fields `addon` defines on `model` that a user may write."""
        return [
            field
            for field in model._fields.values()
            if addon in (field._modules or ())
            and not field.readonly
            and (field.store or field.inverse or field.related)
            and not field.automatic
        ]

    def _targets(self, addon):
        targets = []
        for name in sorted(self.env.registry.models):
            model = self.env[name]
            for method_name, function in sorted(self._methods(model, addon).items()):
                targets.append((name, "method", method_name, function))
            for field in self._fields(model, addon):
                targets.append((name, "field", field.name, field))
        return targets

    # Receivers -----------------------------------------------------------------------------------

    def _receivers(self, model_name):
        """Records of `model_name` (superuser's) the walk calls methods on / writes to."""
        model = self.env[model_name]
        if model._abstract:
            return []
        if model._transient:
            values = self._wizard_values(model_name)
            return [] if values is None else [values]
        return [model.with_context(active_test=False).search([], limit=2, order="id desc")]

    def _wizard_values(self, model_name):
        """Values to create a wizard with (None: no wizard)."""
        return {}

    def _receiver(self, data, model_name, user, api_model):
        Model = self.env[model_name].with_user(user)
        if api_model or Model._abstract:
            return Model
        choices = [Model, Model.browse(NO_SUCH_ID)]
        for receiver in self._receivers(model_name):
            if isinstance(receiver, dict):
                choices.append(receiver)
            else:
                choices += [receiver[:1].with_user(user), receiver.with_user(user)]
        choice = data.draw(st.sampled_from(choices), label="records")
        if isinstance(choice, dict):  # a wizard, created by the user, maybe with a bad value
            fields_ = [field for field in Model._fields.values() if not field.readonly]
            if fields_ and data.draw(st.booleans(), label="bad wizard value"):
                field = data.draw(st.sampled_from(fields_), label="wizard field")
                choice = {**choice, field.name: data.draw(field_values(field, self.env))}
            return Model.create(choice)
        return choice

    # One attempt -------------------------------------------------------------------------------

    def _attempt(self, what, call):
        """Run `call` in a savepoint: None if it ended well or with an accepted error, else
        the unexpected exception or error log lines."""
        self._log_records.clear()
        outcome = None
        try:
            with self.env.cr.savepoint():
                self.env.invalidate_all()
                call()
                self.env.flush_all()
        except ACCEPTED:
            outcome = None
        except psycopg2.IntegrityError as error:
            if error.diag.constraint_name not in self._declared_constraints:
                outcome = f"{type(error).__name__}: {error}"
        except Exception as error:  # noqa: BLE001 - what the walk is looking for
            outcome = f"{type(error).__name__}: {error}"
        finally:
            self.env.invalidate_all()
        logged = [
            record.getMessage()
            for record in self._log_records
            if not any(name in record.getMessage() for name in self._declared_constraints)
        ]
        if logged and not outcome:
            outcome = "logged: " + logged[0]
        return outcome

    # The walk ------------------------------------------------------------------------------------

    def _walk(self, addon):
        self._declared_constraints = {
            f"{model._table}_{name}"
            for model in self.env.registry.models.values()
            for name, _definition, _message in model._sql_constraints
        }
        failures = []
        self._log_records = []
        capture = _Capture(self._log_records)
        sql_logger = logging.getLogger("odoo.sql_db")
        odoo_logger = logging.getLogger("odoo")
        odoo_logger.addHandler(capture)
        sql_logger.propagate = False  # "bad query" lines are looked at here, not in the log
        sql_logger.addHandler(capture)
        try:
            targets = self._targets(addon)
            for model_name, kind, name, target in targets:
                for label, user in self.roles.items():
                    found = (
                        self._walk_method(model_name, name, target, user)
                        if kind == "method"
                        else self._walk_field(model_name, target, user)
                    )
                    for description, outcome in found:
                        failures.append(
                            f"{model_name}.{name} as {label}: {description} -> {outcome}"
                        )
        finally:
            odoo_logger.removeHandler(capture)
            sql_logger.removeHandler(capture)
            sql_logger.propagate = True
        _logger.info("Walked %s targets of %s as %s roles.", len(targets), addon, len(self.roles))
        failures = sorted(set(failures))
        if failures:
            self.fail(
                f"{len(failures)} answers to bad input were not a UserError, ValidationError, "
                "AccessError or MissingError:\n" + "\n".join(failures)
            )

    def _walk_method(self, model_name, name, function, user):
        signature = inspect.signature(function)
        parameters = [
            parameter
            for parameter in list(signature.parameters.values())[1:]
            if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        ]
        api_model = getattr(function, "_api", None) == "model"
        found = []

        @settings(
            max_examples=EXAMPLES_PER_METHOD,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def run(data):
            holder = {}

            def call():
                records = self._receiver(data, model_name, user, api_model)
                required = sum(parameter.default is parameter.empty for parameter in parameters)
                count = data.draw(
                    st.integers(min_value=required, max_value=len(parameters)), label="arity"
                )
                args = [data.draw(ARGUMENTS, label=p.name) for p in parameters[:count]]
                holder["what"] = f"{records!r}.{name}(*{args!r})"
                getattr(records, name)(*args)

            outcome = self._attempt(name, call)
            if outcome:
                found.append((holder.get("what", name), outcome))

        run()
        return found

    def _walk_field(self, model_name, field, user):
        found = []

        @settings(
            max_examples=EXAMPLES_PER_FIELD,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def run(data):
            holder = {}
            receivers = self._receivers(model_name)
            if not receivers:
                return
            value = data.draw(field_values(field, self.env), label=field.name)
            receiver = data.draw(st.sampled_from(receivers), label="records")

            def call():
                Model = self.env[model_name].with_user(user)
                if isinstance(receiver, dict):
                    holder["what"] = f"create({{{field.name!r}: {value!r}, ...}})"
                    Model.create({**receiver, field.name: value})
                else:
                    holder["what"] = f"{receiver.with_user(user)!r}.write({field.name}={value!r})"
                    receiver.with_user(user).write({field.name: value})

            outcome = self._attempt(field.name, call)
            if outcome:
                found.append((holder.get("what", field.name), outcome))

        run()
        return found


class _Capture(logging.Handler):
    def __init__(self, records):
        super().__init__(level=logging.WARNING)
        self.records = records

    def emit(self, record):
        self.records.append(record)
