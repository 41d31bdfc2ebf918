#!/usr/bin/env bash
# make test-replica: the read replica test alone (tests/test_replica.py) on TEST_DB, by default
# make run's demo database (created here once when missing, as make run does). It makes a
# streaming replica of the embedded cluster (scripts/replica.sh), serves TEST_DB with
# --db_replica_host/--db_replica_port and removes the replica at the end. make test runs the
# same test in its top-level suite.
source "$(dirname "$0")/common.sh"
[ "$PG_EMBEDDED" = 1 ] || die "The replica is made from the embedded cluster only (unset DB_HOST)."
TEST_DB=${TEST_DB:-coordination_demo}
prepare_demo_test_db "$TEST_DB" replica-install.log
say "Read replica test on $TEST_DB (server log: $LOG_DIR/pytest-replica-server.log)"
cd "$ROOT" && "$PY" -m pytest tests/test_replica.py -q -p no:cacheprovider
