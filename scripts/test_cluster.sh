#!/usr/bin/env bash
# make test-cluster: the cluster test alone (tests/test_cluster.py): two Odoo servers with
# --workers=2 behind a round-robin load balancer on a copy of TEST_DB, by default make run's
# demo database (created here once when missing, as make run does; nothing may be connected to
# it while it is copied: stop make run first). make test runs the same test in its top-level
# suite, on its own test database.
source "$(dirname "$0")/common.sh"
if ! bash "$ROOT/scripts/pg.sh" running; then
    trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null' EXIT
fi
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
TEST_DB=${TEST_DB:-coordination_demo}
if [ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$TEST_DB'")" ]; then
    say "Creating database $TEST_DB with both addons and demo data (once)"
    mapfile -t args < <(odoo_args)
    "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$TEST_DB" -i "$ADDONS" --stop-after-init \
        --max-cron-threads 0 --http-port "$(free_port 8169)" --logfile "$LOG_DIR/cluster-install.log" \
        || die "Installing failed; see $LOG_DIR/cluster-install.log"
fi
pg_locate
export ODOO_SRC PC_TEST_DB=$TEST_DB PC_PYTHON=$PY PC_LOG_DIR=$LOG_DIR \
    PC_DB_HOST=$PGC_HOST PC_DB_PORT=$PGC_PORT PC_DB_USER=$PGC_USER PC_DB_PASSWORD=$PGC_PASSWORD
say "Cluster test on a copy of $TEST_DB (server logs: $LOG_DIR/pytest-cluster-a.log, -b.log)"
cd "$ROOT" && "$PY" -m pytest tests/test_cluster.py -q -p no:cacheprovider --durations=0
