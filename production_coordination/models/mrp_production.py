# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from .coordination_const import MANAGER_GROUP, OPEN_LEG_STATES, OPEN_MO_STATES
from .coordination_material_forecast import READINESS
from .coordination_priority import PENDING_KEY, SCORE_FIELDS
from .coordination_protected_mixin import check_action_access
from .coordination_utils import ensure_one_record

_lt = LazyTranslate(__name__)

# Fields whose change on an MO refreshes its score at once.
SCORE_INPUTS = {
    "priority",
    "coordination_is_expedited",
    "coordination_date_committed_manual",
    "coordination_rank_override",
    "date_start",
}
# Those of them the components' netting does not read (it nets by need date): changing only
# these keeps the MO's component forecast (coordination.priority._refresh).
NETTING_NEUTRAL_INPUTS = SCORE_INPUTS - {"date_start"}


class MrpProduction(models.Model):
    _name = "mrp.production"
    _inherit = ["mrp.production", "coordination.protected.mixin"]

    coordination_handoff_ids = fields.One2many(
        "coordination.handoff", "production_id", string="Route Legs", readonly=True
    )
    coordination_handoff_count = fields.Integer(compute="_compute_coordination_handoff_count")
    coordination_current_handoff_id = fields.Many2one(
        "coordination.handoff",
        string="Current Handoff",
        compute="_compute_coordination_current_handoff_id",
        store=True,
        index="btree_not_null",
        help="The first leg of the route that is not done yet.",
    )
    coordination_current_department_id = fields.Many2one(
        related="coordination_current_handoff_id.department_id",
        string="Current Department",
        store=True,
        index="btree_not_null",
    )
    coordination_current_state = fields.Selection(
        related="coordination_current_handoff_id.state", string="Handoff State"
    )
    coordination_is_expedited = fields.Boolean(
        "Expedited", readonly=True, copy=False, tracking=True, index=True
    )
    coordination_expedite_reason = fields.Text("Expedite Reason", readonly=True, copy=False)
    coordination_date_expedited = fields.Datetime("Expedited On", readonly=True, copy=False)
    coordination_expedited_by_id = fields.Many2one(
        "res.users", "Expedited By", readonly=True, copy=False
    )

    # Completion dates ---------------------------------------------------------------------
    # The priority refresh writes SCORE_FIELDS, the rank and the delay flag with
    # coordination_sql.bulk_update (see there): no tracking, no write(), no protected-field or
    # value check, nothing recomputed. Nothing may be computed from them.
    coordination_date_committed_manual = fields.Datetime(readonly=True, copy=False)
    coordination_date_committed = fields.Datetime(
        "Committed Date",
        compute="_compute_coordination_date_committed",
        store=True,
        index=True,
        help="The completion date promised: the MO's deadline unless a coordinator revised it.",
    )
    coordination_date_revision_ids = fields.One2many(
        "coordination.date.revision", "production_id", string="Date Revisions"
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_date_forecast = fields.Datetime(
        "Forecast Finish",
        readonly=True,
        copy=False,
        help="End of the planned work orders (or of the MO), pushed later when components are "
        "expected after the planned start.",
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_delay_days = fields.Float(
        "Delay (days)", readonly=True, copy=False, aggregator=None
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_is_delayed = fields.Boolean(
        "Delayed",
        readonly=True,
        copy=False,
        index=True,
        help="The forecast finish is after the committed date.",
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_delay_notified = fields.Boolean(readonly=True, copy=False)
    # Components ---------------------------------------------------------------------------
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_readiness = fields.Selection(
        READINESS, "Component Readiness", readonly=True, copy=False, index=True
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_date_components = fields.Datetime(
        "Components Expected",
        readonly=True,
        copy=False,
        help="When every component is expected to be there.",
    )
    coordination_reservation_in_ids = fields.One2many(
        "coordination.reservation.suggestion",
        "to_production_id",
        string="Reserved for Later Orders",
        groups="mrp.group_mrp_user",
        help="Components this order needs first that later orders hold in reservation: the "
        "stock is there, the reservation must move (kept by the priority refresh).",
    )
    coordination_reservation_out_ids = fields.One2many(
        "coordination.reservation.suggestion",
        "from_production_id",
        string="Needed by Earlier Orders",
        groups="mrp.group_mrp_user",
        help="Components reserved for this order that earlier orders need first.",
    )
    # Priority -------------------------------------------------------------------------------
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        readonly=True,
        copy=False,
        help="The customer whose order this MO serves (from the procurement it feeds).",
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_slack_hours = fields.Float(
        "Slack (h)",
        readonly=True,
        copy=False,
        aggregator=None,
        help="Working hours until the committed date minus the remaining expected work.",
    )
    # The six parts: written in SQL by the priority refresh (coordination.priority). Scores,
    # ranks and delays are per order: a sum over a group means nothing.
    coordination_score_urgency = fields.Float(
        "Urgency Part", readonly=True, copy=False, aggregator=None
    )
    coordination_score_components = fields.Float(
        "Components Part", readonly=True, copy=False, aggregator=None
    )
    coordination_score_expedite = fields.Float(
        "Expedite Part", readonly=True, copy=False, aggregator=None
    )
    coordination_score_star = fields.Float(
        "Urgent Star Part", readonly=True, copy=False, aggregator=None
    )
    coordination_score_customer = fields.Float(
        "Customer Part", readonly=True, copy=False, aggregator=None
    )
    coordination_score_age = fields.Float("Age Part", readonly=True, copy=False, aggregator=None)
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_priority_score = fields.Float(
        "Priority Score", readonly=True, copy=False, index=True, aggregator=None
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_rank = fields.Integer(
        "Rank",
        readonly=True,
        copy=False,
        index=True,
        aggregator=None,
        help="Position of the MO among the open MOs of its company: 1 = do first.",
    )
    coordination_rank_override = fields.Integer(
        "Rank Override", readonly=True, copy=False, aggregator=None
    )
    coordination_rank_override_reason = fields.Text("Override Reason", readonly=True, copy=False)
    coordination_rank_override_by_id = fields.Many2one(
        "res.users", "Overridden By", readonly=True, copy=False
    )
    # Written in SQL by the priority refresh (coordination.priority).
    coordination_date_scored = fields.Datetime("Scored On", readonly=True, copy=False)
    # Written in SQL by the priority refresh (coordination.priority): how many changes of the
    # MO's components' netting wait for the company's rank job (0 or empty: none).
    coordination_netting_requests = fields.Integer(
        "Netting Requests", readonly=True, copy=False, aggregator=None
    )
    coordination_route_summary = fields.Char(
        "Route",
        compute="_compute_coordination_route_summary",
        store=True,
        help="The departments on the route, in order (✓ done, ● current).",
    )

    def init(self):
        res = super().init()
        # The rank job looks for the MOs whose components wait to be netted again (a handful
        # among the company's open MOs).
        create_index(
            self.env.cr,
            "mrp_production_coordination_netting_requests_index",
            self._table,
            ["company_id"],
            where="coordination_netting_requests > 0",
        )
        return res

    def _coordination_protected_fields(self):
        """What the coordinator's actions, the route and the priority refresh set: never written
        directly (see coordination.protected.mixin)."""
        expedite = _("Expedite / Un-expedite")
        override = _("Override Rank / Remove Rank Override")
        revise = _("Revise Committed Date")
        refresh = _("the priority refresh")
        route = _("the route (confirming or changing the order)")
        return {
            **dict.fromkeys(
                [
                    "coordination_is_expedited",
                    "coordination_expedite_reason",
                    "coordination_date_expedited",
                    "coordination_expedited_by_id",
                ],
                expedite,
            ),
            **dict.fromkeys(
                [
                    "coordination_rank_override",
                    "coordination_rank_override_reason",
                    "coordination_rank_override_by_id",
                ],
                override,
            ),
            **dict.fromkeys(
                [
                    "coordination_date_committed_manual",
                    "coordination_date_committed",
                    "coordination_date_revision_ids",
                ],
                revise,
            ),
            **dict.fromkeys(
                [
                    *SCORE_FIELDS,
                    "coordination_delay_notified",
                    "coordination_rank",
                    "coordination_netting_requests",
                ],
                refresh,
            ),
            **dict.fromkeys(
                [
                    "coordination_handoff_ids",
                    "coordination_current_handoff_id",
                    "coordination_current_department_id",
                    "coordination_route_summary",
                ],
                route,
            ),
        }

    def _compute_coordination_handoff_count(self):
        counts = dict(
            self.env["coordination.handoff"]._read_group(
                [("production_id", "in", self.ids)], ["production_id"], ["__count"]
            )
        )
        for production in self:
            production.coordination_handoff_count = counts.get(production, 0)

    @api.depends("coordination_handoff_ids.state", "coordination_handoff_ids.sequence")
    def _compute_coordination_current_handoff_id(self):
        for production in self:
            open_legs = production.coordination_handoff_ids.filtered(
                lambda leg: leg.state in OPEN_LEG_STATES
            ).sorted("sequence")
            production.coordination_current_handoff_id = open_legs[:1]

    # Route (coordination_route.py) ----------------------------------------------------------------

    def _coordination_build_route(self):
        """(Re)build the route of these MOs (see ``coordination.route._build``): one leg per
        run of consecutive operations in the same department; started, blocked and done legs
        are kept. Runs as superuser."""
        self.env["coordination.route"]._build(self)

    def _coordination_refresh_route_states(self):
        """Hand off along the route: the first leg not done is ready, later ones wait."""
        self.env["coordination.route"]._refresh_states(self)

    def _coordination_route_groups(self, departments):
        """Deprecated: ``coordination.route._groups``."""
        self.ensure_one()
        return self.env["coordination.route"]._groups(self, departments)

    def _coordination_get_coordinator(self):
        """Who coordinates this MO: its responsible if a coordinator, else the company's."""
        self.ensure_one()
        if self.user_id and self.user_id.has_group(MANAGER_GROUP):
            return self.user_id
        return self.company_id.coordination_user_id

    # Odoo's flows -----------------------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coordination_history(self):
        """Odoo deletes cancelled MOs with their legs and date revisions: refuse when a
        department accepted, blocked or completed a leg, or the committed date was revised
        (what was promised and done); the cancelled MO keeps that history."""
        # sudo: the history counts whoever may read it.
        productions = self.sudo()
        kept = productions.filtered(
            lambda p: p.coordination_date_revision_ids
            or p.coordination_handoff_ids._filter_history()
        )
        if kept:
            raise UserError(
                _(
                    "%(productions)s carry the history of their route or of their committed "
                    "date: keep them cancelled instead of deleting them.",
                    productions=", ".join(kept.mapped("name")),
                )
            )

    def action_confirm(self):
        res = super().action_confirm()
        self._coordination_build_route()
        self._coordination_refresh_priority()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        # sudo: cancelling an MO ends its legs, whatever departments the user can see.
        self.sudo().coordination_handoff_ids._cancel()
        self.with_context(coordination_net_later=True)._coordination_refresh_priority()
        return res

    def button_mark_done(self):
        res = super().button_mark_done()
        done = self.filtered(lambda p: p.state == "done")
        # Legs without work orders are done with their MO.
        done.sudo().coordination_handoff_ids.filtered(
            lambda leg: leg.state in OPEN_LEG_STATES
        )._set_state("done")
        done.with_context(coordination_net_later=True)._coordination_refresh_priority()
        return res

    def _split_productions(self, amounts=False, cancel_remaining_qty=False, set_consumed_qty=False):
        productions = super()._split_productions(
            amounts=amounts,
            cancel_remaining_qty=cancel_remaining_qty,
            set_consumed_qty=set_consumed_qty,
        )
        productions._coordination_build_route()
        return productions

    # Expedite ---------------------------------------------------------------------------------

    def _coordination_check_may_expedite(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                _("Only coordinators can expedite or un-expedite manufacturing orders.")
            )
        check_action_access(self, "write", _("expedite these manufacturing orders"))

    def action_coordination_expedite(self):
        self._coordination_check_may_expedite()
        unexpedite = all(self.mapped("coordination_is_expedited"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Un-expedite") if unexpedite else _("Expedite"),
            "res_model": "coordination.expedite.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_production_ids": self.ids,
                "default_mode": "unexpedite" if unexpedite else "expedite",
            },
        }

    def _coordination_expedite(self, reason, expedite=True):
        """Flag (or unflag) the MOs, post the reason and tell every department on the route."""
        self._coordination_check_may_expedite()
        if not (reason or "").strip():
            raise UserError(_("Give the reason."))
        wrong = self.filtered(lambda p: p.coordination_is_expedited == expedite)
        if wrong:
            raise UserError(
                _(
                    "%(production)s is already %(state)s.",
                    production=wrong[0].name,
                    state=_("expedited") if expedite else _("not expedited"),
                )
            )
        if expedite and self.filtered(lambda p: p.state in ("done", "cancel")):
            raise UserError(_("Only open manufacturing orders can be expedited."))
        # sudo: protected fields, the role and access were checked above.
        self.sudo().write(
            {
                "coordination_is_expedited": expedite,
                "coordination_expedite_reason": reason if expedite else False,
                "coordination_date_expedited": fields.Datetime.now() if expedite else False,
                "coordination_expedited_by_id": self.env.user.id if expedite else False,
            }
        )
        title = _("Expedited") if expedite else _("No longer expedited")
        for production in self:
            supervisors = production.coordination_handoff_ids.department_id.supervisor_id
            production.message_post(
                body=Markup("<p><b>%s</b></p><p>%s</p>") % (title, reason),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=(supervisors.partner_id - self.env.user.partner_id).ids,
            )
        return True

    def action_coordination_open_handoffs(self):
        ensure_one_record(self)
        check_action_access(self, "read", _("open the route of this manufacturing order"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_handoff_action"
        )
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {"default_production_id": self.id}
        action["view_mode"] = "list,kanban,form"
        action["views"] = [(False, "list"), (False, "kanban"), (False, "form")]
        return action

    # Priority and completion dates -----------------------------------------------------------

    @api.depends("coordination_date_committed_manual", "date_deadline")
    def _compute_coordination_date_committed(self):
        for production in self:
            production.coordination_date_committed = (
                production.coordination_date_committed_manual or production.date_deadline
            )

    @api.depends(
        "coordination_handoff_ids.state",
        "coordination_handoff_ids.sequence",
        "coordination_handoff_ids.department_id.code",
    )
    def _compute_coordination_route_summary(self):
        for production in self:
            parts = []
            legs = production.coordination_handoff_ids.filtered(lambda x: x.state != "cancel")
            current = production.coordination_current_handoff_id
            for leg in legs.sorted("sequence"):
                mark = " ✓" if leg.state == "done" else (" ●" if leg == current else "")
                parts.append(f"{leg.department_id.code}{mark}")
            production.coordination_route_summary = " › ".join(parts)

    def write(self, vals):
        res = super().write(vals)
        changed = SCORE_INPUTS & set(vals)
        if changed:
            self.with_context(
                coordination_keep_forecast=changed <= NETTING_NEUTRAL_INPUTS,
                coordination_net_later=True,
            )._coordination_refresh_priority()
        return res

    # Refresh ----------------------------------------------------------------------------------

    def _coordination_refresh_priority_later(self):
        """Refresh these MOs once, just before the transaction commits (their work orders
        changed: one refresh for all the changes of a request, not one per write)."""
        pending = self.env.cr.precommit.data.setdefault(PENDING_KEY, set())
        if not pending:
            self.env.cr.precommit.add(self._coordination_refresh_pending)
        pending.update(self.ids)

    def _coordination_refresh_pending(self):
        pending = self.env.cr.precommit.data.pop(PENDING_KEY, set())
        # (whatever context the first deferred write had: a full refresh, ranked by a job)
        self.browse(pending).exists().with_context(
            coordination_defer_priority=False,
            coordination_keep_forecast=False,
            # (its components are netted again by the rank job: see coordination.priority)
            coordination_net_later=True,
            coordination_rerank_now=False,
            coordination_rerank_skip=False,
        )._coordination_refresh_priority()

    @api.model
    def _cron_refresh_priorities(self):
        """Refresh every open MO (time-dependent parts: slack, age, stock), in one batch; an MO
        that makes it fail is skipped and reported (see ``coordination.batch``).

        :return: {production: exception} of the MOs skipped
        """
        return self.env["coordination.batch"]._run_isolated(
            self.search([("state", "in", OPEN_MO_STATES)]).with_context(
                coordination_rerank_now=True
            ),
            lambda productions: productions._coordination_refresh_priority(),
            _lt("Refresh priorities and completion forecasts"),
        )

    def _coordination_refresh_priority(self):
        """Recompute the scores of these MOs, then the ranks of their companies (just before the
        commit with the context key `coordination_defer_priority`: many changes in a row)."""
        if self.env.context.get("coordination_defer_priority"):
            self._coordination_refresh_priority_later()
            return
        self.env["coordination.priority"]._refresh(self)
