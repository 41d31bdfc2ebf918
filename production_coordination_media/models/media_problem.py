# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .const import PROBLEM_CATEGORIES, PROBLEM_ROOT_CAUSES, PROBLEM_SEVERITIES

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"

PROBLEM_STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("verified", "Verified"),
]
# A problem in one of these states still threatens the schedule.
UNRESOLVED_STATES = ("open", "in_progress")


class MediaProblem(models.Model):
    """A work problem of a production (the problem log): what happened, how bad, who owns it
    and by when it must be resolved, why it happened (root cause) and how it was resolved.

    Linked to the production and optionally to its days, bookings, deliverables and equipment.
    Crew users report problems and read those they reported or that are linked to their
    bookings; media coordinators manage them all."""

    _name = "media.problem"
    _description = "Production Problem"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id desc"
    _check_company_auto = True

    name = fields.Char("Problem", required=True, tracking=True)
    project_id = fields.Many2one(
        "project.project",
        string="Production",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        check_company=True,
        domain=[("is_media_production", "=", True)],
    )
    # Media productions always have a company (see project.project): so do their problems.
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    category = fields.Selection(
        PROBLEM_CATEGORIES, required=True, default="other", tracking=True, index=True
    )
    severity = fields.Selection(
        PROBLEM_SEVERITIES, required=True, default="medium", tracking=True, index=True
    )
    is_blocking = fields.Boolean(
        "Blocking",
        tracking=True,
        help="While it is open, the call sheets of its days cannot be published or sent.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index="btree_not_null",
        domain="[('share', '=', False)]",
        help="Who gets it resolved.",
    )
    reporter_id = fields.Many2one(
        "res.users",
        string="Reported By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        copy=False,
    )
    date_due = fields.Date("Due", tracking=True, index=True)
    state = fields.Selection(
        PROBLEM_STATES,
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    root_cause = fields.Selection(PROBLEM_ROOT_CAUSES, tracking=True, index=True)
    description = fields.Text()
    resolution = fields.Text()
    date_resolved = fields.Datetime("Resolved On", readonly=True, copy=False)
    day_ids = fields.Many2many(
        "media.production.day",
        "media_problem_media_production_day_rel",
        "media_problem_id",
        "media_production_day_id",
        string="Days",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    booking_ids = fields.Many2many(
        "media.booking",
        "media_booking_media_problem_rel",
        "media_problem_id",
        "media_booking_id",
        string="Bookings",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    deliverable_ids = fields.Many2many(
        "media.deliverable",
        "media_deliverable_media_problem_rel",
        "media_problem_id",
        "media_deliverable_id",
        string="Deliverables",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
        groups=MEDIA_COORDINATOR,
    )
    equipment_ids = fields.Many2many(
        "maintenance.equipment",
        "maintenance_equipment_media_problem_rel",
        "media_problem_id",
        "maintenance_equipment_id",
        string="Equipment",
        check_company=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Crew report problems in their own name; media coordinators may report for others.
        if not self.env.su and not self.env.user.has_group(MEDIA_COORDINATOR):
            for vals in vals_list:
                vals["reporter_id"] = self.env.uid
        return super().create(vals_list)
