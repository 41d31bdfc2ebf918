# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .coordination_utils import ensure_one_record

# The records a meeting can be about ("Plan Meeting" is on their forms).
MEETING_MODELS = (
    "mrp.production",
    "purchase.order",
    "project.task",
    "sale.order",
    "coordination.special.request",
)


class CoordinationMeetingLink(models.Model):
    """One record a meeting is about: a meeting is about several (an MO and its late
    purchase orders, every MO of a weekly meeting's agenda)."""

    _name = "coordination.meeting.link"
    _description = "Record a Coordination Meeting Is About"
    _inherit = ["coordination.protected.mixin"]
    _order = "meeting_id, sequence, id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "coordination.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    res_model = fields.Char("Model", required=True, index=True)
    res_id = fields.Many2oneReference("Record", model_field="res_model", required=True)
    name = fields.Char(required=True, help="The record's name when the meeting was planned.")
    url = fields.Char(compute="_compute_url")

    _sql_constraints = [
        (
            "record_unique",
            "unique(meeting_id, res_model, res_id)",
            "A meeting is about a record once.",
        )
    ]

    def _coordination_protected_fields(self):
        return self._coordination_all_fields(self.env._("Plan Meeting"))

    @api.depends("res_model", "res_id")
    def _compute_url(self):
        for link in self:
            link.url = f"/odoo/{link.res_model}/{link.res_id}"

    @api.constrains("res_model", "res_id", "company_id")
    def _check_record(self):
        """The record exists, is of a model a meeting can be about, and of the meeting's
        company (or of none)."""
        for model, links in self.grouped("res_model").items():
            if model not in MEETING_MODELS or model not in self.env:
                raise ValidationError(self.env._("A meeting cannot be about records of %s.", model))
            records = self.env[model].sudo().browse(links.mapped("res_id")).exists()
            missing = set(links.mapped("res_id")) - set(records.ids)
            if missing:
                raise ValidationError(
                    self.env._(
                        "The record %(model)s %(ids)s does not exist.",
                        model=model,
                        ids=", ".join(map(str, sorted(missing))),
                    )
                )
            companies = {record.id: record.company_id for record in records}
            for link in links:
                company = companies[link.res_id]
                if company and company != link.company_id:
                    raise ValidationError(
                        self.env._(
                            "%(record)s belongs to %(company)s, not to the meeting's company "
                            "%(meeting_company)s.",
                            record=link.name,
                            company=company.name,
                            meeting_company=link.company_id.name,
                        )
                    )

    def _records(self):
        """{model: records} of these links (browsed as the current user)."""
        ids = defaultdict(list)
        for link in self:
            ids[link.res_model].append(link.res_id)
        return {model: self.env[model].browse(res_ids) for model, res_ids in ids.items()}

    def action_open_record(self):
        ensure_one_record(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [[False, "form"]],
            "target": "current",
        }
