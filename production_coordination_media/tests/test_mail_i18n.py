# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every mail the media addon sends to a person is written in that person's language and
shows times in their time zone (a call time stays in the day's local time and names the
day's zone when the person lives in another one). Only the addons' terms are loaded."""

from datetime import date, datetime

from odoo.tests import Form, freeze_time, new_test_user, tagged, users
from odoo.tools import format_date

from .common import MediaCase, load_languages
from .test_media_budget import MediaBudgetCase
from .test_media_review import MediaReviewCase

PRODUCER = "production_coordination_media.group_media_producer"
MONDAY = datetime(2031, 3, 3, 8, 0)


@tagged("post_install", "-at_install")
class TestMediaMailI18n(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(
            cls.env, modules=("production_coordination", "production_coordination_media")
        )
        # Ana reads Spanish in Madrid; Ben reads English in São Paulo.
        cls.ana.partner_id.write({"lang": "es_ES", "tz": "Europe/Madrid"})
        cls.ben.partner_id.write({"lang": "en_US", "tz": "America/Sao_Paulo"})
        cls.coordinator.partner_id.write({"lang": "en_US", "tz": "UTC"})

    def _mails(self, records):
        # The outgoing mail queue is for administrators: read it as the superuser.
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", records._name), ("res_id", "in", records.ids)], order="id")
        )

    def _mail_to(self, mails, partner):
        return mails.filtered(lambda mail: partner in mail.recipient_ids)

    def _sent_call_sheet(self):
        day = self._day(self.production_a, tz="Europe/Madrid")
        self._book(day, self.ana)
        self._book(day, self.ben)
        day = day.with_user(self.coordinator)
        day.action_publish()
        day.action_send_call_sheet()
        return day

    @users("pcm_media_coordinator")
    def test_call_sheet_in_each_language(self):
        """One send, two languages: the subject, body, date and day name of each mail are in
        its recipient's language, whatever the coordinator's."""
        day = self._sent_call_sheet()
        mails = self._mails(day.recipient_ids)
        ana, ben = (
            self._mail_to(mails, self.ana.partner_id),
            self._mail_to(mails, self.ben.partner_id),
        )
        self.assertEqual((len(ana), len(ben)), (1, 1))
        self.assertIn("· su llamado ", ana.subject)
        self.assertIn("lunes, 3 de marzo de 2031", ana.subject)  # babel's es "full" date
        self.assertIn("Día de rodaje", ana.subject)
        self.assertIn("Confirmar mi hora de llamado", str(ana.body_html))
        self.assertIn("· your call ", ben.subject)
        self.assertIn("Monday, March 3, 2031", ben.subject)
        self.assertIn("Shoot day", ben.subject)
        self.assertNotIn("Día de rodaje", str(ben.body_html))

    @users("pcm_media_coordinator")
    def test_call_time_names_the_day_zone(self):
        """The call time stays the day's local time (Madrid); São Paulo's Ben is told the zone,
        Madrid's Ana is not."""
        day = self._sent_call_sheet()
        mails = self._mails(day.recipient_ids)
        ana, ben = (
            self._mail_to(mails, self.ana.partner_id),
            self._mail_to(mails, self.ben.partner_id),
        )
        self.assertIn("(Europe/Madrid)", ben.subject)
        self.assertIn("(Europe/Madrid)", str(ben.body_html))
        self.assertNotIn("(Europe/Madrid)", ana.subject)

    @users("pcm_media_coordinator")
    def test_call_sheet_reminder_in_each_language(self):
        day = self._sent_call_sheet()
        before = self._mails(day.recipient_ids)
        day.recipient_ids._send_reminder()
        reminders = self._mails(day.recipient_ids) - before
        ana = self._mail_to(reminders, self.ana.partner_id)
        ben = self._mail_to(reminders, self.ben.partner_id)
        self.assertIn("lunes, 3 de marzo de 2031", ana.subject)
        self.assertIn("Día de rodaje", ana.subject)
        self.assertIn("Monday, March 3, 2031", ben.subject)
        self.assertIn("(Europe/Madrid)", ben.subject)

    @users("pcm_media_coordinator")
    def test_revision_changes_in_each_language(self):
        """A revision's list of changes is written in each recipient's language."""
        day = self._sent_call_sheet()
        before = self._mails(day.recipient_ids)
        scene = self.env["project.task"].create(
            {"name": "Sc. 9 night", "project_id": self.production_a.id}
        )
        day.task_ids |= scene
        day._issue_revision("production", "A night scene")
        mails = self._mails(day.recipient_ids) - before
        ana, ben = (
            self._mail_to(mails, self.ana.partner_id),
            self._mail_to(mails, self.ben.partner_id),
        )
        self.assertEqual((len(ana), len(ben)), (1, 1))
        self.assertIn("Escena agregada: Sc. 9 night", str(ana.body_html))
        self.assertIn("Scene added: Sc. 9 night", str(ben.body_html))

    def test_digest_in_each_language_and_zone(self):
        """The weekly digest: one mail per language and time zone, its subject and body in the
        recipient's language, its time in the recipient's zone."""
        self.production_a.coordination_phase = "production"
        spanish = new_test_user(
            self.env,
            "pcm_producer_es",
            groups=PRODUCER,
            email="es@example.com",
            lang="es_ES",
            tz="Europe/Madrid",
        )
        brazil = new_test_user(
            self.env,
            "pcm_producer_sp",
            groups=PRODUCER,
            email="sp@example.com",
            lang="en_US",
            tz="America/Sao_Paulo",
        )
        with freeze_time(MONDAY):
            mails = self.env["media.digest"]._send_digest(self.env.company)
        es = self._mail_to(mails, spanish.partner_id)
        sp = self._mail_to(mails, brazil.partner_id)
        self.assertNotEqual(es, sp)
        self.assertIn("producciones audiovisuales de esta semana", es.subject)
        self.assertIn("Producciones audiovisuales de", str(es.body_html))
        self.assertIn("media productions this week", sp.subject)
        # 08:00 UTC: 09:00 in Madrid, 05:00 in São Paulo.
        self.assertIn("09:00", str(es.body_html))
        self.assertIn("05:00", str(sp.body_html))
        self.assertNotIn("08:00", str(sp.body_html))
        self.assertEqual(len(mails.attachment_ids), len(mails))


@tagged("post_install", "-at_install")
class TestMediaMessageI18n(MediaCase):
    """Messages and to-dos for people (the production report to the producers, the escalation
    of a past-due problem) are in each person's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(
            cls.env, modules=("production_coordination", "production_coordination_media")
        )
        cls.coordinator.partner_id.write({"lang": "en_US", "tz": "UTC"})
        cls.producer = new_test_user(
            cls.env,
            "pcm_mail_producer",
            groups=PRODUCER,
            name="Pilar Productora",
            email="pilar@example.com",
            lang="es_ES",
            tz="Europe/Madrid",
        )
        cls.production_a.write(
            {
                "coordination_coordinator_id": cls.coordinator.id,
                "coordination_producer_id": cls.producer.partner_id.id,
            }
        )

    def test_production_report_in_each_language(self):
        """The producer (Spanish) and the other producers (English) each get the report in
        their language: one message per language, the day named in it."""
        english = new_test_user(
            self.env,
            "pcm_mail_producer_en",
            groups=PRODUCER,
            email="eng@example.com",
            lang="en_US",
            tz="UTC",
        )
        day = self._day(self.production_a)
        self._book(day, self.ana)
        action = day.with_user(self.coordinator).action_open_production_report()
        report = (
            self.env["media.production.report"].with_user(self.coordinator).browse(action["res_id"])
        )
        report.action_send()
        messages = report.message_ids.filtered("attachment_ids")
        es = messages.filtered(lambda m: self.producer.partner_id in m.partner_ids)
        en = messages.filtered(lambda m: english.partner_id in m.partner_ids)
        self.assertEqual((len(es), len(en)), (1, 1))
        self.assertNotIn(english.partner_id, es.partner_ids)
        # The day's type label is i19-i18n2's (selection labels); its number and date are ours.
        self.assertIn(" 1 de 1 – lun 3 mar", str(es.body))
        self.assertIn(" 1 of 1 – Mon 3 Mar", str(en.body))

    def test_escalation_in_each_language(self):
        """Each escalated person's to-do gives the due date in their language's format."""
        problem = (
            self.env["media.problem"]
            .with_user(self.coordinator)
            .create({"name": "Generator down", "project_id": self.production_a.id})
        )
        problem.sudo().date_due = date(2020, 1, 2)
        self.env["media.problem"]._cron_escalate()
        es = problem.activity_ids.filtered(lambda a: a.user_id == self.producer)
        en = problem.activity_ids.filtered(lambda a: a.user_id == self.coordinator)
        self.assertIn("02/01/2020", str(es.note))
        self.assertIn("01/02/2020", str(en.note))


@tagged("post_install", "-at_install")
class TestMediaReviewMailI18n(MediaReviewCase):
    """The review request and its reminder reach each client contact in their language (the
    due date in their format)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)
        cls.client_contact.write({"lang": "es_ES", "tz": "Europe/Madrid"})
        cls.client_other.write({"lang": "en_US", "tz": "America/Sao_Paulo"})

    def _mails(self, review_round):
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "media.review.request"),
                    ("res_id", "in", review_round.request_ids.ids),
                ]
            )
        )

    def _due(self, review_round, lang):
        return format_date(self.env(context={"lang": lang}), review_round.date_due)

    def test_review_request_and_reminder_in_each_language(self):
        self.deliverable.review_partner_ids = self.client_contact | self.client_other
        self._version(note="First cut")
        with freeze_time(MONDAY):
            review_round = self._send()
        es_due, en_due = self._due(review_round, "es_ES"), self._due(review_round, "en_US")
        self.assertNotEqual(es_due, en_due)
        for kind in ("request", "reminder"):
            with self.subTest(kind=kind):
                if kind == "reminder":
                    before = self._mails(review_round)
                    review_round.action_send_reminder()
                    mails = self._mails(review_round) - before
                else:
                    mails = self._mails(review_round)
                es = mails.filtered(lambda m: self.client_contact in m.recipient_ids)
                en = mails.filtered(lambda m: self.client_other in m.recipient_ids)
                self.assertEqual((len(es), len(en)), (1, 1))
                self.assertIn(es_due, str(es.body_html))
                self.assertIn(en_due, str(en.body_html))


@tagged("post_install", "-at_install")
class TestMediaRentalMailI18n(MediaBudgetCase):
    """The overdue-rental reminder is written in the coordinator's language and date format,
    whoever runs it (the cron)."""

    def test_overdue_reminder_in_the_coordinator_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.production_a.coordination_coordinator_id = self.coordinator
        self.coordinator.partner_id.lang = "es_ES"
        day = self._day(self.production_a)
        action = day.with_user(self.coordinator).action_request_rental()
        Rental = self.env["media.rental"].with_user(self.coordinator)
        with Form(Rental.with_context(**action["context"]), view=action["views"][0][0]) as form:
            form.partner_id = self.vendor
            form.name = "Crane"
            form.price_unit = 500
        crane = form.record
        crane.action_request()
        crane.purchase_id.with_user(self.coordinator).button_confirm()
        crane.action_pickup()
        crane.write({"date_pickup": date(2024, 1, 1), "date_return": date(2024, 1, 2)})
        self.env["media.rental"]._cron_remind_overdue()
        self.assertIn("02/01/2024", crane.activity_ids.summary)
        self.coordinator.partner_id.lang = "en_US"
        crane.date_return = date(2024, 1, 5)
        self.env["media.rental"]._cron_remind_overdue()
        self.assertIn("01/05/2024", crane.activity_ids.sorted("id")[-1].summary)
