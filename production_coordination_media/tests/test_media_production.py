# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, users


class TestMediaProduction(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.media_coordinator = new_test_user(
            cls.env,
            "pcm_coordinator",
            groups="production_coordination_media.group_media_coordinator",
        )
        cls.plain_user = new_test_user(cls.env, "pcm_plain", groups="base.group_user")
        cls.menu = cls.env.ref("production_coordination_media.project_project_menu_media")

    # The media coordinator is crew, not the factory's department staff: test_media_app.py.

    @users("pcm_coordinator")
    def test_create_production_from_media_menu(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination_media.project_project_action_media"
        )
        project_model = self.env["project.project"].with_context(**literal_eval(action["context"]))
        with Form(project_model) as form:
            form.name = "Spring campaign shoot"
        production = form.record
        self.assertTrue(production.is_media_production)
        self.assertIn(
            production, self.env["project.project"].search(literal_eval(action["domain"]))
        )
        self.assertIn(self.menu, self.env["ir.ui.menu"].search([("id", "=", self.menu.id)]))

    @users("pcm_plain")
    def test_plain_user_does_not_see_media_menu(self):
        self.assertFalse(self.env["ir.ui.menu"].search([("id", "=", self.menu.id)]))
        with self.assertRaises(AccessError):
            self.env["project.project"].create({"name": "Not allowed"})
