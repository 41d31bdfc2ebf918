#!/usr/bin/env bash
# make load: a load test with a real HTTP client (locust, headless, only to 127.0.0.1) against
# Odoo with --workers=4, on a copy of the bench database's company "GROWTH $LOAD_MOS" (made by
# `BENCH_ONLY=growth BENCH_SIZES=$LOAD_MOS make bench`). See tests/load/.
#   LOAD_MOS (10000)  LOAD_USERS (20)  LOAD_TIME (120s)  LOAD_THINK ("1-5" s between actions)
#   LOAD_CLOSED ("1 2 4 8 16": users of the closed-loop runs, dashboard only; "" to skip)
#   LOAD_CLOSED_TIME (30s)  LOAD_PORT (first free port from 8088)
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
BENCH_DB=${BENCH_DB:-coordination_bench}
LOAD_DB=${LOAD_DB:-${BENCH_DB}_load}
LOAD_MOS=${LOAD_MOS:-10000}
LOAD_USERS=${LOAD_USERS:-20}
LOAD_TIME=${LOAD_TIME:-120s}
LOAD_CLOSED=${LOAD_CLOSED-1 2 4 8 16}
OUT=$RUN_DIR/load
mkdir -p "$OUT"
export LOAD_DB LOAD_MOS LOAD_USERS

# locust in a virtualenv of its own (its gevent and Flask pins are not Odoo's).
LOCUST_VENV=$RUN_DIR/load-venv
if [ ! -x "$LOCUST_VENV/bin/locust" ]; then
    say "Installing locust into $LOCUST_VENV (once)"
    python3 -m venv "$LOCUST_VENV"
    "$LOCUST_VENV/bin/python" -m pip install --quiet -r "$ROOT/tests/load/requirements.txt" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) || die "pip could not install locust"
fi

[ -n "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'")" ] \
    || die "No bench database $BENCH_DB: run BENCH_ONLY=growth BENCH_SIZES=$LOAD_MOS make bench first"
say "Copying $BENCH_DB to $LOAD_DB (the load test writes; the bench data stays as generated)"
pg_psql -c "DROP DATABASE IF EXISTS $LOAD_DB" -c "CREATE DATABASE $LOAD_DB TEMPLATE $BENCH_DB"
mapfile -t args < <(odoo_args)
"$PY" "$ODOO_SRC/odoo-bin" shell "${args[@]}" -d "$LOAD_DB" --no-http --log-level=warn \
    < "$ROOT/tests/load/setup_load.py" > "$OUT/setup.out" || die "Preparing $LOAD_DB failed; see $OUT/setup.out"
grep '^LOAD_JSON ' "$OUT/setup.out" | cut -d' ' -f2- > "$OUT/data.json"
[ -s "$OUT/data.json" ] || die "Preparing $LOAD_DB failed; see $OUT/setup.out"
export LOAD_DATA=$OUT/data.json

port=${LOAD_PORT:-$(free_port 8088)}
ODOO_LOG=$LOG_DIR/load-odoo.log
: > "$ODOO_LOG"
say "Odoo with --workers=4 on 127.0.0.1:$port (log: $ODOO_LOG)"
"$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$LOAD_DB" --db-filter "^$LOAD_DB\$" --workers=4 \
    --max-cron-threads=0 --http-interface=127.0.0.1 --http-port="$port" \
    --gevent-port="$(free_port $((port + 1)))" --limit-time-real=600 --limit-time-cpu=600 \
    --log-level=info --logfile "$ODOO_LOG" &
odoo_pid=$!
trap 'kill "$odoo_pid" 2>/dev/null; wait "$odoo_pid" 2>/dev/null' EXIT
for _ in $(seq 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/web/login" && break
    kill -0 "$odoo_pid" 2>/dev/null || die "Odoo stopped; see $ODOO_LOG"
    sleep 1
done

# One locust run: label, users, duration, think time, mix; then its table.
run_locust() {
    local label=$1 users=$2 duration=$3 think=$4 mix=$5 start load
    # The requests of the previous run finish first (a write retried after a serialization
    # failure can take a minute, a Scan Now at 100,000 MOs too).
    for _ in $(seq 300); do
        [ "$(pg_psql -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$LOAD_DB'
                          AND state <> 'idle' AND pid <> pg_backend_pid()")" = 0 ] && break
        sleep 1
    done
    start=$(wc -l < "$ODOO_LOG")
    say "$label: $users users, $duration, think time ${think} s, mix $mix"
    LOAD_THINK=$think LOAD_MIX=$mix "$LOCUST_VENV/bin/locust" -f "$ROOT/tests/load/locustfile.py" \
        --headless --host "http://127.0.0.1:$port" -u "$users" -r "$users" -t "$duration" \
        --csv "$OUT/$label" --only-summary --loglevel WARNING > "$OUT/$label.locust.log" 2>&1 || true
    tail -n +"$((start + 1))" "$ODOO_LOG" > "$OUT/$label.odoo.log"
    # The machine is shared: its load average says how much of the 2 cores we had.
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    "$PY" "$ROOT/tests/load/report.py" "$OUT/$label" "$OUT/$label.odoo.log" \
        "$label ($LOAD_MOS MOs, $users users, think ${think} s, $duration, load average $load)" \
        | tee "$OUT/$label.txt"
}

# Warm the workers (registry, assets) before measuring.
LOAD_THINK=0 LOAD_MIX=dashboard "$LOCUST_VENV/bin/locust" -f "$ROOT/tests/load/locustfile.py" \
    --headless --host "http://127.0.0.1:$port" -u 4 -r 4 -t 10s --only-summary \
    --loglevel ERROR > /dev/null 2>&1 || true
run_locust office "$LOAD_USERS" "$LOAD_TIME" "${LOAD_THINK:-1-5}" office
for users in $LOAD_CLOSED; do
    run_locust "closed-$users" "$users" "${LOAD_CLOSED_TIME:-30s}" 0 dashboard
done
grep -h '^LOAD_JSON ' "$OUT"/*.txt > "$OUT/summary.jsonl"
say "Tables in $OUT/*.txt; figures in $OUT/summary.jsonl"
