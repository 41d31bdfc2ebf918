#!/usr/bin/env bash
# make run: Odoo with both addons and demo data on http://localhost:$HTTP_PORT (admin/admin).
# The database is created once; later runs reuse it and start in seconds.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
DB_NAME=${DB_NAME:-coordination_demo}
HTTP_PORT=${HTTP_PORT:-8069}
mapfile -t args < <(odoo_args)

if [ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
    say "Creating database $DB_NAME with both addons and demo data (about a minute, once)"
    rm -f "$LOG_DIR/run-install.log"
    "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$DB_NAME" -i "$ADDONS" --stop-after-init \
        --max-cron-threads 0 --http-port "$(free_port 8169)" --logfile "$LOG_DIR/run-install.log" \
        || die "Installing failed; see $LOG_DIR/run-install.log"
    grep -qE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$LOG_DIR/run-install.log" \
        && { pg_psql -c "DROP DATABASE \"$DB_NAME\""; die "Installing failed; see $LOG_DIR/run-install.log"; }
fi

port=$(free_port "$HTTP_PORT")
if [ "$port" != "$HTTP_PORT" ]; then
    say "Port $HTTP_PORT is taken (another Odoo?): using $port instead. Choose with: make run HTTP_PORT=<port>"
fi
say "Odoo is starting on http://localhost:$port  (log in as admin / admin; coordinator / coordinator; Ctrl-C stops)"
exec "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$DB_NAME" --db-filter "^$DB_NAME\$" \
    --http-port "$port" --gevent-port "$(free_port $((port + 3)))" "$@"
