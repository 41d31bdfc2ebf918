"""Two users acting at the same moment, over JSON-RPC on a real multi-worker server: Odoo's
own request handling (a serialization failure is retried) must leave no silent overwrite."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from conftest import RpcError

MANAGER = "production_coordination.group_coordination_manager"
MEDIA = "production_coordination_media.group_media_coordinator"
TRIES = 4  # each try is a fresh pair of simultaneous requests


def _together(*calls):
    """Send these requests at the same moment (one thread each); their results, or the
    RpcError each got."""
    barrier = threading.Barrier(len(calls))

    def send(call):
        barrier.wait(timeout=30)
        try:
            return call()
        except RpcError as error:
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as executor:
        futures = [executor.submit(send, call) for call in calls]
        return [future.result(timeout=180) for future in futures]


def test_simultaneous_bookings_of_one_person_are_both_flagged(admin, make_user):
    mia, noa = make_user(MEDIA), make_user(MEDIA)
    tag = uuid.uuid4().hex[:6]
    for attempt in range(TRIES):
        day = f"2032-0{attempt + 1}-0{attempt + 1}"
        days = []
        for client, start, end in ((mia, "07:00", "17:00"), (noa, "11:00", "21:00")):
            production = client(
                "project.project",
                "create",
                {"name": f"Parallel {tag} {attempt} {client.login}", "is_media_production": True},
            )
            days.append(
                client(
                    "media.production.day",
                    "create",
                    {
                        "project_id": production,
                        "date_call": f"{day} {start}:00",
                        "date_wrap": f"{day} {end}:00",
                        "tz": "UTC",
                    },
                )
            )
        partner = admin("res.partner", "create", {"name": f"Gaffer {tag} {attempt}"})
        member = admin("media.crew.member", "create", {"partner_id": partner})
        booking_ids = _together(
            *(
                partial(
                    client,
                    "media.booking",
                    "create",
                    {"day_id": day_id, "crew_member_id": member},
                )
                for client, day_id in zip((mia, noa), days, strict=True)
            )
        )
        assert all(isinstance(booking_id, int) for booking_id in booking_ids), booking_ids
        bookings = admin("media.booking", "read", booking_ids, ["conflict_count"])
        assert [booking["conflict_count"] for booking in bookings] == [1, 1], attempt
        with pytest.raises(RpcError) as caught:
            mia("media.production.day", "action_publish", [days[0]])
        assert caught.value.name == "odoo.exceptions.UserError"


def _pin(client, production, reason):
    """What the Override button does: open the wizard on the order, apply rank 1."""
    wizard = client(
        "coordination.rank.override.wizard",
        "create",
        {"production_id": production, "rank": 1, "reason": reason},
    )
    return client("coordination.rank.override.wizard", "action_apply", [wizard])


def test_simultaneous_rank_pins_do_not_overwrite_each_other(admin, make_user):
    cora, cleo = make_user(MANAGER), make_user(MANAGER)
    for client in (cora, cleo):  # a pin is posted on the order, from the user's address
        admin("res.users", "write", [client.uid], {"email": f"{client.login}@example.com"})
    product = admin("product.product", "create", {"name": f"Pin box {uuid.uuid4().hex[:6]}"})
    template = admin("product.product", "read", [product], ["product_tmpl_id"])[0]
    bom = admin("mrp.bom", "create", {"product_tmpl_id": template["product_tmpl_id"][0]})
    productions = [
        admin("mrp.production", "create", {"product_id": product, "bom_id": bom, "product_qty": 1})
        for _i in range(2 * TRIES)
    ]
    admin("mrp.production", "action_confirm", productions)
    try:
        for attempt in range(TRIES):
            first, second = productions[2 * attempt : 2 * attempt + 2]
            results = _together(
                partial(_pin, cora, first, "Trade show"),
                partial(_pin, cleo, second, "Customer visit"),
            )
            refused = [result for result in results if isinstance(result, RpcError)]
            assert len(refused) == 1, results
            assert refused[0].name == "odoo.exceptions.UserError"
            pins = admin(
                "mrp.production",
                "read",
                [first, second],
                ["name", "coordination_rank_override", "coordination_rank"],
            )
            pinned = [pin for pin in pins if pin["coordination_rank_override"]]
            assert len(pinned) == 1 and pinned[0]["coordination_rank"] == 1, pins
            assert pinned[0]["name"] in refused[0].message
            admin(
                "mrp.production",
                "action_coordination_remove_rank_override",
                [pinned[0]["id"]],
            )
    finally:
        admin("mrp.production", "action_cancel", productions)
