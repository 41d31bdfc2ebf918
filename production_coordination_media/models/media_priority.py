# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Explained priority and rank of media productions, in batches (see README, "Media priority").

Score = tier + urgency + phase + value + pin, each a factor between 0 and 1 times the company's
weight for it (Settings > Coordination > Media priority):

- tier: the client tier (key 1, major 0.67, standard 0.33, minor 0);
- urgency: days to the next deliverable not delivered or the next production day not
  cancelled, whichever comes first: 1 when due today or overdue, then 1/30 less per day;
- phase: production 1, delivery 0.8, pre-production 0.7, post-production 0.6, development 0.2;
- value: the contract value over the largest one among the company's open productions;
- pin: 1 when a media coordinator pinned the production (with a reason).

Ranks are per company among its open media productions (not archived, not wrapped), 1 = first:
by score, then the nearest next date, then creation. A refresh reads everything it needs with a
fixed number of queries (productions, next days, next deliverables) and writes only what changed
with one UPDATE.
"""

from psycopg2.extras import Json

from odoo import api, fields, models

from odoo.addons.production_coordination.models.coordination_format import format_number
from odoo.addons.production_coordination.models.coordination_sql import bulk_update, same_value

TIER_FACTOR = {"key": 1.0, "major": 2 / 3, "standard": 1 / 3, "minor": 0.0}
PHASE_FACTOR = {
    "development": 0.2,
    "pre_production": 0.7,
    "production": 1.0,
    "post_production": 0.6,
    "delivery": 0.8,
    "wrapped": 0.0,
}
URGENCY_SCALE_DAYS = 30.0
# What a refresh writes (in SQL: readonly fields nobody edits, no stored field depends on them).
# The explanation is worded from the facts in the reader's language when read.
PRIORITY_FIELDS = [
    "coordination_priority_score",
    "coordination_priority_rank",
    "coordination_priority_facts",
]
# A change of these production fields changes its score or its rank among the others.
PRIORITY_INPUT_FIELDS = {
    "coordination_client_tier",
    "coordination_contract_value",
    "coordination_priority_pinned",
    "coordination_priority_pin_reason",
    "coordination_phase",
    "active",
    "company_id",
    "is_media_production",
}


class MediaPriority(models.AbstractModel):
    _name = "media.priority"
    _description = "Media Production Priority Engine"

    @api.model
    def _refresh(self, companies):
        """Score and rank every media production of these companies (all of them: a rank is
        relative to the others). Four queries whatever the number of productions, then one
        UPDATE of the rows that changed."""
        companies = companies.exists()
        if not companies:
            return
        # sudo: a rank spans every production of the company, also those the user cannot read
        # (productions are "invited users only"); only scores are written.
        Project = self.env["project.project"].sudo().with_context(active_test=False)
        productions = Project.search(
            [("is_media_production", "=", True), ("company_id", "in", companies.ids)]
        )
        if not productions:
            return
        today = fields.Date.context_today(self)
        next_dates = self._next_dates(productions, today)
        values = {}
        for company, group in productions.grouped("company_id").items():
            values.update(self._score_company(company, group, next_dates, today))
        rows = [
            (
                production.id,
                *[
                    Json(value) if name == "coordination_priority_facts" else value
                    for name in PRIORITY_FIELDS
                    for value in [values[production.id][name]]
                ],
            )
            for production in productions
            if any(
                not same_value(production[name], values[production.id][name])
                for name in PRIORITY_FIELDS
            )
        ]
        reranked = [
            production.id
            for production in productions
            if production.coordination_priority_rank
            != values[production.id]["coordination_priority_rank"]
        ]
        bulk_update(self.env["project.project"], PRIORITY_FIELDS, rows, log_access=False)
        productions.invalidate_recordset([*PRIORITY_FIELDS, "coordination_priority_explanation"])
        if reranked:
            # Between two confirmed bookings, the production of better rank keeps a contested
            # resource: the conflict texts say which. They are worded when read (the counts do
            # not change): forget those already worded in this transaction.
            self.env["media.booking"].invalidate_model(["conflict_description"])
            self.env["media.production.day"].invalidate_model(["conflict_description"])
            self.env["project.project"].invalidate_model(["coordination_conflict_description"])

    @api.model
    def _next_dates(self, productions, today):
        """{production: (date, kind)}: its next production day not cancelled (from today) or
        deliverable not delivered (overdue ones too), whichever comes first."""
        Day = self.env["media.production.day"].sudo()
        Deliverable = self.env["media.deliverable"].sudo()
        days = {
            (project, day_type): date
            for project, day_type, date in Day._read_group(
                [
                    ("project_id", "in", productions.ids),
                    ("state", "!=", "cancelled"),
                    ("date", ">=", today),
                ],
                ["project_id", "day_type"],
                ["date:min"],
            )
        }
        deliverables = dict(
            Deliverable._read_group(
                [
                    ("project_id", "in", productions.ids),
                    ("state", "!=", "delivered"),
                    ("date_due", "!=", False),
                ],
                ["project_id"],
                ["date_due:min"],
            )
        )
        result = {}
        for (project, day_type), date in days.items():
            if project not in result or date < result[project][0]:
                result[project] = (date, day_type)
        for project, date in deliverables.items():
            if project not in result or date < result[project][0]:
                result[project] = (date, "deliverable")
        return result

    @api.model
    def _score_company(self, company, productions, next_dates, today):
        """{production id: {field: value}} for the productions of one company."""
        weights = company._coordination_media_weights()
        open_productions = productions.filtered(
            lambda p: p.active and p.coordination_phase != "wrapped"
        )
        top_value = max(open_productions.mapped("coordination_contract_value") or [0.0])
        parts_of = {}
        for production in open_productions:
            parts_of[production] = self._parts(
                production, next_dates.get(production), today, top_value
            )
        scores = {
            production: sum(factor * weights[key] for key, factor, _label in parts)
            for production, parts in parts_of.items()
        }
        far = fields.Date.to_date("9999-12-31")
        order = sorted(
            open_productions,
            key=lambda p: (-round(scores[p], 6), (next_dates.get(p) or (far,))[0], p.id),
        )
        values = {}
        for rank, production in enumerate(order, start=1):
            values[production.id] = {
                "coordination_priority_score": round(scores[production], 2),
                "coordination_priority_rank": rank,
                "coordination_priority_facts": {
                    "parts": [
                        [key, round(factor, 6), weights[key], label, args]
                        for key, factor, (label, args) in parts_of[production]
                    ],
                    "score": round(scores[production], 6),
                    "rank": rank,
                    "count": len(order),
                },
            }
        for production in productions - open_productions:
            values[production.id] = {
                "coordination_priority_score": 0.0,
                "coordination_priority_rank": 0,
                "coordination_priority_facts": {"unranked": True},
            }
        return values

    @api.model
    def _parts(self, production, next_date, today, top_value):
        """[(weight key, factor 0..1, (label code, {label values}))] of one open production:
        the labels are worded in the reader's language by `_word_label`."""
        tier = production.coordination_client_tier or "standard"
        parts = [("tier", TIER_FACTOR[tier], ("tier", {"tier": tier}))]
        if next_date:
            date, kind = next_date
            days = (date - today).days
            factor = 1.0 if days <= 0 else max(0.0, 1.0 - days / URGENCY_SCALE_DAYS)
            if days < 0:
                label = ("next_overdue", {"what": kind, "days": -days})
            elif days == 0:
                label = ("next_today", {"what": kind})
            else:
                label = ("next_in", {"what": kind, "days": days})
        else:
            factor, label = 0.0, ("next_none", {})
        parts.append(("urgency", factor, label))
        phase = production.coordination_phase or "development"
        parts.append(("phase", PHASE_FACTOR[phase], ("phase", {"phase": phase})))
        value = production.coordination_contract_value or 0.0
        ratio = value / top_value if top_value > 0 and value > 0 else 0.0
        parts.append(("value", ratio, ("value", {"percent": round(ratio * 100)})))
        if production.coordination_priority_pinned:
            reason = production.coordination_priority_pin_reason or ""
            parts.append(("pin", 1.0, ("pin", {"reason": reason})))
        return parts

    @api.model
    def _word_label(self, code, args):
        """A part's label (see `_parts`) in the language of the context."""
        _ = self.env._
        Project = self.env["project.project"]
        if code == "tier":
            tiers = dict(
                Project._fields["coordination_client_tier"]._description_selection(self.env)
            )
            return _("Client tier: %s", tiers.get(args["tier"], args["tier"]))
        if code == "phase":
            phases = dict(Project._fields["coordination_phase"]._description_selection(self.env))
            return _("Phase: %s", phases.get(args["phase"], args["phase"]))
        if code == "value":
            return _("Contract value: %s%% of the company's largest open one", args["percent"])
        if code == "pin":
            return _("Pinned: %s", args["reason"])
        if code == "next_none":
            return _("Next: no day or deliverable ahead")
        what = {
            "deliverable": _("deliverable"),
            "shoot": _("shoot day"),
            "prep": _("prep day"),
            "post": _("post session"),
        }.get(args.get("what"), _("production day"))
        days = format_number(self.env, args.get("days", 0), digits=0)
        if code == "next_overdue":
            return _("Next: %(what)s overdue by %(days)s days", what=what, days=days)
        if code == "next_today":
            return _("Next: %(what)s today", what=what)
        return _("Next: %(what)s in %(days)s days", what=what, days=days)

    @api.model
    def _explain(self, facts):
        """The explanation of a production's priority (``facts``: its
        ``coordination_priority_facts``) in the language of the context; "" without facts."""
        if not facts:
            return ""
        if facts.get("unranked"):
            return self.env._("Archived or wrapped: not ranked.")
        # Numbers formatted outside the translated calls (the .pot extraction evaluates them).
        lines = [
            self.env._(
                "%(label)s: %(factor)s × %(weight)s = %(points)s",
                label=self._word_label(label, args),
                factor=format_number(self.env, factor, digits=2),
                weight=format_number(self.env, weight, digits=2, trim=True),
                points=format_number(self.env, factor * weight, digits=1),
            )
            for _key, factor, weight, label, args in facts.get("parts", [])
        ]
        lines.append(
            self.env._(
                "Score %(score)s: rank %(rank)s of %(count)s open productions",
                score=format_number(self.env, facts.get("score", 0.0), digits=1),
                rank=facts.get("rank"),
                count=facts.get("count"),
            )
        )
        return "\n".join(lines)

    @api.model
    def _cron_refresh(self):
        """Daily: the days to the next date move with the calendar."""
        self._refresh(self.env["res.company"].search([]))
