#!/usr/bin/env bash
# make bench: performance figures on generated data (see tests/bench/). The bench database is
# created once (both addons, no demo) and its generated data reused by later runs.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
BENCH_DB=${BENCH_DB:-coordination_bench}
mapfile -t args < <(odoo_args)
if [ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'")" ]; then
    say "Creating the bench database $BENCH_DB (once)"
    "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$BENCH_DB" -i "$ADDONS" --without-demo=all \
        --stop-after-init --max-cron-threads 0 --logfile "$LOG_DIR/bench-install.log" \
        || die "Installing the bench database failed; see $LOG_DIR/bench-install.log"
else
    "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$BENCH_DB" -u "$ADDONS" --stop-after-init \
        --max-cron-threads 0 --logfile "$LOG_DIR/bench-install.log" \
        || die "Updating the bench database failed; see $LOG_DIR/bench-install.log"
fi
# BENCH_ONLY=dashboard runs tests/bench/bench_dashboard.py alone.
for bench in "$ROOT"/tests/bench/bench_${BENCH_ONLY:-*}.py; do
    say "$(basename "$bench") (BENCH_MOS=${BENCH_MOS:-2000})"
    "$PY" "$ODOO_SRC/odoo-bin" shell "${args[@]}" -d "$BENCH_DB" --no-http --log-level=warn \
        < "$bench" | tee "$LOG_DIR/$(basename "$bench" .py).out"
done
