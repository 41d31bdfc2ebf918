# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The media addon speaks Spanish and Portuguese (Brazil): its menus, views, error messages and
call sheet emails come from i18n/es.po and i18n/pt_BR.po. Only this addon's terms are loaded
(not every module's), so each check fails when the .po lacks the entry."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.production_coordination.tests.test_i18n import web_term_collisions

from .common import MediaCase, load_languages

# For each language, what the screens say.
EXPECTED = {
    "es_ES": {
        "menu": "Configuración audiovisual",
        "button": "Cancelar día",
        "field": "Zona horaria",
        "error": "antes de enviar su hoja de llamado",
        "subject": "· su llamado ",
        "body": ("Confirmar mi hora de llamado", "Se adjunta la hoja de llamado."),
        "day_label": "Día de rodaje 1 de 1",
        "colors": ("Blanco", "Blanco doble"),
        "phase": "Desarrollo",
        "condition": "Indique qué está dañado",
    },
    "pt_BR": {
        "menu": "Configuração audiovisual",
        "button": "Cancelar dia",
        "field": "Fuso horário",
        "error": "antes de enviar a ordem do dia",
        "subject": "· sua chamada ",
        "body": ("Confirmar meu horário de chamada", "A ordem do dia está anexada."),
        "day_label": "Dia de filmagem 1 de 1",
        "colors": ("Branco", "Branco duplo"),
        "phase": "Desenvolvimento",
        "condition": "Diga o que está danificado",
    },
}


class MediaI18nCase(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, tuple(EXPECTED))

    def _env_of(self, user, lang):
        """The environment of a request by `user` working in `lang`."""
        user.lang = lang
        return self.env(user=user, context=user.with_user(user).context_get())


@tagged("post_install", "-at_install")
class TestMediaI18n(MediaI18nCase):
    def test_menu(self):
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.coordinator, code)
                menu = env.ref("production_coordination_media.menu_media_configuration")
                self.assertEqual(menu.name, expected["menu"])

    def test_form_view(self):
        view = self.env.ref("production_coordination_media.media_production_day_view_form")
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.coordinator, code)
                views = env["media.production.day"].get_views([(view.id, "form")])
                self.assertIn(f'string="{expected["button"]}"', views["views"]["form"]["arch"])
                fields = views["models"]["media.production.day"]["fields"]
                self.assertEqual(fields["tz"]["string"], expected["field"])

    def test_user_error(self):
        day = self._day(self.production_a)
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.coordinator, code)
                with self.assertRaises(UserError) as caught:
                    day.with_env(env).action_send_call_sheet()
                self.assertIn(expected["error"], str(caught.exception))

    def test_call_sheet_mail(self):
        """The call sheet email is written in the crew member's language, whoever sends it."""
        day = self._day(self.production_a)
        self._book(day, self.ana)
        day = day.with_env(self._env_of(self.coordinator, "es_ES"))
        day.action_publish()
        day.action_send_call_sheet()
        recipient = day.recipient_ids
        self.assertEqual(recipient.crew_member_id, self.ana)
        template = self.env.ref("production_coordination_media.mail_template_call_sheet")
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                self.ana.partner_id.lang = code
                other = next(lang for lang in EXPECTED if lang != code)
                sender = template.with_env(self._env_of(self.coordinator, other))
                subject = sender._render_field("subject", recipient.ids, compute_lang=True)
                body = sender._render_field("body_html", recipient.ids, compute_lang=True)
                self.assertIn(expected["subject"], subject[recipient.id])
                self.assertIn(self.production_a.name, subject[recipient.id])
                for text in expected["body"]:
                    self.assertIn(text, body[recipient.id])


@tagged("post_install", "-at_install")
class TestMediaI18nLabels(MediaI18nCase):
    """Selection labels are the field's, in the reader's language, not the English of the
    Python constant; the web client's terms are ours alone."""

    def test_day_label(self):
        day = self._day(self.production_a)
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.coordinator, code)
                self.assertEqual(day.with_env(env).day_label, expected["day_label"])

    def test_revision_colour_names(self):
        """Revision 1 is White, revision 10 (the second cycle of nine colours) Double White,
        named in the reader's language (not stored in the language of whoever issued it)."""
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                revisions = self.env["media.revision"].with_env(
                    self._env_of(self.coordinator, code)
                )
                names = tuple(revisions.new({"number": n}).color_label for n in (1, 10))
                self.assertEqual(names, expected["colors"])

    def test_dashboard_phases(self):
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                dashboard = self.env["media.dashboard"].with_env(
                    self._env_of(self.coordinator, code)
                )
                rows = dashboard._phase_rows(dashboard._get_scope({}))
                self.assertEqual(rows[0]["key"], "development")
                self.assertEqual(rows[0]["label"], expected["phase"])

    def test_check_in_condition(self):
        booking = self._book(self._day(self.production_a), self.camera_package)
        booking.with_user(self.coordinator).action_check_out()
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.coordinator, code)
                with self.assertRaises(ValidationError) as caught:
                    booking.with_env(env)._check_in("damaged")
                self.assertIn(expected["condition"], str(caught.exception))

    def test_web_client_terms_are_ours_alone(self):
        """The availability grid's legend worded like one of Odoo's ("Free") may show Odoo's
        translation of it (Spanish "Gratis")."""
        found = web_term_collisions(self.env, "production_coordination_media", EXPECTED)
        self.assertEqual(found, [])
