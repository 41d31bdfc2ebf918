"""The harness from any folder: a checkout inside a folder only its owner may enter (a home
folder with mode 700, a `mktemp -d` folder) starts, uses, stops and removes its embedded
PostgreSQL cluster. As root the cluster belongs to the postgres OS user, who cannot enter such a
folder: it then lives in /var/tmp, private to postgres, and the checkout records where."""

import os
import pathlib
import pwd
import stat
import subprocess

from conftest import ROOT

PORT = "54391"  # not the harness's port: this cluster runs beside it


def _run(args, cwd, env, check=True):
    return subprocess.run(
        args, cwd=cwd, env=env, check=check, capture_output=True, text=True, timeout=300
    )


def test_embedded_cluster_in_a_checkout_inside_a_private_folder(tmp_path):
    private = tmp_path / "home"
    private.mkdir()
    private.chmod(0o700)
    repo = private / "repo"
    _run(["git", "clone", "--quiet", str(ROOT), str(repo)], cwd=tmp_path, env=os.environ)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "RUN_DIR")
    }
    env["PG_PORT_EMBEDDED"] = PORT
    location_file = repo / ".run" / "pg.location"
    try:
        started = _run(["bash", "scripts/pg.sh", "start"], cwd=repo, env=env, check=False)
        assert started.returncode == 0, started.stdout + started.stderr
        if os.geteuid() == 0:
            # postgres cannot enter the private folder: the cluster is in /var/tmp, said once.
            pg_dir = pathlib.Path(location_file.read_text().strip())
            assert pg_dir.parent == pathlib.Path("/var/tmp")
            assert str(pg_dir) in started.stdout
            info = pg_dir.stat()
            assert stat.S_IMODE(info.st_mode) == 0o700
            assert pwd.getpwuid(info.st_uid).pw_name == "postgres"
        else:
            # Not root: the cluster is the user's own, in the checkout.
            assert not location_file.exists()
            pg_dir = repo / ".run" / "pg"
        # The user's folder keeps its permissions.
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
        status = _run(["bash", "scripts/pg.sh", "status"], cwd=repo, env=env)
        assert f"running in {pg_dir}" in status.stdout
        answer = _run(
            ["psql", "-h", str(pg_dir / "socket"), "-p", PORT, "-U", "odoo", "-d", "postgres"]
            + ["-qtAX", "-c", "SELECT 41 + 1"],
            cwd=repo,
            env=env,
        )
        assert answer.stdout.strip() == "42"
        # Every script finds the cluster: a second start is a no-op, make stop stops it.
        _run(["bash", "scripts/pg.sh", "start"], cwd=repo, env=env)
        _run(["make", "--no-print-directory", "stop"], cwd=repo, env=env)
        assert "stopped" in _run(["bash", "scripts/pg.sh", "status"], cwd=repo, env=env).stdout
        # make clean removes the cluster wherever it is.
        _run(["make", "--no-print-directory", "clean"], cwd=repo, env=env)
        assert not pg_dir.exists()
        assert not (repo / ".run").exists()
    finally:
        if (repo / "scripts").exists():
            _run(["bash", "scripts/pg.sh", "stop"], cwd=repo, env=env, check=False)
            _run(["bash", "scripts/pg.sh", "remove"], cwd=repo, env=env, check=False)
