# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import mimetypes
from urllib.parse import urlsplit

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .const import REVIEW_STATES


class MediaDeliverableVersion(models.Model):
    """One version of a deliverable sent (or to send) to the client: a file or an external
    link (a video on a review platform), its number, notes and who uploaded it."""

    _name = "media.deliverable.version"
    _description = "Deliverable Version"
    _order = "deliverable_id, number desc"
    _check_company_auto = True

    deliverable_id = fields.Many2one(
        "media.deliverable", required=True, ondelete="cascade", index=True, check_company=True
    )
    project_id = fields.Many2one(related="deliverable_id.project_id", store=True)
    company_id = fields.Many2one(related="deliverable_id.company_id", store=True, index=True)
    number = fields.Integer(readonly=True, copy=False, aggregator=None)
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char()
    url = fields.Char("External Link", help="A video link (Vimeo, Frame.io, a shared drive…).")
    note = fields.Text("Notes")
    user_id = fields.Many2one(
        "res.users", string="Uploaded By", default=lambda self: self.env.user, readonly=True
    )
    preview_kind = fields.Selection(
        [
            ("image", "Image"),
            ("pdf", "PDF"),
            ("video", "Video"),
            ("link", "Link"),
            ("file", "File"),
        ],
        compute="_compute_preview_kind",
    )
    round_ids = fields.One2many("media.review.round", "version_id", string="Review Rounds")
    review_state = fields.Selection(
        REVIEW_STATES, compute="_compute_review_state", string="Review", store=True
    )

    _sql_constraints = [
        ("number_uniq", "unique(deliverable_id, number)", "Version numbers are unique."),
    ]

    @api.depends("number")
    def _compute_display_name(self):
        for version in self:
            version.display_name = _("Version %s", version.number or "")

    def _get_mimetype(self):
        self.ensure_one()
        return mimetypes.guess_type(self.file_name or "")[0] or "application/octet-stream"

    @api.depends("file_name", "url")
    def _compute_preview_kind(self):
        for version in self:
            mimetype = version._get_mimetype()
            if version.file_name and mimetype in (
                "image/png",
                "image/jpeg",
                "image/gif",
                "image/webp",
            ):
                version.preview_kind = "image"
            elif version.file_name and mimetype == "application/pdf":
                version.preview_kind = "pdf"
            elif version.file_name and mimetype.startswith("video/"):
                version.preview_kind = "video"
            elif version.file_name:
                version.preview_kind = "file"
            else:
                version.preview_kind = "link"

    @api.depends("round_ids.state")
    def _compute_review_state(self):
        for version in self:
            last = version.round_ids.sorted("number")[-1:]
            version.review_state = last.state if last else "draft"

    @api.constrains("file", "url")
    def _check_content(self):
        for version in self:
            if not version.file and not version.url:
                raise ValidationError(
                    _("Version %s: attach a file or give an external link.", version.number)
                )
            if version.url and urlsplit(version.url).scheme not in ("http", "https"):
                raise ValidationError(
                    _("The external link must start with http:// or https://: %s", version.url)
                )

    @api.model
    def _check_file_value(self, vals):
        """The file comes base64-encoded (text or bytes) or empty: anything else is named."""
        value = vals.get("file")
        if "file" in vals and value is not False and not isinstance(value, str | bytes):
            raise UserError(
                _("The file must be base64-encoded content, not %s.", type(value).__name__)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_file_value(vals)
        # The next number per deliverable (versions of one deliverable are made by hand, one at
        # a time: a read of the current maximum is enough; the unique constraint guards races).
        deliverable_ids = {vals.get("deliverable_id") for vals in vals_list}
        last = dict(
            self._read_group(
                [("deliverable_id", "in", list(deliverable_ids))],
                ["deliverable_id"],
                ["number:max"],
            )
        )
        last = {deliverable.id: number for deliverable, number in last.items()}
        for vals in vals_list:
            key = vals.get("deliverable_id")
            last[key] = last.get(key, 0) + 1
            vals["number"] = last[key]
        return super().create(vals_list)

    def write(self, vals):
        self._check_file_value(vals)
        if {"file", "url", "deliverable_id"} & set(vals) and self.round_ids:
            raise UserError(
                _(
                    "%s was sent for review: upload a new version instead of changing it.",
                    ", ".join(self.filtered("round_ids").mapped("display_name")),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        reviewed = self.filtered("round_ids")
        if reviewed:
            raise UserError(
                _(
                    "%s was sent for review: it stays in the approval trail.",
                    ", ".join(reviewed.mapped("display_name")),
                )
            )
