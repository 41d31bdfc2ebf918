# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, api, fields, models

MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


class MediaStatusReport(models.AbstractModel):
    """The Reviews sheet: the approval trail of the productions' deliverables (round,
    version, who, when, decision, comments; billable rounds for producers)."""

    _inherit = "media.status.report"

    @api.model
    def _collect(self, project_ids=None):
        data = super()._collect(project_ids)
        project_ids = [row["id"] for row in data["productions"]]
        rounds = self.env["media.review.round"].search(
            [("project_id", "in", project_ids)],
            order="project_id, deliverable_id, number",
        )
        states = dict(
            self.env["media.deliverable.version"]
            ._fields["review_state"]
            ._description_selection(self.env)
        )
        today = fields.Date.context_today(self)
        billable = _("Billable")
        data["reviews"] = [
            {
                "production": review_round.project_id.name,
                "deliverable": review_round.deliverable_id.name,
                "round": review_round.number,
                "version": review_round.version_id.number,
                "sent": review_round.date_sent or False,
                "due": review_round.date_due or False,
                "by": review_round.decided_by_id.name or "",
                "decided": review_round.date_decided or False,
                "decision": states.get(review_round.state, ""),
                "comments": review_round.comment_summary or "",
                "billable": billable if review_round.is_billable else "",
                "past_due": review_round.state == "waiting"
                and bool(review_round.date_due and review_round.date_due < today),
            }
            for review_round in rounds
        ]
        return data

    @api.model
    def _get_xlsx_tables(self, data):
        tables = super()._get_xlsx_tables(data)
        columns = [
            (_("Production"), "production", 28, None),
            (_("Deliverable"), "deliverable", 28, None),
            (_("Round"), "round", 8, "integer"),
            (_("Version"), "version", 8, "integer"),
            (_("Sent"), "sent", 12, "date"),
            (_("Answer Due"), "due", 12, "date"),
            (_("Decided By"), "by", 22, None),
            (_("Decided"), "decided", 12, "date"),
            (_("Decision"), "decision", 22, None),
            (_("Comments"), "comments", 50, None),
        ]
        if self.env.user.has_group(MEDIA_PRODUCER):
            columns.append((_("Billable"), "billable", 10, None))
        tables.append(
            {
                "name": _("Reviews"),
                "columns": columns,
                "rows": data.get("reviews", []),
                "highlight": "past_due",
            }
        )
        return tables
