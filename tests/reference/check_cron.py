#!/usr/bin/python3
"""gpuscout's cron next-fire times against croniter's (Debian's python3-croniter).

Generates at least 200 expressions (seeded) with ranges, steps, lists, month
and day names, and both day fields restricted (croniter's day-or rule, as
Vixie cron), and for each a few start times; prints every mismatch.
usage: check_cron.py CRON_NEXT_BINARY
"""
import datetime
import random
import subprocess
import sys

from croniter import croniter

rng = random.Random(20261128)
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]


def field(lo, hi, names=None, allow_star=True):
    kind = rng.random()
    if kind < 0.2 and allow_star:
        return "*"
    if kind < 0.35:
        return "*/%d" % rng.randint(2, max(2, (hi - lo) // 2))
    if kind < 0.55:
        a = rng.randint(lo, hi)
        b = rng.randint(a, hi)
        step = rng.choice(["", "/%d" % rng.randint(2, 5)])
        return "%d-%d%s" % (a, b, step)
    if kind < 0.75:
        values = sorted(rng.sample(range(lo, hi + 1), rng.randint(2, min(4, hi - lo + 1))))
        return ",".join(str(v) for v in values)
    if names and kind < 0.9:
        a = rng.randint(0, len(names) - 1)
        b = rng.randint(a, len(names) - 1)
        return names[a] if a == b else "%s-%s" % (names[a], names[b])
    return str(rng.randint(lo, hi))


expressions = []
while len(expressions) < 220:
    e = " ".join([field(0, 59), field(0, 23), field(1, 28), field(1, 12, MONTHS), field(0, 6, DAYS)])
    expressions.append(e)
# Hand-picked: the day-or rule, Sunday as 7, names, steps from a start.
expressions += ["0 12 13 * FRI", "30 4 1,15 * 5", "0 0 * * 7", "0 9-17/2 * * MON-FRI", "*/10 * * * *",
                "0 0 29 2 *", "15 3 31 * *", "0 20 * * *", "5 0 * 8 *", "0 22 * * 1-5"]

starts = [datetime.datetime(2026, 1, 5, 0, 0), datetime.datetime(2026, 3, 29, 13, 37),
          datetime.datetime(2026, 12, 31, 23, 59)]
epoch = datetime.datetime(1970, 1, 1)
lines, expected = [], []
for e in expressions:
    for s in starts:
        lines.append("%s\t%d\tUTC" % (e, int((s - epoch).total_seconds())))
        expected.append(int((croniter(e, s).get_next(datetime.datetime) - epoch).total_seconds()))

out = subprocess.run([sys.argv[1]], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout.split("\n")
failures = 0
for line, want, got in zip(lines, expected, out):
    if got.strip() != str(want):
        failures += 1
        if failures <= 20:
            print("FAIL", line.replace("\t", " | "), "croniter", want, "gpuscout", got)
checked = len(lines)
print("%d expressions x %d start times checked against croniter" % (len(expressions), len(starts)))
print("%d passed, %d failed" % (checked - failures, failures))
sys.exit(1 if failures else 0)
