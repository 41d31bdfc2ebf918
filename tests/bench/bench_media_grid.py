"""Benchmark: the media availability grid (crew and equipment × days).

Run by `make bench` (BENCH_ONLY=media_grid for this one alone) inside `odoo-bin shell` (the
`env` global is Odoo's), on the bench database. Generates, once, a studio company of its own
with 200 crew members over the eight media departments, 20 bookable cameras, one production with
30 shoot days, about 4,000 bookings (a person works 2 days in 3, one booking in 4 a pencil) and
30 periods of unavailability. Then measures, as a media coordinator, from a cold record cache:
  - the grid of one department × 30 days (with the department filter's own query),
  - the grid of everyone (200 crew + 20 cameras) × 7 days, then × 30 days three times,
and checks the 200 × 30 grid takes under one second with the same number of queries as the
7-day one (tests/test_media_grid.py guards the count at two crew sizes). Prints a table and
the figures as JSON (last line). Nothing it measures is committed.
"""

import json
import time
from datetime import date, datetime, timedelta

from odoo import Command

TAG = "GRIDBENCH"
CREW, CAMERAS, DAYS = 200, 20, 30
START = date(2031, 6, 2)
QUIET = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
}


def ensure_data(env):
    name = f"{TAG} Studio"
    company = env["res.company"].search([("name", "=", name)])
    if not company:
        print(f"  creating {name}", flush=True)
        company = env["res.company"].create({"name": name})
        env.user.company_ids = [Command.link(company.id)]
        env.cr.commit()
    cenv = env(context=dict(env.context, allowed_company_ids=company.ids, **QUIET))
    Users = cenv["res.users"].with_context(no_reset_password=True)
    user = Users.search([("login", "=", "gridbench_coordinator")])
    if not user:
        user = Users.create(
            {
                "name": "Grid Bench Coordinator",
                "login": "gridbench_coordinator",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.link(
                        env.ref("production_coordination_media.group_media_coordinator").id
                    )
                ],
            }
        )
        env.cr.commit()
    Crew = cenv["media.crew.member"]
    if Crew.search_count([("company_id", "=", company.id)]) >= CREW:
        return cenv, company, user
    print("  creating 200 crew, 20 cameras, 30 days, ~4,000 bookings", flush=True)
    roles = cenv["media.role"].search([("department_id", "!=", False)])
    partners = cenv["res.partner"].create([{"name": f"{TAG} crew {n:03d}"} for n in range(CREW)])
    crew = Crew.create(
        [
            {"partner_id": p.id, "role_id": roles[n % len(roles)].id, "company_id": company.id}
            for n, p in enumerate(partners)
        ]
    )
    departments = cenv["media.department"].search([])
    cameras = cenv["maintenance.equipment"].create(
        [
            {
                "name": f"{TAG} camera {n:02d}",
                "coordination_is_bookable": True,
                "coordination_department_id": departments[0].id,
                "company_id": company.id,
            }
            for n in range(CAMERAS)
        ]
    )
    production = cenv["project.project"].create(
        {"name": f"{TAG} series", "is_media_production": True, "company_id": company.id}
    )
    days = cenv["media.production.day"].create(
        [
            {
                "project_id": production.id,
                "tz": "UTC",
                "date_call": datetime.combine(START + timedelta(days=n), datetime.min.time())
                + timedelta(hours=7),
                "date_wrap": datetime.combine(START + timedelta(days=n), datetime.min.time())
                + timedelta(hours=17),
            }
            for n in range(DAYS)
        ]
    )
    env.cr.commit()
    for d, day in enumerate(days):
        vals = [
            {
                "day_id": day.id,
                "crew_member_id": member.id,
                "hold_state": "hold" if (n + d) % 4 == 0 else "confirmed",
            }
            for n, member in enumerate(crew)
            if (n + d) % 3
        ]
        vals += [
            {"day_id": day.id, "resource_type": "equipment", "equipment_id": camera.id}
            for n, camera in enumerate(cameras)
            if (n + d) % 2
        ]
        cenv["media.booking"].create(vals)
        env.cr.commit()
    cenv["media.crew.unavailability"].create(
        [
            {
                "crew_member_id": crew[n * 6].id,
                "date_from": START + timedelta(days=n % DAYS),
                "date_to": START + timedelta(days=n % DAYS + 2),
            }
            for n in range(30)
        ]
    )
    env.cr.commit()
    return cenv, company, user


def measure(env, label, func):
    env.invalidate_all()
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    rows = sum(len(group["rows"]) for group in result["groups"])
    return {
        "what": label,
        "rows": rows,
        "days": len(result["dates"]),
        "seconds": round(time.perf_counter() - start, 4),
        "queries": env.cr.sql_log_count - queries,
    }


def main(env):
    cenv, company, user = ensure_data(env)
    genv = cenv(user=user, context=dict(cenv.context, allowed_company_ids=company.ids))
    Grid = genv["media.availability.grid"]
    date_from, date_to = str(START), str(START + timedelta(days=DAYS - 1))
    small_department = genv["media.department"].search([], limit=1).id
    Grid.get_grid(date_from, date_to)  # warm the registry caches (groups, rules)
    week_to = str(START + timedelta(days=6))
    results = [
        measure(
            genv,
            "grid, one department, 30 days",
            lambda: Grid.get_grid(date_from, date_to, department_id=small_department),
        ),
        measure(genv, "grid, everyone, 7 days", lambda: Grid.get_grid(date_from, week_to)),
    ]
    for run in range(3):
        results.append(
            measure(
                genv,
                f"grid, everyone, 30 days (run {run + 1})",
                lambda: Grid.get_grid(date_from, date_to),
            )
        )
    print(f"{'what':36} {'rows':>5} {'days':>5} {'seconds':>8} {'queries':>8}")
    for row in results:
        print(
            f"{row['what']:36} {row['rows']:>5} {row['days']:>5} {row['seconds']:>8} "
            f"{row['queries']:>8}"
        )
    full = results[2:]
    assert all(row["seconds"] < 1.0 for row in full), "the 200 × 30 grid takes a second or more"
    assert len({row["queries"] for row in results[1:]}) == 1, "the query count depends on the size"
    env.cr.rollback()
    print(json.dumps({"bench": "media_grid", "results": results}))


main(env)  # noqa: F821
