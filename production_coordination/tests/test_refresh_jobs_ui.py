# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.queue_job.job import Job

from ..models.coordination_refresh_job import refresh_identity_key
from .browser import TourMixin
from .common import GROUP_MANAGER


@tagged("post_install", "-at_install")
class TestRefreshStateUi(TourMixin, HttpCase):
    def test_refresh_shows_its_state_where_it_was_pressed(self):
        coordinator = new_test_user(
            self.env, "pc_refresh_tour", groups=GROUP_MANAGER, name="Refresh Coordinator"
        )
        company = coordinator.company_id
        Redundancy = self.env["coordination.redundancy"]
        # A refresh done before: the list says so.
        [done] = Redundancy.with_user(coordinator).sudo()._coordination_enqueue_refresh(company)
        job = Job.load(self.env, done.uuid)
        job.perform()
        job.set_done()
        job.store()
        self.start_tour_or_fail(
            "/odoo/coordination-redundancies",
            "production_coordination_refresh_state",
            coordinator.login,
        )
        waiting = self.env["queue.job"].search(
            [
                ("identity_key", "=", refresh_identity_key(Redundancy._name, company.id)),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(waiting.user_id, coordinator)
