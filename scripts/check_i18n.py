#!/usr/bin/env python3
# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Translatable messages the .pot extraction can read.

Odoo extracts the terms of a Python file with Babel (2.10 in Odoo 18.0), which evaluates every
string of a `_()` / `_lt()` / `env._()` call: an f-string there raises, and Babel then drops
the *whole file* from the template (an ERROR in the export log, nothing in the .pot). This
check names each f-string inside such a call; word the value before the call instead.

    python scripts/check_i18n.py production_coordination production_coordination_media
"""

import ast
import pathlib
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


def main(addons):
    found = 0
    for addon in addons:
        for path in sorted(pathlib.Path(addon).rglob("*.py")):
            if "tests" in path.parts:
                continue
            for lineno, source in problems(path):
                found += 1
                print(f"{path}:{lineno}: f-string inside a translated call: {source}")
    if found:
        print(
            f"{found} f-string(s) inside _() calls: Babel drops these files from the .pot; "
            "format the value into a variable before the call."
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["production_coordination", "production_coordination_media"]))
