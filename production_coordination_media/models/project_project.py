# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .const import FORMATS, PHASES


class ProjectProject(models.Model):
    _inherit = "project.project"

    is_media_production = fields.Boolean(
        string="Media Production",
        index=True,
        help="This project is a media or film production: it appears under "
        "Coordination > Media Productions.",
    )
    coordination_format = fields.Selection(FORMATS, string="Format")
    coordination_phase = fields.Selection(
        PHASES,
        string="Phase",
        default="development",
        group_expand=True,
        tracking=True,
    )
    coordination_phase_ids = fields.One2many(
        "media.production.phase", "project_id", string="Phase Dates"
    )
    coordination_producer_id = fields.Many2one("res.partner", string="Producer")
    coordination_coordinator_id = fields.Many2one(
        "res.users",
        string="Coordinator",
        domain=[("share", "=", False)],
        default=lambda self: self.env.context.get("default_is_media_production") and self.env.user,
    )
    coordination_deliverable_ids = fields.One2many(
        "media.deliverable", "project_id", string="Deliverables"
    )
    coordination_day_ids = fields.One2many(
        "media.production.day", "project_id", string="Production Days"
    )
    coordination_day_count = fields.Integer("Days", compute="_compute_coordination_day_stats")
    coordination_date_next_day = fields.Date("Next Day", compute="_compute_coordination_day_stats")
    coordination_booking_count = fields.Integer(
        "Bookings", compute="_compute_coordination_day_stats"
    )
    coordination_conflict_count = fields.Integer(
        "Conflicts", compute="_compute_coordination_conflicts", store=True
    )
    coordination_conflict_description = fields.Text(
        "Conflict Details", compute="_compute_coordination_conflicts", store=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # A production is visible to the people invited to it (and, through a record
            # rule, to the crew booked on it), not to every employee.
            if vals.get(
                "is_media_production",
                self.env.context.get("default_is_media_production"),
            ):
                vals.setdefault("privacy_visibility", "followers")
        return super().create(vals_list)

    @api.depends("coordination_day_ids.conflict_count", "coordination_day_ids.display_name")
    def _compute_coordination_conflicts(self):
        for project in self:
            days = project.coordination_day_ids.filtered("conflict_count")
            project.coordination_conflict_count = sum(days.mapped("conflict_count"))
            project.coordination_conflict_description = (
                "\n".join(
                    self.env._("%(day)s: %(count)s conflict(s)", day=day.display_name, count=count)
                    for day, count in zip(days, days.mapped("conflict_count"), strict=True)
                )
                or False
            )

    def _compute_coordination_day_stats(self):
        Day = self.env["media.production.day"]
        today = fields.Date.context_today(self)
        stats = {
            project: (count, date_next)
            for project, count, date_next in Day._read_group(
                [("project_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["project_id"],
                ["__count", "date:min"],
            )
        }
        next_days = dict(
            Day._read_group(
                [
                    ("project_id", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("date", ">=", today),
                ],
                ["project_id"],
                ["date:min"],
            )
        )
        bookings = dict(
            self.env["media.booking"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.coordination_day_count = stats.get(project, (0, False))[0]
            project.coordination_date_next_day = next_days.get(project, False)
            project.coordination_booking_count = bookings.get(project, 0)

    def _coordination_open_action(self, xmlid, **context):
        self._coordination_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, **context}
        return action

    def action_coordination_open_days(self):
        return self._coordination_open_action(
            "production_coordination_media.media_production_day_action"
        )

    def action_coordination_open_bookings(self):
        return self._coordination_open_action("production_coordination_media.media_booking_action")

    def action_coordination_open_conflicts(self):
        return self._coordination_open_action(
            "production_coordination_media.media_booking_action",
            search_default_conflicts=1,
        )
