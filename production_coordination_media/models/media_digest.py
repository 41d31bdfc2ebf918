# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The weekly media digest to producers, like the manufacturing status digest: each company's
open productions summed up in the body, the media status report attached (XLSX)."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from .media_status_report import XLSX_MIMETYPE

_lt = LazyTranslate(__name__)

MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    media_digest_last_week = fields.Date(
        "Media Digest Sent For",
        readonly=True,
        copy=False,
        help="The Monday of the last week the weekly media digest was sent for.",
    )


class MediaDigest(models.AbstractModel):
    _name = "media.digest"
    _description = "Weekly Media Digest"

    @api.model
    def _cron_send_digest(self):
        """Send each company's weekly digest once per week even if run twice (Mondays, or
        the first run after); a company whose digest fails is skipped, reported and tried
        again at the next run (``coordination.batch``)."""
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday())
        companies = self.env["res.company"].search(
            [
                "|",
                ("media_digest_last_week", "=", False),
                ("media_digest_last_week", "<", monday),
            ]
        )

        def process(batch):
            for company in batch:
                self._send_digest(company)
                company.media_digest_last_week = monday

        return self.env["coordination.batch"]._run_isolated(
            companies, process, _lt("Weekly media digest")
        )

    @api.model
    def _digest_recipients(self, company, projects):
        """{partner: productions} of the digest: the company's producers (users of the
        Producer group) get every open production; a production's producer (partner) gets
        their own productions. Partners without an email are left out."""
        recipients = defaultdict(lambda: self.env["project.project"])
        producers = (
            self.env.ref(MEDIA_PRODUCER)
            .users.filtered(lambda user: company in user.company_ids and not user.share)
            .partner_id
        )
        for partner in producers:
            recipients[partner] |= projects
        for project in projects:
            if project.coordination_producer_id:
                recipients[project.coordination_producer_id] |= project
        return {partner: prods for partner, prods in recipients.items() if partner.email}

    @api.model
    def _send_digest(self, company):
        """One email per group of recipients with the same productions: the summary in the
        body, the media status report of those productions attached."""
        report = (
            self.env["media.status.report"]
            .with_company(company)
            .with_context(allowed_company_ids=company.ids)
        )
        projects = self.env["project.project"].search(
            [
                ("is_media_production", "=", True),
                ("company_id", "=", company.id),
                ("coordination_phase", "!=", "wrapped"),
            ],
            order="coordination_priority_score desc, id",
        )
        mails = self.env["mail.mail"]
        if not projects:
            return mails
        by_productions = defaultdict(lambda: self.env["res.partner"])
        for partner, prods in self._digest_recipients(company, projects).items():
            by_productions[prods] |= partner
        for prods, partners in by_productions.items():
            # One mail per language and time zone: each reads it in theirs.
            groups = partners._coordination_group_by_mail_context(company)
            for (lang, tz), group in groups.items():
                mails |= self.with_context(lang=lang, tz=tz)._create_digest_mail(
                    company, report.with_context(lang=lang, tz=tz), prods, group
                )
        return mails

    @api.model
    def _create_digest_mail(self, company, report, prods, partners):
        """The digest of `prods` to `partners`, in the language and time zone of the context."""
        data = report._collect(prods.ids)
        body = self.env["ir.qweb"]._render(
            "production_coordination_media.media_digest_mail",
            {"data": data, "company": company},
        )
        name = self.env._("Media status %(date)s.xlsx", date=fields.Date.context_today(self))
        attachment = self.env["ir.attachment"].create(
            {"name": name, "raw": report._build_xlsx(prods.ids), "mimetype": XLSX_MIMETYPE}
        )
        return self.env["mail.mail"].create(
            {
                "subject": self.env._(
                    "%(company)s: media productions this week", company=company.name
                ),
                "body_html": body,
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "recipient_ids": [(6, 0, partners.ids)],
                "attachment_ids": [(6, 0, attachment.ids)],
                "auto_delete": True,
            }
        )
