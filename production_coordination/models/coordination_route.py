# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The route of a manufacturing order: its legs (``coordination.handoff``), one per run of
consecutive operations in the same department, built when the MO is confirmed or its work orders
change, and handed off along as legs are done.

Entry points on the MO (``mrp.production``): ``_coordination_build_route()`` and
``_coordination_refresh_route_states()``, which call `_build` and `_refresh_states`. Hooks:
`_groups` (which work orders make a leg), `_post_route` (the chatter note of a new route).
"""

from markupsafe import Markup

from odoo import api, models

from .coordination_const import OPEN_MO_STATES

# Legs that hold work already done or a deliberate block: a route rebuild never drops them.
LOCKED_STATES = ("in_progress", "blocked", "done")


class CoordinationRoute(models.AbstractModel):
    _name = "coordination.route"
    _description = "Route of Manufacturing Orders"

    @api.model
    def _build(self, productions):
        """(Re)build the route of these MOs: one leg per run of consecutive operations in the
        same department, in operation order; an MO without work orders gets one leg for the
        department of its operation type. Started, blocked and done legs are kept as they are.

        Runs as superuser: routes are kept up to date whoever confirms or edits the MO.
        """
        productions = productions.filtered(lambda p: p.state in OPEN_MO_STATES).sudo()
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
            new_legs += self._rebuild_legs(production, departments, Handoff)
        created = Handoff.create([vals for vals, _workorders in new_legs])
        for leg, (_vals, workorders) in zip(created, new_legs, strict=True):
            workorders._coordination_set_handoff(leg)
        self._post_route(created.production_id)
        productions._coordination_refresh_route_states()
        productions.workorder_ids._coordination_assign()

    @api.model
    def _rebuild_legs(self, production, departments, Handoff):
        """Give the existing legs of one MO their new place and work orders (reused by
        department, started ones kept, the others dropped). Returns [(values, work orders)]
        of the legs to create."""
        groups = self._groups(production, departments)
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
        new_legs = []
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
        return new_legs

    @api.model
    def _post_route(self, productions):
        """Post the route of these MOs (their legs were just created)."""
        for production in productions:
            production.message_post(
                body=Markup("<p>%s %s</p>")
                % (
                    self.env._("Route:"),
                    " → ".join(
                        production.coordination_handoff_ids.sorted("sequence").mapped(
                            "department_id.name"
                        )
                    ),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _groups(self, production, departments):
        """Consecutive work orders of one department, as (department, workorders, locked leg).

        Work orders of a started leg stay with it; a done leg never takes new work orders.
        """
        workorders = production.workorder_ids.filtered(lambda wo: wo.state != "cancel").sorted(
            lambda wo: (wo.sequence, wo.id)
        )
        if not workorders:
            department = production.picking_type_id.coordination_department_id
            if department and department.company_id == production.company_id:
                leg = production.coordination_handoff_ids.filtered(
                    lambda x: x.state in LOCKED_STATES and x.department_id == department
                )[:1]
                return [(department, workorders, leg)]
            return []
        groups = []
        for workorder in workorders:
            department = departments.get((workorder.workcenter_id.id, production.company_id.id))
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

    @api.model
    def _refresh_states(self, productions):
        """Hand off along the route: the first leg not done is ready, later ones wait."""
        Handoff = self.env["coordination.handoff"]
        to_ready, to_waiting = Handoff, Handoff
        for production in productions:
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
