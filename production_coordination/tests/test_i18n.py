# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon speaks Spanish and Portuguese (Brazil): its menus, views, error messages and mail
templates come from i18n/es.po and i18n/pt_BR.po. Only this addon's terms are loaded (not every
module's), so each check fails when the .po lacks the entry."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools.translate import code_translations

from ..models.coordination_format import format_delay_days, format_number
from .common import RouteCase

GROUP_MANAGER = "production_coordination.group_coordination_manager"
GROUP_SUPERVISOR = "production_coordination.group_coordination_supervisor"
PURCHASE_USER = "purchase.group_purchase_user"

# For each language, what the screens say: (menu, form button, field label, error, mail).
EXPECTED = {
    "es_ES": {
        "menu": "Revisiones de producción",
        "button": "Acusar recibo",
        "field": "Política aplicada el",
        "error": "Los filtros del tablero deben ser un diccionario de",
        "subject": "entregas retrasadas en",
        "body": ("Hola, ", "¿Podría confirmarnos cuándo puede entregarlas"),
    },
    "pt_BR": {
        "menu": "Revisões de produção",
        "button": "Confirmar ciência",
        "field": "Política aplicada em",
        "error": "Os filtros do painel devem ser um dicionário de",
        "subject": "entregas atrasadas em",
        "body": ("Olá, ", "Poderia confirmar quando consegue entregá-las"),
    },
}


# Apps a production company may install next to ours (not dependencies): their terms count too.
NEIGHBOUR_APPS = ("point_of_sale", "website_sale", "hr_attendance", "hr_timesheet", "helpdesk")


def web_term_collisions(env, module, langs):
    """The terms of `module`'s web client code that another module (installed, or one of
    NEIGHBOUR_APPS) translates otherwise: the web client (Odoo 18) merges every module's terms
    into one dictionary, the last module winning, so either translation may show. Read from
    the .po files, as the web client's /web/webclient/translations route does (no language to
    load)."""
    Module = env["ir.module.module"]
    installed = Module.search([("state", "=", "installed")]).mapped("name")
    available = Module.search([("name", "in", NEIGHBOUR_APPS)]).mapped("name")
    others = sorted(set(installed + available) - {module})
    found = []
    for lang in langs:
        ours = {
            message["id"]: message["string"]
            for message in code_translations.get_web_translations(module, lang)["messages"]
        }
        for other in others:
            found += [
                (lang, other, message["id"], message["string"], ours[message["id"]])
                for message in code_translations.get_web_translations(other, lang)["messages"]
                if message["id"] in ours and message["string"] != ours[message["id"]]
            ]
    return found


def load_languages(env):
    """Activate the languages of EXPECTED and load this addon's terms only (seconds, where
    installing a language loads every module's)."""
    for code in EXPECTED:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._get("production_coordination")._update_translations(list(EXPECTED))


@tagged("post_install", "-at_install")
class TestI18n(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)
        cls.users = {}
        for code in EXPECTED:
            cls.users[code] = {
                "coordinator": new_test_user(
                    cls.env, f"pc_i18n_coordinator_{code}", groups=GROUP_MANAGER, lang=code
                ),
                "supervisor": new_test_user(
                    cls.env, f"pc_i18n_supervisor_{code}", groups=GROUP_SUPERVISOR, lang=code
                ),
                "buyer": new_test_user(
                    cls.env, f"pc_i18n_buyer_{code}", groups=PURCHASE_USER, lang=code
                ),
            }

    def _env_of(self, user):
        """The environment of a request by `user`: their language and time zone in the context."""
        return self.env(user=user, context=user.with_user(user).context_get())

    def test_numbers_in_the_language_format(self):
        """Decimals worded by the server read as the web client shows them: 2,5 in Spanish and
        Portuguese, 2.5 in English (with the thousands separator of each)."""
        for code in EXPECTED:
            with self.subTest(lang=code):
                env = self._env_of(self.users[code]["coordinator"])
                self.assertEqual(format_number(env, 2.46, 1), "2,5")
                self.assertEqual(format_number(env, 10.0, 2, trim=True), "10")
                self.assertEqual(format_number(env, 1234.5, 1), "1.234,5")
                self.assertIn("2,5 ", format_delay_days(env, 2.46))
        english = self.env(context={"lang": "en_US"})
        self.assertEqual(format_number(english, 1234.5, 1), "1,234.5")
        self.assertEqual(format_delay_days(english, 2.46), "2.5 days late")

    def test_menu(self):
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.users[code]["coordinator"])
                menu = env.ref("production_coordination.sale_order_menu_review")
                self.assertEqual(menu.name, expected["menu"])

    def test_form_view(self):
        view = self.env.ref("production_coordination.coordination_change_notice_view_form")
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.users[code]["supervisor"])
                views = env["coordination.change.notice"].get_views([(view.id, "form")])
                self.assertIn(f'string="{expected["button"]}"', views["views"]["form"]["arch"])
                fields = views["models"]["coordination.change.notice"]["fields"]
                self.assertEqual(fields["date_policy"]["string"], expected["field"])

    def test_user_error(self):
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                env = self._env_of(self.users[code]["coordinator"])
                with self.assertRaises(UserError) as caught:
                    env["coordination.dashboard"].action_plan_meeting(filters="all")
                self.assertIn(expected["error"], str(caught.exception))
                self.assertIn("company_ids", str(caught.exception))

    def test_mail_template(self):
        """The vendor follow-up is written in the vendor's language, whoever sends it."""
        template = self.env.ref("production_coordination.mail_template_vendor_followup")
        product = self.env["product.product"].create({"name": "Test i18n board"})
        for code, expected in EXPECTED.items():
            with self.subTest(lang=code):
                vendor = self.env["res.partner"].create({"name": f"Vendor {code}", "lang": code})
                order = self.env["purchase.order"].create(
                    {
                        "partner_id": vendor.id,
                        "order_line": [
                            (0, 0, {"product_id": product.id, "product_qty": 2, "price_unit": 1})
                        ],
                    }
                )
                # The buyer works in the other language: the vendor's decides.
                other = next(lang for lang in EXPECTED if lang != code)
                sender = template.with_env(self._env_of(self.users[other]["buyer"]))
                subject = sender._render_field("subject", order.ids, compute_lang=True)[order.id]
                body = sender._render_field("body_html", order.ids, compute_lang=True)[order.id]
                self.assertIn(expected["subject"], subject)
                self.assertIn(order.name, subject)
                for text in expected["body"]:
                    self.assertIn(text, body)
                self.assertIn(vendor.name, body)


@tagged("post_install", "-at_install")
class TestI18nNestedMessages(RouteCase):
    """A message worded inside another one is translated too (Babel skips a translated call
    nested in the arguments of another: its message must be worded before the outer call)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)

    def test_unfulfilled_special_requests_are_listed_in_the_users_language(self):
        production = self._make_mo()
        self.env["coordination.special.request"].with_user(self.coordinator).create(
            {
                "name": "Logo on two sides",
                "category": "packaging",
                "department_ids": [Command.set(self.cutting.ids)],
                "production_id": production.id,
            }
        )
        with Form(production) as form:
            form.qty_producing = 1
        expected = {
            "es_ES": ("no se pueden terminar", "esperando a"),
            "pt_BR": ("não podem ser concluídas", "aguardando"),
        }
        for code, texts in expected.items():
            with self.subTest(lang=code):
                self.sup_cut.lang = code
                user = self.sup_cut.with_user(self.sup_cut)
                env = self.env(user=self.sup_cut, context=user.context_get())
                with self.assertRaises(UserError) as caught:
                    production.with_env(env).button_mark_done()
                for text in texts:
                    self.assertIn(text, str(caught.exception))
                self.assertIn(self.cutting.name, str(caught.exception))


@tagged("post_install", "-at_install")
class TestI18nLabels(RouteCase):
    """Selection labels inside messages are the field's, in the user's language, not the
    English of the Python constant; the web client's terms are ours alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)

    def test_handoff_state_in_the_users_language(self):
        production = self._make_mo()
        waiting = self._leg(production, self.assembly)
        self.assertEqual(waiting.state, "waiting")
        for code, state in {"es_ES": "en espera", "pt_BR": "aguardando"}.items():
            with self.subTest(lang=code):
                self.coordinator.lang = code
                user = self.coordinator.with_user(self.coordinator)
                env = self.env(user=self.coordinator, context=user.context_get())
                with self.assertRaises(UserError) as caught:
                    waiting.with_env(env).action_accept()
                self.assertIn(f" {state}:", str(caught.exception))

    def test_web_client_terms_are_ours_alone(self):
        """A dashboard badge worded like one of Odoo's ("OK", "Late", "Orders"...) may show
        Odoo's translation of it (Spanish "Aceptar" for check-ins up to date)."""
        self.assertEqual(web_term_collisions(self.env, "production_coordination", EXPECTED), [])


@tagged("post_install", "-at_install")
class TestI18nProcurementProject(TransactionCase):
    """The low-stock tasks' project and stages are records the addon creates, not terms of a
    view: they read in each buyer's language, whoever created them and whenever the language
    was added."""

    EXPECTED_NAMES = {
        "en_US": ("Procurement Coordination", "Low-Stock Tasks", ["To Order", "Ordered", "Done"]),
        "es_ES": (
            "Coordinación de aprovisionamiento",
            "Tareas de stock bajo",
            ["A pedir", "Pedido", "Hecho"],
        ),
        "pt_BR": (
            "Coordenação de suprimentos",
            "Tarefas de estoque baixo",
            ["A ser pedido", "Pedido", "Concluído"],
        ),
    }

    def _names(self, company, code):
        project = company.coordination_procurement_project_id.with_context(lang=code)
        return (
            project.name,
            project.label_tasks,
            project.type_ids.sorted("sequence").mapped("name"),
        )

    def test_language_added_after_install(self):
        """A project created while only English was installed (its names in English only, as
        SQL leaves them here): loading Spanish and Portuguese words it in both."""
        company = self.env["res.company"].create({"name": "Fábrica Norte"})
        project = company.coordination_procurement_project_id
        for table, records in (
            ("project_project", project),
            ("project_task_type", project.type_ids),
        ):
            self.env.cr.execute(
                f"UPDATE {table} SET name = jsonb_build_object('en_US', name->>'en_US')"  # noqa: S608
                " WHERE id IN %s",
                [tuple(records.ids)],
            )
        self.env.cr.execute(
            "UPDATE project_project SET label_tasks = jsonb_build_object('en_US',"
            " label_tasks->>'en_US') WHERE id = %s",
            [project.id],
        )
        self.env.invalidate_all()
        load_languages(self.env)
        for code, expected in self.EXPECTED_NAMES.items():
            with self.subTest(lang=code):
                self.assertEqual(self._names(company, code), expected)

    def test_company_created_in_spanish(self):
        """A company created by someone working in Spanish: English readers still read English."""
        load_languages(self.env)
        company = self.env["res.company"].with_context(lang="es_ES").create({"name": "Fábrica Sur"})
        for code, expected in self.EXPECTED_NAMES.items():
            with self.subTest(lang=code):
                self.assertEqual(self._names(company, code), expected)

    def test_renamed_names_are_kept(self):
        """A name someone changed is theirs: loading the languages again leaves it, whether it
        was changed in Spanish or, before Spanish was added, in English."""
        load_languages(self.env)
        project = self.env.company.coordination_procurement_project_id
        project.with_context(lang="es_ES").write({"name": "Compras urgentes"})
        stage = project.type_ids.sorted("sequence")[0]
        self.env.cr.execute(
            'UPDATE project_task_type SET name = \'{"en_US": "Buy now"}\' WHERE id = %s',
            [stage.id],
        )
        self.env.invalidate_all()
        load_languages(self.env)
        self.assertEqual(project.with_context(lang="es_ES").name, "Compras urgentes")
        self.assertEqual(project.with_context(lang="pt_BR").name, "Coordenação de suprimentos")
        self.assertEqual(stage.with_context(lang="es_ES").name, "Buy now")
        self.assertEqual(stage.with_context(lang="en_US").name, "Buy now")

    def test_missing_stages_made_again_in_every_language(self):
        """The stages removed, the scan makes them again, from a Spanish environment: each
        language still reads its own."""
        load_languages(self.env)
        company = self.env["res.company"].create({"name": "Fábrica Este"})
        project = company.coordination_procurement_project_id
        project.type_ids.unlink()
        project.with_context(lang="es_ES")._coordination_get_stages()
        for code, expected in self.EXPECTED_NAMES.items():
            with self.subTest(lang=code):
                self.assertEqual(self._names(company, code), expected)
