#!/usr/bin/env python3
# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Translatable messages the .pot extraction can read, and translations that keep up with it.

1. Odoo extracts the terms of a Python file with Babel (2.10 in Odoo 18.0), which evaluates every
   string of a `_()` / `_lt()` / `env._()` call: an f-string there raises, and Babel then drops
   the *whole file* from the template (an ERROR in the export log, nothing in the .pot). This
   check names each f-string inside such a call; word the value before the call instead.
2. For each addon with an i18n/ folder, every .po there has every msgid of the addon's .pot, each
   with a non-empty, non-fuzzy msgstr that keeps the msgid's placeholders: the printf ones
   (`%s`, `%(name)s`, `%d`, `%.1f`, `%%`) and the `{name}` ones, the same multiset of each.
   Each offending entry is printed as file:line and its msgid.
3. With --template: every literal message of a `_()` / `_lt()` / `env._()` call in the addon's
   Python code is a msgid of its .pot (the template is up to date with the code, and Babel
   extracted the message: it skips some calls nested in another call's arguments).

    python scripts/check_i18n.py [--template] production_coordination production_coordination_media
"""

import ast
import collections
import pathlib
import re
import sys

TRANSLATE = {"_", "_lt"}


def translate_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in TRANSLATE:
                yield node


def problems(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    seen = set()
    for call in translate_calls(tree):
        for sub in ast.walk(call):
            if isinstance(sub, ast.JoinedStr) and (sub.lineno, sub.col_offset) not in seen:
                # Inner format specs (the "g" of {x:g}) are JoinedStr nodes too: report once.
                seen.update(
                    (n.lineno, n.col_offset) for n in ast.walk(sub) if isinstance(n, ast.JoinedStr)
                )
                yield sub.lineno, ast.unparse(sub)


# printf conversions as Python's % operator reads them (no space flag: "50% off" is text).
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0+]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
# {name} / {0} / {} fields of str.format, but not the {{ expression }} of QWeb and mail templates.
BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


# A .po entry, read without polib (pre-commit runs this script outside the virtualenv).
Entry = collections.namedtuple("Entry", "msgid msgstr fuzzy obsolete linenum")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text):
    """The value of a quoted .po string: "a \\"b\\"\\n" -> a "b" and a new line."""
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match[1], match[1]), body)


def read_po(path):
    """The entries of a .po or .pot file, but its header (plural forms: the first msgstr)."""
    entries = []

    def start(linenum):
        return {"msgid": None, "msgstr": "", "fuzzy": False, "obsolete": False, "linenum": linenum}

    def flush(entry):
        if entry["msgid"]:  # None: comments only; "": the header
            entries.append(Entry(**entry))

    entry, field = start(1), None
    for linenum, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        obsolete = raw.startswith("#~")
        line = raw[2:].strip() if obsolete else raw.strip()
        if not line:
            flush(entry)
            entry, field = start(linenum + 1), None
        elif line.startswith("#"):
            if field:  # a comment after the strings: the next entry, without a blank line
                flush(entry)
                entry, field = start(linenum), None
            if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                entry["fuzzy"] = True
        elif line.startswith('"'):
            if field in ("msgid", "msgstr"):
                entry[field] += _unquote(line)
        else:
            keyword, _space, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and field in ("msgstr", "other"):
                flush(entry)
                entry = start(linenum)
            if keyword == "msgid":
                entry.update(msgid=_unquote(rest), obsolete=obsolete, linenum=linenum)
                field = "msgid"
            elif keyword in ("msgstr", "msgstr[0]"):
                entry["msgstr"] = _unquote(rest)
                field = "msgstr"
            else:  # msgctxt, msgid_plural, msgstr[n]
                field = "other"
    flush(entry)
    return entries


def placeholders(text):
    return collections.Counter(PRINTF.findall(text)) + collections.Counter(
        f"{{{name}}}" for name in BRACES.findall(text)
    )


def translation_problems(addon):
    """(path, line, msgid, problem) for each .po entry of the addon that does not keep up with its
    .pot; nothing when the addon has no i18n/ folder."""
    folder = pathlib.Path(addon) / "i18n"
    pot_path = folder / f"{pathlib.Path(addon).name}.pot"
    if not folder.is_dir():
        return
    if not pot_path.is_file():
        yield (
            pot_path,
            0,
            "",
            "the template is missing: export it with Odoo (see README, Languages)",
        )
        return
    template = [entry for entry in read_po(pot_path) if not entry.obsolete]
    for po_path in sorted(folder.glob("*.po")):
        entries = {entry.msgid: entry for entry in read_po(po_path) if not entry.obsolete}
        for term in template:
            msgid = term.msgid
            entry = entries.get(msgid)
            if entry is None:
                yield pot_path, term.linenum, msgid, f"not in {po_path.name} (msgmerge --update it)"
            elif not entry.msgstr:
                yield po_path, entry.linenum, msgid, "no translation"
            elif entry.fuzzy:
                yield po_path, entry.linenum, msgid, "fuzzy translation"
            elif placeholders(entry.msgstr) != placeholders(msgid):
                wanted, got = placeholders(msgid), placeholders(entry.msgstr)
                yield (
                    po_path,
                    entry.linenum,
                    msgid,
                    f"placeholders differ: the msgid has {sorted(wanted.elements())}, "
                    f"the translation {sorted(got.elements())}",
                )


def check_translations(addons):
    found = 0
    for addon in addons:
        for path, line, msgid, problem in translation_problems(addon):
            found += 1
            short = msgid if len(msgid) <= 80 else msgid[:77] + "..."
            print(f"{path}:{line}: {problem}: {short!r}")
    if found:
        print(
            f"{found} translation problem(s): each .po needs every msgid of the .pot, translated."
        )
    return found


def stale_messages(addon):
    """(path, line, message) of each literal message of a translated call in the addon's Python
    code that is not a msgid of its .pot; nothing when the addon has no template."""
    pot_path = pathlib.Path(addon) / "i18n" / f"{pathlib.Path(addon).name}.pot"
    if not pot_path.is_file():
        return
    template = {entry.msgid for entry in read_po(pot_path)}
    for path in sorted(pathlib.Path(addon).rglob("*.py")):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in translate_calls(tree):
            message = call.args[0] if call.args else None
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                if message.value not in template:
                    yield path, call.lineno, message.value


def check_template(addons):
    found = 0
    for addon in addons:
        for path, line, message in stale_messages(addon):
            found += 1
            short = message if len(message) <= 80 else message[:77] + "..."
            print(f"{path}:{line}: not in the .pot: {short!r}")
    if found:
        print(
            f"{found} message(s) missing from the .pot: export it again (README, Languages); "
            "a message still missing is one Babel cannot extract: word it into a variable first."
        )
    return found


def check_fstrings(addons):
    fstrings = 0
    for addon in addons:
        for path in sorted(pathlib.Path(addon).rglob("*.py")):
            if "tests" in path.parts:
                continue
            for lineno, source in problems(path):
                fstrings += 1
                print(f"{path}:{lineno}: f-string inside a translated call: {source}")
    if fstrings:
        print(
            f"{fstrings} f-string(s) inside _() calls: Babel drops these files from the .pot; "
            "format the value into a variable before the call."
        )
    return fstrings


def main(args):
    template = "--template" in args
    addons = [arg for arg in args if arg != "--template"] or [
        "production_coordination",
        "production_coordination_media",
    ]
    fstrings = check_fstrings(addons)
    found = check_translations(addons)
    stale = check_template(addons) if template else 0
    return 1 if fstrings or found or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
