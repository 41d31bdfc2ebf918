#!/usr/bin/env bash
# Developer shortcut: odoo-bin with the harness's addons path and database, any extra arguments.
#   scripts/odoo.sh -d pc_dev -u production_coordination --test-tags /production_coordination
# Writes the log to .run/logs/odoo.log (emptied first; LOG=... to change) and, when it ends,
# prints the test summary and any unexpected WARNING/ERROR line.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
log=${LOG:-$LOG_DIR/odoo.log}
rm -f "$log"
mapfile -t args < <(odoo_args)
status=0
"$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" --stop-after-init --http-port "$(free_port 8370)" \
    --max-cron-threads 0 --log-level info --logfile "$log" "$@" 2>/dev/null || status=$?
"$PY" "$ROOT/scripts/checklog.py" "$log" | tail -n 60
exit "$status"
