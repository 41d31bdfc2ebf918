# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dates this addon writes into names and messages read in the user's date format (issue 19's
walk in Spanish: a check-in's name and a refused committed date showed 2026-11-21)."""

from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import GROUP_MANAGER, GROUP_SUPERVISOR, MONDAY_8, RouteCase
from .test_production_review import ReviewCase


@tagged("post_install", "-at_install")
class TestUserFormats(RouteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.es_coordinator = cls._user(
            "pcf_es_coordinator", GROUP_MANAGER, "Carmen Coordinadora", lang="es_ES"
        )
        cls.es_supervisor = cls._user(
            "pcf_es_supervisor", GROUP_SUPERVISOR, "Sergio Supervisor", lang="es_ES"
        )
        cls.assembly.supervisor_id = cls.es_supervisor

    @staticmethod
    def _as(record, user):
        """The record as the web client reads it for this user (their language and zone)."""
        return record.with_user(user).with_context(lang=user.lang, tz=user.tz)

    def test_checkin_name_in_user_date_format(self):
        checkin = self.env["coordination.checkin"].create(
            {"department_id": self.assembly.id, "date_requested": MONDAY_8}
        )
        name = self._as(checkin, self.es_supervisor).display_name
        self.assertIn("23/11/2026", name)  # es_ES: %d/%m/%Y
        self.assertNotIn("2026-11-23", name)
        # In English, the US format (another request: the name is not cached across them).
        checkin.invalidate_recordset(["display_name"])
        self.assertIn("11/23/2026", self._as(checkin, self.coordinator).display_name)

    def test_refused_committed_date_in_user_date_format(self):
        production = self._make_mo()
        with self.assertRaises(ValidationError) as error:
            self._as(production, self.es_coordinator)._coordination_revise_committed_date(
                datetime(9999, 12, 31, 12, 0), "Errata"
            )
        self.assertIn("31/12/9999", error.exception.args[0])
        self.assertNotIn("9999-12-31", error.exception.args[0])
        self.assertFalse(production.coordination_date_revision_ids)


@tagged("post_install", "-at_install")
class TestUserFormatsReview(ReviewCase):
    """The binding constraint a production review words for the quotation (issue 19's walk in
    Portuguese: "vendor lead time 12.0 days" on a Brazilian salesperson's quotation)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.coordinator.lang = "es_ES"

    def _review_es(self, lines):
        """The constraint of a review run in Spanish, as a Spanish salesperson reads it (an
        English one reads it in English: TestProductionReviewLanguages)."""
        self.order = self._quote(lines, days=40)
        self.order.with_user(self.coordinator).with_context(
            lang="es_ES"
        ).action_coordination_review()
        return (
            self.order.with_user(self.salesman)
            .with_context(lang="es_ES")
            .coordination_review_constraint
        )

    def test_vendor_lead_time_without_float_digits(self):
        self._stock(100, self.screw)
        constraint = self._review_es([(self.frame, 2)])
        self.assertIn(self.rod.display_name, constraint)
        self.assertIn(" 20 ", constraint)
        self.assertNotIn("20.0", constraint)

    def test_hours_of_work_in_reviewer_number_format(self):
        # 5 blanks of 30 min on the saw, nothing to buy: the saw's 2.5 hours bind.
        constraint = self._review_es([(self.blank, 5)])
        self.assertIn(self.cutting.name, constraint)
        self.assertIn("2,5", constraint)  # es_ES: decimal comma
        self.assertNotIn("2.5", constraint)
        english = self.order.with_user(self.salesman).with_context(lang="en_US")
        self.assertIn("2.5 h of work", english.coordination_review_constraint)
