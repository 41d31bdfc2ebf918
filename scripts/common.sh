# Shared settings for the harness scripts. Sourced, never executed.
# Every value can be overridden from the environment (see README, "Configuration").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-$HOME/.local/share/odoo/18.0}
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
RUN_DIR=${RUN_DIR:-$ROOT/.run}
LOG_DIR=$RUN_DIR/logs
ADDONS="production_coordination,production_coordination_media"

# PostgreSQL: an embedded cluster under .run/pg unless the user sets DB_HOST (and DB_PORT,
# DB_USER, DB_PASSWORD) for a server of their own. The scripts use the PGC_* values.
# When the postgres OS user cannot reach .run/pg (root in a checkout inside a private folder),
# `pg.sh start` puts the cluster in /var/tmp and records its folder in .run/pg.location.
PG_LOCATION_FILE=$RUN_DIR/pg.location
PG_PORT_EMBEDDED=${PG_PORT_EMBEDDED:-54329}
if [ -n "${DB_HOST:-}" ]; then
    PG_EMBEDDED=0
    PGC_HOST=$DB_HOST PGC_PORT=${DB_PORT:-5432} PGC_USER=${DB_USER:-odoo} PGC_PASSWORD=${DB_PASSWORD:-}
else
    PG_EMBEDDED=1
    PGC_PORT=$PG_PORT_EMBEDDED PGC_USER=odoo PGC_PASSWORD=
fi

# PG_DIR (and the embedded cluster's socket, PGC_HOST): .run/pg, or where .run/pg.location says.
# Called again after `pg.sh start`, which may have chosen the place.
pg_locate() {
    PG_DIR=$RUN_DIR/pg
    if [ -s "$PG_LOCATION_FILE" ]; then PG_DIR=$(cat "$PG_LOCATION_FILE"); fi
    if [ "$PG_EMBEDDED" = 1 ]; then PGC_HOST=$PG_DIR/socket; fi
    return 0
}
pg_locate

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# Run a command as root, with sudo when we are not root.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Install Debian packages that are missing (only those), quietly.
apt_ensure() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get could not install ${missing[*]}; install them by hand and retry."
}

# OCA queue_job runs our long actions as background jobs: Odoo loads it server-wide (its job
# runner starts with the server) and reads its channels from the [queue_job] section of
# $RUN_DIR/odoo.conf, written by odoo_args. At most one shortage scan, one chunk of the
# priority refresh, one rerank, one replan apply, one redundancy or load refresh, one large
# status report and one call sheet sending at a time (see README "Background jobs");
# QUEUE_JOB_CHANNELS changes that.
SERVER_WIDE_MODULES=base,web,queue_job
QUEUE_JOB_CHANNELS=${QUEUE_JOB_CHANNELS:-root:2,root.coordination_scan:1,root.coordination_priority:1,root.coordination_rank:1,root.coordination_replan:1,root.coordination_refresh:1,root.coordination_report:1,root.coordination_media:1}

# The configuration file odoo_args passes with -c: only what the command line cannot say.
write_odoo_conf() {
    mkdir -p "$RUN_DIR"
    # An [options] section, even empty: without it Odoo skips the file's other sections.
    printf '[options]\n\n[queue_job]\nchannels = %s\n' "$QUEUE_JOB_CHANNELS" > "$RUN_DIR/odoo.conf"
}

# Common odoo-bin arguments: configuration file, server-wide modules, addons path and database.
odoo_args() {
    pg_locate
    write_odoo_conf
    local args=(--config="$RUN_DIR/odoo.conf" --load="$SERVER_WIDE_MODULES"
                --addons-path="$ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$ROOT"
                --db_host="$PGC_HOST" --db_port="$PGC_PORT" --db_user="$PGC_USER")
    [ -n "$PGC_PASSWORD" ] && args+=(--db_password="$PGC_PASSWORD")
    printf '%s\n' "${args[@]}"
}

# psql against the configured server, maintenance database.
pg_psql() { pg_locate; PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=$PGC_PASSWORD psql -h "$PGC_HOST" -p "$PGC_PORT" -U "$PGC_USER" -d postgres -qtAX "$@"; }

# pip, without the machine-level index warnings ("Location ... is ignored") that say nothing about us.
pip_install() {
    "$PY" -m pip install --quiet "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

# First free TCP port at or after $1.
free_port() { "$PY" - "$1" <<'PYEOF'
import socket, sys
port = int(sys.argv[1])
while True:
    with socket.socket() as s:
        # As servers do: a port whose old connections linger in TIME_WAIT is free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
            break
        except OSError:
            port += 1
print(port)
PYEOF
}

# The embedded PostgreSQL started for a script (and stopped at its end if it was not running),
# and the database $1 with both addons and demo data, installed once when missing as make run
# does (log: $LOG_DIR/$2). Then the variables the top-level pytest servers read.
prepare_demo_test_db() {
    if ! bash "$ROOT/scripts/pg.sh" running; then
        trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null' EXIT
    fi
    bash "$ROOT/scripts/pg.sh" start
    mkdir -p "$LOG_DIR"
    if [ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" ]; then
        say "Creating database $1 with both addons and demo data (once)"
        local args
        mapfile -t args < <(odoo_args)
        "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$1" -i "$ADDONS" --stop-after-init \
            --max-cron-threads 0 --http-port "$(free_port 8169)" --logfile "$LOG_DIR/$2" \
            || die "Installing failed; see $LOG_DIR/$2"
    fi
    pg_locate
    export ODOO_SRC PC_TEST_DB=$1 PC_PYTHON=$PY PC_LOG_DIR=$LOG_DIR \
        PC_DB_HOST=$PGC_HOST PC_DB_PORT=$PGC_PORT PC_DB_USER=$PGC_USER PC_DB_PASSWORD=$PGC_PASSWORD
}
