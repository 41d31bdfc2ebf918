# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.exceptions import UserError
from odoo.http import request, route

from odoo.addons.report_xlsx.controllers.main import ReportController

from ..models.coordination_scope import MAX_ID

# The XLSX reports of both addons (report names production_coordination.*,
# production_coordination_media.*).
OUR_REPORTS = "production_coordination"


def check_xlsx_request(docids, data):
    """The record ids and the JSON parameters of /report/xlsx/<report>[/<ids>] as report_xlsx
    reads them: anything else is a UserError naming it (Odoo answers 400), where report_xlsx
    would fail with a server error (500)."""
    if docids and not all(
        value.strip().isdigit() and 0 < int(value) <= MAX_ID for value in docids.split(",")
    ):
        raise UserError(
            request.env._("The report's records must be record ids, not %s.", docids[:80])
        )
    for key in ("options", "context"):
        if not data.get(key):
            continue
        try:
            value = json.loads(data[key])
        except ValueError as error:
            raise UserError(
                request.env._(
                    "The report parameter %(key)s is not valid JSON (%(error)s).",
                    key=key,
                    error=error,
                )
            ) from error
        if not isinstance(value, dict):
            raise UserError(
                request.env._(
                    "The report parameter %(key)s must be a JSON object, not %(value)s.",
                    key=key,
                    value=data[key][:80],
                )
            )


class CoordinationReportController(ReportController):
    @route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        """Our XLSX reports: bad ids, options or context get a 400 naming them. Still
        `readonly` (web's route): a read replica serves the reports."""
        if converter == "xlsx" and reportname.startswith(OUR_REPORTS):
            check_xlsx_request(docids, data)
        return super().report_routes(reportname, docids=docids, converter=converter, **data)
