"""`make load`, step 1 (inside `odoo-bin shell` on the load database, a copy of the bench
database): the simulated users, and what each of them works on.

LOAD_USERS coordinators `load_user_<n>` (password: their login) in the company
"GROWTH <LOAD_MOS>" made by tests/bench/bench_growth.py. Prints one JSON line, LOAD_JSON, that
locustfile.py reads: the company, and for each user its own ready legs (to accept) and ready
work orders of the first department (to start and finish), so that two users never act on the
same record (what they may collide on is the data they all read and the ranks they rewrite).
"""

import json
import os

from odoo import Command

USERS = int(os.environ.get("LOAD_USERS", "20"))
MOS = int(os.environ.get("LOAD_MOS", "10000"))
PER_USER = 300


def main(env):
    company = env["res.company"].search([("name", "=", f"GROWTH {MOS}")])
    if not company:
        raise SystemExit(
            f"No company GROWTH {MOS}: run `BENCH_ONLY=growth BENCH_SIZES={MOS} make bench` first"
        )
    groups = [
        env.ref("production_coordination.group_coordination_manager").id,
        env.ref("mrp.group_mrp_user").id,
        env.ref("purchase.group_purchase_user").id,
    ]
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    users = []
    for n in range(USERS):
        login = f"load_user_{n}"
        Users.search([("login", "=", login)]) or Users.create(
            {
                "name": f"Load User {n}",
                "login": login,
                "password": login,
                "email": f"{login}@example.com",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.link(group) for group in groups],
            }
        )
        users.append(login)
    env.cr.execute(
        """SELECT id FROM coordination_handoff WHERE company_id = %s AND state = 'ready'
            ORDER BY id LIMIT %s""",
        [company.id, USERS * PER_USER],
    )
    legs = [row[0] for row in env.cr.fetchall()]
    # Work orders of first legs that are ready: nothing upstream holds them.
    env.cr.execute(
        """SELECT wo.id FROM mrp_workorder wo
             JOIN coordination_handoff leg ON leg.id = wo.coordination_handoff_id
            WHERE leg.company_id = %s AND leg.state = 'ready' AND leg.sequence = (
                    SELECT min(first.sequence) FROM coordination_handoff first
                     WHERE first.production_id = leg.production_id)
              AND wo.state IN ('ready', 'waiting', 'pending')
            ORDER BY wo.id DESC LIMIT %s""",
        [company.id, USERS * PER_USER],
    )
    workorders = [row[0] for row in env.cr.fetchall()]
    env.cr.commit()
    print(
        "LOAD_JSON "
        + json.dumps(
            {
                "company_id": company.id,
                "users": [
                    {
                        "login": login,
                        "legs": legs[n::USERS],
                        "workorders": workorders[n::USERS],
                    }
                    for n, login in enumerate(users)
                ],
            }
        )
    )


main(env)  # noqa: F821
