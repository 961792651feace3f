#!/usr/bin/env bash
# Checker throughput: `socialclause check` over a large tender text built from the fixtures,
# beside `grep -E -c -i` with the same patterns over the same file, in one hyperfine run.
#
#   benches/check.sh [MiB]      (default 40; needs hyperfine and GNU grep)
#
# The text is the test tender (tests/fixtures/check/tender.txt) and a real notice's prose,
# repeated to the size asked for. grep gets the library's patterns as written (`clauses
# patterns`), with `\d` spelled `[0-9]` for POSIX ERE. Reported: hyperfine's medians, and MB/s.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/socialclause

python3 - "$work/tender.txt" "$size_mib" <<'PY'
import json, sys
out, mib = sys.argv[1], int(sys.argv[2])
tender = open("tests/fixtures/check/tender.txt", encoding="utf-8").read()
notice = json.load(open("tests/fixtures/ocds/scotland/ocds-r6ebe6-0000581263.json", encoding="utf-8"))
prose = notice["releases"][0]["description"] if "releases" in notice else notice["description"]
block = tender + "\n" + prose + "\n\n"
target = mib * 1024 * 1024
with open(out, "w", encoding="utf-8") as f:
    written = 0
    while written < target:
        f.write(block)
        written += len(block.encode("utf-8"))
PY
"$bin" clauses patterns | sed 's/\\d/[0-9]/g' > "$work/patterns.txt"
bytes=$(stat -c %s "$work/tender.txt")
echo "text: $bytes bytes; patterns: $(wc -l < "$work/patterns.txt")"

hyperfine --warmup 1 --runs 5 --export-json "$work/result.json" \
  -n grep "grep -E -c -i -f $work/patterns.txt $work/tender.txt || true" \
  -n socialclause "$bin check $work/tender.txt --format json > /dev/null"

python3 - "$work/result.json" "$bytes" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
mb = int(sys.argv[2]) / 1e6
medians = {r["command"]: r["median"] for r in results}
for name, median in medians.items():
    print(f"{name:>12}: median {median:.3f} s, {mb / median:.1f} MB/s")
print(f"socialclause / grep: {medians['socialclause'] / medians['grep']:.2f}")
PY
