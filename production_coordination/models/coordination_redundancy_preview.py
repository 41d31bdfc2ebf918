# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What applying a redundancy suggestion would do, shown before it is applied."""

from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime, formatLang

from .coordination_const import SUPERVISOR_GROUP
from .coordination_protected_mixin import check_action_access, check_action_group
from .coordination_utils import clamp_date


class CoordinationRedundancy(models.Model):
    _inherit = "coordination.redundancy"

    @api.model
    @api.readonly
    def get_previews(self, redundancy_ids):
        """What applying each of these suggestions would do, computed without writing: public
        and read-only (``@api.readonly``: a read replica serves it when Odoo has one). For
        supervisors and coordinators, on the suggestions they may read.

        :param redundancy_ids: ids of ``coordination.redundancy``
        :return: one dict per suggestion: ``id``, ``display_name``, ``kind``, ``preview``
            (HTML, as the Eliminate Redundancies wizard shows it) and, for a sequencing
            suggestion, ``moves``: each work order moved (``workorder_id``, ``workorder``,
            ``production``, ``date_start_old``, ``date_start_new``, ``date_finished_new``);
            ``error``: why it cannot be applied, or False
        """
        if not isinstance(redundancy_ids, list | tuple) or not redundancy_ids:
            raise UserError(_("Give the suggestions to preview as a list of ids."))
        for value in redundancy_ids:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UserError(_("Unknown redundancy suggestion: %r.", value))
        suggestions = self.browse(dict.fromkeys(redundancy_ids))
        missing = set(suggestions.ids) - set(suggestions.exists().ids)
        if missing:
            raise UserError(_("Unknown redundancy suggestion: %r.", min(missing)))
        action = _("preview redundancy suggestions")
        check_action_group(self.env, [SUPERVISOR_GROUP], action, _("supervisors and coordinators"))
        check_action_access(suggestions, "read", action)
        result = []
        for suggestion in suggestions:
            moves, error = [], False
            if suggestion.kind == "merge":
                error = suggestion.merge_blocker or False
            elif not suggestion._is_sequence_possible():
                error = _("No longer possible: refresh the suggestions.")
            else:
                try:
                    moves = [
                        {
                            "workorder_id": workorder.id,
                            "workorder": workorder.name,
                            "production": workorder.production_id.name,
                            "date_start_old": previous,
                            "date_start_new": start,
                            "date_finished_new": finish,
                        }
                        for workorder, previous, start, finish in suggestion._plan_sequence()
                        if start != previous
                    ]
                except UserError as exception:
                    error = exception.args[0]
            result.append(
                {
                    "id": suggestion.id,
                    "display_name": suggestion.display_name,
                    "kind": suggestion.kind,
                    "preview": suggestion._get_preview(),
                    "moves": moves,
                    "error": error,
                }
            )
        return result

    def _get_preview(self):
        """What applying the suggestion would do, as HTML."""
        self.ensure_one()
        if self.kind == "merge":
            orders = Markup(", ").join(
                Markup("%s (%s)") % (p.name, self._format_qty(p.product_uom_qty))
                for p in self.production_ids
            )
            text = Markup("<p>%s</p>") % _(
                "%(orders)s become one order of %(qty)s %(uom)s.",
                orders=orders,
                qty=self._format_qty(self.product_qty),
                uom=self.product_uom_id.name,
            )
            if self.merge_blocker:
                text += Markup('<p class="text-danger">%s</p>') % _(
                    "Odoo refuses: %(reason)s", reason=self.merge_blocker
                )
            return text
        if not self._is_sequence_possible():
            return Markup('<p class="text-danger">%s</p>') % _(
                "No longer possible: refresh the suggestions."
            )
        try:
            rows = self._get_sequence_changes()
        except UserError as error:
            return Markup('<p class="text-danger">%s</p>') % error.args[0]
        body = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                name,
                production,
                format_datetime(self.env, clamp_date(previous), dt_format="short"),
                format_datetime(self.env, clamp_date(new), dt_format="short"),
            )
            for name, production, previous, new in rows
        )
        return Markup(
            '<table class="table table-sm o_production_coordination_preview">'
            "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
            "<tbody>%s</tbody></table>"
        ) % (_("Work Order"), _("Order"), _("Planned Start"), _("New Start"), body)

    def _format_qty(self, qty):
        return formatLang(self.env, qty, dp="Product Unit of Measure")
