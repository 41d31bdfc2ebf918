# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import escape_psql

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)

from .const import REVISION_COLORS, REVISION_HEX, REVISION_REASONS, revision_color


class MediaRevision(models.Model):
    """One published version of a day's call sheet: revision 1 (White) at publication, then
    one per change sent, in the industry's colour order. It freezes the whole call sheet
    (snapshot), keeps the diff from the previous revision and the crew it concerned."""

    _name = "media.revision"
    _description = "Call Sheet Revision"
    _inherit = ["coordination.protected.mixin"]
    _order = "day_id, number desc"
    _check_company_auto = True

    day_id = fields.Many2one(
        "media.production.day",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    project_id = fields.Many2one(related="day_id.project_id", store=True, string="Production")
    company_id = fields.Many2one(related="day_id.company_id", store=True, index=True)
    number = fields.Integer(required=True, readonly=True, aggregator=None)
    color = fields.Selection(REVISION_COLORS, compute="_compute_color", store=True, string="Colour")
    # In the reader's language: computed at display, not stored (the stored colour is the key).
    color_label = fields.Char("Colour Name", compute="_compute_color_label")
    color_hex = fields.Char(compute="_compute_color_hex")
    reason = fields.Selection(REVISION_REASONS, readonly=True)
    note = fields.Text(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Issued By", default=lambda self: self.env.user, readonly=True
    )
    snapshot = fields.Json(readonly=True, copy=False)
    diff = fields.Json(readonly=True, copy=False)
    diff_html = fields.Html("Changes", compute="_compute_diff_html", sanitize=True)
    schedule_html = fields.Html("Schedule", compute="_compute_schedule_html", sanitize=False)
    affected_crew_ids = fields.Many2many(
        "media.crew.member", string="Affected Crew", readonly=True, check_company=True
    )
    date_sent = fields.Datetime("Sent", readonly=True, copy=False)
    sent_crew_ids = fields.Many2many(
        "media.crew.member",
        "media_revision_sent_crew_rel",
        string="Sent To",
        readonly=True,
        copy=False,
        check_company=True,
    )
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="Call Sheet PDF",
        readonly=True,
        help="The call sheet PDF in the language it was first sent in; the crew's other "
        "languages have their own PDF, attached to the revision too.",
    )

    _sql_constraints = [
        ("number_uniq", "unique(day_id, number)", "Revision numbers are unique per day."),
    ]

    def _coordination_protected_fields(self):
        """A revision is what was published and sent: written by Publish, New Revision and
        Send Call Sheet only (see coordination.protected.mixin in production_coordination)."""
        return self._coordination_all_fields(_("Publish, New Revision and Send Call Sheet"))

    @api.depends("number")
    def _compute_color(self):
        for revision in self:
            revision.color = revision.number and revision_color(revision.number)

    @api.depends("number", "color")
    @api.depends_context("lang")
    def _compute_color_label(self):
        """The colour's name in the reader's language; past the last colour the cycle starts
        again: Double White, Triple White, Quadruple White, then White ×5."""
        labels = dict(self._fields["color"]._description_selection(self.env))
        for revision in self:
            cycle = (revision.number - 1) // len(REVISION_COLORS) + 1 if revision.number else 1
            label = labels.get(revision.color, "")
            if cycle == 2:
                label = self.env._("Double %(color)s", color=label)
            elif cycle == 3:
                label = self.env._("Triple %(color)s", color=label)
            elif cycle == 4:
                label = self.env._("Quadruple %(color)s", color=label)
            elif cycle > 4:
                label = f"{label} ×{cycle}"
            revision.color_label = label

    def _compute_color_hex(self):
        for revision in self:
            revision.color_hex = REVISION_HEX.get(revision.color, "#ffffff")

    @api.depends("number", "color")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for revision in self:
            revision.display_name = _(
                "Revision %(number)s (%(color)s)",
                number=revision.number,
                color=revision.color_label,
            )

    @api.depends("diff", "day_id.tz")
    @api.depends_context("lang")
    def _compute_diff_html(self):
        for revision in self:
            revision.diff_html = self.env["media.call.sheet"]._diff_html(
                revision.diff or [], revision.day_id._tz_name()
            )

    def _compute_schedule_html(self):
        report = self.env["report.production_coordination_media.report_call_sheet"]
        for revision in self:
            if not revision.snapshot:
                revision.schedule_html = False
                continue
            sheet = report._prepare_sheet(revision.snapshot, revision=revision)
            revision.schedule_html = Markup(
                self.env["ir.qweb"]._render(
                    "production_coordination_media.call_sheet_revision_view", {"sheet": sheet}
                )
            )

    def _get_crew(self):
        """The crew members on this revision's call sheet."""
        self.ensure_one()
        return self.env["media.crew.member"].browse(
            self.env["media.call.sheet"]._crew_ids(self.snapshot or {})
        )

    def _get_call_sheet_attachment(self, lang=None):
        """The PDF of this revision's call sheet in ``lang`` (default: the context's language),
        rendered once per language and kept (what was sent): attached to the revision, its
        name ending with the language code ("... [es_ES].pdf"). The first one rendered is also
        the revision's `attachment_id`. A revision sent before the PDFs were per language
        keeps its one PDF (its `attachment_id`) for every language."""
        self.ensure_one()
        lang = lang or self.env.lang or "en_US"
        legacy = self.attachment_id
        if legacy and not legacy.name.endswith("].pdf"):
            return legacy
        suffix = f" [{lang}].pdf"
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("name", "=like", f"%{escape_psql(suffix)}"),
            ],
            order="id",
            limit=1,
        )
        if attachment:
            return attachment
        revision = self.with_context(lang=lang)
        content, _report_type = (
            self.env["ir.actions.report"]
            .with_context(lang=lang)
            ._render_qweb_pdf(
                "production_coordination_media.media_revision_report_call_sheet", self.ids
            )
        )
        sheet = self.snapshot or {}
        env = revision.env
        day_types = dict(
            env["media.production.day"]._fields["day_type"]._description_selection(env)
        )
        name = env._(
            "Call sheet - %(production)s - %(day)s - %(revision)s",
            production=sheet.get("production", ""),
            day=env["media.call.sheet.recipient"]._day_label(sheet, day_types),
            revision=revision.display_name,
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name.replace("/", "-") + suffix,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        if not legacy:
            # sudo (the link): protected field, the coordinator sends the revision.
            self.sudo().attachment_id = attachment
        return attachment

    def _send_call_sheets(self, recipients):
        """Mail the call sheet to ``recipients`` (media.call.sheet.recipient, as superuser):
        each mail in its recipient's language (the template's), with the PDF in that
        language."""
        template = self.env.ref("production_coordination_media.mail_template_call_sheet")
        # Demo data is loaded without an HTTP server for the PDF renderer to fetch its
        # styles from: it sends its call sheets without the PDF.
        if self.env.context.get("media_call_sheet_skip_pdf"):
            template.send_mail_batch(recipients.ids)
            return
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang, (_template, ids) in template._classify_per_lang(recipients.ids).items():
            pdf_lang = lang if lang in active else self.env.lang
            attachment = self._get_call_sheet_attachment(pdf_lang)
            template.send_mail_batch(ids, email_values={"attachment_ids": [(4, attachment.id)]})

    @api.model
    def _check_crew_emails(self, crew_members):
        """Refuse to send to crew members without an email address, naming them."""
        missing = crew_members.filtered(lambda member: not member.email)
        if missing:
            raise UserError(
                _(
                    "Add an email address for these crew members before sending the call "
                    "sheet: %s",
                    ", ".join(missing.mapped("name")),
                )
            )

    def _send(self, crew_members):
        """Email this revision to `crew_members`: the call sheet PDF and each person's own
        call to those on the sheet, a release notice to those no longer on it.

        Recipients and what was sent are written as superuser (protected fields): the callers
        check that the user is a media coordinator."""
        self.ensure_one()
        day = self.day_id
        self._check_crew_emails(crew_members)
        on_sheet = crew_members & self._get_crew()
        released = crew_members - on_sheet
        Recipient = self.env["media.call.sheet.recipient"].sudo()
        existing = Recipient.search(
            [("day_id", "=", day.id), ("crew_member_id", "in", crew_members.ids)]
        )
        Recipient.create(
            [
                {"day_id": day.id, "crew_member_id": member.id}
                for member in crew_members - existing.crew_member_id
            ]
        )
        recipients = Recipient.search(
            [("day_id", "=", day.id), ("crew_member_id", "in", crew_members.ids)]
        )
        now = fields.Datetime.now()
        to_call = recipients.filtered(lambda r: r.crew_member_id in on_sheet)
        to_release = recipients - to_call
        to_call.write(
            {
                "revision_id": self.id,
                "state": "sent",
                "date_sent": now,
                "date_confirmed": False,
                "date_reminded": False,
            }
        )
        to_release.write({"revision_id": self.id, "state": "released", "date_sent": now})
        if to_call:
            self._send_call_sheets(to_call)
        if to_release:
            self.env.ref(
                "production_coordination_media.mail_template_call_sheet_release"
            ).send_mail_batch(to_release.ids)
        self.sudo().write(
            {
                "date_sent": self.date_sent or now,
                "sent_crew_ids": [(4, member.id) for member in crew_members],
            }
        )
        body = Markup("<p>%s</p>") % _(
            "%(revision)s sent to %(names)s.",
            revision=self.display_name,
            names=", ".join(on_sheet.mapped("name")) or "—",
        )
        if released:
            body += Markup("<p>%s</p>") % _("Released: %s.", ", ".join(released.mapped("name")))
        day._message_log(body=body)
        return recipients.sudo(False)

    def _check_printable(self):
        """Those who read the revisions print them (checked by Print and by the report)."""
        check_action_access(self, "read", _("print this call sheet revision"))

    def action_print(self):
        self._check_printable()
        return self.env.ref(
            "production_coordination_media.media_revision_report_call_sheet"
        ).report_action(self)
