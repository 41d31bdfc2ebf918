# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SQL helpers of the set-based engines (shortage scan, priority refresh, reservations to
move): one bulk UPDATE, the optional id filter, typed arrays for INSERT ... unnest, and the
comparison that decides what changed.

Writing with SQL is what keeps those engines at a fixed number of queries whatever the number
of records; it also bypasses the ORM. A column written by `bulk_update` (or by any other raw
UPDATE or INSERT of this addon) gets none of:

- tracking: no chatter message, no ``mail.tracking.value``;
- ``write()``/``create()`` overrides, Odoo's and ours: the protected-field check of
  ``coordination.protected.mixin`` and the value check of ``models/base.py``
  (``_coordination_check_values``) do not run;
- ``@api.depends``: stored fields computed from the column are not recomputed, and nothing
  marked as modified (``modified()`` is not called);
- ``@api.constrains``, access rights and record rules (PostgreSQL's own constraints still hold);
- ``write_date``/``write_uid`` unless asked for (``log_access``).

The caller only writes values it computed itself, of fields nobody edits (readonly, protected),
from which no stored field depends: every such field says so where it is declared. The cache of
the columns written is invalidated here.
"""

from odoo import fields
from odoo.tools import SQL

from .coordination_const import EPSILON


def id_filter(column, ids):
    """``AND <column> = ANY(ids)``, or nothing when ``ids`` is None (every record).

    :param str column: the column, as written in the query (``"m.product_id"``); never user input
    :param ids: the ids, or None
    """
    if ids is None:
        return SQL()
    return SQL("AND %s = ANY(%s)", SQL(column), list(ids))


def bulk_update(model, columns, rows, log_access=True, log_exceptions=True):
    """One ``UPDATE ... FROM (VALUES ...)`` of many records, each with its own values; see the
    module's docstring for what it bypasses.

    :param model: the model (an empty recordset will do)
    :param list columns: the stored fields written, in the order of the values of ``rows``
    :param list rows: ``[(id, value, ...)]``, one tuple per record
    :param bool log_access: also set ``write_date`` and ``write_uid``
    :param bool log_exceptions: log a failed UPDATE (not when the caller expects and retries
        a concurrency failure)
    """
    if not rows:
        return
    casts = {name: model._fields[name].column_type[1] for name in columns}
    assignments = [
        SQL("%s = v.%s::%s", SQL.identifier(name), SQL.identifier(name), SQL(casts[name]))
        for name in columns
    ]
    if log_access:
        assignments += [
            SQL("write_date = %s", fields.Datetime.now()),
            SQL("write_uid = %s", model.env.uid),
        ]
    names = SQL(", ").join(SQL.identifier(name) for name in ["id", *columns])
    values = SQL(", ").join(
        SQL("(%s)", SQL(", ").join(SQL("%s", value) for value in row)) for row in rows
    )
    model.env.cr.execute(
        SQL(
            "UPDATE %s t SET %s FROM (VALUES %s) AS v(%s) WHERE t.id = v.id",
            SQL.identifier(model._table),
            SQL(", ").join(assignments),
            values,
            names,
        ),
        log_exceptions=log_exceptions,
    )
    model.browse([row[0] for row in rows]).invalidate_recordset(
        [*columns, "write_date"] if log_access else columns
    )


def typed_arrays(model, columns, values):
    """The arguments of ``unnest(...)`` for an INSERT of many rows: one typed array per column.

    :param list columns: the stored fields inserted
    :param values: one sequence of values per column, in the order of ``columns``
    """
    return SQL(", ").join(
        SQL("%s::%s[]", list(column_values), SQL(model._fields[name].column_type[1]))
        for name, column_values in zip(columns, values, strict=True)
    )


def same_value(old, new):
    """Whether a stored value and a computed one are the same (floats within EPSILON, empty
    values alike): an engine writes only what changed."""
    if isinstance(new, float) or isinstance(old, float):
        return abs((old or 0.0) - (new or 0.0)) < EPSILON
    return (old or None) == (new or None)


def same_rows(old, new):
    """`same_value` of two lists of tuples, item by item."""
    if old == new:
        return True
    return len(old) == len(new) and all(
        all(same_value(a, b) for a, b in zip(x, y, strict=True))
        for x, y in zip(old, new, strict=True)
    )


def commit_read_committed(cr):
    """Commit, and run the cursor's next transaction READ COMMITTED (Odoo's are REPEATABLE
    READ): a background job that writes in several short transactions, each waiting for the
    users' writes on the same rows instead of failing on them (see the rank job)."""
    cr.commit()  # pylint: disable=invalid-commit
    cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
