# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_time

from odoo.addons.production_coordination.tools import tz_name

from ..models.const import REVISION_HEX

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"


class ReportCallSheet(models.AbstractModel):
    """The call sheet of production days. Coordinators print the current schedule (marked as
    a draft while it differs from the last revision); crew print the last published revision
    of the days they are booked on."""

    _name = "report.production_coordination_media.report_call_sheet"
    _description = "Call Sheet"

    @api.model
    def _prepare_sheet(self, data, revision=None):
        """Call sheet data (see `media.production.day._get_call_sheet_data`) ready to print:
        times in the day's time zone, crew and equipment grouped by department."""
        tz = tz_name(data.get("tz"))

        def when(value):
            return (
                format_time(
                    self.env, fields.Datetime.to_datetime(value), tz=tz, time_format="short"
                )
                if value
                else ""
            )

        departments = {}
        for entry in sorted(
            data.get("bookings", {}).values(),
            key=lambda e: (e.get("call") or "", e.get("name") or ""),
        ):
            key = (entry.get("department_sequence") or 0, entry.get("department") or "")
            department = departments.setdefault(
                key, {"name": key[1] or _("Other"), "crew": [], "equipment": []}
            )
            department["crew" if entry["kind"] == "crew" else "equipment"].append(
                dict(
                    entry,
                    call_display=when(entry.get("call")),
                    wrap_display=when(entry.get("wrap")),
                )
            )
        return dict(
            data,
            date_display=data.get("date")
            and format_date(self.env, data["date"], date_format="full"),
            call_display=when(data.get("call")),
            wrap_display=when(data.get("wrap")),
            departments=[departments[key] for key in sorted(departments)],
            revision_label=revision.display_name if revision else _("Draft – not published"),
            revision_hex=REVISION_HEX.get(revision.color, "#ffffff") if revision else "#eeeeee",
            is_draft=not revision,
        )

    @api.model
    def _get_report_values(self, docids, data=None):
        days = self.env["media.production.day"].browse(docids)
        # Crew users read only the days they are booked on, and print what was published:
        # the revision's frozen call sheet (everybody's calls), not the bookings themselves.
        days._check_call_sheet_printable()
        is_coordinator = self.env.user.has_group(MEDIA_COORDINATOR)
        live = days._get_call_sheet_data() if is_coordinator else {}
        sheets = []
        for day in days:
            revision = day.revision_id
            if is_coordinator and (not revision or day.has_pending_changes):
                sheets.append(self._prepare_sheet(live[day.id]))
            elif revision:
                sheets.append(self._prepare_sheet(revision.snapshot, revision=revision))
            else:
                raise UserError(_("The call sheet of %s is not published yet.", day.display_name))
        return {"doc_ids": docids, "doc_model": days._name, "docs": days, "sheets": sheets}


class ReportCallSheetRevision(models.AbstractModel):
    """The call sheet as one revision froze it (what was sent)."""

    _name = "report.production_coordination_media.report_call_sheet_revision"
    _description = "Call Sheet Revision"

    @api.model
    def _get_report_values(self, docids, data=None):
        revisions = self.env["media.revision"].browse(docids)
        revisions._check_printable()
        report = self.env["report.production_coordination_media.report_call_sheet"]
        sheets = [
            report._prepare_sheet(revision.snapshot or {}, revision=revision)
            for revision in revisions
        ]
        return {
            "doc_ids": docids,
            "doc_model": revisions._name,
            "docs": revisions,
            "sheets": sheets,
        }
