# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mail to a person is written in that person's language and shows times in their time zone:
the weekly status digest (one mail per language and zone), the vendor follow-up. Only this
addon's terms are loaded."""

from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

from .common import RouteCase

GROUP_MANAGER = "production_coordination.group_coordination_manager"
MONDAY_8 = datetime(2031, 3, 3, 8, 0)


@tagged("post_install", "-at_install")
class TestMailI18n(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._get("production_coordination")._update_translations(["es_ES"])
        cls.madrid = new_test_user(
            cls.env,
            "pc_mail_madrid",
            groups=GROUP_MANAGER,
            email="madrid@example.com",
            lang="es_ES",
            tz="Europe/Madrid",
        )
        cls.sao_paulo = new_test_user(
            cls.env,
            "pc_mail_sao_paulo",
            groups=GROUP_MANAGER,
            email="sp@example.com",
            lang="en_US",
            tz="America/Sao_Paulo",
        )

    def test_partner_mail_context(self):
        """A partner's own language and zone, else the company's, never an inactive one."""
        partner = self.madrid.partner_id
        self.assertEqual(
            partner._coordination_mail_context(), {"lang": "es_ES", "tz": "Europe/Madrid"}
        )
        company = self.env.company
        company.partner_id.write({"lang": "en_US", "tz": "Asia/Tokyo"})
        bare = self.env["res.partner"].create({"name": "No prefs"})
        bare.write({"lang": False, "tz": False})
        self.assertEqual(
            bare._coordination_mail_context(company), {"lang": "en_US", "tz": "Asia/Tokyo"}
        )
        # A language that is not active (fr_FR here), as an import can leave it.
        self.env.cr.execute("UPDATE res_partner SET lang = 'fr_FR' WHERE id = %s", [bare.id])
        bare.invalidate_recordset(["lang"])
        self.assertEqual(bare._coordination_mail_context(company)["lang"], "en_US")
        groups = (partner | self.sao_paulo.partner_id)._coordination_group_by_mail_context()
        self.assertEqual(
            groups,
            {
                ("es_ES", "Europe/Madrid"): partner,
                ("en_US", "America/Sao_Paulo"): self.sao_paulo.partner_id,
            },
        )

    def test_status_digest_in_each_language_and_zone(self):
        self.env.company.write(
            {
                "coordination_digest_user_ids": [Command.set((self.madrid | self.sao_paulo).ids)],
                "coordination_digest_partner_ids": [Command.clear()],
                "coordination_digest_supervisors": False,
            }
        )
        with freeze_time(MONDAY_8):
            mails = self.env["coordination.status.report"]._send_digest(self.env.company)
        es = mails.filtered(lambda m: self.madrid.partner_id in m.recipient_ids)
        sp = mails.filtered(lambda m: self.sao_paulo.partner_id in m.recipient_ids)
        self.assertEqual((len(es), len(sp)), (1, 1))
        self.assertIn("estado de la producción", es.subject)
        self.assertIn("Estado de la producción de", str(es.body_html))
        self.assertIn("production status", sp.subject)
        self.assertIn("Production status of", str(sp.body_html))
        # 08:00 UTC: 09:00 in Madrid, 05:00 in São Paulo.
        self.assertIn("09:00", str(es.body_html))
        self.assertIn("05:00", str(sp.body_html))
        self.assertNotIn("08:00", str(sp.body_html))


@tagged("post_install", "-at_install")
class TestCheckinMailI18n(RouteCase):
    """The daily check-in to-do is written in each supervisor's language, whoever runs it."""

    def test_checkin_reminder_in_each_supervisor_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._get("production_coordination")._update_translations(["es_ES"])
        self.sup_cut.partner_id.lang = "es_ES"
        self.sup_asm.partner_id.lang = "en_US"
        activity_type = self.env.ref("production_coordination.mail_activity_type_checkin")
        with freeze_time("2026-11-23 06:00:00"):
            production = self._make_mo()
            (self._wo(production, "Cut") | self._wo(production, "Drill")).button_finish()
            self._make_mo()
            self.env["coordination.checkin"]._cron_request_checkins()
        activities = self.env["mail.activity"].search([("activity_type_id", "=", activity_type.id)])
        es = activities.filtered(lambda a: a.user_id == self.sup_cut)
        en = activities.filtered(lambda a: a.user_id == self.sup_asm)
        self.assertTrue(es.summary.startswith("Informe de avance: "))
        self.assertTrue(en.summary.startswith("Check-in: "))
