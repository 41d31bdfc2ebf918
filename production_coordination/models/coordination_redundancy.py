# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_round
from odoo.tools.translate import LazyTranslate

from .coordination_const import MANAGER_GROUP, UNSTARTED_WO_STATES
from .coordination_protected_mixin import check_action_access
from .coordination_utils import ensure_one_record

_lt = LazyTranslate(__name__)

# The states in which Odoo merges manufacturing orders: not started yet.
MERGE_STATES = ("draft", "confirmed")
# More days than between the first and last dates Python knows (years 1 to 9999).
MAX_WINDOW_DAYS = 3_660_000


class CoordinationRedundancy(models.Model):
    """A redundancy in the manufacturing plan, and the time removing it saves.

    ``merge``: manufacturing orders of the same product, bill of materials, operation type and
    company, not started yet, whose start dates are within the company's window. One order
    instead of several saves the setup and cleanup of every operation of all but one of them.
    Merging is Odoo's own merge; when Odoo would refuse it, ``merge_blocker`` says why.

    ``sequence``: the same operation of different orders planned on one work center within the
    window, with other work orders not started yet planned between them. Planned back to back,
    the work center is set up once.

    Suggestions are derived data: :meth:`_refresh` finds them again (hourly cron, Refresh
    button), keeps those still true and removes the others.
    """

    _name = "coordination.redundancy"
    _description = "Redundancy Suggestion"
    _inherit = ["coordination.protected.mixin"]
    _order = "kind, date_first_start, id"
    _check_company_auto = True

    kind = fields.Selection(
        [("merge", "Merge Orders"), ("sequence", "Sequence Operations")],
        required=True,
        readonly=True,
        index=True,
    )
    key = fields.Char(
        required=True,
        readonly=True,
        index=True,
        help="The kind and the records a suggestion is about: a refresh keeps the suggestion "
        "while it finds the same redundancy.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", readonly=True, check_company=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    bom_id = fields.Many2one(
        "mrp.bom", string="Bill of Materials", readonly=True, check_company=True
    )
    picking_type_id = fields.Many2one(
        "stock.picking.type", string="Operation Type", readonly=True, check_company=True
    )
    operation_id = fields.Many2one("mrp.routing.workcenter", readonly=True, check_company=True)
    workcenter_id = fields.Many2one(
        "mrp.workcenter", string="Work Center", readonly=True, check_company=True
    )
    production_ids = fields.Many2many(
        "mrp.production",
        "coordination_redundancy_production_rel",
        "redundancy_id",
        "production_id",
        string="Manufacturing Orders",
        readonly=True,
        check_company=True,
    )
    production_count = fields.Integer(compute="_compute_production_count", string="Orders")
    workorder_ids = fields.Many2many(
        "mrp.workorder",
        "coordination_redundancy_workorder_rel",
        "redundancy_id",
        "workorder_id",
        string="Work Orders",
        readonly=True,
        check_company=True,
    )
    product_qty = fields.Float(
        "Total Quantity",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity of the merged order, in the product's unit of measure.",
    )
    minutes_saved = fields.Float(
        readonly=True,
        help="Merge: setup and cleanup time of the operations of all orders but one. "
        "Sequence: setup time of each work order that would follow one of the same operation.",
    )
    date_first_start = fields.Datetime("First Start", readonly=True)
    date_last_start = fields.Datetime("Last Start", readonly=True)
    merge_blocker = fields.Text(
        "Why Odoo Cannot Merge",
        readonly=True,
        help="Odoo's own reason for refusing to merge these orders, if any.",
    )

    @api.depends("production_ids")
    def _compute_production_count(self):
        for suggestion in self:
            suggestion.production_count = len(suggestion.production_ids)

    @api.depends("kind", "product_id", "operation_id", "workcenter_id", "production_ids")
    def _compute_display_name(self):
        for suggestion in self:
            if suggestion.kind == "merge":
                suggestion.display_name = _(
                    "Merge %(count)s orders of %(product)s",
                    count=len(suggestion.production_ids),
                    product=suggestion.product_id.display_name,
                )
            else:
                # Supervisors read suggestions without Manufacturing rights: only the name of
                # the operation is read as superuser, as Odoo does for a many2one's name.
                suggestion.display_name = _(
                    "Sequence %(operation)s on %(workcenter)s",
                    operation=suggestion.operation_id.sudo().name,
                    workcenter=suggestion.workcenter_id.name,
                )

    # Detection -------------------------------------------------------------------------------

    @api.model
    def _refresh(self, companies=None):
        """Find the redundancies of `companies` (default: the current ones) again: update the
        suggestions still true, create the new ones and remove the others.

        A fixed number of queries whatever the number of orders: two grouped queries per kind
        and batched reads of what they found. The suggestions are written as superuser: they
        are derived data nobody edits (see coordination.protected.mixin).
        """
        companies = companies or self.env.companies
        found = {
            vals["key"]: vals
            for vals in self._detect_merges(companies) + self._detect_sequences(companies)
        }
        stale = self.browse()
        for suggestion in self.search([("company_id", "in", companies.ids)]):
            vals = found.pop(suggestion.key, None)
            if vals is None or vals["company_id"] != suggestion.company_id.id:
                stale |= suggestion  # no longer true (or a duplicate of a concurrent refresh)
                continue
            changes = suggestion._get_changed_values(vals)
            if changes:
                suggestion.sudo().write(changes)
        stale.sudo().unlink()
        return self.sudo().create(list(found.values())).sudo(False)

    def _coordination_protected_fields(self):
        return self._coordination_all_fields(_("Refresh (or the hourly refresh)"))

    def _get_changed_values(self, vals):
        """The values of `vals` that differ from the suggestion's. Relations are implied by the
        key, which holds their ids."""
        self.ensure_one()
        changes = {}
        for name, value in vals.items():
            field = self._fields[name]
            if field.type in ("one2many", "many2many"):
                continue
            current = self[name]
            if field.type == "many2one":
                differs = current.id != (value or False)
            elif field.type == "float":
                differs = float_compare(current, value, precision_digits=6) != 0
            else:
                differs = current != value
            if differs:
                changes[name] = value
        return changes

    @api.model
    def _get_window(self, company):
        """The company's redundancy window as a timedelta; a window longer than the calendar
        (any number of days up to the largest integer) spans every date."""
        return timedelta(days=min(company.coordination_redundancy_days, MAX_WINDOW_DAYS))

    @api.model
    def _split_by_window(self, records, window, date_of):
        """Runs of `records` (sorted by date) whose dates are at most `window` after the date of
        the run's first record."""
        runs = []
        for record in records:
            if runs and date_of(record) - date_of(runs[-1][0]) <= window:
                runs[-1].append(record)
            else:
                runs.append([record])
        return runs

    @api.model
    def _detect_merges(self, companies):
        Production = self.env["mrp.production"]
        groups = Production._read_group(
            [
                ("company_id", "in", companies.ids),
                ("state", "in", MERGE_STATES),
                ("bom_id", "!=", False),
            ],
            ["company_id", "product_id", "bom_id", "picking_type_id"],
            ["id:array_agg"],
            having=[("__count", ">", 1)],
        )
        if not groups:
            return []
        productions = Production.search_fetch(
            [("id", "in", [pid for *_keys, ids in groups for pid in ids])],
            ["company_id", "product_id", "bom_id", "picking_type_id", "date_start"],
            order="date_start, id",
        )
        by_group = defaultdict(list)
        for production in productions:
            by_group[
                production.company_id,
                production.product_id,
                production.bom_id,
                production.picking_type_id,
            ].append(production)
        vals_list = []
        for (company, product, bom, picking_type), members in by_group.items():
            window = self._get_window(company)
            for run in self._split_by_window(members, window, lambda p: p.date_start):
                if len(run) < 2:
                    continue
                # Same prefetch set for every run: one read per field for all of them.
                orders = Production.browse([p.id for p in run]).with_prefetch(
                    productions._prefetch_ids
                )
                per_order = [self._get_setup_cleanup_minutes(order) for order in orders]
                vals_list.append(
                    {
                        "kind": "merge",
                        "key": "merge:" + ",".join(map(str, sorted(orders.ids))),
                        "company_id": company.id,
                        "product_id": product.id,
                        "bom_id": bom.id,
                        "picking_type_id": picking_type.id,
                        "production_ids": [Command.set(orders.ids)],
                        "product_qty": sum(orders.mapped("product_uom_qty")),
                        "minutes_saved": float_round(
                            sum(per_order) - max(per_order), precision_digits=2
                        ),
                        "date_first_start": orders[0].date_start,
                        "date_last_start": orders[-1].date_start,
                        "merge_blocker": self._get_merge_blocker(orders),
                    }
                )
        return vals_list

    @api.model
    def _get_setup_cleanup_minutes(self, production):
        """Setup and cleanup minutes of the operations of `production`, as Odoo plans them
        (the work center's, or the product's capacity on it)."""
        return sum(
            workorder.workcenter_id._get_expected_duration(workorder.product_id)
            for workorder in production.workorder_ids
            if workorder.state != "cancel"
        )

    @api.model
    def _get_merge_blocker(self, productions):
        """Odoo's own reason for refusing to merge `productions`, or False.

        ``_pre_action_split_merge_hook`` only validates: it raises or returns True.
        """
        try:
            productions._pre_action_split_merge_hook(merge=True)
        except UserError as error:
            return error.args[0]
        return False

    @api.model
    def _get_setup_minutes(self, workcenter, product):
        capacity = workcenter.capacity_ids.filtered(lambda c: c.product_id == product)[:1]
        return capacity.time_start if capacity else workcenter.time_start

    @api.model
    def _detect_sequences(self, companies):
        Workorder = self.env["mrp.workorder"]
        planned = [
            ("company_id", "in", companies.ids),
            ("state", "in", UNSTARTED_WO_STATES),
            ("date_start", "!=", False),
        ]
        groups = Workorder._read_group(
            [*planned, ("operation_id", "!=", False)],
            ["workcenter_id", "operation_id"],
            ["date_start:min", "date_start:max"],
            having=[("production_id:count_distinct", ">", 1)],
        )
        if not groups:
            return []
        # Every work order not started yet on these work centers over the groups' dates: the
        # candidates and the work orders planned between them.
        workorders = Workorder.search_fetch(
            [
                *planned,
                ("workcenter_id", "in", list({wc.id for wc, *_rest in groups})),
                ("date_start", ">=", min(start for *_keys, start, _stop in groups)),
                ("date_start", "<=", max(stop for *_keys, stop in groups)),
            ],
            [
                "workcenter_id",
                "operation_id",
                "production_id",
                "product_id",
                "company_id",
                "date_start",
            ],
            order="date_start, id",
        )
        timelines = defaultdict(list)
        for workorder in workorders:
            timelines[workorder.workcenter_id].append(workorder)
        wanted = {(wc, operation) for wc, operation, *_dates in groups}
        vals_list = []
        for workcenter, timeline in timelines.items():
            position = {workorder: index for index, workorder in enumerate(timeline)}
            by_operation = defaultdict(list)
            for workorder in timeline:
                if (workcenter, workorder.operation_id) in wanted:
                    by_operation[workorder.operation_id, workorder.company_id].append(workorder)
            for (operation, company), members in by_operation.items():
                window = self._get_window(company)
                for run in self._split_by_window(members, window, lambda wo: wo.date_start):
                    vals = self._prepare_sequence_vals(
                        workcenter, operation, run, timeline, position
                    )
                    if vals:
                        vals_list.append(vals)
        return vals_list

    @api.model
    def _prepare_sequence_vals(self, workcenter, operation, run, timeline, position):
        """The suggestion for `run` (work orders of `operation`, by date), or None when they are
        already back to back or nothing would be saved."""
        if len({workorder.production_id for workorder in run}) < 2:
            return None
        members = set(run)
        minutes = 0.0
        for previous, workorder in zip(run, run[1:], strict=False):
            between = timeline[position[previous] + 1 : position[workorder]]
            if any(other not in members for other in between):
                minutes += self._get_setup_minutes(workcenter, workorder.product_id)
        if float_compare(minutes, 0.0, precision_digits=2) <= 0:
            return None
        workorders = self.env["mrp.workorder"].concat(*run)
        products = workorders.product_id
        return {
            "kind": "sequence",
            "key": "sequence:" + ",".join(map(str, sorted(workorders.ids))),
            "company_id": run[0].company_id.id,
            "workcenter_id": workcenter.id,
            "operation_id": operation.id,
            "bom_id": operation.bom_id.id,
            "product_id": products.id if len(products) == 1 else False,
            "production_ids": [Command.set(workorders.production_id.ids)],
            "workorder_ids": [Command.set(workorders.ids)],
            "minutes_saved": float_round(minutes, precision_digits=2),
            "date_first_start": run[0].date_start,
            "date_last_start": run[-1].date_start,
        }

    @api.model
    def _cron_refresh_redundancies(self):
        """Refresh every company's suggestions in one batch, inline; a company that makes it
        fail is skipped and reported (``coordination.batch``). The scheduled action enqueues
        jobs instead (``_cron_enqueue_refresh``)."""
        return self.env["coordination.batch"]._run_isolated(
            self.env["res.company"].search([]),
            self._refresh,
            _lt("Refresh redundancy suggestions"),
        )

    # Actions ---------------------------------------------------------------------------------

    def _check_coordinator(self, action):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only coordinators can %(action)s.", action=action))
        check_action_access(self, "read", action)

    def action_refresh(self):
        """Refresh the suggestions of the current companies in the background (one job per
        company, see coordination_refresh_job.py); the user is notified when it is done."""
        self._check_coordinator(_("refresh the redundancy suggestions"))
        # sudo: only queue managers create jobs; the job runs as this user (superuser mode, as
        # the suggestions are written) and notifies this user.
        self.sudo()._coordination_enqueue_refresh(self.env.companies)
        return self._coordination_refresh_notification(self.env.companies)

    def action_merge(self):
        """Merge the orders with Odoo's own merge and open the merged order."""
        ensure_one_record(self)
        self._check_coordinator(_("merge manufacturing orders"))
        if self.kind != "merge":
            raise UserError(_("Only a merge suggestion merges orders."))
        company = self.company_id
        action = self.production_ids.action_merge()
        self._refresh(company)
        return action

    def action_apply(self):
        """Plan the work orders of these sequencing suggestions back to back."""
        self._check_coordinator(_("apply sequencing suggestions"))
        if any(suggestion.kind != "sequence" for suggestion in self):
            raise UserError(_("Only a sequencing suggestion is applied; merge the others."))
        for suggestion in self:
            if not suggestion._is_sequence_possible():
                raise UserError(
                    _(
                        "%(suggestion)s is no longer possible: refresh the suggestions.",
                        suggestion=suggestion.display_name,
                    )
                )
            suggestion._apply_sequence()
        self._refresh(self.company_id)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_redundancy_action"
        )

    def action_open_wizard(self):
        """Refresh the suggestions and list them all with a preview of each; the selected
        suggestions (or, without selection, all that can be applied) are ticked."""
        self._check_coordinator(_("eliminate redundancies"))
        selected = set(self.mapped("key"))
        self._refresh()
        suggestions = self.search([])
        wizard = self.env["coordination.redundancy.wizard"].create(
            {
                "line_ids": [
                    Command.create(
                        {
                            "redundancy_id": suggestion.id,
                            "is_selected": not suggestion.merge_blocker
                            and (not selected or suggestion.key in selected),
                            "preview": suggestion._get_preview(),
                        }
                    )
                    for suggestion in suggestions
                ]
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Eliminate Redundancies"),
            "res_model": "coordination.redundancy.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _apply_suggestions(self):
        """Apply these suggestions: merges first (Odoo's merge), then sequencing, skipping the
        sequencing suggestions that a merge made pointless. Opens the merged orders, or the
        remaining suggestions."""
        self._check_coordinator(_("eliminate redundancies"))
        merges = self.filtered(lambda s: s.kind == "merge")
        blocked = merges.filtered("merge_blocker")
        if blocked:
            raise UserError(
                _(
                    "%(suggestion)s cannot be merged: %(reason)s",
                    suggestion=blocked[0].display_name,
                    reason=blocked[0].merge_blocker,
                )
            )
        companies = self.company_id
        merged = self.env["mrp.production"]
        for suggestion in merges:
            action = suggestion.production_ids.action_merge()
            merged |= merged.browse(action["res_id"])
        for suggestion in self - merges:
            if suggestion._is_sequence_possible():
                suggestion._apply_sequence()
        self._refresh(companies)
        if not merged:
            return self.env["ir.actions.act_window"]._for_xml_id(
                "production_coordination.coordination_redundancy_action"
            )
        action = self.env["ir.actions.act_window"]._for_xml_id("mrp.mrp_production_action")
        if len(merged) == 1:
            action.update(res_id=merged.id, view_mode="form", views=[(False, "form")])
        else:
            action.update(domain=[("id", "in", merged.ids)], context={})
        return action

    # Sequencing ------------------------------------------------------------------------------

    def _is_sequence_possible(self):
        self.ensure_one()
        workorders = self.workorder_ids
        return (
            len(workorders.production_id) > 1
            and all(wo.state in UNSTARTED_WO_STATES and wo.date_start for wo in workorders)
            and len(workorders.workcenter_id) == 1
        )

    def _apply_sequence(self):
        """Plan the work orders back to back after the first one, on the work center's calendar.

        The work orders not started yet that were planned between them are planned after them,
        and the successors of a work order planned later follow it. Each work order starts
        after its predecessors and not before now; started work orders never move.

        :return: [(work order, previous start)] of the work orders moved, in the order moved
        """
        self.ensure_one()
        workorders, between = self._get_sequence_workorders()
        first, followers = workorders[0], workorders[1:]
        released = followers | between  # their current slots count as free
        moved = []
        cursor = max(first.date_finished, fields.Datetime.now())
        for workorder in followers:
            released -= workorder
            moved += workorder._coordination_plan_from(cursor, released)
            cursor = workorder.date_finished
        for workorder in between:
            released -= workorder
            moved += workorder._coordination_plan_from(cursor, released)
        previous_starts = {}
        for workorder, previous in moved:
            previous_starts.setdefault(workorder, previous)
        return list(previous_starts.items())

    def _get_sequence_workorders(self):
        """(the suggestion's work orders by start, the work orders not started yet planned
        between them on their work center, by start)"""
        self.ensure_one()
        workorders = self.workorder_ids.sorted(lambda wo: (wo.date_start, wo.id))
        between = self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "=", workorders[0].workcenter_id.id),
                ("state", "in", UNSTARTED_WO_STATES),
                ("date_start", ">", workorders[0].date_start),
                ("date_start", "<", workorders[-1].date_start),
                ("id", "not in", workorders.ids),
            ],
            order="date_start, id",
        )
        return workorders, between

    @api.model
    def _plan_workorder_from(self, workorder, start, released):
        """Deprecated: ``mrp.workorder._coordination_plan_from``."""
        return workorder._coordination_plan_from(start, released)

    # Preview ---------------------------------------------------------------------------------

    def _get_sequence_changes(self):
        """What applying would move, computed without writing (:meth:`_plan_sequence`), so
        that a read replica can serve it.

        :return: [(work order name, order name, previous start, new start)]
        """
        self.ensure_one()
        return [
            (workorder.name, workorder.production_id.name, previous, start)
            for workorder, previous, start, _finish in self._plan_sequence()
            if start != previous  # planned again where it was
        ]

    def _plan_sequence(self):
        """The dates :meth:`_apply_sequence` would give, computed without writing: the same
        steps, with the work centers' first free slots asked for with the slots of the work
        orders already moved by this plan counted at their new dates
        (``mrp.workcenter._get_first_available_slot``'s ``leaves_to_ignore`` and
        ``extra_leaves_slots``).

        :return: [(work order, previous start, new start, new end)] of the work orders moved,
            in the order first moved
        """
        self.ensure_one()
        planned = {}  # work order: (start, end) in this plan
        previous_starts = {}

        def dates(workorder):
            return planned.get(workorder, (workorder.date_start, workorder.date_finished))

        def plan_from(workorder, start, released):
            # mrp.workorder._coordination_plan_from, without the write
            previous_starts.setdefault(workorder, workorder.date_start)
            ends = [
                dates(predecessor)[1]
                for predecessor in workorder.blocked_by_workorder_ids
                if predecessor.state != "cancel" and dates(predecessor)[1]
            ] or [datetime.min]
            start = max([start, *ends])
            workcenter = workorder.workcenter_id
            free = released | workorder
            moved = self.env["mrp.workorder"].concat(*planned)
            try:
                date_start, date_finished = workcenter._get_first_available_slot(
                    start,
                    workorder.duration_expected,
                    leaves_to_ignore=(free | moved).leave_id,
                    extra_leaves_slots=[
                        slot
                        for other, slot in planned.items()
                        if other not in free and other.workcenter_id == workcenter
                    ],
                )
            except OverflowError:
                date_start, date_finished = False, self.env._("its planned dates are out of range.")
            if not date_start:
                raise UserError(
                    self.env._(
                        "%(workorder)s cannot be planned: %(reason)s",
                        workorder=workorder.display_name,
                        reason=date_finished,
                    )
                )
            planned[workorder] = (date_start, date_finished)
            for successor in workorder.needed_by_workorder_ids.sorted(
                lambda wo: (wo.sequence, wo.id)
            ):
                successor_start = dates(successor)[0]
                if (
                    successor.state in UNSTARTED_WO_STATES
                    and successor_start
                    and successor_start < date_finished
                ):
                    plan_from(successor, date_finished, successor.browse())

        workorders, between = self._get_sequence_workorders()
        first, followers = workorders[0], workorders[1:]
        released = followers | between
        cursor = max(first.date_finished, fields.Datetime.now())
        for workorder in followers:
            released -= workorder
            plan_from(workorder, cursor, released)
            cursor = dates(workorder)[1]
        for workorder in between:
            released -= workorder
            plan_from(workorder, cursor, released)
        return [
            (workorder, previous, *planned[workorder])
            for workorder, previous in previous_starts.items()
        ]
