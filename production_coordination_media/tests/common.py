# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import TransactionCase, new_test_user

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
COORDINATION_USER = "production_coordination.group_coordination_user"
MEDIA_CREW = "production_coordination_media.group_media_crew"
# A fixed Monday far from today: the tests do not depend on the date they run.
MONDAY = datetime(2031, 3, 3, 7, 0)


BOTH_ADDONS = ("production_coordination", "production_coordination_media")


def load_languages(env, codes=("es_ES",), modules=("production_coordination_media",)):
    """Activate the languages `codes` and load the terms of `modules` only (seconds, where
    installing a language loads every module's)."""
    for code in codes:
        env["res.lang"]._activate_lang(code)
    for module in modules:
        env["ir.module.module"]._get(module)._update_translations(list(codes))


class MediaCase(TransactionCase):
    """A media coordinator, two crew users, productions, crew and equipment (all UTC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.coordinator = new_test_user(
            cls.env,
            "pcm_media_coordinator",
            groups=MEDIA_COORDINATOR,
            name="Mia Coordinator",
            email="mia@example.com",
            tz="UTC",
        )
        cls.crew_user = new_test_user(
            cls.env, "pcm_crew_ana", groups=MEDIA_CREW, name="Ana Crew", tz="UTC"
        )
        cls.other_crew_user = new_test_user(
            cls.env, "pcm_crew_ben", groups=MEDIA_CREW, name="Ben Crew", tz="UTC"
        )
        cls.camera = cls.env.ref("production_coordination_media.media_department_camera")
        cls.sound = cls.env.ref("production_coordination_media.media_department_sound")
        cls.role_dop = cls.env.ref("production_coordination_media.media_role_dop")
        cls.role_ac = cls.env.ref("production_coordination_media.media_role_first_ac")
        cls.role_sound = cls.env.ref("production_coordination_media.media_role_sound_mixer")
        cls.role_director = cls.env.ref("production_coordination_media.media_role_director")
        cls.production_a, cls.production_b = cls.env["project.project"].create(
            [
                {"name": "Test Documentary", "is_media_production": True},
                {"name": "Test Commercial", "is_media_production": True},
            ]
        )
        cls.ana = cls._crew("Ana Crew", cls.role_dop, user=cls.crew_user)
        cls.ben = cls._crew("Ben Crew", cls.role_sound, user=cls.other_crew_user)
        cls.carl = cls._crew("Carl Focus", cls.role_ac)
        cls.dora = cls._crew("Dora Director", cls.role_director)
        cls.camera_package = cls.env["maintenance.equipment"].create(
            {
                "name": "Test camera package",
                "coordination_is_bookable": True,
                "coordination_department_id": cls.camera.id,
            }
        )

    @classmethod
    def _crew(cls, name, role, user=None):
        partner = (
            user.partner_id
            if user
            else cls.env["res.partner"].create(
                {"name": name, "email": f"{name.split()[0].lower()}@example.com"}
            )
        )
        if user:
            partner.email = f"{name.split()[0].lower()}@example.com"
        return cls.env["media.crew.member"].create(
            {"partner_id": partner.id, "role_id": role.id, "user_id": user and user.id}
        )

    def _day(self, production, start=MONDAY, hours=10, **values):
        return self.env["media.production.day"].create(
            {
                "project_id": production.id,
                "date_call": start,
                "date_wrap": start + timedelta(hours=hours),
                "tz": "UTC",
                **values,
            }
        )

    def _book(self, day, resource, **values):
        if resource._name == "maintenance.equipment":
            values.update(resource_type="equipment", equipment_id=resource.id)
        else:
            values.update(resource_type="crew", crew_member_id=resource.id)
        return self.env["media.booking"].create({"day_id": day.id, **values})
