# Production Coordination for Odoo 18.0 — see README.md.
# Variables: ODOO_SRC (Odoo 18.0 source), HTTP_PORT (make run), DB_HOST/DB_PORT/DB_USER/DB_PASSWORD
# (use your own PostgreSQL instead of the embedded one).
.DEFAULT_GOAL := help
export HTTP_PORT ODOO_SRC DB_HOST DB_PORT DB_USER DB_PASSWORD

.PHONY: help setup run test test-replica test-cluster bench load lint readme stop clean

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup:  ## Odoo source, system packages and the .venv (fast when nothing changed)
	@bash scripts/setup.sh

run:  ## Serve Odoo with both addons and demo data on http://localhost:8069 (admin/admin)
	@bash scripts/run.sh

test:  ## Lint, Odoo tests with and without demo, top-level tests; last line: N passed, N failed
	@bash scripts/test.sh

test-replica:  ## The read replica test alone: Odoo on a pg_basebackup replica (TEST_DB, default make run's)
	@bash scripts/test_replica.sh

test-cluster:  ## The cluster test alone: 2 Odoo servers behind a load balancer, jobs, a server killed (TEST_DB, default make run's)
	@bash scripts/test_cluster.sh

bench:  ## Performance figures on generated data (tests/bench/, database coordination_bench)
	@bash scripts/bench.sh

load:  ## Load test: locust, 20 users against Odoo --workers=4 (tests/load/; needs the growth bench data)
	@bash scripts/load.sh

lint:  ## ruff (format, check), pylint-odoo mandatory checks, generated READMEs up to date, translatable messages
	@bash scripts/setup.sh
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .
	.venv/bin/pylint --rcfile=.pylintrc-mandatory production_coordination production_coordination_media
	.venv/bin/python scripts/gen_addon_readme.py --check production_coordination production_coordination_media
	.venv/bin/python scripts/check_i18n.py --template production_coordination production_coordination_media

readme:  ## Regenerate the addons' README.md from their readme/ fragments
	.venv/bin/python scripts/gen_addon_readme.py production_coordination production_coordination_media

stop:  ## Stop the embedded PostgreSQL (and its read replica, if one runs)
	@bash scripts/replica.sh stop
	@bash scripts/pg.sh stop

clean: stop  ## Remove the embedded PostgreSQL cluster and logs (.run/, or where .run/pg.location says); keeps .venv
	@bash scripts/pg.sh remove
	rm -rf .run
