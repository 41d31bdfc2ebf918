# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Media coordinators and crew users without a home action of their own land in the
        media app (`res.users._media_home_action`), not in the first app of the menu."""
        if not request:
            # Odoo's own reads the request's session: outside a web request it cannot answer.
            raise UserError(self.env._("The session information is given to a web request only."))
        info = super().session_info()
        if info.get("uid") and info.get("is_internal_user") and not info.get("home_action_id"):
            action = self.env.user._media_home_action()
            if action:
                info["home_action_id"] = action.id
        return info
