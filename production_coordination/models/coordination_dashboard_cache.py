# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A short-lived cache of the dashboard's figures, per Odoo process, exact across processes.

Twenty coordinators opening the same dashboard should not compute the same figures twenty
times. The figures of a dashboard are kept in the memory of the Odoo process that computed
them (each worker has its own, ``CACHE_SIZE`` entries at most, each ``CACHE_SECONDS`` at most)
under a key made of everything that decides what they show: the scope (companies, warehouse,
departments), the user's groups and the record rules as they apply to that user (evaluated:
a rule that names the user or their departments makes the key the user's own), the language
and the day. Two users who could see different records never share figures.

A cached entry is used only while the data it was computed from has not changed, in any
process: PostgreSQL itself tells. A statement-level trigger on every table the figures read
(``CHANGE_TABLES``) records each writing transaction once in ``coordination_dashboard_change``;
when that transaction commits, a deferred trigger numbers its row from a sequence, in commit
order. The marker is the largest number visible in the reader's snapshot, the same snapshot as
the figures it computes: a committed change makes a new marker. A number taken by a transaction
not yet visible (committing at that very moment) makes the sequence run ahead of the marker:
figures are then computed but not cached (on a replica, which cannot read the primary's
sequence, that moment is covered by the age limit only). Within one transaction (a write, then
the dashboard in the same request or test), a transaction-local setting counts the
transaction's own changes. Raw SQL writes of the engines (priority ranks, reservation
suggestions) fire the trigger too; only names (products, users) and time-dependent tiles (late,
overdue) may lag, by ``CACHE_SECONDS`` at most.

Reading the marker is one cheap query and writes nothing: the dashboard's data call stays
read-only (``@api.readonly``, served by a replica, where the marker rows arrive with the data).
"""

import copy
import threading
from collections import OrderedDict

from odoo import api, fields, models
from odoo.tools import SQL

CACHE_SECONDS = 30
CACHE_SIZE = 256
CHANGE_TABLE = "coordination_dashboard_change"
CHANGE_SEQUENCE = "coordination_dashboard_change_seq"
LOCAL_SEQUENCE = "coordination_dashboard_change_local_seq"
COMMIT_FUNCTION = "coordination_dashboard_commit"
CHANGE_SETTING = "coordination.dashboard_change"
CHANGE_FUNCTION = "coordination_dashboard_touch"
CHANGE_TRIGGER = "coordination_dashboard_touch"
# Every table a cached figure is counted or listed from.
CHANGE_TABLES = (
    "mrp_production",
    "coordination_handoff",
    "coordination_checkin",
    "coordination_department",
    "coordination_department_member_rel",
    "coordination_workcenter_load",
    "coordination_reservation_suggestion",
    "project_task",
    "purchase_order",
    "purchase_order_line",
    "sale_order",
    "coordination_change_notice",
    "coordination_change_notice_department",
)

# {(dbname, key): (marker, time computed (UTC), figures)}, least recently used first.
_entries = OrderedDict()
_lock = threading.Lock()


def drop_change_log(cr):
    """Drop the triggers, the function, the sequence and the table of the change log
    (uninstall)."""
    for table in CHANGE_TABLES:
        cr.execute(
            SQL(
                "DROP TRIGGER IF EXISTS %s ON %s",
                SQL.identifier(CHANGE_TRIGGER),
                SQL.identifier(table),
            )
        )
    cr.execute(
        SQL(
            """DROP TABLE IF EXISTS %s; DROP FUNCTION IF EXISTS %s(); DROP FUNCTION IF EXISTS %s();
               DROP SEQUENCE IF EXISTS %s; DROP SEQUENCE IF EXISTS %s""",
            SQL.identifier(CHANGE_TABLE),
            SQL.identifier(CHANGE_FUNCTION),
            SQL.identifier(COMMIT_FUNCTION),
            SQL.identifier(CHANGE_SEQUENCE),
            SQL.identifier(LOCAL_SEQUENCE),
        )
    )


class CoordinationDashboardCache(models.AbstractModel):
    _name = "coordination.dashboard.cache"
    _description = "Coordination Dashboard Cache (Figures per Scope and Access)"

    def init(self):
        """The change log table, its triggers and functions, one trigger per table read."""
        cr = self.env.cr
        names = {
            "table": SQL.identifier(CHANGE_TABLE),
            "sequence": SQL.identifier(CHANGE_SEQUENCE),
            "sequence_name": CHANGE_SEQUENCE,
            "local_sequence": SQL.identifier(LOCAL_SEQUENCE),
            "local_sequence_name": LOCAL_SEQUENCE,
            "function": SQL.identifier(CHANGE_FUNCTION),
            "commit_function": SQL.identifier(COMMIT_FUNCTION),
            "commit_trigger": SQL.identifier(COMMIT_FUNCTION),
            "setting": CHANGE_SETTING,
        }
        cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS %(table)s (xid bigint PRIMARY KEY, seq bigint);
                ALTER TABLE %(table)s ADD COLUMN IF NOT EXISTS seq bigint;
                CREATE INDEX IF NOT EXISTS coordination_dashboard_change_seq_index
                    ON %(table)s (seq);
                CREATE SEQUENCE IF NOT EXISTS %(sequence)s;
                CREATE SEQUENCE IF NOT EXISTS %(local_sequence)s;
                CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO %(table)s (xid) VALUES (pg_current_xact_id()::text::bigint)
                        ON CONFLICT DO NOTHING;
                    PERFORM set_config(%(setting)s, nextval(%(local_sequence_name)s)::text, true);
                    RETURN NULL;
                END
                $$;
                CREATE OR REPLACE FUNCTION %(commit_function)s() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE %(table)s SET seq = nextval(%(sequence_name)s) WHERE xid = NEW.xid;
                    RETURN NULL;
                END
                $$;
                -- Rows never numbered (none, unless a transaction committed with its deferred
                -- trigger set immediate) and the sequence brought in line with the table.
                DELETE FROM %(table)s WHERE seq IS NULL;
                SELECT setval(%(sequence_name)s, coalesce(max(seq), 1), max(seq) IS NOT NULL)
                  FROM %(table)s;
                DROP TRIGGER IF EXISTS %(commit_trigger)s ON %(table)s;
                CREATE CONSTRAINT TRIGGER %(commit_trigger)s AFTER INSERT ON %(table)s
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION %(commit_function)s();
                """,
                **names,
            )
        )
        for table in CHANGE_TABLES:
            cr.execute(
                SQL(
                    """
                    CREATE OR REPLACE TRIGGER %(trigger)s
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %(table)s
                    FOR EACH STATEMENT EXECUTE FUNCTION %(function)s()
                    """,
                    trigger=SQL.identifier(CHANGE_TRIGGER),
                    table=SQL.identifier(table),
                    function=SQL.identifier(CHANGE_FUNCTION),
                )
            )

    @api.model
    def _get_marker(self):
        """What the figures read now depend on, or None when they must not be cached (a
        change is being committed at this moment). One query, no write."""
        self.env.flush_all()  # pending ORM writes of this transaction fire the trigger first
        self.env.cr.execute(
            SQL(
                """
                SELECT (SELECT max(seq) FROM %(table)s),
                       (SELECT CASE WHEN is_called THEN last_value END FROM %(sequence)s),
                       pg_is_in_recovery(),
                       current_setting(%(setting)s, true)
                """,
                table=SQL.identifier(CHANGE_TABLE),
                sequence=SQL.identifier(CHANGE_SEQUENCE),
                setting=CHANGE_SETTING,
            )
        )
        last, taken, replica, own = self.env.cr.fetchone()
        if not replica and taken != last:
            return None
        return (last, own or "")

    @api.model
    def _fetch(self, key, compute, marker=False):
        """The figures of `key`: cached ones when the data they were computed from is
        unchanged and they are younger than CACHE_SECONDS, else ``compute()``'s (then kept).
        `marker`: `_get_marker()` if the caller read it already. Returns a copy: callers may
        change it."""
        if marker is False:
            marker = self._get_marker()
        full_key = (self.env.cr.dbname, key)
        now = fields.Datetime.now()  # the clock the figures use (late, overdue)
        with _lock:
            entry = _entries.get(full_key)
            if (
                entry
                and marker is not None
                and entry[0] == marker
                and 0 <= (now - entry[1]).total_seconds() < CACHE_SECONDS
            ):
                _entries.move_to_end(full_key)
                return copy.deepcopy(entry[2])
        figures = compute()
        if marker is not None:
            with _lock:
                _entries[full_key] = (marker, now, copy.deepcopy(figures))
                _entries.move_to_end(full_key)
                while len(_entries) > CACHE_SIZE:
                    _entries.popitem(last=False)
        return figures

    @api.model
    def _clear(self):
        """Forget every cached figure of this process (benches and tests)."""
        with _lock:
            _entries.clear()

    @api.autovacuum
    def _gc_changes(self):
        """Keep only the last change of the log (the marker): the rest is history (a row
        without a number is a transaction committed without its deferred trigger)."""
        self.env.cr.execute(
            SQL(
                """DELETE FROM %(table)s
                    WHERE seq IS NULL OR seq < (SELECT max(seq) FROM %(table)s)""",
                table=SQL.identifier(CHANGE_TABLE),
            )
        )
