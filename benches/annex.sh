#!/usr/bin/env bash
# Annex speed, whole process: `socialclause annex` of each example as HTML, as PDF, as DOCX and as HTML+PDF,
# in one hyperfine run (warm-up 5, 40 runs each), medians printed, and the peak memory of one
# HTML+PDF run. Given a second binary (say an older build), its HTML+PDF runs of the first
# example join the same hyperfine command and the ratio is printed.
#
#   benches/annex.sh [BASELINE_BINARY]      (needs hyperfine and GNU time)
#
# In process (library loaded for each document) and 1 000 documents in one process:
# `cargo bench --bench annex`.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/socialclause
examples=(examples/se-parkskotsel.yaml examples/scotland-school-refurbishment.yaml examples/england-cleaning.yaml examples/eu-catering.yaml)

args=()
for ex in "${examples[@]}"; do
  name=$(basename "$ex" .yaml)
  for fmt in html pdf docx html,pdf; do
    args+=(-n "$name $fmt" "$bin annex $ex --format $fmt -o $work/out-$name-${fmt/,/-}/ --force")
  done
done
if [[ -n $baseline ]]; then
  args+=(-n "baseline ${examples[0]} html,pdf" "$baseline annex ${examples[0]} --format html,pdf -o $work/base/ --force")
fi
hyperfine -N --warmup 5 --runs 40 --export-json "$work/result.json" "${args[@]}" > /dev/null

python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
medians = {r["command"]: r["median"] * 1000 for r in results}
for name, ms in medians.items():
    print(f"{name:>40}: median {ms:6.2f} ms")
base = [v for k, v in medians.items() if k.startswith("baseline")]
if base:
    first = next(iter(medians))
    now = medians[first.rsplit(" ", 1)[0] + " html,pdf"]
    print(f"baseline / now (HTML+PDF): {base[0] / now:.2f}")
PY
for ex in "${examples[@]}"; do
  /usr/bin/time -f "$(basename "$ex" .yaml) html,pdf: peak %M KiB" \
    "$bin" annex "$ex" --format html,pdf -o "$work/mem/" --force
done
