"""`make load`, last step: the table of one locust run (its --csv files) and the retries
Odoo logged (`odoo.service.model`: "<error code>, N tries left, try again in ...").

    python report.py CSV_PREFIX ODOO_LOG [LABEL]
"""

import csv
import json
import re
import sys
from collections import Counter

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
with open(log, errors="replace") as lines:
    for line in lines:
        match = re.search(r"odoo\.service\.model: (\w+), \d+ tries left", line)
        if match:
            retries[match.group(1)] += 1
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
print("LOAD_JSON " + json.dumps({"label": label, "calls": result, "retries": dict(retries)}))
