# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users

from .common import MediaCase


@tagged("post_install", "-at_install")
class TestMediaPriority(MediaCase):
    """The explained priority and rank of media productions, as a media coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # Only this test's productions are ranked: the others (demo data) are wrapped.
        cls.env["project.project"].search(
            [
                ("is_media_production", "=", True),
                ("id", "not in", (cls.production_a | cls.production_b).ids),
            ]
        ).coordination_phase = "wrapped"
        cls.production_c = cls.env["project.project"].create(
            {"name": "Test Feature", "is_media_production": True}
        )
        # Today as the media coordinator (UTC) scores: the tests write as them. (Not the
        # superuser's: the demo's is Europe/Brussels, a day ahead from 23:00 UTC.)
        cls.today = fields.Date.context_today(cls.coordinator.with_user(cls.coordinator))

    def _day_in(self, production, days, **values):
        start = datetime.combine(self.today + timedelta(days=days), time(8, 0))
        return self._day(production, start=start, **values)

    def _ranks(self):
        productions = self.production_a | self.production_b | self.production_c
        return {p: p.coordination_priority_rank for p in productions}

    @users("pcm_media_coordinator")
    def test_parts_weights_and_rank(self):
        a, b, c = (
            p.with_user(self.env.user)
            for p in (self.production_a, self.production_b, self.production_c)
        )
        a.write({"coordination_client_tier": "key", "coordination_phase": "production"})
        b.write({"coordination_client_tier": "minor", "coordination_phase": "development"})
        c.write(
            {
                "coordination_client_tier": "standard",
                "coordination_phase": "pre_production",
                "coordination_contract_value": 100000,
            }
        )
        self.assertEqual(
            [
                a.coordination_priority_rank,
                c.coordination_priority_rank,
                b.coordination_priority_rank,
            ],
            [1, 2, 3],
        )
        # tier 30 × 1 + phase 20 × 1 (no date, no value, no pin)
        self.assertAlmostEqual(a.coordination_priority_score, 50.0)
        # tier 30 × 1/3 + phase 20 × 0.7 + value 10 × 1
        self.assertAlmostEqual(c.coordination_priority_score, 34.0)
        lines = c.coordination_priority_explanation.splitlines()
        self.assertEqual(len(lines), 5, lines)  # tier, next date, phase, value, total
        self.assertIn("× 30", lines[0])
        self.assertIn("× 40", lines[1])
        self.assertIn("× 20", lines[2])
        self.assertIn("× 10", lines[3])
        self.assertIn("2", lines[4])

    @users("pcm_media_coordinator")
    def test_next_date_urgency(self):
        self.production_b.with_user(self.env.user).coordination_phase = "production"
        self.production_a.with_user(self.env.user).coordination_phase = "production"
        self.assertEqual(self.production_a.coordination_priority_rank, 1)  # created first
        day = self._day_in(self.production_b, 3)
        self.assertEqual(self.production_b.coordination_priority_rank, 1)
        # 40 × (1 - 3/30) = 36 more
        self.assertAlmostEqual(
            self.production_b.coordination_priority_score
            - self.production_a.coordination_priority_score,
            36.0,
        )
        day.action_cancel()
        self.assertEqual(self.production_a.coordination_priority_rank, 1)
        # An overdue deliverable counts fully.
        self.env["media.deliverable"].create(
            {
                "project_id": self.production_a.id,
                "name": "Trailer",
                "date_due": self.today - timedelta(days=2),
            }
        )
        self.assertIn("overdue", self.production_a.coordination_priority_explanation)
        self.assertAlmostEqual(
            self.production_a.coordination_priority_score
            - self.production_b.coordination_priority_score,
            40.0,
        )

    @users("pcm_media_coordinator")
    def test_pin(self):
        b = self.production_b.with_user(self.env.user)
        self.production_a.with_user(self.env.user).coordination_client_tier = "key"
        with self.assertRaises(ValidationError) as caught:
            b.coordination_priority_pinned = True
        self.assertIn("Pin Reason", str(caught.exception))
        b.write(
            {"coordination_priority_pinned": True, "coordination_priority_pin_reason": "Launch"}
        )
        self.assertEqual(b.coordination_priority_rank, 1)
        self.assertIn("Launch", b.coordination_priority_explanation)
        b.coordination_priority_pinned = False
        self.assertEqual(self.production_a.coordination_priority_rank, 1)

    def test_weights_in_settings(self):
        self.production_a.coordination_client_tier = "key"
        self.production_b.write({"coordination_phase": "production"})
        self.assertEqual(self.production_a.coordination_priority_rank, 1)
        manager = self.env.ref("base.user_admin")
        settings = Form(self.env["res.config.settings"].with_user(manager))
        settings.coordination_media_weight_tier = 0.0
        settings.save().execute()
        self.assertEqual(self.production_b.coordination_priority_rank, 1)
        with self.assertRaises(ValidationError) as caught:
            self.company.coordination_media_weight_phase = -1
        self.assertIn("Phase Weight", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.company.coordination_media_min_rest_hours = -2
        self.assertIn("Minimum Rest", str(caught.exception))

    def test_closed_productions_are_not_ranked(self):
        self.assertEqual(sorted(self._ranks().values()), [1, 2, 3])
        self.production_a.coordination_phase = "wrapped"
        self.assertEqual(self.production_a.coordination_priority_rank, 0)
        self.assertEqual(sorted(self._ranks().values()), [0, 1, 2])
        self.production_b.active = False
        self.assertEqual(sorted(self._ranks().values()), [0, 0, 1])
        self.production_b.active = True
        self.assertEqual(sorted(self._ranks().values()), [0, 1, 2])

    def test_deleting_a_production_reranks_the_others(self):
        self.production_a.coordination_client_tier = "key"
        self.assertIn("of 3", self.production_b.coordination_priority_explanation)
        self.production_a.unlink()
        self.assertEqual(sorted(self._ranks_of(self.production_b | self.production_c)), [1, 2])
        self.assertIn("of 2", self.production_b.coordination_priority_explanation)

    def _ranks_of(self, productions):
        return productions.mapped("coordination_priority_rank")

    def test_ranks_per_company(self):
        other = self.env["res.company"].create({"name": "Second Studio"})
        self.env.user.company_ids |= other
        production = self.env["project.project"].create(
            {"name": "Other studio's show", "is_media_production": True, "company_id": other.id}
        )
        self.assertEqual(production.coordination_priority_rank, 1)
        self.assertEqual(sorted(self._ranks().values()), [1, 2, 3])

    def test_negative_contract_value(self):
        with self.assertRaises(ValidationError) as caught:
            self.production_a.coordination_contract_value = -5
        self.assertIn("Contract Value", str(caught.exception))

    def test_crew_sees_no_contract_value(self):
        day = self._day(self.production_a)
        self._book(day, self.ana)
        production = self.production_a.with_user(self.crew_user)
        self.assertTrue(production.coordination_priority_explanation)
        with self.assertRaises(AccessError):
            production.read(["coordination_contract_value"])

    def test_board_action(self):
        action = self.production_a.with_user(self.coordinator).action_coordination_open_priority()
        domain = ast.literal_eval(action["domain"])
        productions = self.env["project.project"].with_user(self.coordinator).search(domain)
        self.assertEqual(set(productions.ids), set(self._ranks_keys_ids()))

    def _ranks_keys_ids(self):
        return (self.production_a | self.production_b | self.production_c).ids

    def test_cron(self):
        self.env["media.priority"]._cron_refresh()
        self.assertEqual(sorted(self._ranks().values()), [1, 2, 3])


@tagged("post_install", "-at_install")
class TestMediaPriorityDemo(MediaCase):
    """The demo: three productions of different priorities contest camera A and Ana."""

    def test_demo(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "production_coordination_media")]
        )
        video = self.env.ref(
            "production_coordination_media.project_music_video_aurora", raise_if_not_found=False
        )
        if not module.demo:
            self.assertFalse(video)
            return
        documentary = self.env.ref("production_coordination_media.project_documentary_harbor")
        commercial = self.env.ref("production_coordination_media.project_commercial_brewery")
        productions = documentary | commercial | video
        scores = productions.mapped("coordination_priority_score")
        self.assertEqual(len(set(scores)), 3, "three different priorities")
        self.assertTrue(all(productions.mapped("coordination_priority_rank")))
        self.assertEqual(
            video.coordination_priority_rank, max(productions.mapped("coordination_priority_rank"))
        )
        ana = self.env.ref("production_coordination_media.crew_ana")
        camera = self.env.ref("production_coordination_media.equipment_camera_a")
        camera_c = self.env.ref("production_coordination_media.equipment_camera_c")
        day = self.env.ref("production_coordination_media.mv_day_1")
        ana_hold = day.booking_ids.filtered(lambda b: b.crew_member_id == ana)
        camera_hold = day.booking_ids.filtered(lambda b: b.equipment_id == camera)
        self.assertEqual(ana_hold.hold_state, "hold")
        self.assertEqual(ana_hold.hold_rank, 3)  # behind the documentary's and the commercial's
        self.assertIn(documentary.name, ana_hold.conflict_description)
        self.assertIn(camera_c.name, camera_hold.conflict_description)
        self.assertEqual(
            self.env["media.booking.swap"]
            .create({"booking_id": camera_hold.id})
            .alternative_equipment_ids,
            camera_c,
        )
