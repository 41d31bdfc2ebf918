# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dates this addon writes into names and messages read in the user's date format (issue 19's
walk in Spanish: a check-in's name and a refused committed date showed 2026-11-21)."""

from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import GROUP_MANAGER, GROUP_SUPERVISOR, MONDAY_8, RouteCase


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
