#!/usr/bin/env python3
"""Independent check of every offer's price against its source row.

Reads the source files under DATA/sources with Python's csv module (not the
project's reader), runs `gpuscout --format json offers --all-regions`, and for
every offer compares vendor, instance type, region, zone, GPU count and every
price with the row(s) its `source` field names. It also checks that no priced
GPU row of a SkyPilot file was silently dropped.

usage: check_prices.py GPUSCOUT_BINARY DATA_DIR
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

EXCLUDED_PREFIXES = ("tpu", "inferentia", "trainium", "gaudi", "virtex", "aws inferentia",
                     "aws trainium", "qualcomm", "arm mali", "nvidia grid k520")


def read_rows(path):
    """Map start line -> row dict, for every data row of a CSV file."""
    rows = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        start = reader.line_num + 1
        for fields in reader:
            if not fields:
                start = reader.line_num + 1
                continue
            if header[-1] == "Generation" and len(fields) > len(header):
                fields = fields[:len(header) - 1] + [",".join(fields[len(header) - 1:])]
            rows[start] = dict(zip(header, fields))
            start = reader.line_num + 1
    return rows


def price(text):
    """A published price, or None when missing (empty or 0)."""
    if text is None or text.strip() == "":
        return None
    value = float(text)
    return value if value > 0 else None


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def main():
    binary, data = sys.argv[1], sys.argv[2]
    sources = os.path.join(data, "sources")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GPUSCOUT_HOME=home)
        out = subprocess.run([binary, "--format", "json", "offers", "--all-regions"],
                             check=True, capture_output=True, text=True, env=env).stdout
    offers = json.loads(out)
    cache = {}
    # data/instance_gpus.csv corrects the GPU count of named instance types
    # (slices a sheet counts as whole GPUs); those counts come from that file.
    corrected = {}
    with open(os.path.join(data, "instance_gpus.csv"), newline="") as f:
        for c in csv.DictReader(f):
            for t in c["instance_types"].split(";"):
                corrected[(c["vendor"], t.strip())] = float(c["gpu_count"])

    def row(file, line):
        if file not in cache:
            cache[file] = read_rows(os.path.join(sources, file))
        return cache[file][line]

    failures = []
    checked = 0
    referenced = set()

    def expect(offer, what, got, want):
        if isinstance(want, float) or isinstance(got, float) or want is None or got is None:
            ok = close(got, want)
        else:
            ok = got == want
        if not ok:
            failures.append(f"{offer['source']}: {what}: gpuscout says {got!r}, source says {want!r}")

    for o in offers:
        checked += 1
        parts = o["source"].split("+")
        first_file, first_line = parts[0].rsplit(":", 1)
        first_line = int(first_line)
        refs = [(first_file, first_line)]
        for p in parts[1:]:
            if ":" in p:
                f, l = p.rsplit(":", 1)
                refs.append((f, int(l)))
            else:
                refs.append((first_file, int(p)))
        referenced.update(refs)
        r = row(*refs[0])
        vendor = first_file.split("/")[0]
        expect(o, "vendor", o["vendor"], vendor)
        expect(o, "currency", o["currency"], "CNY" if vendor in ("alibaba", "tencent") else "USD")
        if "vantage" in first_file:  # an AWS region only Vantage lists
            expect(o, "instance_type", o["instance_type"], r["InstanceType"])
            expect(o, "region", o["region"], r["Region"])
            expect(o, "price_hour", o["price_hour"], price(r["OnDemandPrice"]))
            expect(o, "reserved_hour", o["reserved_hour"], price(r["ReservedPrice"]))
        elif vendor == "gcp":
            host, gpu = row(*refs[0]), row(*refs[1])
            expect(o, "region", o["region"], gpu["Region"])
            expect(o, "zone", o["zone"], gpu["AvailabilityZone"])
            expect(o, "host zone", host["AvailabilityZone"], gpu["AvailabilityZone"])
            expect(o, "gpu_count", o["gpu_count"], float(gpu["AcceleratorCount"]))
            expect(o, "instance_type", o["instance_type"].split("+")[0], host["InstanceType"])
            hp, gp = price(host["Price"]), price(gpu["Price"])
            expect(o, "price_hour", o["price_hour"], hp + gp if hp and gp else None)
            hs, gs = price(host["SpotPrice"]), price(gpu["SpotPrice"])
            expect(o, "spot_price_hour", o["spot_price_hour"], hs + gs if hs and gs else None)
        elif vendor == "alibaba":
            spec = row(*refs[1])
            expect(o, "instance_type", o["instance_type"], r["InstanceType"])
            expect(o, "spec row", spec["InstanceType"], r["InstanceType"])
            expect(o, "region", o["region"], r["Region"])
            expect(o, "price_hour", o["price_hour"], price(r["OnDemandPricePerHour"]))
        elif vendor == "tencent":
            expect(o, "instance_type", o["instance_type"], r["InstanceType"])
            expect(o, "gpu_count", o["gpu_count"], float(r["GpuCount"]))
            expect(o, "price_hour", o["price_hour"], price(r["HourlyPriceCNY_Min"]))
            hi = price(r["HourlyPriceCNY_Max"])
            expect(o, "price_hour_max", o["price_hour_max"],
                   None if hi == price(r["HourlyPriceCNY_Min"]) else hi)
            expect(o, "monthly_price", o["monthly_price"], price(r["MonthlyPriceCNY_Min"]))
        else:  # SkyPilot layout
            expect(o, "instance_type", o["instance_type"], r["InstanceType"])
            expect(o, "region", o["region"], r["Region"])
            expect(o, "zone", o["zone"] or "", r.get("AvailabilityZone", ""))
            want = corrected.get((vendor, r["InstanceType"]), float(r["AcceleratorCount"]))
            expect(o, "gpu_count", o["gpu_count"], want)
            expect(o, "price_hour", o["price_hour"], price(r["Price"]))
            expect(o, "spot_price_hour", o["spot_price_hour"], price(r.get("SpotPrice")))
            if len(refs) > 1:  # Vantage's reserved price for the same type and region
                v = row(*refs[1])
                expect(o, "vantage instance", v["InstanceType"], r["InstanceType"])
                expect(o, "vantage region", v["Region"], r["Region"])
                expect(o, "reserved_hour", o["reserved_hour"], price(v["ReservedPrice"]))

    # No GPU row of a SkyPilot file is dropped without a reason.
    dropped = 0
    for vendor in sorted(os.listdir(sources)):
        folder = os.path.join(sources, vendor)
        if not os.path.isdir(folder) or vendor in ("alibaba", "tencent"):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".csv") or "vantage" in name:
                continue
            file = f"{vendor}/{name}"
            for line, r in read_rows(os.path.join(sources, file)).items():
                accel = r.get("AcceleratorName", "")
                if not accel or accel.lower().startswith(EXCLUDED_PREFIXES):
                    continue
                if vendor == "gcp":
                    continue  # GPU rows without a host VM in their zone are counted by catalog info
                if (file, line) not in referenced:
                    dropped += 1
                    failures.append(f"{file}:{line}: GPU row {accel} is in no offer")

    for f in failures[:50]:
        print("FAIL", f)
    print(f"checked {checked} offers against their source rows; {dropped} GPU rows dropped")
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
