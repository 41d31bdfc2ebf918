# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import content_disposition, request


class ClientReview(http.Controller):
    """The personal link of a review email: the client sees the version sent to them and
    approves it or requests changes, without logging in. The signed token is the only
    credential: it names one request (one contact, one round) and expires; a tampered,
    expired or other request's token gets a plain page that reveals nothing."""

    def _review_is_readonly(self):
        """Showing the review reads only; deciding (POST) writes."""
        return request.httprequest.method in ("GET", "HEAD")

    def _invalid(self):
        return request.render("production_coordination_media.review_invalid", status=403)

    # No CSRF check: the request is authenticated by the token, not by a session.
    @http.route(
        "/media/review/<int:request_id>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        sitemap=False,
        readonly=_review_is_readonly,
    )
    def review(self, request_id, token=None, decision=None, comments=None, **kwargs):
        review_request = request.env["media.review.request"]._get_by_token(request_id, token)
        if not review_request:
            return self._invalid()
        error = decided_now = False
        status = 200
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    decided_now = review_request._decide(decision, comments)
            except ValidationError as exc:
                error, status = exc.args[0], 400
        return request.render(
            "production_coordination_media.review_page",
            {
                "review_request": review_request,
                "review_round": review_request.round_id,
                "version": review_request.version_id,
                "token": token,
                "decided_now": decided_now,
                "error": error,
                "comments": comments if error else "",
            },
            status=status,
        )

    @http.route(
        "/media/review/<int:request_id>/file",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def review_file(self, request_id, token=None, **kwargs):
        """The file of the version under review (inline: the page's image or PDF preview)."""
        review_request = request.env["media.review.request"]._get_by_token(request_id, token)
        version = review_request.version_id
        if not version.file:
            return self._invalid()
        # Only images and PDFs open inline (the preview); anything else (an SVG too, which
        # could run scripts on this site) is a download.
        inline = version.preview_kind in ("image", "pdf")
        disposition = content_disposition(version.file_name or "file")
        if inline:
            disposition = disposition.replace("attachment", "inline", 1)
        return request.make_response(
            base64.b64decode(version.file),
            headers=[
                ("Content-Type", version._get_mimetype() if inline else "application/octet-stream"),
                ("Content-Disposition", disposition),
                ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "private, no-store"),
            ],
        )
