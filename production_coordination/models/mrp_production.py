# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .coordination_handoff import MANAGER_GROUP, OPEN_STATES

# Legs that hold work already done or a deliberate block: a route rebuild never drops them.
LOCKED_STATES = ("in_progress", "blocked", "done")
ROUTED_STATES = ("confirmed", "progress", "to_close")


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    coordination_handoff_ids = fields.One2many(
        "coordination.handoff", "production_id", string="Route", readonly=True
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
                lambda leg: leg.state in OPEN_STATES
            ).sorted("sequence")
            production.coordination_current_handoff_id = open_legs[:1]

    # Route ------------------------------------------------------------------------------------

    def _coordination_build_route(self):
        """(Re)build the route of these MOs: one leg per run of consecutive operations in the
        same department, in operation order; an MO without work orders gets one leg for the
        department of its operation type. Started, blocked and done legs are kept as they are.

        Runs as superuser: routes are kept up to date whoever confirms or edits the MO.
        """
        productions = self.filtered(lambda p: p.state in ROUTED_STATES).sudo()
        if not productions:
            return
        Handoff = self.env["coordination.handoff"].sudo()
        departments = (
            self.env["coordination.department"]
            .sudo()
            ._get_workcenter_departments(
                productions.workorder_ids.workcenter_id, productions.company_id
            )
        )
        new_legs = []
        for production in productions:
            groups = production._coordination_route_groups(departments)
            legs = production.coordination_handoff_ids.filtered(lambda leg: leg.state != "cancel")
            locked = legs.filtered(lambda leg: leg.state in LOCKED_STATES)
            reusable = (legs - locked).sorted("sequence")
            used = Handoff
            assignments = []  # (leg or None, department, workorders)
            for department, workorders, leg in groups:
                if not leg:
                    leg = reusable.filtered(lambda x, d=department: x.department_id == d)[:1]
                    reusable -= leg
                assignments.append((leg, department, workorders))
                used |= leg
            # A started leg is never lost, even if its operations were removed.
            orphans = (locked - used).sorted("sequence")
            (reusable - used).unlink()
            sequence = 0
            for leg in orphans:
                sequence += 1
                leg.sequence = sequence
            for leg, department, workorders in assignments:
                sequence += 1
                if leg:
                    leg.sequence = sequence
                    (leg.workorder_ids - workorders)._coordination_set_handoff(Handoff)
                    workorders._coordination_set_handoff(leg)
                else:
                    new_legs.append(
                        (
                            {
                                "production_id": production.id,
                                "department_id": department.id,
                                "sequence": sequence,
                            },
                            workorders,
                        )
                    )
            unrouted = production.workorder_ids.filtered(
                lambda wo, routed=[a[2] for a in assignments]: not any(wo in w for w in routed)
            )
            unrouted.filtered("coordination_handoff_id")._coordination_set_handoff(Handoff)
        created = Handoff.create([vals for vals, _workorders in new_legs])
        for leg, (_vals, workorders) in zip(created, new_legs, strict=True):
            workorders._coordination_set_handoff(leg)
        for production in created.production_id:
            production.message_post(
                body=Markup("<p>%s %s</p>")
                % (
                    _("Route:"),
                    " → ".join(
                        production.coordination_handoff_ids.sorted("sequence").mapped(
                            "department_id.name"
                        )
                    ),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        productions._coordination_refresh_route_states()
        productions.workorder_ids._coordination_assign()

    def _coordination_route_groups(self, departments):
        """Consecutive work orders of one department, as (department, workorders, locked leg).

        Work orders of a started leg stay with it; a done leg never takes new work orders.
        """
        self.ensure_one()
        workorders = self.workorder_ids.filtered(lambda wo: wo.state != "cancel").sorted(
            lambda wo: (wo.sequence, wo.id)
        )
        if not workorders:
            department = self.picking_type_id.coordination_department_id
            if department and department.company_id == self.company_id:
                leg = self.coordination_handoff_ids.filtered(
                    lambda x: x.state in LOCKED_STATES and x.department_id == department
                )[:1]
                return [(department, workorders, leg)]
            return []
        groups = []
        for workorder in workorders:
            department = departments.get((workorder.workcenter_id.id, self.company_id.id))
            if not department:
                continue
            leg = workorder.coordination_handoff_id
            # A work order stays on its started leg unless it moved to another department.
            locked = (
                leg
                if leg.state in LOCKED_STATES and leg.department_id == department
                else leg.browse()
            )
            if groups:
                last_department, last_workorders, last_leg = groups[-1]
                same_leg = last_leg == locked or (
                    not (last_leg and locked) and (last_leg or locked).state != "done"
                )
                if last_department == department and same_leg:
                    groups[-1] = (department, last_workorders | workorder, last_leg or locked)
                    continue
            groups.append((department, workorder, locked))
        return groups

    def _coordination_refresh_route_states(self):
        """Hand off along the route: the first leg not done is ready, later ones wait."""
        Handoff = self.env["coordination.handoff"]
        to_ready, to_waiting = Handoff, Handoff
        for production in self:
            previous_done = True
            legs = production.coordination_handoff_ids.filtered(
                lambda leg: leg.state != "cancel"
            ).sorted("sequence")
            for leg in legs:
                if leg.state == "waiting" and previous_done:
                    to_ready |= leg
                elif leg.state == "ready" and not previous_done:
                    to_waiting |= leg
                elif leg.state == "blocked" and leg.blocked_from_state in ("waiting", "ready"):
                    wanted = "ready" if previous_done else "waiting"
                    if leg.blocked_from_state != wanted:
                        leg.blocked_from_state = wanted
                previous_done = leg.state == "done"
        to_waiting._set_state("waiting")
        to_ready._set_state("ready")

    def _coordination_get_coordinator(self):
        """Who coordinates this MO: its responsible if a coordinator, else the company's."""
        self.ensure_one()
        if self.user_id and self.user_id.has_group(MANAGER_GROUP):
            return self.user_id
        return self.company_id.coordination_user_id

    # Odoo's flows -----------------------------------------------------------------------------

    def action_confirm(self):
        res = super().action_confirm()
        self._coordination_build_route()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.sudo().coordination_handoff_ids._cancel()
        return res

    def button_mark_done(self):
        res = super().button_mark_done()
        done = self.filtered(lambda p: p.state == "done")
        # Legs without work orders are done with their MO.
        done.sudo().coordination_handoff_ids.filtered(
            lambda leg: leg.state in OPEN_STATES
        )._set_state("done")
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
        self.write(
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
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "production_coordination.coordination_handoff_action"
        )
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {"default_production_id": self.id}
        action["view_mode"] = "list,kanban,form"
        action["views"] = [(False, "list"), (False, "kanban"), (False, "form")]
        return action
