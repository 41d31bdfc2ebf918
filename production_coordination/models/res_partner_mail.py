# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models

from ..tools import tz_name


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coordination_mail_context(self, company=None):
        """The language and time zone a mail to this partner is written in, as a context
        (``{"lang": ..., "tz": ...}``): the partner's own (a user's are their partner's), else
        the company's (its partner's), else the sender's; a language that is not active falls
        back the same way."""
        self.ensure_one()
        company = company or self.env.company
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        lang = next(
            (
                code
                for code in (self.lang, company.partner_id.lang, self.env.lang)
                if code and code in active
            ),
            "en_US",
        )
        tz = tz_name(
            self.tz or company.partner_id.tz or self.env.context.get("tz") or self.env.user.tz
        )
        return {"lang": lang, "tz": tz}

    def _coordination_group_by_mail_context(self, company=None):
        """These partners grouped by the language and time zone of their mails:
        ``{(lang, tz): partners}`` (one mail per group)."""
        groups = defaultdict(lambda: self.env["res.partner"])
        for partner in self:
            context = partner._coordination_mail_context(company)
            groups[context["lang"], context["tz"]] |= partner
        return dict(groups)
