#!/usr/bin/env bash
# make test: lint, Odoo test suites (with and without demo data), top-level pytest suite.
# Ends with the line "N passed, N failed" summed over every suite; exits 1 on any failure.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"
# Leave PostgreSQL as we found it: stop the embedded cluster at the end if this run started it.
if ! bash "$ROOT/scripts/pg.sh" running; then
    trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null' EXIT
fi
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
RESULTS=$RUN_DIR/results.txt
: > "$RESULTS"
TEST_DB=${TEST_DB:-coordination_test}
TEST_TAGS=${TEST_TAGS:-/production_coordination,/production_coordination_media}

record() { echo "$1 $2 $3" >> "$RESULTS"; }

# One lint tool = one check.
lint() {
    local name=$1; shift
    if (cd "$ROOT" && "$@") > "$LOG_DIR/lint-$name.log" 2>&1; then
        record "lint:$name" 1 0
    else
        cat "$LOG_DIR/lint-$name.log"; record "lint:$name" 0 1
    fi
}

# Fresh database, install both addons, run their at_install and post_install tests.
# Usage: odoo_suite NAME DB FIRST_PORT [odoo-bin options]
odoo_suite() {
    local name=$1 db=$2 port; shift 2
    local log=$LOG_DIR/$name.log
    port=$(free_port "$1"); shift
    rm -f "$log"  # odoo-bin appends to its log file
    pg_psql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
    local start=$SECONDS
    mapfile -t args < <(odoo_args)
    timeout 3600 "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$db" -i "$ADDONS" \
        --test-tags "$TEST_TAGS" --stop-after-init --http-port "$port" \
        --max-cron-threads 0 --log-level info --logfile "$log" "$@" || true
    local counts
    counts=$("$PY" "$ROOT/scripts/checklog.py" "$log" | tee "$LOG_DIR/$name.check" | tail -n 1)
    head -n -1 "$LOG_DIR/$name.check"
    record "odoo:$name" $counts
    echo "   $name: $(grep -o 'odoo.tests.result: .*' "$log" || echo 'no summary') [$((SECONDS - start))s]"
}

say "Lint"
lint readme "$PY" scripts/gen_addon_readme.py --check production_coordination production_coordination_media
lint ruff-format "$VENV/bin/ruff" format --check --quiet .
lint ruff-check "$VENV/bin/ruff" check --quiet .
lint pylint-odoo "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory production_coordination production_coordination_media
lint i18n "$PY" scripts/check_i18n.py --template production_coordination production_coordination_media

# The two installations are independent: run them side by side (one per core), report in order.
say "Odoo tests: without demo ($TEST_DB""_nodemo) and with demo ($TEST_DB), logs in $LOG_DIR"
odoo_suite nodemo "${TEST_DB}_nodemo" 8170 --without-demo=all > "$LOG_DIR/nodemo.out" 2>&1 &
nodemo_pid=$!
odoo_suite demo "$TEST_DB" 8270 > "$LOG_DIR/demo.out" 2>&1 &
demo_pid=$!
wait "$nodemo_pid" "$demo_pid" || true
grep -hv "^Running as user 'root'" "$LOG_DIR/nodemo.out" "$LOG_DIR/demo.out" || true
for suite in nodemo demo; do  # a suite that died before reporting is a failure
    grep -q "^odoo:$suite " "$RESULTS" || record "odoo:$suite" 0 1
done

say "Top-level tests (pytest, a real Odoo server on $TEST_DB)"
pg_locate
export ODOO_SRC PC_TEST_DB=$TEST_DB PC_PYTHON=$PY PC_LOG_DIR=$LOG_DIR \
    PC_DB_HOST=$PGC_HOST PC_DB_PORT=$PGC_PORT PC_DB_USER=$PGC_USER PC_DB_PASSWORD=$PGC_PASSWORD
junit=$RUN_DIR/pytest.xml
rm -f "$junit"
# The read replica is made from the embedded cluster only: with DB_HOST its test does not apply.
replica_opt=()
[ "$PG_EMBEDDED" = 1 ] || { replica_opt=(--ignore=tests/test_replica.py); say "DB_HOST is set: no read replica test"; }
(cd "$ROOT" && "$PY" -m pytest tests -q -p no:cacheprovider --junitxml="$junit" "${replica_opt[@]}") || true
if [ -f "$junit" ]; then
    record pytest $("$PY" - "$junit" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
total = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get(k, 0)) for s in suites for k in ("failures", "errors", "skipped"))
print(total - bad, bad + (total == 0))
PYEOF
)
else
    record pytest 0 1
fi

echo
printf '%-22s %8s %8s\n' suite passed failed
awk '{printf "%-22s %8d %8d\n", $1, $2, $3}' "$RESULTS"
read -r passed failed < <(awk '{p += $2; f += $3} END {print p + 0, f + 0}' "$RESULTS")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
