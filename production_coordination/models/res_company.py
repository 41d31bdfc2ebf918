# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import ValidationError

from .coordination_format import format_number

WEIGHT_FIELDS = (
    "coordination_weight_urgency",
    "coordination_weight_components",
    "coordination_weight_expedite",
    "coordination_weight_star",
    "coordination_weight_customer",
    "coordination_weight_age",
)
MAX_WEIGHT = 1_000_000.0
MAX_REDUNDANCY_DAYS = 366
MAX_SHORTAGE_HORIZON_DAYS = 3660


class ResCompany(models.Model):
    _inherit = "res.company"

    # Written in SQL by the rank job when it begins (coordination_priority_rank_job.py).
    coordination_date_reranked = fields.Datetime("Ranks Refreshed On", readonly=True, copy=False)

    coordination_user_id = fields.Many2one(
        "res.users",
        string="Production Coordinator",
        help="Receives the alerts of manufacturing orders whose responsible is not a "
        "coordinator (overdue handoffs, blocks).",
    )
    # Weights of the priority score (see README, "Priority").
    coordination_weight_urgency = fields.Float("Due-date Urgency Weight", default=50.0)
    coordination_weight_components = fields.Float("Component Readiness Weight", default=15.0)
    coordination_weight_expedite = fields.Float("Expedite Weight", default=100.0)
    coordination_weight_star = fields.Float("Urgent Star Weight", default=20.0)
    coordination_weight_customer = fields.Float("Customer Request Weight", default=15.0)
    coordination_weight_age = fields.Float("Age Weight", default=5.0)

    # Redundancies -----------------------------------------------------------------------------
    coordination_redundancy_days = fields.Integer(
        string="Redundancy Window (days)",
        default=7,
        help="Manufacturing orders, and planned operations, whose start dates are at most this "
        "many days apart are compared when looking for redundant processes.",
    )
    # Weekly status digest.
    coordination_digest_weekday = fields.Selection(
        [
            ("0", "Monday"),
            ("1", "Tuesday"),
            ("2", "Wednesday"),
            ("3", "Thursday"),
            ("4", "Friday"),
            ("5", "Saturday"),
            ("6", "Sunday"),
        ],
        "Digest Day",
        default="0",
    )
    coordination_digest_user_ids = fields.Many2many(
        "res.users",
        "res_company_coordination_digest_user_rel",
        "company_id",
        "user_id",
        string="Digest Users",
    )
    coordination_digest_partner_ids = fields.Many2many(
        "res.partner",
        "res_company_coordination_digest_partner_rel",
        "company_id",
        "partner_id",
        string="Digest Contacts",
    )
    coordination_digest_supervisors = fields.Boolean(
        "Digest to Supervisors",
        default=True,
        help="Also send the digest to every department supervisor of the company.",
    )
    coordination_digest_last_week = fields.Date(
        "Digest Last Sent (week)",
        readonly=True,
        copy=False,
        help="Monday of the week the last digest was sent for: one digest per week.",
    )

    # Materials --------------------------------------------------------------------------------
    coordination_procurement_project_id = fields.Many2one(
        "project.project",
        string="Procurement Coordination Project",
        readonly=True,
        help="Where the shortage scan keeps the company's low-stock tasks.",
    )
    coordination_buyer_id = fields.Many2one(
        "res.users",
        string="Default Buyer",
        help="Gets the low-stock tasks whose vendor has no purchase order yet (else the buyer "
        "of the vendor's last purchase order; without a default buyer, the purchase managers).",
    )
    coordination_shortage_horizon_days = fields.Integer(
        "Shortage Horizon (days)",
        default=30,
        help="The shortage scan looks at the manufacturing orders and other demand of this many "
        "days ahead.",
    )

    _sql_constraints = [
        (
            "coordination_shortage_horizon_positive",
            "CHECK(coordination_shortage_horizon_days > 0)",
            "The shortage horizon must be at least one day.",
        )
    ]

    @api.constrains(
        *WEIGHT_FIELDS, "coordination_redundancy_days", "coordination_shortage_horizon_days"
    )
    def _check_coordination_settings(self):
        """The settings of the Coordination app, within what their computations use (a
        window of a year, a horizon of ten years: beyond, dates overflow)."""
        self._coordination_check_ranges(
            [(fname, 0.0, MAX_WEIGHT) for fname in WEIGHT_FIELDS]
            + [
                ("coordination_redundancy_days", 0, MAX_REDUNDANCY_DAYS),
                ("coordination_shortage_horizon_days", 1, MAX_SHORTAGE_HORIZON_DAYS),
            ]
        )

    def _coordination_check_ranges(self, ranges):
        """ValidationError naming the company, the setting, its range and its value (numbers
        in the user's format) when a setting of `ranges` [(field name, low, high)] is out of
        its range."""
        for company in self:
            for fname, low, high in ranges:
                value = company[fname]
                if not low <= value <= high:
                    raise ValidationError(
                        _(
                            "%(company)s: %(field)s must be between %(low)s and %(high)s, "
                            "not %(value)s.",
                            company=company.name,
                            field=self._fields[fname]._description_string(self.env),
                            low=format_number(self.env, low, 2, trim=True),
                            high=format_number(self.env, high, 2, trim=True),
                            value=format_number(self.env, value, 2, trim=True),
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._coordination_ensure_procurement_projects()
        return companies

    @api.model
    def _coordination_install_procurement_projects(self):
        """On install and update: one procurement coordination project per company."""
        self.search([])._coordination_ensure_procurement_projects()

    def _coordination_ensure_procurement_projects(self):
        missing = self.filtered(lambda company: not company.coordination_procurement_project_id)
        if not missing:
            return
        # sudo: the project belongs to the shortage scan; whoever creates the company, or starts
        # the first scan, may not manage projects. Created in English (the source of translated
        # names, whatever the language of whoever creates it), then worded in every language.
        projects = (
            self.env["project.project"]
            .sudo()
            .with_context(mail_create_nosubscribe=True, mail_create_nolog=True, lang="en_US")
            .create(
                [
                    company.with_context(
                        lang="en_US"
                    )._coordination_prepare_procurement_project_vals()
                    for company in missing
                ]
            )
        )
        for company, project in zip(missing.sudo(), projects, strict=True):
            company.coordination_procurement_project_id = project
        projects._coordination_translate_procurement_names()

    def _coordination_prepare_procurement_project_vals(self):
        self.ensure_one()
        Project = self.env["project.project"]
        return {
            **Project._coordination_prepare_procurement_names(),
            "company_id": self.id,
            "coordination_is_procurement": True,
            "privacy_visibility": "followers",
            "user_id": False,
            "type_ids": [
                Command.create(vals) for vals in Project._coordination_prepare_stage_vals()
            ],
        }

    def _coordination_get_procurement_project(self):
        self.ensure_one()
        if not self.coordination_procurement_project_id.exists():
            self.sudo().coordination_procurement_project_id = False
            self._coordination_ensure_procurement_projects()
        return self.coordination_procurement_project_id

    def _coordination_get_default_buyers(self):
        """The company's default buyer, else its purchase managers."""
        self.ensure_one()
        if self.coordination_buyer_id.active:
            return self.coordination_buyer_id
        managers = self.env.ref("purchase.group_purchase_manager").sudo().users
        return managers.filtered(
            lambda user: user.active
            and not user.share
            and user.id != SUPERUSER_ID
            and self in user.company_ids
        ).sorted("id")
