# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Large status reports as background jobs (OCA queue_job).

A status report (XLSX or PDF) whose scope holds more open manufacturing orders than the
threshold (system parameter ``production_coordination.status_report_job_threshold``, default
``REPORT_JOB_THRESHOLD``) is not built in the user's request: the action records a
``coordination.status.report.export``, enqueues one job for it (``_prepare_file_job``, channel
``root.coordination_report``) and answers at once ("being prepared"). The job builds the file
as the user who asked (their record rules decide what the report holds), stores it as an
attachment of the export (readable by that user and the coordinators of the export's company
only, through the export's record rules) and sends the user a notification with a download
link; a job that fails for good marks the export failed and tells the user.

Files are kept ``REPORT_KEEP_DAYS`` days, then removed by the daily autovacuum and whenever the
same user asks for another large report.
"""

import json
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from .coordination_status_report import XLSX_MIMETYPE

REPORT_CHANNEL = "root.coordination_report"
# Open MOs in a report's scope above which the report is prepared by a job (the growth bench:
# the XLSX of 10,000 MOs takes 2.5 s, so 2,000 take about half a second in the request).
REPORT_JOB_THRESHOLD = 2000
REPORT_JOB_THRESHOLD_PARAM = "production_coordination.status_report_job_threshold"
REPORT_KEEP_DAYS = 7
REPORT_MAX_RETRIES = 3
# The bus notification the web client turns into a notification with a Download button
# (static/src/report_ready/report_ready_service.js).
REPORT_READY_NOTIFICATION = "production_coordination.report_ready"
REPORT_FORMATS = [("xlsx", "XLSX"), ("pdf", "PDF")]
PDF_REPORT = "production_coordination.action_report_status"


class CoordinationStatusReportExport(models.Model):
    _name = "coordination.status.report.export"
    _description = "Prepared Status Report"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    report_format = fields.Selection(REPORT_FORMATS, string="Format", required=True, readonly=True)
    filters = fields.Json(readonly=True, help="The report's filters, as validated.")
    order_count = fields.Integer("Orders", readonly=True, aggregator=None)
    state = fields.Selection(
        [("pending", "Being prepared"), ("done", "Ready"), ("failed", "Failed")],
        default="pending",
        required=True,
        readonly=True,
    )
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    error = fields.Char(readonly=True)
    date_expire = fields.Datetime(
        "Removed After",
        required=True,
        readonly=True,
        default=lambda self: fields.Datetime.now() + timedelta(days=REPORT_KEEP_DAYS),
    )
    download_url = fields.Char(compute="_compute_download_url")

    @api.depends("attachment_id")
    def _compute_download_url(self):
        for export in self:
            export.download_url = (
                f"/web/content/{export.attachment_id.id}?download=true"
                if export.attachment_id
                else False
            )

    # Requests ---------------------------------------------------------------------------------

    @api.model
    def _job_threshold(self):
        """Open MOs above which a report is prepared in the background (system parameter,
        a non-negative integer; anything else falls back to the default)."""
        value = self.env["ir.config_parameter"].sudo().get_param(REPORT_JOB_THRESHOLD_PARAM)
        try:
            threshold = int(value) if value not in (None, False, "") else REPORT_JOB_THRESHOLD
        except ValueError:
            return REPORT_JOB_THRESHOLD
        return threshold if threshold >= 0 else REPORT_JOB_THRESHOLD

    @api.model
    def _request(self, scope, report_format):
        """What the report buttons do for a validated, allowed `scope`: False when the report
        is small (the caller downloads it at once), else the client action that tells the user
        it is being prepared (a job waits for it)."""
        Dashboard = self.env["coordination.dashboard"]
        count = self.env["mrp.production"].search_count(Dashboard._production_domain(scope))
        if count <= self._job_threshold():
            return False
        export = self._enqueue(Dashboard._filter_values(scope), report_format, count)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": _("Status Report"),
                "message": _(
                    "The status report covers %(count)s orders: it is being prepared in the "
                    "background (%(name)s). You will be notified when it is ready to download.",
                    count=count,
                    name=export.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _enqueue(self, filters, report_format, count):
        """The user's export for these filters and format: the one already being prepared
        (asking twice prepares one file), else a new one with its job."""
        if report_format not in dict(REPORT_FORMATS):
            raise UserError(_("Unknown status report format: %s", report_format))
        self._gc_expired(self.env.user)
        # sudo: the export is the bookkeeping of the job (users only read theirs); what the
        # report shows is decided when the job runs as the user.
        Export = self.sudo()
        key = json.dumps(filters, sort_keys=True)
        waiting = Export.search(
            [
                ("user_id", "=", self.env.uid),
                ("report_format", "=", report_format),
                ("state", "=", "pending"),
            ]
        ).filtered(lambda export: json.dumps(export.filters, sort_keys=True) == key)
        if waiting:
            return waiting[0].sudo(False)
        companies = self.env["res.company"].browse(filters["company_ids"])
        company = self.env.company if self.env.company in companies else companies[:1]
        today = fields.Date.context_today(self)
        export = Export.create(
            {
                "name": f"status-report-{today}.{report_format}",
                "user_id": self.env.uid,
                "company_id": company.id,
                "report_format": report_format,
                "filters": filters,
                "order_count": count,
            }
        ).sudo(False)
        export.with_delay(
            channel=REPORT_CHANNEL,
            description=self.env._("Status report (%s) for %s", report_format, self.env.user.name),
            identity_key=f"coordination_status_report_export_{export.id}",
            max_retries=REPORT_MAX_RETRIES,
        )._prepare_file_job()
        return export

    # The job ----------------------------------------------------------------------------------

    def _prepare_file_job(self):
        """The job: build the file as the user who asked, attach it, notify them. Does nothing
        for an export already built (a retry) or removed since (none left to build).

        :return: the attachment's id, kept as the job's result
        """
        export = self.exists()
        if not export:
            return False
        export.ensure_one()
        if export.state == "done":
            return export.attachment_id.id
        filters = export.filters or {}
        report = self.env["coordination.status.report"].with_context(
            allowed_company_ids=filters.get("company_ids") or export.company_id.ids
        )
        try:
            if export.report_format == "xlsx":
                content, mimetype = report._build_xlsx(filters), XLSX_MIMETYPE
            else:
                content, mimetype = export._build_pdf(report.env, filters), "application/pdf"
        except psycopg2.OperationalError as error:
            # A concurrency error of the database: try again later, reading everything again.
            raise RetryableJobError(str(error)) from error
        # sudo: the file belongs to the export, which users only read (record rules decide
        # who may download it: the user and the company's coordinators).
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": export.name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": export._name,
                    "res_id": export.id,
                }
            )
        )
        export.sudo().write({"state": "done", "attachment_id": attachment.id, "error": False})
        export._notify_ready()
        return attachment.id

    def _build_pdf(self, env, filters):
        """The PDF of the status report for `filters`, rendered as the job's user (the report
        prints a wizard: one made for the job, in its transaction)."""
        wizard = env["coordination.status.report.wizard"].create(
            {
                "company_ids": [(6, 0, filters.get("company_ids") or [])],
                "warehouse_id": filters.get("warehouse_id") or False,
                "department_ids": [(6, 0, filters.get("department_ids") or [])],
            }
        )
        content, _report_type = env["ir.actions.report"]._render_qweb_pdf(PDF_REPORT, wizard.ids)
        return content

    def _notify_ready(self):
        user = self.user_id
        if user.id == SUPERUSER_ID or user.share:
            return
        user._bus_send(
            REPORT_READY_NOTIFICATION,
            {
                "title": self.env._("Status Report"),
                "message": self.env._(
                    "%(name)s is ready (%(count)s orders).", name=self.name, count=self.order_count
                ),
                "url": self.download_url,
                "type": "success",
            },
        )

    def _mark_failed(self, error):
        """The jobs of these exports failed for good: say so on them and to their users."""
        self.sudo().write({"state": "failed", "error": error})
        for export in self:
            user = export.user_id
            if user.id == SUPERUSER_ID or user.share:
                continue
            user._bus_send(
                "simple_notification",
                {
                    "title": self.env._("Status Report"),
                    "message": self.env._(
                        "The status report %(name)s could not be prepared: %(error)s",
                        name=export.name,
                        error=error,
                    ),
                    "type": "danger",
                    "sticky": True,
                },
            )

    # Clean-up ---------------------------------------------------------------------------------

    @api.model
    def _gc_expired(self, user=None):
        """Remove the exports past their date (their files with them); only `user`'s when
        given (on their next large report), else all (the daily autovacuum)."""
        domain = [("date_expire", "<", fields.Datetime.now())]
        if user:
            domain.append(("user_id", "=", user.id))
        # sudo: the system removes what it stored; users may not delete exports.
        self.sudo().search(domain).unlink()

    @api.autovacuum
    def _gc_expired_exports(self):
        self._gc_expired()


class QueueJob(models.Model):
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "failed":
            self._coordination_fail_report_exports()
        return result

    def _coordination_fail_report_exports(self):
        jobs = self.filtered(
            lambda job: job.model_name == "coordination.status.report.export"
            and job.method_name == "_prepare_file_job"
        )
        for job in jobs:
            exports = job.records.sudo().exists().filtered(lambda e: e.state != "done")
            exports._mark_failed(job.exc_message or job.exc_name or "")
