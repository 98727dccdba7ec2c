#!/usr/bin/env python3
"""Validates YAML files against a vendored JSON Schema (tests/data/schemas/)
with python3-jsonschema. Usage: validate_schema.py SCHEMA FILE... [--expect-invalid FILE]"""
import json
import sys

import jsonschema
import yaml


def main():
    schema = json.load(open(sys.argv[1]))
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    args = sys.argv[2:]
    i = 0
    while i < len(args):
        invalid = args[i] == "--expect-invalid"
        if invalid:
            i += 1
        path = args[i]
        i += 1
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(yaml.safe_load(open(path)))]
        if invalid != bool(errors):
            failed = True
            print(f"FAIL {path}: {'accepted' if invalid else errors}")
        else:
            print(f"ok   {path}" + (f" refused: {errors[0][:160]}" if invalid else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
