# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recommendations to improve equipment performance and production methods.

Computed per company (a daily cron and a button) over the company's recommendation period
(settings) from the equipment performance (maintenance.equipment._coordination_get_performance)
and the production problems (media.problem):

* repair or replace: more failures than the threshold in the period, or a failure in the period
  and Odoo's MTBF under the lowest MTBF;
* rent or buy more: utilisation above the high threshold, or bookings turned away by conflicts;
* retire or sell: utilisation under the low threshold (equipment in service the whole period);
* plan preventive maintenance: failures in the period and no preventive plan (no open or
  recurring preventive request);
* change of method: at least the threshold of problems of the period with the same root cause.

Each one says the rule and the figures that produced it and offers one action, worded once in
every active language (translated fields: each reader reads their own). A computation
refreshes the figures of the new recommendations whose rule still holds, deletes the new ones
whose rule no longer holds, and does not bring back one done or dismissed during the period.
"""

import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from odoo.addons.production_coordination.models.coordination_format import (
    format_number,
    language_envs,
)
from odoo.addons.production_coordination.models.coordination_protected_mixin import (
    check_action_access,
    check_action_group,
)
from odoo.addons.production_coordination.models.coordination_utils import ensure_one_record

from .const import PROBLEM_ROOT_CAUSES

_logger = logging.getLogger(__name__)

COORDINATOR = "production_coordination_media.group_media_coordinator"
# The texts of a recommendation, worded in every active language.
TRANSLATED_FIELDS = ["name", "rule", "figures"]
RECOMMENDATION_KINDS = [
    ("repair", "Repair or replace"),
    ("more", "Rent or buy more"),
    ("retire", "Retire or sell"),
    ("preventive", "Plan preventive maintenance"),
    ("method", "Change of method"),
]


class MediaRecommendation(models.Model):
    _name = "media.recommendation"
    _description = "Production Recommendation"
    _inherit = ["coordination.protected.mixin"]
    _order = "state, equipment_id, id"
    _check_company_auto = True

    # Worded by the computation in every active language (see `_in_each_language`).
    name = fields.Char("Recommendation", required=True, translate=True)
    kind = fields.Selection(RECOMMENDATION_KINDS, required=True, index=True)
    rule = fields.Text(
        required=True, translate=True, help="The rule that produced this recommendation."
    )
    figures = fields.Text(translate=True, help="The figures the rule was applied to.")
    action_label = fields.Char("Action", compute="_compute_action_label")
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
    )
    project_id = fields.Many2one(
        "project.project",
        string="Production",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
        help="The production where the recurring problems happened (when all in one).",
    )
    problem_root_cause = fields.Selection(
        PROBLEM_ROOT_CAUSES,
        string="Root Cause",
        help="The recurring root cause (media.problem) of a change of method.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    key = fields.Char(required=True, index=True, help="What it is about: kind and subject.")
    date_computed = fields.Datetime("Computed On")
    date_closed = fields.Datetime("Closed On")
    state = fields.Selection(
        [("new", "New"), ("done", "Done"), ("dismissed", "Dismissed")],
        default="new",
        required=True,
        index=True,
    )

    def _coordination_protected_fields(self):
        return self._coordination_all_fields(
            _("the recommendation computation and the Done and Dismiss buttons")
        )

    @api.depends("kind")
    def _compute_action_label(self):
        labels = {
            "repair": _("Open a repair request"),
            "more": _("Request a rental"),
            "retire": _("Archive the equipment"),
            "preventive": _("Plan preventive maintenance"),
            "method": _("Review the problems"),
        }
        for recommendation in self:
            recommendation.action_label = labels.get(recommendation.kind, "")

    # Buttons ====================================================================================

    def _check_coordinator(self, action):
        check_action_group(self.env, [COORDINATOR], action, _("media coordinators"))
        check_action_access(self, "write", action)

    def action_done(self):
        self._check_coordinator(_("mark recommendations done"))
        # sudo: the state is protected (only the buttons write it); role and access checked.
        self.sudo().write({"state": "done", "date_closed": fields.Datetime.now()})
        return True

    def action_dismiss(self):
        self._check_coordinator(_("dismiss recommendations"))
        # sudo: the state is protected (only the buttons write it); role and access checked.
        self.sudo().write({"state": "dismissed", "date_closed": fields.Datetime.now()})
        return True

    def action_reset(self):
        self._check_coordinator(_("reopen recommendations"))
        # sudo: the state is protected (only the buttons write it); role and access checked.
        self.sudo().write({"state": "new", "date_closed": False})
        return True

    def action_apply(self):
        """The recommendation's one action: a repair request, a rental, archiving the
        equipment (then done), a preventive request, or the problems of the root cause."""
        ensure_one_record(self)
        self._check_coordinator(_("act on a recommendation"))
        if self.state != "new":
            raise UserError(
                _("%s is already done or dismissed: reopen it first.", self.display_name)
            )
        if self.kind in ("repair", "more", "retire", "preventive") and not self.equipment_id:
            raise UserError(_("%s names no equipment any more.", self.display_name))
        return getattr(self, f"_action_apply_{self.kind}")()

    def _maintenance_request_action(self, name, context):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "maintenance.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_equipment_id": self.equipment_id.id,
                "default_company_id": self.company_id.id,
                **context,
            },
        }

    def _action_apply_repair(self):
        return self._maintenance_request_action(
            _("Repair %s", self.equipment_id.display_name),
            {
                "default_name": _("Repair or replace: %s", self.equipment_id.display_name),
                "default_maintenance_type": "corrective",
                "default_description": self.figures,
            },
        )

    def _action_apply_preventive(self):
        return self._maintenance_request_action(
            _("Preventive maintenance of %s", self.equipment_id.display_name),
            {
                "default_name": _("Preventive maintenance: %s", self.equipment_id.display_name),
                "default_maintenance_type": "preventive",
                "default_recurring_maintenance": True,
                "default_description": self.figures,
            },
        )

    def _action_apply_more(self):
        equipment = self.equipment_id
        return {
            "type": "ir.actions.act_window",
            "name": _("Rent more %s", equipment.display_name),
            "res_model": "media.rental",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": equipment.category_id.name or equipment.name,
                "default_department_id": equipment.coordination_department_id.id,
                "default_note": self.figures,
            },
        }

    def _action_apply_retire(self):
        check_action_access(self.equipment_id, "write", _("archive this equipment"))
        self.equipment_id.action_archive()
        # sudo: the state is protected (only the buttons write it); access checked above.
        self.sudo().write({"state": "done", "date_closed": fields.Datetime.now()})
        return True

    def _action_apply_method(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("root_cause", "=", self.problem_root_cause),
        ]
        if self.project_id:
            domain.append(("project_id", "=", self.project_id.id))
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "media.problem",
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
        }

    @api.model
    def _method_advice(self):
        """The change of method recommended for a recurring root cause (media.problem)."""
        return {
            "weather": _(
                "Plan weather cover: a cover set or a standby interior day for each block of "
                "exterior days, and check the forecast before publishing the call sheet."
            ),
            "equipment_failure": _(
                "Test equipment at check-out and plan preventive maintenance for the "
                "equipment that fails."
            ),
            "crew_shortage": _(
                "Pencil a second choice for key roles and send call sheets earlier so that "
                "confirmations come in time."
            ),
            "late_delivery": _(
                "Order rentals and deliveries earlier, with a buffer day before the shoot."
            ),
            "permit": _(
                "Apply for location permits earlier and keep a permit checklist per location."
            ),
            "client_change": _(
                "Agree a cut-off for client changes and count them against the review rounds "
                "included in the contract."
            ),
            "planning": _("Review the schedule with the heads of department before publishing it."),
            "communication": _(
                "Publish call sheets earlier and follow up unconfirmed calls the day before."
            ),
        }

    # Computation ================================================================================

    @api.model
    def action_compute_recommendations(self):
        """The button: recompute the recommendations of the user's companies."""
        check_action_group(
            self.env, [COORDINATOR], _("compute recommendations"), _("media coordinators")
        )
        # sudo: recommendations are written by the computation only (protected fields); the
        # companies are the user's own.
        self.sudo()._compute_recommendations(self.env.companies)
        return {
            "type": "ir.actions.client",
            "tag": "soft_reload",
        }

    @api.model
    def _cron_compute_recommendations(self):
        companies = self.env["res.company"].search([])
        # sudo: the cron reads every company's equipment, bookings and problems.
        self.sudo()._compute_recommendations(companies)

    @api.model
    def _compute_recommendations(self, companies):
        """Recompute the recommendations of these companies: the same number of queries per
        company for any number of equipment and problems."""
        now = fields.Datetime.now()
        for company in companies:
            today = fields.Date.context_today(self.with_company(company))
            start = today - timedelta(days=company.coordination_recommendation_window_days - 1)
            found = self._equipment_recommendations(company, start, today)
            found += self._method_recommendations(company, start, today)
            self._store_recommendations(company, found, start, now)

    @api.model
    def _in_each_language(self, word):
        """{language code: ``word(model)``} with the model in each active language (and
        en_US, the translated fields' fallback): what a recommendation's texts are made of."""
        return {code: word(self.with_env(env)) for code, env in language_envs(self.env).items()}

    @api.model
    def _store_recommendations(self, company, found, start, now):
        """Create or refresh the recommendations ``found`` ([vals], their texts
        {language code: text}): written in en_US, then translated into the other languages."""
        # Written in en_US (the fallback of translated fields), then in the other languages.
        Recommendation = self.with_context(lang="en_US")
        existing = Recommendation.search([("company_id", "=", company.id)])
        blocking = existing.filtered(
            lambda r: r.state == "new" or (r.date_closed and r.date_closed.date() >= start)
        )
        by_key = {r.key: r for r in blocking.sorted("id")}
        found_keys = {vals["key"] for vals in found}
        existing.filtered(lambda r: r.state == "new" and r.key not in found_keys).unlink()
        to_create, to_translate = [], []
        for texts in found:
            vals = {
                **texts,
                **{name: texts[name]["en_US"] for name in TRANSLATED_FIELDS},
                "company_id": company.id,
                "date_computed": now,
            }
            current = by_key.get(vals["key"])
            if not current:
                to_create.append(vals)
                to_translate.append(texts)
            elif current.state == "new":
                current.write(vals)
                current._set_translations(texts)
        created = Recommendation.create(to_create)
        for recommendation, texts in zip(created, to_translate, strict=True):
            recommendation._set_translations(texts)

    def _set_translations(self, texts):
        """Write the other languages' wording of the translated fields (``texts``: {field:
        {language code: text}})."""
        self.ensure_one()
        for name in TRANSLATED_FIELDS:
            others = {code: text for code, text in texts[name].items() if code != "en_US"}
            if others:
                self.update_field_translations(name, others)

    @api.model
    def _equipment_recommendations(self, company, start, end):
        """The equipment recommendations of this company: [vals]."""
        equipment = self.env["maintenance.equipment"].search(
            [("company_id", "=", company.id), ("coordination_is_bookable", "=", True)]
        )
        if not equipment:
            return []
        figures = equipment._coordination_get_performance(start, end)
        planned = {
            eq.id
            for [eq] in self.env["maintenance.request"]._read_group(
                [
                    ("equipment_id", "in", equipment.ids),
                    ("maintenance_type", "=", "preventive"),
                    ("archive", "=", False),
                    "|",
                    ("stage_id.done", "=", False),
                    ("recurring_maintenance", "=", True),
                ],
                ["equipment_id"],
            )
        }
        window = company.coordination_recommendation_window_days
        found = []
        for eq in equipment:
            data = figures[eq.id]
            rules = self._in_each_language(
                lambda model, data=data, eq=eq: model._equipment_rules(
                    company, data, eq.id in planned, window
                )
            )
            if not rules["en_US"]:
                continue
            texts = self._in_each_language(
                lambda model, data=data, eq=eq: model._equipment_figures(data, window, eq)
            )
            for index, (kind, _rule) in enumerate(rules["en_US"]):
                found.append(
                    {
                        "key": f"{kind}:{eq.id}",
                        "kind": kind,
                        "name": self._in_each_language(
                            lambda model, kind=kind, eq=eq: model._equipment_headline(kind, eq)
                        ),
                        "rule": {code: rule[index][1] for code, rule in rules.items()},
                        "figures": texts,
                        "equipment_id": eq.id,
                    }
                )
        return found

    @api.model
    def _equipment_rules(self, company, data, has_plan, window):
        """[(kind, rule text)] of the rules these figures meet."""
        rules = []
        failures_max = company.coordination_recommendation_failures
        mtbf_min = company.coordination_recommendation_mtbf_days
        high = company.coordination_recommendation_utilisation_high
        low = company.coordination_recommendation_utilisation_low
        turned_max = company.coordination_recommendation_turned_away
        if data["failures"] > failures_max:
            rules.append(
                (
                    "repair",
                    _(
                        "Failures in %(window)s days (%(failures)s) above %(max)s.",
                        window=window,
                        failures=data["failures"],
                        max=failures_max,
                    ),
                )
            )
        elif data["failures"] and 0 < data["mtbf"] < mtbf_min:
            rules.append(
                (
                    "repair",
                    _(
                        "Failed in the last %(window)s days and MTBF (%(mtbf)s days) under "
                        "%(min)s days.",
                        window=window,
                        mtbf=data["mtbf"],
                        min=mtbf_min,
                    ),
                )
            )
        if data["utilisation"] > high:
            rules.append(
                (
                    "more",
                    _(
                        "Utilisation (%(value)s %%) above %(high)s %%.",
                        value=format_number(self.env, data["utilisation"], digits=1),
                        high=format_number(self.env, high, digits=1, trim=True),
                    ),
                )
            )
        elif data["turned_away"] >= turned_max:
            rules.append(
                (
                    "more",
                    _(
                        "Bookings turned away by conflicts (%(value)s): %(max)s or more.",
                        value=data["turned_away"],
                        max=turned_max,
                    ),
                )
            )
        # Equipment in service for only part of the period is not judged on its utilisation.
        if data["period_days"] >= window and data["utilisation"] < low:
            rules.append(
                (
                    "retire",
                    _(
                        "Utilisation (%(value)s %%) under %(low)s %%.",
                        value=format_number(self.env, data["utilisation"], digits=1),
                        low=format_number(self.env, low, digits=1, trim=True),
                    ),
                )
            )
        if data["failures"] and not has_plan:
            rules.append(
                (
                    "preventive",
                    _(
                        "%(failures)s failure(s) in %(window)s days and no preventive "
                        "maintenance planned.",
                        failures=data["failures"],
                        window=window,
                    ),
                )
            )
        return rules

    @api.model
    def _equipment_headline(self, kind, equipment):
        label = dict(self._fields["kind"]._description_selection(self.env))[kind]
        return f"{label}: {equipment.display_name}"

    @api.model
    def _equipment_figures(self, data, window, equipment):
        currency = equipment.company_id.currency_id or self.env.company.currency_id
        env = self.env
        lines = [
            _("Last %s days:", window)
            if data["period_days"] >= window
            else _(
                "Last %(window)s days (in service for %(days)s of them):",
                window=window,
                days=data["period_days"],
            ),
            _(
                "Utilisation %(utilisation)s %% (%(booked)s booked of %(available)s available "
                "days, %(down)s days down)",
                utilisation=format_number(env, data["utilisation"], digits=1),
                booked=data["booked_days"],
                available=data["available_days"],
                down=data["downtime_days"],
            ),
            _(
                "Failures %(failures)s; MTBF %(mtbf)s days, MTTR %(mttr)s days",
                failures=data["failures"],
                mtbf=data["mtbf"],
                mttr=data["mttr"],
            ),
            _("Shoot days affected by downtime: %s", data["affected_shoot_days"]),
            _("Bookings turned away by conflicts: %s", data["turned_away"]),
            _(
                "Day-rate revenue %(revenue)s, rental cost %(cost)s",
                revenue=format_amount(env, data["revenue"], currency),
                cost=format_amount(env, data["rental_cost"], currency),
            ),
        ]
        return "\n".join(lines)

    @api.model
    def _method_recommendations(self, company, start, end):
        """Changes of method for the root causes of at least the threshold of problems of
        this company reported in the period (one grouped query): [vals]."""
        Problem = self.env.get("media.problem")
        if Problem is None:
            return []
        threshold = company.coordination_recommendation_problems
        groups = Problem._read_group(
            [
                ("company_id", "=", company.id),
                ("root_cause", "not in", [False, "other"]),
                ("date_reported", ">=", fields.Datetime.to_string(start)),
            ],
            ["root_cause"],
            [
                "__count",
                "project_id:count_distinct",
                "project_id:array_agg",
                "is_blocking:array_agg",
            ],
        )
        window = company.coordination_recommendation_window_days
        found = []
        for cause, count, productions, project_ids, blocking in groups:
            if count < threshold:
                continue
            project_id = project_ids[0] if productions == 1 else False
            facts = {
                "cause": cause,
                "count": count,
                "window": window,
                "threshold": threshold,
                "blocking": sum(1 for flag in blocking if flag),
                "productions": productions,
            }
            words = self._in_each_language(lambda model, facts=facts: model._word_method(facts))
            found.append(
                {
                    "key": f"method:{cause}" + (f":{project_id}" if project_id else ""),
                    "kind": "method",
                    **{
                        name: {code: texts[name] for code, texts in words.items()}
                        for name in TRANSLATED_FIELDS
                    },
                    "problem_root_cause": cause,
                    "project_id": project_id,
                }
            )
        return found

    @api.model
    def _word_method(self, facts):
        """{field: text} of a change of method (name, rule, figures) in the language of the
        context; ``facts``: the root cause and its counts."""
        Problem = self.env["media.problem"]
        causes = dict(Problem._fields["root_cause"]._description_selection(self.env))
        cause = causes.get(facts["cause"], facts["cause"])
        return {
            "name": _("Change of method: %s", cause),
            "rule": _(
                "%(count)s problems with root cause %(cause)s in %(window)s days: "
                "%(threshold)s or more. %(advice)s",
                count=facts["count"],
                cause=cause,
                window=facts["window"],
                threshold=facts["threshold"],
                advice=self._method_advice().get(facts["cause"], ""),
            ),
            "figures": _(
                "Problems: %(count)s (%(blocking)s blocking) in %(productions)s " "production(s).",
                count=facts["count"],
                blocking=facts["blocking"],
                productions=facts["productions"],
            ),
        }
