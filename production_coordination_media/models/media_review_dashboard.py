# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, api, models

PCM = "production_coordination_media."


class MediaDashboard(models.AbstractModel):
    """The review tiles: rounds waiting for the client, rounds whose changes are requested
    (one search_count each: +2 queries to the coordinator's data call)."""

    _inherit = "media.dashboard"

    @api.model
    def _get_windows(self):
        return {
            **super()._get_windows(),
            "review_round": (
                "media.review.round",
                [(PCM + "media_review_round_view_list", "list"), (False, "form")],
                PCM + "media_review_round_view_search",
            ),
        }

    @api.model
    def _get_tile_specs(self, scope):
        specs = super()._get_tile_specs(scope)
        if scope["role"] == "coordinator":
            specs += self._review_tile_specs(scope)
        return specs

    @api.model
    def _review_tile_specs(self, scope):
        return [
            {
                "key": "reviews_waiting",
                "label": _("Reviews waiting for the client"),
                "window": "review_round",
                "domain": self._child_domain(scope) + [("state", "=", "waiting")],
                "tone": "warning",
                "icon": "fa-comments",
                "help": _("Sent for review; the client has not answered yet."),
                "sequence": 55,
            },
            {
                "key": "reviews_changes",
                "label": _("Changes requested"),
                "window": "review_round",
                "domain": self._child_domain(scope)
                + [
                    ("state", "=", "changes_requested"),
                    # The last round of a deliverable not delivered: a new version is due.
                    ("deliverable_id.review_state", "=", "changes_requested"),
                ],
                "tone": "danger",
                "icon": "fa-pencil-square-o",
                "help": _("The client asked for changes: a new version is due."),
                "sequence": 56,
            },
        ]
