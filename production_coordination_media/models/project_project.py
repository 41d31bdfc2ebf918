# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .const import FORMATS, PHASES

# A change of these fields takes a production's bookings in or out of the conflict checks.
CONFLICT_SCOPE_FIELDS = {"active", "coordination_phase"}


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
        "Conflicts",
        compute="_compute_coordination_conflicts",
        store=True,
        help="The conflicts of the production's days added up: each booking that clashes "
        "once, and each day whose location is not available.",
    )
    # In the reader's language: worded at display (not stored), from the days' conflicts.
    coordination_conflict_description = fields.Text(
        "Conflict Details",
        compute="_compute_coordination_conflict_description",
        compute_sudo=True,
    )

    @api.constrains("is_media_production", "company_id")
    def _check_coordination_company(self):
        for project in self:
            if project.is_media_production and not project.company_id:
                raise ValidationError(
                    self.env._(
                        "Set the company of %s: a media production, its days, bookings, phases "
                        "and deliverables belong to one company.",
                        project.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get(
                "is_media_production",
                self.env.context.get("default_is_media_production"),
            ):
                # A production is visible to the people invited to it (and, through a record
                # rule, to the crew booked on it), not to every employee.
                vals.setdefault("privacy_visibility", "followers")
                # ... and belongs to one company: its days, bookings, phases and deliverables
                # take it (Odoo leaves a project without company when none is given).
                if not vals.get("company_id"):
                    vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def _coordination_protected_fields(self):
        """The conflict summary is computed from the days (see coordination.protected.mixin
        in production_coordination)."""
        return dict(
            super()._coordination_protected_fields(),
            **dict.fromkeys(
                ["coordination_conflict_count", "coordination_conflict_description"],
                _("the conflict check of its days"),
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published_days(self):
        """Deleting a production would delete its days with their revisions and the crew's
        confirmations (deleting one published day is refused): archive it instead."""
        # sudo: the history counts whoever may read it.
        days = (
            self.env["media.production.day"]
            .sudo()
            .search([("project_id", "in", self.ids), ("revision_ids", "!=", False)])
        )
        if days:
            raise UserError(
                _(
                    "%(productions)s have published call sheets (revisions sent to the crew, "
                    "their confirmations): archive the production instead of deleting it.",
                    productions=", ".join(days.project_id.sudo().mapped("name")),
                )
            )

    @api.model
    def _coordination_install_media_companies(self):
        """On install and update: the media productions made before a production had to have
        a company get their creator's (their phases, deliverables, days and bookings follow)."""
        productions = self.with_context(active_test=False).search(
            [("is_media_production", "=", True), ("company_id", "=", False)]
        )
        main_company = self.env.ref("base.main_company")
        for company, group in productions.grouped(
            lambda production: production.create_uid.company_id or main_company
        ).items():
            group.company_id = company

    def write(self, vals):
        if not CONFLICT_SCOPE_FIELDS & vals.keys():
            return super().write(vals)
        # Archiving, wrapping (or reopening) a production takes its bookings out of (or back
        # into) the conflict checks: the other productions' bookings of the same people and
        # equipment are checked again, under the same locks as a booking.
        # sudo: the neighbours are in every production, also those the user cannot read.
        bookings = self.env["media.booking"].sudo().search([("project_id", "in", self.ids)])
        bookings._lock_resources()
        neighbors = bookings._conflict_neighbors()
        res = super().write(vals)
        (bookings | neighbors).modified(["date_call"])
        return res

    def _coordination_is_closed(self):
        """Archived or wrapped: the production's bookings no longer hold anybody."""
        self.ensure_one()
        return not self.active or self.coordination_phase == "wrapped"

    def _coordination_check_open(self):
        """Refuse to add days or bookings to archived or wrapped productions."""
        closed = self.filtered(lambda project: project._coordination_is_closed())
        if closed:
            raise UserError(
                self.env._(
                    "%s is archived or wrapped: reopen it (restore it or set its phase back) "
                    "before adding days or bookings.",
                    ", ".join(closed.mapped("display_name")),
                )
            )

    @api.depends("coordination_day_ids.conflict_count")
    def _compute_coordination_conflicts(self):
        for project in self:
            project.coordination_conflict_count = sum(
                project.coordination_day_ids.mapped("conflict_count")
            )

    @api.depends(
        "coordination_conflict_count",
        "coordination_day_ids.conflict_description",
        "coordination_day_ids.day_label",
        "coordination_day_ids.date",
    )
    @api.depends_context("lang")
    def _compute_coordination_conflict_description(self):
        """What clashes, day by day, in the reader's language: each line of the days' own
        conflict texts, after the day it concerns ("Day 2 – Tue 4 Mar: Camera package A: also
        booked on ...")."""
        # The days' conflicts worded at once for all these productions (the board).
        in_conflict = self.coordination_day_ids.filtered("conflict_count")
        descriptions = dict(
            zip(in_conflict, in_conflict.mapped("conflict_description"), strict=True)
        )
        for project in self:
            days = project.coordination_day_ids.filtered("conflict_count")
            lines = []
            for day in days.sorted(lambda day: (str(day.date_call or ""), day.id or 0)):
                when = format_date(self.env, day.date, date_format="EEE d MMM") if day.date else ""
                label = " – ".join(part for part in (day.day_label, when) if part)
                lines += [f"{label}: {line}" for line in (descriptions.get(day) or "").splitlines()]
            project.coordination_conflict_description = "\n".join(lines) or False

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
        ensure_one_record(self)
        check_action_access(self, "read", _("open the schedule of this production"))
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
