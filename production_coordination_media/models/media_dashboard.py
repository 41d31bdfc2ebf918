# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The media dashboard's data, in a constant number of queries.

Every figure is a count (or a grouped count) over the user's scope (companies, "my
productions only"), read with the user's own rights: what the record rules hide stays hidden.
A tile is declared once (`_get_tile_specs`): its count and the window it opens use the same
domain, so a tile always opens exactly the records it counts.

Extending it (issue 18 adds review rounds and problems): inherit ``media.dashboard``, add a
window to `_get_windows` and append specs in `_get_tile_specs`; see README ("Media
dashboard").
"""

import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import formatLang

from .const import PHASES

_logger = logging.getLogger(__name__)

MEDIA_COORDINATOR = "production_coordination_media.group_media_coordinator"
MEDIA_CREW = "production_coordination_media.group_media_crew"
PCM = "production_coordination_media."
# The schedule tiles look this many days ahead, today included.
WINDOW_DAYS = 7
# Rows of the lists under the tiles.
MAX_DAY_ROWS = 20
MAX_PRODUCTION_ROWS = 10
# The filters: key -> the kind of value it takes.
FILTER_KEYS = {"company_ids": "ids", "mine": "bool"}
MAX_ID = 2**31 - 1  # record ids are PostgreSQL integers


class MediaDashboard(models.AbstractModel):
    _name = "media.dashboard"
    _description = "Media Dashboard"

    # The data call ----------------------------------------------------------------------------

    @api.readonly
    @api.model
    def get_dashboard_data(self, filters=None):
        """Everything the dashboard shows for these filters (the user's saved ones when none
        are given; saved filters that no longer hold are dropped for the defaults).

        Read-only (``@api.readonly``): it may run on a read replica, so it never writes;
        saving the filters is `set_dashboard_filters`'s job."""
        scope = self._get_saved_scope() if filters is None else self._get_scope(filters)
        data = {
            "filters": self._filter_values(scope),
            "options": self._filter_options(),
            "role": scope["role"],
            "see_costs": scope["see_costs"],
            "today": fields.Date.to_string(scope["today"]),
            "window_end": fields.Date.to_string(scope["end"] - timedelta(days=1)),
            "tiles": self._build_tiles(self._get_tile_specs(scope)),
            "phases": [],
            "days": [],
            "my_days": [],
            "productions": [],
            "generated": fields.Datetime.to_string(fields.Datetime.now()),
        }
        if scope["role"] == "coordinator":
            data["phases"] = self._phase_rows(scope)
            data["days"] = self._day_rows(scope)
            data["productions"] = self._production_rows(scope)
        else:
            data["my_days"] = self._my_day_rows(scope)
        return data

    @api.model
    def set_dashboard_filters(self, filters):
        """Remember the user's filters (validated first)."""
        scope = self._get_scope(filters)
        self.env.user.media_dashboard_filters = self._filter_values(scope)
        return True

    @api.model
    def action_status_report_xlsx(self, filters=None):
        """Download the media status report of the open productions of these filters."""
        return self.env["media.status.report"]._xlsx_action(self._report_productions(filters))

    @api.model
    def action_status_report_pdf(self, filters=None):
        """Print the media status report (PDF) of the open productions of these filters."""
        return self.env["media.status.report"]._pdf_action(self._report_productions(filters))

    @api.model
    def _report_productions(self, filters):
        scope = self._get_scope(filters)
        self.env["media.status.report"]._check_access()
        projects = self.env["project.project"].search(
            self._production_domain(scope) + [("coordination_phase", "!=", "wrapped")],
            order="coordination_priority_score desc, id",
        )
        if not projects:
            raise UserError(_("No open media production to report on for these filters."))
        return projects

    # Filters and scope ------------------------------------------------------------------------

    @api.model
    def _clean_filters(self, filters):
        """The filters as {"company_ids": [ids], "mine": bool}, their form checked (not yet
        their records). None/False means no filter; anything else than a mapping of the
        FILTER_KEYS with values of their kind is refused with a UserError naming the key."""
        if filters is None or filters is False:
            filters = {}
        if not isinstance(filters, dict):
            raise UserError(
                _(
                    "The dashboard filters must be a mapping of %(keys)s, not %(value)s.",
                    keys=", ".join(FILTER_KEYS),
                    value=repr(filters)[:80],
                )
            )
        unknown = sorted(str(key) for key in set(filters) - set(FILTER_KEYS))
        if unknown:
            raise UserError(
                _(
                    "Unknown dashboard filter %(keys)s (known: %(known)s).",
                    keys=", ".join(unknown),
                    known=", ".join(FILTER_KEYS),
                )
            )
        company_ids = filters.get("company_ids") or []
        if not isinstance(company_ids, list | tuple) or not all(
            isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
            for value in company_ids
        ):
            raise UserError(
                _(
                    "The dashboard filter %(key)s must be a list of record ids, not %(value)s.",
                    key="company_ids",
                    value=repr(company_ids)[:80],
                )
            )
        mine = filters.get("mine", False)
        if not isinstance(mine, bool):
            raise UserError(
                _(
                    "The dashboard filter %(key)s must be true or false, not %(value)s.",
                    key="mine",
                    value=repr(mine)[:80],
                )
            )
        return {"company_ids": list(dict.fromkeys(company_ids)), "mine": mine}

    @api.model
    def _get_scope(self, filters):
        """What the user looks at: the companies (among the user's: AccessError naming the
        others), "my productions only", the user's role (coordinator or crew: AccessError for
        anyone else), whether they see costs, and the window of days."""
        user = self.env.user
        if user.has_group(MEDIA_COORDINATOR):
            role = "coordinator"
        elif user.has_group(MEDIA_CREW):
            role = "crew"
        else:
            raise AccessError(_("Only media coordinators and crew use the media dashboard."))
        clean = self._clean_filters(filters)
        company_ids = clean["company_ids"] or self.env.companies.ids
        foreign = set(company_ids) - set(user.company_ids.ids)
        if foreign:
            raise AccessError(
                _(
                    "The dashboard filter company_ids names companies you do not work for: %s.",
                    ", ".join(map(str, sorted(foreign))),
                )
            )
        today = fields.Date.context_today(self)
        return {
            "role": role,
            "companies": self.env["res.company"].browse(company_ids),
            "mine": clean["mine"],
            "see_costs": role == "coordinator" and self._may_see_costs(),
            "today": today,
            "end": today + timedelta(days=WINDOW_DAYS),
        }

    @api.model
    def _may_see_costs(self):
        """Costs (budgets, burn, rental prices) are for those who may read budget lines:
        never crew users."""
        Budget = self.env.get("media.budget.line")
        return Budget is not None and Budget.has_access("read")

    @api.model
    def _get_saved_scope(self):
        """The scope of the user's saved filters, or the default one when they do not
        validate any more (a company the user left, an older form)."""
        saved = self.env.user.media_dashboard_filters
        if saved:
            try:
                return self._get_scope(saved)
            except UserError as error:  # AccessError too: nothing was written
                _logger.info(
                    "Saved media dashboard filters of user %s no longer apply (%s): defaults "
                    "used.",
                    self.env.user.login,
                    error,
                )
        return self._get_scope({})

    @api.model
    def _filter_values(self, scope):
        return {"company_ids": scope["companies"].ids, "mine": scope["mine"]}

    @api.model
    def _filter_options(self):
        return {"companies": [{"id": c.id, "name": c.name} for c in self.env.user.company_ids]}

    # Domains of the scope (hooks) -------------------------------------------------------------

    @api.model
    def _production_domain(self, scope):
        """The media productions of the scope (active ones: archived productions hold
        nobody)."""
        domain = [
            ("is_media_production", "=", True),
            ("active", "=", True),
            ("company_id", "in", scope["companies"].ids),
        ]
        if scope["mine"]:
            domain.append(("coordination_coordinator_id", "=", self.env.uid))
        return domain

    @api.model
    def _child_domain(self, scope):
        """Records of the scope's productions (days, bookings, deliverables, ...)."""
        return [
            ("company_id", "in", scope["companies"].ids),
            ("project_id", "any", self._production_domain(scope)),
        ]

    @api.model
    def _window_domain(self, scope, field="date"):
        return [
            (field, ">=", fields.Date.to_string(scope["today"])),
            (field, "<", fields.Date.to_string(scope["end"])),
        ]

    @api.model
    def _day_domain(self, scope):
        """The shoot days of the next days (not cancelled)."""
        return (
            self._child_domain(scope)
            + self._window_domain(scope)
            + [("state", "!=", "cancelled"), ("day_type", "=", "shoot")]
        )

    @api.model
    def _booking_domain(self, scope):
        """Bookings on the days of the next days (not cancelled)."""
        return (
            self._child_domain(scope)
            + self._window_domain(scope)
            + [("day_id.state", "!=", "cancelled")]
        )

    @api.model
    def _my_booking_domain(self, scope):
        return (
            [("company_id", "in", scope["companies"].ids), ("user_id", "=", self.env.uid)]
            + self._window_domain(scope)
            + [("day_id.state", "!=", "cancelled")]
        )

    # Tiles ------------------------------------------------------------------------------------

    @api.model
    def _get_windows(self):
        """The windows tiles open: {key: (model, [(view xml id or False, mode)], search view
        xml id or None)}. Extend it to add a window."""
        return {
            "production": (
                "project.project",
                [
                    (PCM + "project_project_view_list_media", "list"),
                    (PCM + "project_project_view_kanban_media", "kanban"),
                    (False, "form"),
                ],
                None,
            ),
            "day": (
                "media.production.day",
                [(PCM + "media_production_day_view_list", "list"), (False, "form")],
                PCM + "media_production_day_view_search",
            ),
            "booking": (
                "media.booking",
                [(PCM + "media_booking_view_list", "list"), (False, "form")],
                PCM + "media_booking_view_search",
            ),
            "my_booking": (
                "media.booking",
                [(PCM + "media_booking_view_list_mine", "list"), (False, "form")],
                PCM + "media_booking_view_search",
            ),
            "recipient": (
                "media.call.sheet.recipient",
                [(PCM + "media_call_sheet_recipient_view_list", "list")],
                PCM + "media_call_sheet_recipient_view_search",
            ),
            "rental": (
                "media.rental",
                [
                    (PCM + "media_rental_view_list", "list"),
                    (PCM + "media_rental_view_form", "form"),
                ],
                PCM + "media_rental_view_search",
            ),
            "deliverable": (
                "media.deliverable",
                [(PCM + "media_deliverable_view_list", "list"), (False, "form")],
                PCM + "media_deliverable_view_search",
            ),
        }

    @api.model
    def _get_tile_specs(self, scope):
        """The tiles of this scope, as specs: dicts with ``key``, ``label``, ``window`` (a key
        of `_get_windows`), ``domain`` (what it counts and opens), ``tone`` (a Bootstrap
        colour), ``icon``, ``help``, ``sequence`` and ``cost`` (True: shown only to users
        who see costs). Inherit and append to add tiles."""
        if scope["role"] == "crew":
            return self._crew_tile_specs(scope)
        return (
            self._schedule_tile_specs(scope)
            + self._deliverable_tile_specs(scope)
            + self._cost_tile_specs(scope)
        )

    @api.model
    def _crew_tile_specs(self, scope):
        return [
            {
                "key": "my_days",
                "label": _("My calls, next 7 days"),
                "window": "my_booking",
                "domain": self._my_booking_domain(scope),
                "tone": "info",
                "icon": "fa-calendar",
                "help": _("Your bookings in the next 7 days."),
                "sequence": 10,
            },
            {
                "key": "my_unconfirmed",
                "label": _("Calls to confirm"),
                "window": "recipient",
                "domain": [
                    ("company_id", "in", scope["companies"].ids),
                    ("user_id", "=", self.env.uid),
                    ("state", "=", "sent"),
                    ("date", ">=", fields.Date.to_string(scope["today"])),
                ],
                "tone": "warning",
                "icon": "fa-envelope-o",
                "help": _("Call sheets sent to you that you have not confirmed yet."),
                "sequence": 20,
            },
        ]

    @api.model
    def _schedule_tile_specs(self, scope):
        return [
            {
                "key": "shoot_days",
                "label": _("Shoot days, next 7 days"),
                "window": "day",
                "domain": self._day_domain(scope),
                "tone": "info",
                "icon": "fa-video-camera",
                "help": _("Shoot days from today to 7 days ahead (not cancelled)."),
                "sequence": 10,
            },
            {
                "key": "unconfirmed",
                "label": _("Unconfirmed calls"),
                "window": "recipient",
                "domain": self._child_domain(scope)
                + self._window_domain(scope)
                + [("state", "=", "sent")],
                "tone": "warning",
                "icon": "fa-envelope-o",
                "help": _(
                    "Crew called in the next 7 days who have not confirmed their call sheet."
                ),
                "sequence": 20,
            },
            {
                "key": "pencilled",
                "label": _("Pencilled, not confirmed"),
                "window": "booking",
                "domain": self._booking_domain(scope) + [("hold_state", "=", "hold")],
                "tone": "warning",
                "icon": "fa-pencil",
                "help": _("Crew and equipment of the next 7 days on hold (pencil), not confirmed."),
                "sequence": 25,
            },
            {
                "key": "conflicts",
                "label": _("Bookings in conflict"),
                "window": "booking",
                "domain": self._booking_domain(scope) + [("conflict_count", ">", 0)],
                "tone": "danger",
                "icon": "fa-exclamation-triangle",
                "help": _(
                    "Bookings of the next 7 days that clash: double booked, unavailable, "
                    "under maintenance."
                ),
                "sequence": 30,
            },
        ]

    @api.model
    def _deliverable_tile_specs(self, scope):
        today = fields.Date.to_string(scope["today"])
        open_ = self._child_domain(scope) + [("state", "!=", "delivered")]
        return [
            {
                "key": "deliverables_due",
                "label": _("Deliverables due, 7 days"),
                "window": "deliverable",
                "domain": open_ + self._window_domain(scope, "date_due"),
                "tone": "info",
                "icon": "fa-film",
                "help": _("Not delivered, due from today to 7 days ahead."),
                "sequence": 40,
            },
            {
                "key": "deliverables_review",
                "label": _("Deliverables in review"),
                "window": "deliverable",
                "domain": self._child_domain(scope) + [("state", "=", "review")],
                "tone": "info",
                "icon": "fa-eye",
                "sequence": 50,
            },
            {
                "key": "deliverables_overdue",
                "label": _("Overdue deliverables"),
                "window": "deliverable",
                "domain": open_ + [("date_due", "<", today)],
                "tone": "danger",
                "icon": "fa-hourglass-end",
                "help": _("Due date passed, not delivered."),
                "sequence": 60,
            },
        ]

    @api.model
    def _cost_tile_specs(self, scope):
        """Budgets and rentals: over-budget productions (a cost tile: users who see costs
        only), rentals requested and not ordered, due back in the next days, overdue."""
        rentals_out = self._child_domain(scope) + [("state", "=", "out")]
        return [
            {
                "key": "over_budget",
                "label": _("Over budget"),
                "window": "production",
                "domain": self._production_domain(scope)
                + [("coordination_over_budget", "=", True)],
                "tone": "danger",
                "icon": "fa-money",
                "help": _("Productions where a budget category is exceeded (actual + committed)."),
                "sequence": 70,
                "cost": True,
            },
            {
                "key": "rentals_requested",
                "label": _("Rentals to order"),
                "window": "rental",
                "domain": self._child_domain(scope) + [("state", "=", "draft")],
                "tone": "warning",
                "icon": "fa-shopping-cart",
                "help": _(
                    "Hired equipment requested (on a request for quotation), not ordered yet."
                ),
                "sequence": 75,
            },
            {
                "key": "rentals_due",
                "label": _("Rentals due back, 7 days"),
                "window": "rental",
                "domain": rentals_out + [("date_return", "<", fields.Date.to_string(scope["end"]))],
                "tone": "info",
                "icon": "fa-truck",
                "help": _("Hired equipment picked up, to return by 7 days from now (or overdue)."),
                "sequence": 80,
            },
            {
                "key": "rentals_overdue",
                "label": _("Overdue returns"),
                "window": "rental",
                "domain": rentals_out
                + [("date_return", "<", fields.Date.to_string(scope["today"]))],
                "tone": "danger",
                "icon": "fa-clock-o",
                "help": _("Hired equipment not returned after its return date."),
                "sequence": 90,
            },
        ]

    @api.model
    def _build_tiles(self, specs):
        """The tiles of these specs, counted with the user's rights (one query each), in
        sequence order; cost tiles only for users who see costs."""
        see_costs = self._may_see_costs()
        tiles = []
        for spec in sorted(specs, key=lambda spec: spec.get("sequence", 100)):
            if spec.get("cost") and not see_costs:
                continue
            action = self._window_action(spec["window"], spec["label"], spec["domain"])
            count = self.env[action["res_model"]].search_count(spec["domain"])
            tiles.append(
                {
                    "key": spec["key"],
                    "label": spec["label"],
                    "count": count,
                    "tone": spec.get("tone", "info") if count else "muted",
                    "icon": spec.get("icon", "fa-circle"),
                    "help": spec.get("help", ""),
                    "action": action,
                }
            )
        return tiles

    @api.model
    def _window_action(self, window, name, domain, context=None):
        """A window action on one of `_get_windows`, with this name and domain (built from
        cached xml ids: reading the stored actions would cost queries)."""
        model, views, search_view = self._get_windows()[window]
        xmlid_to_id = self.env["ir.model.data"]._xmlid_to_res_id  # cached: no query
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "views": [[xmlid_to_id(xmlid) if xmlid else False, mode] for xmlid, mode in views],
            "domain": domain,
            "context": context or {"create": False},
            "target": "current",
        }
        if search_view:
            action["search_view_id"] = [xmlid_to_id(search_view), "search"]
        return action

    # Lists under the tiles --------------------------------------------------------------------

    @api.model
    def _phase_rows(self, scope):
        """The productions of the scope by phase (one grouped query), every phase shown."""
        domain = self._production_domain(scope)
        counts = dict(
            self.env["project.project"]._read_group(domain, ["coordination_phase"], ["__count"])
        )
        labels = dict(
            self.env["project.project"]
            ._fields["coordination_phase"]
            ._description_selection(self.env)
        )
        return [
            {
                "key": phase,
                "label": labels[phase],
                "count": counts.get(phase, 0),
                "action": self._window_action(
                    "production",
                    _("%(phase)s productions", phase=labels[phase]),
                    domain + [("coordination_phase", "=", phase)],
                ),
            }
            for phase, _label in PHASES
        ]

    @api.model
    def _day_rows(self, scope):
        """The shoot days of the next days, soonest first, with their crew, unconfirmed calls
        and conflicts (three queries)."""
        days = self.env["media.production.day"].search_fetch(
            self._day_domain(scope),
            ["project_id", "date", "date_call", "day_type", "conflict_count", "location_id"],
            limit=MAX_DAY_ROWS,
        )
        if not days:
            return []
        crew = dict(
            self.env["media.booking"]._read_group(
                [("day_id", "in", days.ids), ("resource_type", "=", "crew")],
                ["day_id"],
                ["__count"],
            )
        )
        unconfirmed = dict(
            self.env["media.call.sheet.recipient"]._read_group(
                [("day_id", "in", days.ids), ("state", "=", "sent")], ["day_id"], ["__count"]
            )
        )
        return [
            {
                "id": day.id,
                "production": day.project_id.name,
                "date": fields.Date.to_string(day.date),
                "call": fields.Datetime.to_string(day.date_call),
                "location": day.location_id.name or "",
                "crew": crew.get(day, 0),
                "unconfirmed": unconfirmed.get(day, 0),
                "conflicts": day.conflict_count,
            }
            for day in days
        ]

    @api.model
    def _production_rows(self, scope):
        """The open productions of the scope, highest priority first, with their rank and
        (for users who see costs) their budget burn: one query (a hook: extend
        `_production_row_fields` and `_production_row`)."""
        projects = self.env["project.project"].search_fetch(
            self._production_domain(scope) + [("coordination_phase", "!=", "wrapped")],
            self._production_row_fields(scope),
            order=self._production_row_order(),
            limit=MAX_PRODUCTION_ROWS,
        )
        if scope["see_costs"]:
            # The cost engine reads the figures of all of them at once (a constant number of
            # grouped queries: media.budget.project._coordination_cost_figures).
            projects.fetch(["coordination_budget_total", "coordination_budget_burn"])
        return [self._production_row(project, scope) for project in projects]

    @api.model
    def _production_row_fields(self, scope):
        return [
            "name",
            "coordination_phase",
            "coordination_conflict_count",
            "coordination_priority_rank",
            "coordination_priority_pinned",
            "coordination_priority_explanation",
        ]

    @api.model
    def _production_row_order(self):
        """Priority order (the rank is the order of the score, pins included)."""
        return "coordination_priority_score desc, id"

    @api.model
    def _production_row(self, project, scope):
        labels = dict(
            self.env["project.project"]
            ._fields["coordination_phase"]
            ._description_selection(self.env)
        )
        return {
            "id": project.id,
            "name": project.name,
            "phase": labels.get(project.coordination_phase, ""),
            "conflicts": project.coordination_conflict_count,
            "rank": project.coordination_priority_rank,
            "pinned": project.coordination_priority_pinned,
            "explanation": project.coordination_priority_explanation or "",
            **(self._production_costs(project) if scope["see_costs"] else {}),
        }

    @api.model
    def _production_costs(self, project):
        """The budget burn of a production (users who see costs only)."""
        return {
            "budget_total": project.coordination_budget_total,
            "burn": project.coordination_budget_burn,
            "over_budget": project.coordination_over_budget,
            "budget_label": _(
                "%(spent)s of %(budget)s",
                spent=self._format_amount(
                    project.coordination_cost_actual + project.coordination_cost_committed,
                    project.currency_id,
                ),
                budget=self._format_amount(project.coordination_budget_total, project.currency_id),
            ),
        }

    @api.model
    def _format_amount(self, amount, currency):
        return formatLang(self.env, amount, currency_obj=currency, digits=0)

    @api.model
    def _my_day_rows(self, scope):
        """The crew user's own bookings of the next days (one query and their names): no
        costs, nobody else's."""
        bookings = self.env["media.booking"].search_fetch(
            self._my_booking_domain(scope),
            ["day_id", "project_id", "date", "date_call", "date_wrap", "role_id", "hold_state"],
        )
        return [
            {
                "id": booking.id,
                "production": booking.project_id.name,
                "day": booking.day_id.day_label or "",
                "date": fields.Date.to_string(booking.date),
                "call": fields.Datetime.to_string(booking.date_call),
                "wrap": fields.Datetime.to_string(booking.date_wrap),
                "role": booking.role_id.name or "",
                "location": booking.day_id.location_id.name or "",
                # A pencil is not a call yet: the crew member sees which of their days are held.
                "pencil": booking.hold_state == "hold",
            }
            for booking in bookings
        ]
