"""`make load`, last step: the table of one locust run (its --csv files) and the retries
Odoo logged (`odoo.service.model`: "<error code>, N tries left, try again in ...").

    python report.py CSV_PREFIX ODOO_LOG [LABEL]
"""

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime

prefix, log = sys.argv[1], sys.argv[2]
label = sys.argv[3] if len(sys.argv) > 3 else prefix
with open(f"{prefix}_stats.csv") as stats:
    rows = list(csv.DictReader(stats))
failures = Counter()
try:
    with open(f"{prefix}_failures.csv") as fails:
        for row in csv.DictReader(fails):
            failures[row["Name"]] += int(row["Occurrences"])
            print(f"  failure: {row['Name']}: {row['Error']} x {row['Occurrences']}")
except FileNotFoundError:
    pass
retries = Counter()
# Odoo's request lines end with: queries, seconds in SQL, seconds outside SQL (Python).
server = defaultdict(list)
with open(log, errors="replace") as lines:
    for line in lines:
        match = re.search(r"odoo\.service\.model: (\w+), \d+ tries left", line)
        if match:
            retries[match.group(1)] += 1
        match = re.search(
            r'"POST /web/[\w/]*?([\w.]+/\w+|authenticate) HTTP[^"]*" 200 - (\d+) ([\d.]+) ([\d.]+)',
            line,
        )
        if match:
            stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
            server[match.group(1)].append((*(float(x) for x in match.groups()[1:]), stamp))
print(f"\n{label}")
print(
    f"{'call':<26} {'requests':>8} {'errors':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
    f"{'max ms':>7}"
)
result = []
for row in rows:
    name = row["Name"] if row["Name"] != "Aggregated" else "all calls"
    print(
        f"{name:<26} {row['Request Count']:>8} {row['Failure Count']:>6} "
        f"{float(row['Requests/s']):>6.1f} {row['50%']:>7} {row['95%']:>7} "
        f"{float(row['Max Response Time']):>7.0f}"
    )
    result.append(
        {
            "call": name,
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 2),
            "p50": row["50%"],
            "p95": row["95%"],
        }
    )
print(f"serialization-failure and other retries logged by Odoo: {dict(retries) or 0}")
# Throughput as the server saw it: calls answered between its first and last answer (the
# client's req/s also counts the logins' time).
print("\nserver side (Odoo's request log), median per call; calls/s between first and last:")
print(f"{'route':<48} {'calls':>5} {'calls/s':>7} {'queries':>7} {'SQL ms':>7} {'Python ms':>9}")
server_rows = []
for route, calls in sorted(server.items()):
    queries, sql, python, stamps = (sorted(c)[len(c) // 2] for c in zip(*calls, strict=True))
    span = max(c[3] for c in calls) - min(c[3] for c in calls)
    rate = (len(calls) - 1) / span if span else 0.0
    print(
        f"{route:<48} {len(calls):>5} {rate:>7.1f} {queries:>7.0f} {sql * 1000:>7.0f} "
        f"{python * 1000:>9.0f}"
    )
    server_rows.append(
        {
            "route": route,
            "calls": len(calls),
            "calls_per_s": round(rate, 2),
            "queries": queries,
            "sql_ms": round(sql * 1000),
            "python_ms": round(python * 1000),
        }
    )
print(
    "LOAD_JSON "
    + json.dumps({"label": label, "calls": result, "retries": dict(retries), "server": server_rows})
)
