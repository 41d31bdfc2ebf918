# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from .coordination_protected_mixin import check_action_access
from .coordination_utils import add_hours

_lt = LazyTranslate(__name__)

# A check-in request must be answered within this many hours.
ANSWER_HOURS = 24
# Reported and computed progress further apart than this many points are flagged.
GAP_POINTS = 20.0
# What the supervisor reports: kept as it was once the check-in is submitted.
REPORT_FIELDS = {
    "department_id",
    "supervisor_id",
    "status",
    "date_finish_revised",
    "progress_reported",
    "handoff_ids",
    "note",
}


class CoordinationCheckin(models.Model):
    """A supervisor's progress report on their department's current work."""

    _name = "coordination.checkin"
    _description = "Supervisor Check-in"
    _inherit = ["mail.thread", "mail.activity.mixin", "coordination.protected.mixin"]
    _order = "date_requested desc, id desc"
    _check_company_auto = True

    department_id = fields.Many2one(
        "coordination.department",
        required=True,
        index=True,
        check_company=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="department_id.company_id", store=True, index=True, readonly=True
    )
    supervisor_id = fields.Many2one(
        "res.users",
        compute="_compute_supervisor_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    state = fields.Selection(
        [("requested", "Requested"), ("submitted", "Submitted")],
        default="requested",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    date_requested = fields.Datetime(
        "Requested On", default=fields.Datetime.now, required=True, readonly=True
    )
    date_due = fields.Datetime("Answer Before", compute="_compute_date_due", store=True, index=True)
    date_submitted = fields.Datetime("Submitted On", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help=f"Requested and not answered within {ANSWER_HOURS} hours.",
    )
    handoff_ids = fields.Many2many(
        "coordination.handoff",
        "coordination_checkin_handoff_rel",
        "checkin_id",
        "handoff_id",
        string="Handoffs",
        compute="_compute_handoff_ids",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('department_id', '=', department_id), ('state', 'in', "
        "('ready', 'in_progress', 'blocked'))]",
        help="The manufacturing orders this check-in reports on.",
    )
    production_ids = fields.Many2many(
        "mrp.production", compute="_compute_production_ids", string="Manufacturing Orders"
    )
    # Percentages: averaged over a group, never summed.
    progress_reported = fields.Float(
        "Reported Progress (%)",
        tracking=True,
        aggregator="avg",
        help="Progress as the supervisor sees it.",
    )
    progress_computed = fields.Float(
        "Computed Progress (%)",
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="Done over expected duration of the covered work orders, taken when the check-in "
        "is submitted.",
    )
    progress_gap = fields.Float(
        "Gap (points)", compute="_compute_progress", store=True, aggregator="avg"
    )
    has_progress_gap = fields.Boolean(
        "Progress Gap",
        compute="_compute_progress",
        store=True,
        help=f"Reported and computed progress differ by more than {GAP_POINTS:g} points.",
    )
    status = fields.Selection(
        [("on_track", "On Track"), ("at_risk", "At Risk"), ("blocked", "Blocked")],
        tracking=True,
    )
    date_finish_revised = fields.Datetime(
        "Revised Finish", help="When the department now expects to finish the covered work."
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "progress_reported_range",
            "CHECK(progress_reported >= 0 AND progress_reported <= 100)",
            "The reported progress must be between 0 and 100%.",
        ),
    ]

    @api.depends("department_id", "date_requested")
    def _compute_display_name(self):
        for checkin in self:
            date = fields.Datetime.context_timestamp(checkin, checkin.date_requested)
            checkin.display_name = _(
                "%(department)s check-in, %(date)s",
                department=checkin.department_id.name,
                date=format_date(checkin.env, date.date()) if date else "",
            )

    @api.depends("department_id")
    def _compute_supervisor_id(self):
        for checkin in self:
            checkin.supervisor_id = checkin.department_id.supervisor_id

    @api.depends("date_requested")
    def _compute_date_due(self):
        for checkin in self:
            checkin.date_due = add_hours(checkin.date_requested, ANSWER_HOURS)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for checkin in self:
            checkin.is_overdue = checkin.state == "requested" and checkin.date_due < now

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(_("Unsupported search on overdue check-ins."))
        overdue = [("state", "=", "requested"), ("date_due", "<", fields.Datetime.now())]
        return overdue if (operator == "=") == bool(value) else ["!", "&", *overdue]

    @api.depends("department_id")
    def _compute_handoff_ids(self):
        """By default a check-in covers the department's active handoffs."""
        active = self.env["coordination.handoff"].search(
            [
                ("department_id", "in", self.department_id.ids),
                ("state", "in", ("ready", "in_progress", "blocked")),
            ]
        )
        for checkin in self:
            checkin.handoff_ids = active.filtered(
                lambda leg, dep=checkin.department_id: leg.department_id == dep
            )

    @api.depends("handoff_ids")
    def _compute_production_ids(self):
        for checkin in self:
            checkin.production_ids = checkin.handoff_ids.production_id

    # Depends on the state on purpose: the computed progress is taken again when the check-in is
    # submitted and then stays as it was, so the history shows what the supervisor saw.
    @api.depends("state", "progress_reported", "handoff_ids")
    def _compute_progress(self):
        Handoff = self.env["coordination.handoff"]
        for checkin in self:
            computed = Handoff._get_progress(checkin.handoff_ids)
            checkin.progress_computed = computed
            checkin.progress_gap = checkin.progress_reported - computed
            checkin.has_progress_gap = abs(checkin.progress_gap) > GAP_POINTS

    @api.constrains("handoff_ids", "department_id")
    def _check_handoffs_department(self):
        for checkin in self:
            foreign = checkin.handoff_ids.filtered(
                lambda leg, dep=checkin.department_id: leg.department_id != dep
            )
            if foreign:
                raise ValidationError(
                    _(
                        "A check-in of %(department)s cannot cover %(handoffs)s.",
                        department=checkin.department_id.name,
                        handoffs=", ".join(foreign.mapped("display_name")),
                    )
                )

    # Protection -------------------------------------------------------------------------------

    def _coordination_protected_fields(self):
        """The state, the dates and the progress taken at submission change only through
        Submit and the scheduled request (see coordination.protected.mixin)."""
        submit = _("Submit")
        return {
            **dict.fromkeys(
                [
                    "state",
                    "date_submitted",
                    "progress_computed",
                    "progress_gap",
                    "has_progress_gap",
                ],
                submit,
            ),
            **dict.fromkeys(
                ["date_requested", "date_due", "company_id"], _("the check-in request")
            ),
        }

    def write(self, vals):
        if not self.env.su:
            if "department_id" in vals:
                raise AccessError(
                    _("A check-in stays with its department: request one for the other.")
                )
            locked = REPORT_FIELDS & set(vals)
            submitted = self.filtered(lambda checkin: checkin.state == "submitted")
            if locked and submitted:
                raise AccessError(
                    _(
                        "%(checkin)s was submitted: what it reports (%(fields)s) is kept as it "
                        "was sent.",
                        checkin=submitted[0].display_name,
                        fields=", ".join(self._fields[name].string for name in sorted(locked)),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        submitted = self.filtered(lambda checkin: checkin.state == "submitted")
        if submitted:
            raise UserError(
                _(
                    "%(checkins)s were submitted: they are the departments' progress history "
                    "and are kept.",
                    checkins=", ".join(submitted.mapped("display_name")),
                )
            )

    # Actions ----------------------------------------------------------------------------------

    def action_submit(self):
        check_action_access(self, "write", _("submit these check-ins"))
        for checkin in self:
            if checkin.state != "requested":
                raise UserError(
                    _("%(checkin)s was already submitted.", checkin=checkin.display_name)
                )
            if not checkin.status:
                raise UserError(
                    _(
                        "Choose a status (on track, at risk or blocked) before submitting "
                        "%(checkin)s.",
                        checkin=checkin.display_name,
                    )
                )
        # sudo: state and date are protected; the user may change the check-ins (checked above).
        self.sudo().write({"state": "submitted", "date_submitted": fields.Datetime.now()})
        self._close_requests()
        return True

    def _close_requests(self):
        """Answer the check-in activities: one per supervisor per day, maybe on another request."""
        activity_type = self.env.ref("production_coordination.mail_activity_type_checkin")
        for supervisor, checkins in self.grouped("supervisor_id").items():
            pending = self.search(
                [("supervisor_id", "=", supervisor.id), ("state", "=", "requested")]
            )
            activities = self.env["mail.activity"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", (checkins | pending).ids),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "=", supervisor.id),
                ]
            )
            if pending:
                # Still something to report: keep the reminder on a request that is open.
                activities.filtered(lambda a, done=checkins: a.res_id in done.ids).write(
                    {"res_id": pending[0].id}
                )
            else:
                activities.action_feedback(feedback=_("Check-in submitted."))

    @api.model
    def _cron_request_checkins(self):
        """Ask every supervisor with active handoffs for a check-in: one request per department
        (unless one is still open) and one activity per supervisor per day. In one batch; a
        department that makes it fail is skipped and reported (``coordination.batch``).

        :return: the check-ins requested
        """
        active = self.env["coordination.handoff"]._read_group(
            [("state", "in", ("ready", "in_progress", "blocked"))], ["department_id"]
        )
        departments = (
            self.env["coordination.department"]
            .browse([department.id for [department] in active])
            .filtered("supervisor_id")
        )
        requests = self.browse()

        def process(batch):
            nonlocal requests
            requests |= self._request_checkins(batch)

        self.env["coordination.batch"]._run_isolated(
            departments, process, _lt("Ask supervisors for check-ins")
        )
        return requests.exists()

    @api.model
    def _request_checkins(self, departments):
        """One check-in request per department without an open one, one activity per
        supervisor per day. Returns the requests created."""
        open_requests = self.search(
            [("department_id", "in", departments.ids), ("state", "=", "requested")]
        )
        requests = self.create(
            [{"department_id": d.id} for d in departments - open_requests.department_id]
        )
        activity_type = self.env.ref("production_coordination.mail_activity_type_checkin")
        today = fields.Date.context_today(self)
        day_start = fields.Datetime.to_datetime(today)
        already = (
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("activity_type_id", "=", activity_type.id),
                    ("create_date", ">=", day_start),
                ]
            )
            .user_id
        )
        for supervisor, checkins in requests.grouped("supervisor_id").items():
            if supervisor in already:
                continue
            # In the supervisor's language, whoever runs it.
            lang = supervisor.partner_id._coordination_mail_context(checkins[0].company_id)
            checkins[0].activity_schedule(
                activity_type_id=activity_type.id,
                user_id=supervisor.id,
                date_deadline=today,
                summary=self.with_context(lang=lang["lang"]).env._(
                    "Check-in: %(departments)s",
                    departments=", ".join(checkins.department_id.mapped("name")),
                ),
            )
        return requests
