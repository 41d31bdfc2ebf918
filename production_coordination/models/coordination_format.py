# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How figures read on our screens: durations in hours and minutes (Odoo keeps work in minutes;
its ``float_time`` widget reads them as hours), delays in days late or early.

The web client formats duration columns the same way (field widget and formatter
``production_coordination_minutes``, static/src/shop_floor/minutes_field.js).
"""

import ast
import math

from odoo.tools import float_round
from odoo.tools.misc import formatLang, get_lang

from odoo.addons.base.models.res_lang import intersperse


def format_minutes(env, minutes):
    """``minutes`` (a float) as "2 h 5 min", "45 min", "3 h"; "-1 h 30 min" when negative;
    "" when there is no value (False, None, not a number)."""
    if minutes is None or minutes is False or isinstance(minutes, bool):
        return ""
    if not isinstance(minutes, int | float) or not math.isfinite(minutes):
        return ""
    total = round(minutes)
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 60)
    if not hours:
        text = env._("%(minutes)s min", minutes=rest)
    elif not rest:
        text = env._("%(hours)s h", hours=hours)
    else:
        text = env._("%(hours)s h %(minutes)s min", hours=hours, minutes=rest)
    return sign + text


def format_number(env, value, digits=1, trim=False):
    """``value`` in the user's language's number format (its decimal point and thousands
    separator, as the web client shows numbers) with ``digits`` decimals; ``trim``: without
    trailing zeros (``10`` rather than ``10.00``, as ``%g`` did).

    What Odoo's ``formatLang`` does (half-even rounding, the language's grouping), with one
    cached lookup of the language instead of its several: the explanations and summaries word
    hundreds of numbers per page."""
    lang = env["res.lang"]._get_data(code=env.lang or "en_US")
    if not lang.code:
        # Not an active language: Odoo's own fallback (the user's, else the first active one).
        text = formatLang(env, value, digits=digits)
        point = env["res.lang"]._get_data(code=get_lang(env).code).decimal_point or "."
    else:
        rounded = float_round(value, precision_digits=digits, rounding_method="HALF-EVEN")
        integer, *decimals = (f"%.{digits}f" % rounded).split(".")
        integer = intersperse(integer, ast.literal_eval(lang.grouping), lang.thousands_sep or "")[0]
        point = lang.decimal_point or "."
        text = point.join([integer, *decimals])
    if trim and digits and point in text:
        text = text.rstrip("0").rstrip(point)
    return text


def format_delay_days(env, days):
    """A forecast finish ``days`` after the committed date (negative: before) as "2.5 days
    late", "2.0 days early" or "on time" (less than an hour either way)."""
    if abs(days) * 24 < 1:
        return env._("on time")
    amount = format_number(env, abs(days), 1)
    if days > 0:
        return env._("%(days)s days late", days=amount)
    return env._("%(days)s days early", days=amount)


# Stored texts in every language ---------------------------------------------------------------
# A text the addons word and store (a review's binding constraint, why a change notice left an
# order as it was) is written in English (the source) and every installed language: each reader
# reads it in theirs, whoever (or whichever scheduled action) wrote it.


def language_envs(env):
    """{language: environment} of the languages a stored text is worded in: `env`'s own first,
    English (the source) and every installed language."""
    codes = [env.lang or "en_US", "en_US"]
    codes += [code for code, _name in env["res.lang"].get_installed()]
    return {code: env(context=dict(env.context, lang=code)) for code in dict.fromkeys(codes)}


def word_in_languages(env, word):
    """{language: word(environment of that language)} for the languages of `language_envs`."""
    return {code: word(lang_env) for code, lang_env in language_envs(env).items()}


def write_in_languages(record, field_name, texts):
    """Write the translated field `field_name` of `record` in every language of `texts`
    ({language: text}, English among them). Empty `texts`: the field is emptied."""
    record.with_context(lang="en_US")[field_name] = texts.get("en_US", False)
    others = {code: text for code, text in texts.items() if code != "en_US" and text}
    if others:
        record.update_field_translations(field_name, others)
