# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MONDAY, MediaCase

MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


@tagged("post_install", "-at_install")
class TestMediaProductionReport(MediaCase):
    """The daily production report of a shoot day: times per department, overtime against the
    booked wrap, scenes planned versus shot, the day's problems; sent to the producer as a PDF;
    its figures in the production's actuals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.producer = new_test_user(
            cls.env,
            "pcm_report_producer",
            groups=MEDIA_PRODUCER,
            name="Pat Producer",
            email="pat@example.com",
            tz="UTC",
        )
        cls.production_a.coordination_producer_id = cls.env["res.partner"].create(
            {"name": "Client Producer", "email": "cp@example.com"}
        )
        cls.scenes = cls.env["project.task"].create(
            [{"name": f"Scene {n}", "project_id": cls.production_a.id} for n in (1, 2, 3)]
        )

    def setUp(self):
        super().setUp()
        self.day = self._day(self.production_a, task_ids=self.scenes.ids)
        self._book(self.day, self.ana)  # camera, 10 hours
        self._book(self.day, self.ben, date_wrap=MONDAY + timedelta(hours=8))  # sound
        self.day_as_coordinator = self.day.with_user(self.coordinator)

    def _open_report(self):
        action = self.day_as_coordinator.action_open_production_report()
        return (
            self.env["media.production.report"].with_user(self.coordinator).browse(action["res_id"])
        )

    def test_report_lines_overtime_and_actuals(self):
        report = self._open_report()
        self.assertEqual(report.line_ids.department_id, self.camera | self.sound)
        self.assertFalse(report.overtime_hours)
        # Opening it again gives the same report.
        self.assertEqual(self._open_report(), report)
        camera = report.line_ids.filtered(lambda line: line.department_id == self.camera)
        sound = report.line_ids.filtered(lambda line: line.department_id == self.sound)
        self.assertEqual(sound.date_wrap_booked, MONDAY + timedelta(hours=8))
        camera.write(
            {
                "date_meal": MONDAY + timedelta(hours=6),
                "date_wrap": MONDAY + timedelta(hours=11, minutes=30),
            }
        )
        sound.date_wrap = MONDAY + timedelta(hours=7)  # wrapped early: no overtime
        self.assertAlmostEqual(camera.overtime_hours, 1.5)
        self.assertAlmostEqual(report.overtime_hours, 1.5)
        report.scene_shot_ids = self.scenes[:2]
        self.assertEqual((report.scenes_shot_count, report.scenes_planned_count), (2, 3))
        # Draft reports do not count in the actuals yet.
        production = self.production_a.with_user(self.coordinator)
        self.assertEqual(production.coordination_reported_day_count, 0)
        report.action_send()
        self.assertEqual(report.state, "sent")
        production.invalidate_recordset()
        self.assertEqual(production.coordination_reported_day_count, 1)
        self.assertEqual(production.coordination_scenes_shot_count, 2)
        self.assertEqual(production.coordination_scenes_planned_count, 3)
        self.assertAlmostEqual(production.coordination_overtime_hours, 1.5)

    def test_send_to_producer_with_pdf(self):
        report = self._open_report()
        problem = (
            self.env["media.problem"]
            .with_user(self.coordinator)
            .create(
                {"name": "Rain delay", "project_id": self.production_a.id, "day_ids": [self.day.id]}
            )
        )
        self.assertEqual(report.problem_ids, problem)
        report.action_send()
        message = report.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertIn(self.production_a.coordination_producer_id, message.partner_ids)
        self.assertIn(self.producer.partner_id, message.partner_ids)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "production_coordination_media.media_production_report_report", report.ids
            )[0]
            .decode()
        )
        self.assertIn("Rain delay", html)
        self.assertIn("Scene 1", html)

    def test_send_without_producer(self):
        self.production_a.coordination_producer_id = False
        self.env.ref(MEDIA_PRODUCER).users.partner_id.write({"email": False})
        report = self._open_report()
        with self.assertRaises(UserError) as caught:
            report.action_send()
        self.assertIn(report.display_name, str(caught.exception))
        self.assertEqual(report.state, "draft")

    def test_bad_input(self):
        report = self._open_report()
        line = report.line_ids[:1]
        with self.assertRaises(ValidationError):
            line.date_wrap = line.date_call - timedelta(hours=1)
        with self.assertRaises(ValidationError):
            line.date_meal = line.date_wrap + timedelta(hours=1)
        prep = self._day(self.production_a, start=MONDAY + timedelta(days=1), day_type="prep")
        with self.assertRaises(UserError):
            prep.with_user(self.coordinator).action_open_production_report()
        with self.assertRaises(ValidationError):
            self.env["media.production.report"].with_user(self.coordinator).create(
                {"day_id": prep.id}
            )
        with self.assertRaises(UserError):
            (self.day | prep).with_user(self.coordinator).action_open_production_report()

    def test_crew_have_no_access(self):
        report = self._open_report()
        with self.assertRaises(AccessError):
            report.with_user(self.crew_user).read(["name"])
        with self.assertRaises(AccessError):
            self.day.with_user(self.crew_user).action_open_production_report()
        with self.assertRaises(AccessError):
            report.with_user(self.crew_user).action_send()

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Films"})
        other_production = self.env["project.project"].create(
            {"name": "Other Feature", "is_media_production": True, "company_id": other_company.id}
        )
        other_day = self._day(other_production)
        theirs = self.env["media.production.report"].create({"day_id": other_day.id})
        self.assertEqual(theirs.company_id, other_company)
        Report = self.env["media.production.report"].with_user(self.coordinator)
        self.assertNotIn(theirs, Report.search([]))
        with self.assertRaises(AccessError):
            theirs.with_user(self.coordinator).read(["name"])
