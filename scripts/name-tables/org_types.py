#!/usr/bin/env python3
"""Generates src/Vigil.Core/Matching/org_types.tsv from OpenSanctions' org_types.yml (MIT, see its LICENSE):
one legal form alias a line, with the form it compares as (the generic tag, else the compare form, else the
display form). The engine normalises the aliases itself, the same way it normalises names.
  python3 scripts/name-tables/org_types.py ../shared/data/name-matching/org_types.yml > src/Vigil.Core/Matching/org_types.tsv
"""
import sys
import yaml

with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
seen = set()
for t in doc["types"]:
    form = t.get("generic") or t.get("compare") or t.get("display")
    if not form:
        continue
    for alias in [t.get("display"), t.get("compare")] + (t.get("aliases") or []):
        if not alias:
            continue
        alias = " ".join(str(alias).split())
        if (alias.lower(), form) in seen or "\t" in alias:
            continue
        seen.add((alias.lower(), form))
        print(f"{alias}\t{form}")
