#!/usr/bin/env bash
# make test-cluster: the cluster test alone (tests/test_cluster.py): two Odoo servers with
# --workers=2 behind a round-robin load balancer on a copy of TEST_DB, by default make run's
# demo database (created here once when missing, as make run does; nothing may be connected to
# it while it is copied: stop make run first). make test runs the same test in its top-level
# suite, on its own test database.
source "$(dirname "$0")/common.sh"
TEST_DB=${TEST_DB:-coordination_demo}
prepare_demo_test_db "$TEST_DB" cluster-install.log
say "Cluster test on a copy of $TEST_DB (server logs: $LOG_DIR/pytest-cluster-a.log, -b.log)"
cd "$ROOT" && "$PY" -m pytest tests/test_cluster.py -q -p no:cacheprovider --durations=0
