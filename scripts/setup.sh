#!/usr/bin/env bash
# Prepare everything the project needs: Odoo source, system packages, the .venv.
# Idempotent and fast when nothing changed (a stamp records what was installed).
source "$(dirname "$0")/common.sh"

# 1. Odoo 18.0 source: never copied into this repository.
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
    say "Odoo 18.0 not found at $ODOO_SRC; cloning it (branch 18.0, depth 1)"
    mkdir -p "$(dirname "$ODOO_SRC")"
    if ! git clone --quiet --depth 1 --branch 18.0 https://github.com/odoo/odoo "$ODOO_SRC"; then
        rm -rf "$ODOO_SRC"
        die "Could not clone Odoo 18.0. Provide the Odoo 18.0 Community source yourself:
  put a checkout of https://github.com/odoo/odoo (branch 18.0) at $ODOO_SRC
  (so that $ODOO_SRC/odoo-bin exists), or set ODOO_SRC=/path/to/odoo-18.0 and rerun."
    fi
fi
grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" \
    || die "$ODOO_SRC is not Odoo 18.0 (see odoo/release.py); set ODOO_SRC to an Odoo 18.0 source tree."

# 2. System packages: build headers for python-ldap/psycopg2, PostgreSQL, Chromium (tours), wkhtmltopdf (PDF).
pkgs=(libldap2-dev libsasl2-dev libpq-dev chromium wkhtmltopdf fonts-dejavu-core)
[ "$PG_EMBEDDED" = 1 ] && pkgs+=(postgresql)
command -v psql >/dev/null || pkgs+=(postgresql-client)
apt_ensure "${pkgs[@]}"

# 3. Python virtualenv. The stamp is the hash of every input: rerunning with no change takes a second.
stamp_inputs=("$ODOO_SRC/requirements.txt" "$ROOT/requirements-dev.txt" "$ROOT/requirements-oca.txt"
              "$ROOT/constraints.txt")
# queue_job's release depends on the Odoo source (see requirements-oca.txt): the requirements
# actually installed are written to .run/requirements-oca.txt, and are part of the stamp.
mkdir -p "$RUN_DIR"
oca_requirements=$RUN_DIR/requirements-oca.txt
if grep -q "^def private" "$ODOO_SRC/odoo/api.py"; then
    grep -v "^# older-odoo: " "$ROOT/requirements-oca.txt" > "$oca_requirements"
else
    grep -v "^odoo-addon-queue-job==" "$ROOT/requirements-oca.txt" \
        | sed "s/^# older-odoo: //" > "$oca_requirements"
fi
stamp=$(cat "${stamp_inputs[@]}" "$oca_requirements" | sha256sum | cut -c1-16)
# Odoo imports, and finds the OCA addons of requirements-oca.txt (site-packages/odoo/addons/).
env_ready() {
    "$PY" -W ignore -c "import importlib.util, odoo.addons
for addon in ('web_timeline', 'queue_job', 'report_xlsx'):
    assert importlib.util.find_spec('odoo.addons.' + addon), addon"
}
if [ -f "$VENV/.stamp" ] && [ "$(cat "$VENV/.stamp")" = "$stamp" ] && env_ready 2>/dev/null; then
    exit 0
fi
say "Installing the Python environment in $VENV (the first time takes a few minutes)"
[ -x "$PY" ] || python3 -m venv "$VENV"
# Old sdists (vobject, pyusb, ...) break with setuptools >= 70 in their isolated build: constraints.txt pins it,
# and PIP_CONSTRAINT / PIP_BUILD_CONSTRAINT apply it to build environments too. setuptools also provides pkg_resources, which the
# gevent worker needs for zope's namespace packages.
# (pip >= 25.3 applies constraints to build environments only through --build-constraint.)
export PIP_CONSTRAINT=$ROOT/constraints.txt PIP_BUILD_CONSTRAINT=$ROOT/constraints.txt PIP_DISABLE_PIP_VERSION_CHECK=1
pip_install --upgrade pip wheel "setuptools<70"
pip_install -r "$ODOO_SRC/requirements.txt" -r "$ROOT/requirements-dev.txt"
# OCA addons (web_timeline, queue_job, report_xlsx): --no-deps, see requirements-oca.txt.
pip_install --no-deps -r "$oca_requirements"
# Odoo itself is used from $ODOO_SRC through a .pth file, not installed into the venv.
site=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
echo "$ODOO_SRC" > "$site/odoo-src.pth"
"$PY" -W ignore -c "import odoo, pkg_resources, zope.event, xlsxwriter, dateutil, websocket" \
    || die "The Python environment is incomplete (see the errors above)."
env_ready || die "Odoo does not find the OCA addons web_timeline, queue_job and report_xlsx in $VENV (see requirements-oca.txt)."
echo "$stamp" > "$VENV/.stamp"
say "Python environment ready"
