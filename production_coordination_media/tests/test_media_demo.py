# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMediaDemo(TransactionCase):
    """The demo shows two productions sharing crew and a camera package, five shoot days, one
    conflict to resolve and a day at revision 3 (Pink); without demo, none of it exists."""

    def test_demo_data_matches_install_mode(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "production_coordination_media")]
        )
        day_ids = (
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "production_coordination_media"),
                    ("model", "=", "media.production.day"),
                ]
            )
            .mapped("res_id")
        )
        days = self.env["media.production.day"].browse(day_ids)
        if not module.demo:
            self.assertFalse(days)
            self.assertFalse(self.env["res.users"].search([("login", "=", "ana.ruiz")]))
            return
        # The music video contesting them is the priority demo's (test_media_priority).
        days -= self.env.ref("production_coordination_media.mv_day_1")
        self.assertEqual(len(days), 5)
        self.assertEqual(len(days.project_id), 2)
        self.assertEqual(len(set(days.project_id.mapped("coordination_phase"))), 2)
        self.assertEqual(set(days.mapped("day_type")), {"shoot"})
        crew = days.booking_ids.crew_member_id
        self.assertGreaterEqual(len(crew), 9)
        self.assertGreaterEqual(len(crew.department_id), 6)
        shared = [
            member
            for member in crew
            if len(days.booking_ids.filtered(lambda b, m=member: b.crew_member_id == m).project_id)
            == 2
        ]
        self.assertTrue(shared, "crew shared by both productions")
        camera = self.env.ref("production_coordination_media.equipment_camera_a")
        self.assertEqual(
            len(days.booking_ids.filtered(lambda b: b.equipment_id == camera).project_id), 2
        )
        conflicted = days.filtered("conflict_count")
        self.assertEqual(len(conflicted), 2)
        self.assertEqual(conflicted.booking_ids.filtered("conflict_count").equipment_id, camera)
        pink = days.filtered(lambda d: d.revision_id.number == 3)
        self.assertEqual(len(pink), 1)
        self.assertEqual(pink.revision_id.color, "pink")
        self.assertEqual(pink.revision_ids.mapped("number"), [3, 2, 1])
        self.assertTrue(all(rev.diff for rev in pink.revision_ids if rev.number > 1))
        self.assertTrue(days.recipient_ids.filtered(lambda r: r.state == "sent"))
        self.assertTrue(days.recipient_ids.filtered(lambda r: r.state == "confirmed"))
        crew_user = self.env["res.users"].search([("login", "=", "ana.ruiz")])
        mine = (
            self.env["media.booking"].with_user(crew_user).search([("user_id", "=", crew_user.id)])
        )
        self.assertTrue(mine)
        # She is crew (not factory staff), lands on My Schedule and has a call to confirm there.
        self.assertTrue(crew_user.has_group("production_coordination_media.group_media_crew"))
        self.assertFalse(crew_user.has_group("production_coordination.group_coordination_user"))
        self.assertEqual(
            crew_user.action_id.id,
            self.env.ref("production_coordination_media.media_booking_action_mine").id,
        )
        self.assertIn("sent", mine.mapped("call_sheet_state"))
