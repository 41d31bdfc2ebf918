# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Texts the media addon keeps about a record read in the READER's language, whoever (or
whichever cron) computed them: the conflict details of a booking, a day and a production, a
production's priority explanation, a recommendation; and the call sheet PDF mailed to each
crew member is in that person's language. Only the addons' terms are loaded."""

import importlib.util
from datetime import datetime, time, timedelta
from pathlib import Path

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import MEDIA_COORDINATOR, MONDAY, MediaCase, load_languages

# The queries of one page of each list, whatever the number of conflicts on it.
QUERIES_OF_PAGE = {"media.booking": 18, "media.production.day": 18, "project.project": 18}


@tagged("post_install", "-at_install")
class TestMediaStoredTextsI18n(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(
            cls.env, modules=("production_coordination", "production_coordination_media")
        )
        # Two media coordinators of the same company: Mia reads English, Marta Spanish.
        cls.coordinator.lang = "en_US"
        cls.coordinador = new_test_user(
            cls.env,
            "pcm_media_coordinadora",
            groups=MEDIA_COORDINATOR,
            name="Marta Coordinadora",
            email="marta@example.com",
            lang="es_ES",
            tz="UTC",
        )

    def _env_of(self, user):
        """The environment of a request by ``user``, in their language."""
        return self.env(user=user, context=user.with_user(user).context_get())

    def _read_as(self, user, records, fname):
        records.invalidate_recordset([fname])
        return records.with_env(self._env_of(user))[fname]

    def _double_booking(self, author, start=MONDAY, people=None):
        """Ana (or ``people``) booked on overlapping days of two productions, by ``author``
        (in their language): [(booking in production A, its day)]."""
        env = self._env_of(author)
        Day, Booking = env["media.production.day"], env["media.booking"]
        day_a = Day.create(
            {
                "project_id": self.production_a.id,
                "date_call": start,
                "date_wrap": start + timedelta(hours=10),
                "tz": "UTC",
            }
        )
        day_b = Day.create(
            {
                "project_id": self.production_b.id,
                "date_call": start + timedelta(hours=3),
                "date_wrap": start + timedelta(hours=13),
                "tz": "UTC",
            }
        )
        result = []
        for person in people or self.ana:
            result.append(
                (Booking.create({"day_id": day_a.id, "crew_member_id": person.id}), day_a)
            )
            Booking.create({"day_id": day_b.id, "crew_member_id": person.id})
        self.env.flush_all()
        return result

    def test_conflicts_read_in_the_readers_language(self):
        """Booked by the Spanish coordinator, read by both; then the other way round."""
        for week, author in enumerate((self.coordinador, self.coordinator)):
            [(booking, day)] = self._double_booking(author, MONDAY + timedelta(days=7 * week))
            self.assertEqual(booking.conflict_count, 1)
            for records, fname in (
                (booking, "conflict_description"),
                (day, "conflict_description"),
                (self.production_a, "coordination_conflict_description"),
            ):
                english = self._read_as(self.coordinator, records, fname)
                spanish = self._read_as(self.coordinador, records, fname)
                self.assertIn("also booked", english)
                self.assertNotIn("también reservad", english)
                self.assertIn("también reservad", spanish, (author.login, fname))
                self.assertNotIn("also booked", spanish, (author.login, fname))

    def test_conflict_dates_in_the_readers_format(self):
        """The dates worded in a conflict (a crew member's unavailability) follow the
        reader's language."""
        self.env["media.crew.unavailability"].create(
            {
                "crew_member_id": self.ana.id,
                "date_from": MONDAY.date(),
                "date_to": MONDAY.date() + timedelta(days=1),
            }
        )
        booking = self._book(self._day(self.production_a), self.ana)
        english = self._read_as(self.coordinator, booking, "conflict_description")
        spanish = self._read_as(self.coordinador, booking, "conflict_description")
        self.assertIn("03/03/2031", english)  # en_US: %m/%d/%Y
        self.assertIn("03/03/2031", spanish)  # es_ES: %d/%m/%Y, the same date that day
        self.assertIn("03/04/2031", english)
        self.assertIn("04/03/2031", spanish)

    def test_list_of_conflicts_reads_in_constant_queries(self):
        """A list page of bookings, of days and the productions board with their conflict
        details: the same queries for 2 as for 12 bookings in conflict (the conflicts are found
        for the whole page at once)."""
        env = self._env_of(self.coordinador)
        productions = self.production_a | self.production_b
        pages = [
            (
                "media.booking",
                [("conflict_count", ">", 0), ("project_id", "=", self.production_a.id)],
                {"resource_name": {}, "conflict_count": {}, "conflict_description": {}},
            ),
            (
                "media.production.day",
                [("project_id", "in", productions.ids)],
                {"display_name": {}, "conflict_count": {}, "conflict_description": {}},
            ),
            (
                "project.project",
                [("id", "in", productions.ids)],
                {
                    "name": {},
                    "coordination_conflict_count": {},
                    "coordination_conflict_description": {},
                },
            ),
        ]

        def read(model, domain, spec):
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_OF_PAGE[model]):
                return env[model].web_search_read(domain, spec, limit=80)["records"]

        people = self.ana | self.ben
        self._double_booking(self.coordinator, people=people)
        for page in pages * 2:  # warm the caches (translations, fields, access rules)
            self.env.invalidate_all()
            env[page[0]].web_search_read(*page[1:])
        self.assertEqual([len(read(*page)) for page in pages], [2, 2, 2])
        for week in range(1, 6):
            self._double_booking(self.coordinator, MONDAY + timedelta(days=7 * week), people)
        for page, count in zip(pages, [12, 12, 2], strict=True):
            rows = read(*page)
            self.assertEqual(len(rows), count)
            fname = list(page[2])[-1]
            self.assertTrue(all("también reservad" in row[fname] for row in rows), page[0])

    def test_priority_explanation_in_the_readers_language(self):
        """Refreshed by whoever changed a production (here in Spanish), explained to each
        reader in their own language, numbers in its format."""
        production = self.production_a.with_env(self._env_of(self.coordinador))
        production.write({"coordination_client_tier": "key", "coordination_contract_value": 10.0})
        english = self._read_as(self.coordinator, production, "coordination_priority_explanation")
        spanish = self._read_as(self.coordinador, production, "coordination_priority_explanation")
        self.assertIn("Client tier: Key", english)
        self.assertIn("Nivel del cliente", spanish)
        self.assertNotIn("Client tier", spanish)
        score = self.production_a.coordination_priority_score
        self.assertIn(f"Score {score:.1f}", english)
        self.assertIn(f"Puntuación {score:.1f}".replace(".", ","), spanish)
        # The dashboard's productions carry the same words.
        dashboard = self.env["media.dashboard"].with_env(self._env_of(self.coordinador))
        rows = dashboard.get_dashboard_data()["productions"]
        [row] = [row for row in rows if row["id"] == self.production_a.id]
        self.assertIn("Nivel del cliente", row["explanation"])

    def test_explanations_of_a_database_made_before(self):
        """18.0.1.3.0's post-migrate: productions scored before the facts were kept are scored
        again (their explanation does not wait for the daily refresh)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE project_project SET coordination_priority_facts = NULL WHERE id = %s",
            [self.production_a.id],
        )
        self.env.invalidate_all()
        self.assertFalse(self.production_a.coordination_priority_explanation)
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.3.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pcm_post_migrate_1_3", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        spanish = self._read_as(
            self.coordinador, self.production_a, "coordination_priority_explanation"
        )
        self.assertIn("Nivel del cliente", spanish)

    def test_recommendations_of_the_cron_in_the_readers_language(self):
        """Computed by the daily cron (superuser, English), read in each reader's language."""
        today = fields.Date.context_today(self.env["media.recommendation"])
        self.env.company.write(
            {
                "coordination_recommendation_window_days": 10,
                "coordination_recommendation_utilisation_low": 50.0,
            }
        )
        idle = self.env["maintenance.equipment"].create(
            {
                "name": "Idle crane",
                "coordination_is_bookable": True,
                "effective_date": today - timedelta(days=300),
            }
        )
        start = datetime.combine(today - timedelta(days=2), time(7, 0))
        self._book(self._day(self.production_a, start=start), idle)
        self.env["media.recommendation"].with_context(lang="en_US")._cron_compute_recommendations()
        retire = self.env["media.recommendation"].search(
            [("equipment_id", "=", idle.id), ("kind", "=", "retire")]
        )
        self.assertEqual(len(retire), 1)
        english = retire.with_env(self._env_of(self.coordinator))
        spanish = retire.with_env(self._env_of(self.coordinador))
        self.assertIn("Utilisation (10.0 %)", english.rule)
        self.assertIn("Utilización (10,0 %)", spanish.rule)
        self.assertIn("Last 10 days", english.figures)
        self.assertIn("Últimos 10 días", spanish.figures)
        self.assertIn("Retire or sell", english.name)
        self.assertIn("Retirar o vender", spanish.name)
        # Recomputed (figures refreshed), each language is refreshed too.
        self._book(
            self._day(self.production_a, start=start - timedelta(days=1)),
            idle,
        )
        self.env["media.recommendation"].with_context(lang="es_ES")._cron_compute_recommendations()
        retire.invalidate_recordset()
        self.assertIn("Utilisation (20.0 %)", english.rule)
        self.assertIn("Utilización (20,0 %)", spanish.rule)

    def test_call_sheet_pdf_in_each_recipients_language(self):
        """One send by an English coordinator: Ana (Spanish) gets the call sheet PDF rendered in
        Spanish, Ben (English) in English; each language rendered once and kept."""
        self.ana.partner_id.lang = "es_ES"
        self.ben.partner_id.lang = "en_US"
        day = self._day(self.production_a)
        self._book(day, self.ana)
        self._book(day, self.ben)
        day = day.with_env(self._env_of(self.coordinator))
        day.action_publish()
        day.action_send_call_sheet()
        revision = day.revision_id
        mails = self.env["mail.mail"].search(
            [("model", "=", "media.call.sheet.recipient"), ("res_id", "in", day.recipient_ids.ids)]
        )
        ana = mails.filtered(lambda mail: self.ana.partner_id in mail.recipient_ids)
        ben = mails.filtered(lambda mail: self.ben.partner_id in mail.recipient_ids)
        self.assertEqual((len(ana.attachment_ids), len(ben.attachment_ids)), (1, 1))
        self.assertNotEqual(ana.attachment_ids, ben.attachment_ids)
        self.assertTrue(ana.attachment_ids.name.endswith("[es_ES].pdf"))
        self.assertTrue(ben.attachment_ids.name.endswith("[en_US].pdf"))
        self.assertIn("Hoja de llamado", ana.attachment_ids.name)
        # (Under test Odoo renders the report's HTML instead of calling wkhtmltopdf.)
        spanish = ana.attachment_ids.raw.decode()
        english = ben.attachment_ids.raw.decode()
        self.assertIn('data-oe-lang="es_ES"', spanish)
        self.assertIn('data-oe-lang="en_US"', english)
        self.assertIn("lunes", spanish)
        self.assertNotIn("lunes", english)
        self.assertIn(revision.attachment_id, ana.attachment_ids | ben.attachment_ids)
        # Kept: asked again, the same PDFs.
        self.assertEqual(revision._get_call_sheet_attachment("es_ES"), ana.attachment_ids)
        self.assertEqual(revision._get_call_sheet_attachment("en_US"), ben.attachment_ids)
