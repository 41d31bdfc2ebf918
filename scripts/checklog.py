"""Read an Odoo log: count tests, and fail on any ERROR/WARNING line we do not expect.

Usage: checklog.py LOGFILE
Prints "<passed> <failed>" on the last line of stdout; the offending lines before it.
A run counts as failed when Odoo reported failures or errors, when a test was skipped
(a browser test that cannot find Chromium must fail, not skip), when no summary line was
logged (Odoo crashed) or when the log holds an unexpected ERROR/WARNING/CRITICAL line.
"""

import re
import sys

# Lines Odoo itself emits during a clean install + test run that we cannot avoid.
# Each entry: (logger, message regex, why). Keep this list short and explained.
IGNORED = [
    # Odoo warns once when started as root; the harness runs as root in containers and CI.
    ("odoo", r"Running as user 'root' is a security risk", "harness runs as root"),
    # Debian's wkhtmltopdf is built on unpatched Qt: it prints one notice per header/footer switch
    # (Odoo always passes them) and Odoo logs its stderr as a WARNING.  Only a message made of
    # nothing but these notices is ignored; any other wkhtmltopdf output still fails the run.
    (
        "odoo.addons.base.models.ir_actions_report",
        r"^wkhtmltopdf: "
        r"(The switch --[\w-]+, is not support using unpatched qt, and will be ignored\.)+"
        r"(QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '[^']*')?\s*$",
        "Debian's wkhtmltopdf (unpatched Qt)",
    ),
]

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): (?P<msg>.*)$"
)
RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
SKIPPED = re.compile(r"^skipped (\S+)")


# Test failures are logged as ERROR by the tests' own loggers and summed up by the module
# loader; they are already in the counts, so they are not log errors on top.
LOADER_SUMMARY = re.compile(r"failures, \d+ errors of \d+ tests|At least one test failed")


def is_ignored(logger, msg):
    if ".tests." in logger or (logger == "odoo.modules.loading" and LOADER_SUMMARY.search(msg)):
        return True
    return any(logger == lg and re.search(rx, msg) for lg, rx, _why in IGNORED)


def check(path):
    """Return (summary counts or None, skipped lines, unexpected lines, failure reports)."""
    bad, skipped, reports, result = [], [], [], None
    report = None  # the failure being read: its ERROR line and the traceback under it
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = raw.rstrip("\n")
            match = LINE.match(line)
            if not match:
                if report is not None:
                    report.append(line)
                continue
            report = None
            level, logger, msg = match["level"], match["logger"], match["msg"]
            if level == "ERROR" and ".tests." in logger and not msg.startswith("===="):
                report = [line]
                reports.append(report)
            found = RESULT.search(line)
            if found:
                result = tuple(int(x) for x in found.groups())
                continue  # reported through the counts below, not as a log error
            if SKIPPED.match(msg):
                skipped.append(line)
            if level in ("WARNING", "ERROR", "CRITICAL") and not is_ignored(logger, msg):
                bad.append(line)
    return result, skipped, bad, reports


def main():
    result, skipped, bad, reports = check(sys.argv[1])
    for report in reports[:20]:
        print("\n".join(report[:60]))
    if result is None:
        print("no test summary line: Odoo stopped before the end of the run")
        passed, failed = 0, 1
    else:
        failures, errors, total = result
        failed = failures + errors + len(skipped)
        passed = total - failures - errors - len(skipped)
        if total == 0:
            print("no test ran")
            failed += 1
    for line in skipped:
        print(f"SKIPPED (counts as failed): {line}")
    if bad:
        print(f"{len(bad)} unexpected ERROR/WARNING line(s) in {sys.argv[1]}:")
        for line in bad[:40]:
            print(f"  {line[:400]}")
        failed += 1
    print(passed, failed)


if __name__ == "__main__":
    main()
