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
# BENCH_ONLY=dashboard runs tests/bench/bench_dashboard.py alone. The benches import their
# shared helpers (tests/bench/benchdata.py) from BENCH_DIR.
export BENCH_DIR=$ROOT/tests/bench
for bench in "$ROOT"/tests/bench/bench_${BENCH_ONLY:-*}.py; do
    case $bench in */benchdata.py) continue ;; esac
    case $bench in
        */bench_growth.py) say "$(basename "$bench") (BENCH_SIZES=${BENCH_SIZES:-2000,10000,100000})" ;;
        */bench_review.py) say "$(basename "$bench") (BENCH_REVIEW_MOS=${BENCH_REVIEW_MOS:-500})" ;;
        */bench_materials.py) say "$(basename "$bench") (BENCH_MATERIALS_MOS=${BENCH_MATERIALS_MOS:-2000,10000})" ;;
        */bench_dashboard.py) say "$(basename "$bench") (BENCH_DASHBOARD_MOS=${BENCH_DASHBOARD_MOS:-2000,10000})" ;;
        */bench_media.py) say "$(basename "$bench") (200 productions, 300 crew, 2,000 days, 20,000 bookings)" ;;
        */bench_media_grid.py) say "$(basename "$bench") (200 crew x 30 days)" ;;
        *) say "$(basename "$bench") (BENCH_MOS=${BENCH_MOS:-2000})" ;;
    esac
    "$PY" "$ODOO_SRC/odoo-bin" shell "${args[@]}" -d "$BENCH_DB" --no-http --log-level=warn \
        < "$bench" | tee "$LOG_DIR/$(basename "$bench" .py).out"
done
# BENCH_MRP_MULTI_LEVEL=1 (with BENCH_ONLY=materials): the shortage scan compared with OCA's MRP
# planner on the same orders, in a copy of the bench database where mrp_multi_level is installed
# (its wheels and their two dependencies downloaded once into $RUN_DIR/bench-addons).
if [ -n "${BENCH_MRP_MULTI_LEVEL:-}" ]; then
    extra=$RUN_DIR/bench-addons
    if [ ! -d "$extra/odoo/addons/mrp_multi_level" ]; then
        say "Downloading mrp_multi_level 18.0 and its dependencies"
        "$PY" -m pip download --quiet --no-deps -d "$extra/wheels" \
            "odoo-addon-mrp-multi-level>=18.0,<18.1" "odoo-addon-mrp-warehouse-calendar>=18.0,<18.1" \
            "odoo-addon-stock-warehouse-calendar>=18.0,<18.1" \
            2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) \
            || die "pip could not download them"
        for wheel in "$extra"/wheels/*.whl; do "$PY" -m zipfile -e "$wheel" "$extra"; done
    fi
    MRP_DB=${BENCH_DB}_mrp
    pg_psql -c "DROP DATABASE IF EXISTS $MRP_DB" -c "CREATE DATABASE $MRP_DB TEMPLATE $BENCH_DB"
    mrp_args=()
    for arg in "${args[@]}"; do
        case $arg in --addons-path=*) arg="$arg,$extra/odoo/addons" ;; esac
        mrp_args+=("$arg")
    done
    say "Installing mrp_multi_level in $MRP_DB"
    "$PY" "$ODOO_SRC/odoo-bin" "${mrp_args[@]}" -d "$MRP_DB" -i mrp_multi_level --stop-after-init \
        --max-cron-threads 0 --logfile "$LOG_DIR/bench-mrp-install.log" \
        || die "Installing mrp_multi_level failed; see $LOG_DIR/bench-mrp-install.log"
    say "bench_materials.py with mrp_multi_level"
    "$PY" "$ODOO_SRC/odoo-bin" shell "${mrp_args[@]}" -d "$MRP_DB" --no-http --log-level=warn \
        < "$ROOT/tests/bench/bench_materials.py" | tee "$LOG_DIR/bench_materials_mrp.out"
fi
