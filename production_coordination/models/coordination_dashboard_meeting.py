# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dashboard's part of coordination meetings: "Plan meeting" (the weekly coordination
meeting of the companies, warehouse and departments shown) and the tile of overdue action
items (counted outside the figures' cache: one query)."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from .coordination_meeting import GROUP_MANAGER


class CoordinationDashboard(models.AbstractModel):
    _inherit = "coordination.dashboard"  # pylint: disable=consider-merging-classes-inherited

    @api.readonly
    @api.model
    def get_dashboard_data(self, filters=None):
        data = super().get_dashboard_data(filters)
        data["can_plan_meeting"] = self.env.user.has_group(GROUP_MANAGER)
        data["tiles"].append(self._meeting_action_tile(data["filters"]["company_ids"]))
        return data

    @api.model
    def _meeting_action_tile(self, company_ids):
        """Action items of meetings past their deadline and not done, in these companies, as
        the user may read them (coordinators: all; others: those of meetings they attend or
        that they own)."""
        domain = [("is_overdue", "=", True), ("company_id", "in", company_ids)]
        label = self.env._("Overdue meeting actions")
        action = {
            "type": "ir.actions.act_window",
            "name": label,
            "res_model": "coordination.meeting.action",
            "views": [[False, "list"], [False, "form"]],
            "domain": domain,
            "context": {},
            "target": "current",
        }
        count = self.env["coordination.meeting.action"].search_count(domain)
        return {
            "key": "meeting_actions_overdue",
            "label": label,
            "count": count,
            "tone": "danger" if count else "muted",
            "icon": "fa-users",
            "help": self.env._("Action items decided in a meeting, past their deadline."),
            "action": action,
        }

    @api.model
    def action_plan_meeting(self, filters=None):
        """The weekly coordination meeting of the scope shown (one company): its late and
        at-risk orders, blocked and overdue handoffs, late purchase orders and critical
        low-stock tasks. Coordinators only."""
        scope = self._get_scope(filters) if filters is not None else self._get_saved_scope()
        if len(scope["companies"]) != 1:
            raise UserError(
                self.env._("Choose one company on the dashboard to plan its coordination meeting.")
            )
        Wizard = self.env["coordination.meeting.wizard"]
        if not self.env.user.has_group(GROUP_MANAGER):
            # The wizard names the action and who may do it.
            return Wizard._action_open([], "coordination", "")
        records = self.env["coordination.meeting.agenda"]._weekly_records(scope)
        name = self.env._(
            "Weekly coordination meeting, %(company)s, %(date)s",
            company=scope["companies"].name,
            date=format_date(self.env, fields.Date.context_today(self)),
        )
        return Wizard._action_open(records, "coordination", name, company=scope["companies"])
