#!/usr/bin/env python3
"""Accuracy of `socialclause check` on the real fixture notices, against labels made by hand
from their prose (tests/fixtures/ocds/labels.yaml).

    benches/accuracy.py [BINARY...]     (default: target/debug/socialclause; needs PyYAML)

For each binary given (say an older build beside the current one), every notice is checked and
two things are scored:

- social clauses, per notice: asked for (any clause present), declined (none present, one
  declined) or not mentioned, as the briefing counts them, against the label;
- barriers read from the text (a finding with words as evidence; those decided from the
  notice's structured fields are left out, as the labels are of the prose): per barrier id,
  true and false positives and false negatives, precision and recall.

Prints one table per binary, in Markdown.
"""
import json
import pathlib
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTICES = ROOT / "tests" / "fixtures" / "ocds"
BARRIERS = [
    "price-only-award",
    "turnover-demand",
    "years-trading-demand",
    "insurance-demand",
    "no-lots",
]


def social(document):
    statuses = [c["status"] for c in document["clauses"]]
    if "present" in statuses:
        return "present"
    if "declined" in statuses:
        return "declined"
    return "absent"


def score(binary, labels):
    counts = {b: [0, 0, 0] for b in BARRIERS}  # true positive, false positive, false negative
    social_right = 0
    misses = []
    for ocid, label in sorted(labels.items()):
        path = NOTICES / label["file"]
        run = subprocess.run(
            [binary, "check", str(path), "--format", "json"],
            capture_output=True,
            text=True,
        )
        if run.returncode not in (0, 1):
            sys.exit(f"{binary} check {path}: exit {run.returncode}: {run.stderr}")
        document = json.loads(run.stdout)["documents"][0]
        said = social(document)
        if said == label["social"]:
            social_right += 1
        else:
            misses.append(f"{ocid}: social {said}, labelled {label['social']}")
        found = {
            f["id"]
            for f in document["findings"]
            if f["id"] in BARRIERS and f.get("evidence")
        }
        truth = set((label.get("barriers") or {}).keys())
        for b in BARRIERS:
            if b in found and b in truth:
                counts[b][0] += 1
            elif b in found:
                counts[b][1] += 1
                misses.append(f"{ocid}: {b} found, not labelled")
            elif b in truth:
                counts[b][2] += 1
                misses.append(f"{ocid}: {b} labelled, not found")
    return counts, social_right, misses


def ratio(a, b):
    return f"{a / b:.2f}" if b else "–"


def main():
    binaries = sys.argv[1:] or [str(ROOT / "target" / "debug" / "socialclause")]
    labels = yaml.safe_load((NOTICES / "labels.yaml").read_text())["notices"]
    for binary in binaries:
        counts, social_right, misses = score(binary, labels)
        print(f"\n### {binary}\n")
        print(f"Social clauses right in {social_right} of {len(labels)} notices.\n")
        print("| barrier | TP | FP | FN | precision | recall |")
        print("| --- | --- | --- | --- | --- | --- |")
        total = [0, 0, 0]
        for b in BARRIERS:
            tp, fp, fn = counts[b]
            total = [t + c for t, c in zip(total, counts[b])]
            print(f"| {b} | {tp} | {fp} | {fn} | {ratio(tp, tp + fp)} | {ratio(tp, tp + fn)} |")
        tp, fp, fn = total
        print(f"| all | {tp} | {fp} | {fn} | {ratio(tp, tp + fp)} | {ratio(tp, tp + fn)} |")
        if misses:
            print("\nDisagreements:")
            for m in misses:
                print(f"- {m}")


if __name__ == "__main__":
    main()
