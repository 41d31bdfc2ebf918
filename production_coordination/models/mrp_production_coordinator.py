# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The coordinator's own actions on a manufacturing order: rank override, committed date."""

from markupsafe import Markup

from odoo import _, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .coordination_const import MANAGER_GROUP, OPEN_MO_STATES
from .coordination_protected_mixin import check_action_access
from .coordination_utils import ensure_one_record


class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=consider-merging-classes-inherited

    def _coordination_check_coordinator(self, action):
        """Coordinators only, on manufacturing orders they may change."""
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only coordinators can %(action)s.", action=action))
        check_action_access(self, "write", action)

    def action_coordination_override_rank(self):
        ensure_one_record(self)
        self._coordination_check_coordinator(_("override the rank of a manufacturing order"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Override Rank"),
            "res_model": "coordination.rank.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_production_id": self.id},
        }

    def _coordination_lock_ranking(self):
        """Lock the ranking of these MOs' companies until the transaction ends, and mark it
        changed: a coordinator pinning or unpinning a rank at the same moment waits, then
        PostgreSQL refuses their (older) snapshot and Odoo retries the request, which sees this
        pin. The company row stands for its ranking (locked in id order: no deadlock)."""
        # (log_exceptions=False: a serialization failure here is expected and retried.)
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_company c SET write_date = c.write_date
                  FROM (SELECT id FROM res_company WHERE id = ANY(%s)
                         ORDER BY id FOR NO KEY UPDATE) locked
                 WHERE c.id = locked.id
                """,
                sorted(set(self.company_id.ids)),
            ),
            log_exceptions=False,
        )

    def _coordination_check_rank_override(self, rank):
        """Refuse a pin that makes no sense or that would silently displace another one: on a
        finished order, outside 1 … the number of open orders, on a rank another order holds,
        over a colleague's pin. Call it under `_coordination_lock_ranking`."""
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(
                _(
                    "%(production)s is %(state)s: only open manufacturing orders have a rank.",
                    production=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )
        if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
            raise UserError(
                _(
                    "The rank of %(production)s must be a whole number, 1 or more (1 = do "
                    "first), not %(rank)s.",
                    production=self.name,
                    rank=rank,
                )
            )
        # sudo: the ranking is the whole company's, including orders the coordinator may not
        # open from their current companies; only names, counts and the pins are read.
        Production = self.sudo().with_context(active_test=False)
        others = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", OPEN_MO_STATES),
            ("id", "!=", self.id),
        ]
        last = Production.search_count(others) + 1
        if rank > last:
            raise UserError(
                _(
                    "Rank %(rank)s for %(production)s is beyond the last one: %(company)s has "
                    "%(count)s open manufacturing orders.",
                    rank=rank,
                    production=self.name,
                    company=self.company_id.name,
                    count=last,
                )
            )
        holder = Production.search(others + [("coordination_rank_override", "=", rank)], limit=1)
        if holder:
            raise UserError(
                _(
                    "Rank %(rank)s is already pinned on %(production)s by %(user)s (%(reason)s): "
                    "choose another rank, or remove that pin first.",
                    rank=rank,
                    production=holder.name,
                    user=holder.coordination_rank_override_by_id.name or "?",
                    reason=holder.coordination_rank_override_reason or "",
                )
            )
        pinned_by = self.sudo().coordination_rank_override_by_id
        if self.coordination_rank_override and pinned_by and pinned_by != self.env.user:
            raise UserError(
                _(
                    "%(user)s has pinned %(production)s at rank %(rank)s (%(reason)s): remove "
                    "that pin first to pin it elsewhere.",
                    user=pinned_by.name,
                    production=self.name,
                    rank=self.coordination_rank_override,
                    reason=self.coordination_rank_override_reason or "",
                )
            )

    def _coordination_set_rank_override(self, rank, reason):
        self._coordination_check_coordinator(_("override the rank of a manufacturing order"))
        if len(self) != 1:
            raise UserError(_("Pin the rank of one manufacturing order at a time."))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for overriding the rank."))
        self._coordination_lock_ranking()
        self._coordination_check_rank_override(rank)
        # sudo: protected fields, the role and access were checked above.
        # The pin is the rank asked for: rerank now (not in a job), under the lock.
        self.sudo().with_context(coordination_rerank_now=True).write(
            {
                "coordination_rank_override": rank,
                "coordination_rank_override_reason": reason,
                "coordination_rank_override_by_id": self.env.user.id,
            }
        )
        self.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (_("Rank set to %(rank)s by hand.", rank=rank), reason),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_coordination_remove_rank_override(self):
        self._coordination_check_coordinator(_("remove a rank override"))
        self._coordination_lock_ranking()
        # sudo: protected fields, the role and access were checked above.
        # The pin is the rank asked for: rerank now (not in a job), under the lock.
        self.sudo().with_context(coordination_rerank_now=True).write(
            {
                "coordination_rank_override": 0,
                "coordination_rank_override_reason": False,
                "coordination_rank_override_by_id": False,
            }
        )
        for production in self:
            production.message_post(
                body=_("Rank override removed: the score decides again."),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_coordination_revise_date(self):
        ensure_one_record(self)
        self._coordination_check_coordinator(_("change the committed date"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Revise Committed Date"),
            "res_model": "coordination.date.revision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_production_id": self.id},
        }

    def _coordination_revise_committed_date(self, new_date, reason):
        """Change the committed date (coordinators only): kept as a revision, posted, sent to
        the followers and the salesperson (see ``coordination.date.revision._revise``).
        Returns the revisions."""
        self._coordination_check_coordinator(_("change the committed date"))
        return self.env["coordination.date.revision"]._revise(self, new_date, reason)

    def _coordination_salesperson(self):
        """Deprecated: ``coordination.date.revision._salesperson``."""
        self.ensure_one()
        return self.env["coordination.date.revision"]._salesperson(self)
