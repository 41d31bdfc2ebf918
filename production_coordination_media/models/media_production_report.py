# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.production_coordination.models.coordination_format import format_number
from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
    check_action_group,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


class MediaProductionReport(models.Model):
    """The daily production report of a shoot day (the industry's "production report"): the
    actual call, meal and wrap per department, the scenes planned versus shot, the overtime
    against the booked wrap and the day's problems. Printed as a PDF and sent to the producer.

    Once sent, its figures feed the production's actuals (project.project: days reported,
    scenes shot, overtime hours)."""

    _name = "media.production.report"
    _description = "Daily Production Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    day_id = fields.Many2one(
        "media.production.day",
        string="Shoot Day",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('day_type', '=', 'shoot'), ('state', '!=', 'cancelled')]",
    )  # no check_company: the company follows the day (a new report has none yet)
    project_id = fields.Many2one(
        related="day_id.project_id", string="Production", store=True, index=True
    )
    company_id = fields.Many2one(related="day_id.company_id", store=True, index=True)
    date = fields.Date(related="day_id.date", store=True)
    tz = fields.Selection(related="day_id.tz")
    date_call_booked = fields.Datetime(related="day_id.date_call", string="Booked Call")
    date_wrap_booked = fields.Datetime(related="day_id.date_wrap", string="Booked Wrap")
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_sent = fields.Datetime("Sent On", readonly=True, copy=False)
    line_ids = fields.One2many(
        "media.production.report.line", "report_id", string="Departments", copy=True
    )
    scene_planned_ids = fields.Many2many(related="day_id.task_ids", string="Scenes Planned")
    scene_shot_ids = fields.Many2many(
        "project.task",
        "media_production_report_project_task_rel",
        "report_id",
        "task_id",
        string="Scenes Shot",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    scenes_planned_count = fields.Integer("Planned", compute="_compute_scene_counts", store=True)
    scenes_shot_count = fields.Integer("Shot", compute="_compute_scene_counts", store=True)
    overtime_hours = fields.Float(
        "Overtime (hours)",
        compute="_compute_overtime_hours",
        store=True,
        help="The departments' overtime added up: each one's actual wrap past the booked wrap.",
    )
    problem_ids = fields.Many2many(related="day_id.problem_ids", string="Problems of the Day")
    note = fields.Text("Notes")

    _sql_constraints = [
        ("day_uniq", "unique(day_id)", "A shoot day has one production report."),
    ]

    @api.depends("day_id.day_label", "day_id.date")
    @api.depends_context("lang")
    def _compute_name(self):
        for report in self:
            day = report.day_id
            report.name = _(
                "Production report – %(day)s, %(date)s",
                day=day.day_label or "",
                date=format_date(self.env, day.date) if day.date else "",
            )

    @api.depends("day_id.task_ids", "scene_shot_ids")
    def _compute_scene_counts(self):
        for report in self:
            report.scenes_planned_count = len(report.day_id.task_ids)
            report.scenes_shot_count = len(report.scene_shot_ids)

    @api.depends("line_ids.overtime_hours")
    def _compute_overtime_hours(self):
        for report in self:
            report.overtime_hours = sum(report.line_ids.mapped("overtime_hours"))

    @api.constrains("day_id")
    def _check_day(self):
        for report in self:
            if report.day_id.day_type != "shoot" or report.day_id.state == "cancelled":
                raise ValidationError(
                    _(
                        "%s: a production report is for a shoot day that is not cancelled.",
                        report.day_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        for report in reports.filtered(lambda r: not r.line_ids):
            report.line_ids = [Command.create(vals) for vals in report._prepare_line_vals()]
        return reports

    def _prepare_line_vals(self):
        """One line per department booked on the day, its call and wrap as booked (the
        coordinator enters the actual ones)."""
        self.ensure_one()
        by_department = defaultdict(lambda: self.env["media.booking"])
        for booking in self.day_id.booking_ids.filtered(lambda b: b.resource_type == "crew"):
            by_department[booking.department_id] |= booking
        return [
            {
                "department_id": department.id,
                "date_call": min(bookings.mapped("date_call")),
                "date_wrap": max(bookings.mapped("date_wrap")),
            }
            for department, bookings in sorted(
                by_department.items(), key=lambda item: (item[0].sequence, item[0].name or "")
            )
        ]

    # Actions ====================================================================================

    def _check_manager(self, action):
        check_action_group(self.env, [MEDIA_COORDINATOR], action, _("media coordinators"))
        check_action_access(self, "write", action)

    def _report_recipients(self):
        """The production's producer (contact) and the company's producers (users of the
        Producer group), with an email."""
        self.ensure_one()
        partners = self.project_id.coordination_producer_id
        # sudo: the Producer group's users are read to address them, which a media
        # coordinator may not do on res.groups.
        partners |= (
            self.env.ref(MEDIA_PRODUCER)
            .sudo()
            .users.filtered(lambda u: self.company_id in u.company_ids and not u.share and u.active)
            .partner_id
        )
        return partners.filtered("email")

    def action_send(self):
        """Email the report (PDF) to the producer; it then counts in the production's
        actuals."""
        self._check_manager(_("send production reports"))
        for report in self:
            recipients = report._report_recipients()
            if not recipients:
                raise UserError(
                    _(
                        "%s: set a producer with an email on the production, or give a "
                        "Producer user an email, before sending it.",
                        report.display_name,
                    )
                )
            # One message per language: each producer reads the report in theirs.
            by_lang = defaultdict(lambda: self.env["res.partner"])
            for (lang, _tz), partners in recipients._coordination_group_by_mail_context(
                report.company_id
            ).items():
                by_lang[lang] |= partners
            for lang, partners in by_lang.items():
                report.with_context(lang=lang)._post_report(partners)
        # sudo: the state is set by this action only; role and access checked above.
        self.sudo().write({"state": "sent", "date_sent": fields.Datetime.now()})
        return True

    def _post_report(self, partners):
        """Post the report (PDF attached) to `partners`, in the language of the context."""
        self.ensure_one()
        env = self.env
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(
            "production_coordination_media.media_production_report_report", self.ids
        )
        attachment = env["ir.attachment"].create(
            {
                "name": f"{self.project_id.name} - {self.display_name}.pdf",
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        overtime = format_number(env, self.overtime_hours, 2, trim=True)
        return self.message_post(
            body=env._(
                "The production report of %(day)s: %(shot)s of %(planned)s scenes shot, "
                "%(overtime)s hours of overtime, %(problems)s problem(s).",
                day=self.day_id.display_name,
                shot=self.scenes_shot_count,
                planned=self.scenes_planned_count,
                overtime=overtime,
                problems=len(self.problem_ids),
            ),
            subject=self.display_name,
            partner_ids=partners.ids,
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def action_reset_draft(self):
        self._check_manager(_("change production reports"))
        # sudo: the state is protected (only this action writes it); role checked above.
        self.sudo().write({"state": "draft", "date_sent": False})
        return True

    def action_print(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("print production reports"))
        return self.env.ref(
            "production_coordination_media.media_production_report_report"
        ).report_action(self)


class MediaProductionReportLine(models.Model):
    _name = "media.production.report.line"
    _description = "Daily Production Report: a Department's Times"
    _order = "report_id, id"
    _check_company_auto = True

    report_id = fields.Many2one(
        "media.production.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    department_id = fields.Many2one("media.department", string="Department", check_company=True)
    date_call = fields.Datetime("Actual Call", required=True)
    date_meal = fields.Datetime("Meal")
    date_wrap = fields.Datetime("Actual Wrap", required=True)
    date_wrap_booked = fields.Datetime(
        "Booked Wrap",
        compute="_compute_date_wrap_booked",
        help="The latest wrap booked for the department's crew that day (the day's wrap "
        "without crew of that department).",
    )
    overtime_hours = fields.Float(
        "Overtime (hours)",
        compute="_compute_overtime_hours",
        store=True,
        help="The actual wrap past the booked wrap, in hours.",
    )
    note = fields.Char()

    @api.constrains("date_call", "date_meal", "date_wrap")
    def _check_times(self):
        for line in self:
            if line.date_wrap <= line.date_call:
                raise ValidationError(
                    _(
                        "%(department)s: the actual wrap must come after the actual call.",
                        department=line.department_id.name or _("Production report"),
                    )
                )
            if line.date_meal and not line.date_call <= line.date_meal <= line.date_wrap:
                raise ValidationError(
                    _(
                        "%(department)s: the meal must be between the call and the wrap.",
                        department=line.department_id.name or _("Production report"),
                    )
                )

    @api.depends("report_id.day_id.booking_ids.date_wrap", "department_id")
    def _compute_date_wrap_booked(self):
        for line in self:
            day = line.report_id.day_id
            wraps = day.booking_ids.filtered(
                lambda b, line=line: b.resource_type == "crew"
                and b.department_id == line.department_id
            ).mapped("date_wrap")
            line.date_wrap_booked = max(wraps) if wraps else day.date_wrap

    @api.depends("date_wrap", "date_wrap_booked")
    def _compute_overtime_hours(self):
        for line in self:
            if line.date_wrap and line.date_wrap_booked and line.date_wrap > line.date_wrap_booked:
                line.overtime_hours = (
                    line.date_wrap - line.date_wrap_booked
                ).total_seconds() / 3600
            else:
                line.overtime_hours = 0.0
