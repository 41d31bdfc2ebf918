# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class CallSheetConfirmation(http.Controller):
    """The personal link of a call sheet email: shows the person's own call and lets them
    confirm it, without logging in. The signed token is the only credential: it names one
    recipient and one revision and expires after the day; the page shows nothing else."""

    def _confirm_is_readonly(self):
        """Showing the call reads only (a read replica may serve it: ``--db_replica_host``);
        confirming it (POST) writes, on the primary."""
        return request.httprequest.method in ("GET", "HEAD")

    # No CSRF check: the request is authenticated by the token, not by a session.
    @http.route(
        "/media/call-sheet/<int:recipient_id>/confirm",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        sitemap=False,
        readonly=_confirm_is_readonly,
    )
    def confirm(self, recipient_id, token=None, **kwargs):
        recipient = request.env["media.call.sheet.recipient"]._get_by_token(recipient_id, token)
        if not recipient:
            return request.render(
                "production_coordination_media.call_sheet_confirm_invalid", status=403
            )
        confirmed_now = False
        if request.httprequest.method == "POST":
            confirmed_now = bool(recipient._confirm())
        return request.render(
            "production_coordination_media.call_sheet_confirm_page",
            {
                "recipient": recipient,
                "token": token,
                "confirmed_now": confirmed_now,
                "tz_name": recipient.day_id._tz_name(),
            },
        )
