# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The day's date on a call sheet in the reader's language's own long format (issue 19's walk
in Portuguese: "segunda-feira 7 dezembro 2026", a fixed English pattern without the
language's commas and prepositions)."""

from datetime import date

from odoo.tests import tagged, users

from .common import MediaCase


@tagged("post_install", "-at_install")
class TestMediaUserFormats(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pt_BR")

    @users("pcm_media_coordinator")
    def test_call_sheet_date_in_reader_long_format(self):
        Report = self.env["report.production_coordination_media.report_call_sheet"]
        sheet = {"date": date(2031, 3, 3)}
        pt = Report.with_context(lang="pt_BR")._prepare_sheet(sheet)
        self.assertEqual(pt["date_display"], "segunda-feira, 3 de março de 2031")
        en = Report.with_context(lang="en_US")._prepare_sheet(sheet)
        self.assertEqual(en["date_display"], "Monday, March 3, 2031")
