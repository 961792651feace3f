#!/usr/bin/env bash
# Batch throughput and peak memory: `socialclause batch --format html,pdf` over 100, 1 000 and
# 10 000 generated procurements (one file each, made at run time), with GNU time.
#
#   benches/batch.sh [COUNT...]      (default: 100 1000 10000; needs /usr/bin/time)
#
# Reported per count: wall time, procurements per second, and peak resident memory, which
# should not grow with the count (the reader hands procurements on through a bounded queue).
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100 1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=$PWD/target/release/socialclause

printf '%8s %10s %14s %14s\n' count seconds "per second" "peak RSS MiB"
for n in "${counts[@]}"; do
  rm -rf "$work/in" "$work/out"
  mkdir -p "$work/in"
  python3 - "$work/in" "$n" <<'PY'
import sys
folder, n = sys.argv[1], int(sys.argv[2])
jurisdictions = [("se", "SEK", 12_000_000), ("scotland", "GBP", 4_500_000), ("england", "GBP", 1_800_000)]
for i in range(n):
    j, currency, base = jurisdictions[i % 3]
    with open(f"{folder}/p{i:05}.yaml", "w", encoding="utf-8") as f:
        f.write(
            f"id: B-{i:05}\ntitle: Grounds maintenance, area {i}\njurisdiction: {j}\n"
            f"type: services\ncpv: ['77313000']\nduration_months: 36\n"
            f"value: {{ amount: {base + i * 1000}, currency: {currency} }}\n"
            f"date: 2026-06-01\n"
        )
PY
  /usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin" batch "$work/in" --out "$work/out" --format html,pdf --quiet > /dev/null
  read -r seconds kib < "$work/time"
  python3 -c "
n, s, kib = $n, $seconds, $kib
print(f'{n:8d} {s:10.2f} {n / s:14.1f} {kib / 1024:14.1f}')"
done
