#!/usr/bin/env bash
# Side-by-side throughput: our TELEPHONY resampler (JMH) against speexdsp quality 5 (C), on the
# same speech-like signal in the same 20 ms frames, for 8→16, 8→24, 16→8 and 24→8 kHz.
# For docs/benchmarks.md; never part of the build (./mvnw verify does not run or need it).
#
#   audio-core/bench/compare.sh [repeats=3]
#
# Environment:
#   BENCH_JAVA   java launcher for the JMH run (default: java on PATH), e.g.
#                /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   BENCH_ITER   timed iterations of 1 s per measurement, both sides (default 3)
#   BENCH_WARMUP JMH warm-up iterations of 1 s (default 3: under load C2 needs the time; speexdsp 2)
#   BENCH_MVN_OFFLINE=1  build with ./mvnw -o (once the exec plugin is in ~/.m2)
#
# Per repeat and pair it runs speexdsp, then JMH, back to back, so both see the same load on a
# shared machine: read the ratios, not the absolute figures. Each side reports input Msamples per
# second of wall-clock time (JMH's score) and per second of the benchmark thread's CPU time (which
# other processes' time slices do not inflate). Prints one table per repeat and a summary (median
# over repeats, min–max), ready for docs/benchmarks.md.
set -euo pipefail

REPEATS=${1:-3}
ITER=${BENCH_ITER:-3}
WARMUP=${BENCH_WARMUP:-3}
JAVA=${BENCH_JAVA:-java}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/audio-core/target/bench"
PAIRS="8000-16000 8000-24000 16000-8000 24000-8000"
mkdir -p "$OUT"

# 1. speexdsp (Debian: libspeexdsp-dev) and the C program.
if [ ! -f /usr/include/speex/speex_resampler.h ]; then
  echo "installing libspeexdsp-dev" >&2
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y libspeexdsp-dev >&2
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y libspeexdsp-dev >&2
  fi
fi
gcc -O2 -Wall -Wextra -o "$OUT/speex_bench" "$ROOT/audio-core/bench/speex_bench.c" -lspeexdsp

# 2. Java: compile (tests skipped by the bench profile) and write the shared input files plus
#    the test class path, so JMH can then be launched repeatedly without Maven.
MVN_FLAGS="-B -q"
[ "${BENCH_MVN_OFFLINE:-0}" = 1 ] && MVN_FLAGS="$MVN_FLAGS -o"
(cd "$ROOT" && ./mvnw $MVN_FLAGS -pl audio-core -Pbench verify \
  -Dbench.main=dev.switchboard.audio.bench.BenchSignalFiles -Djmh.args="$OUT")
CP=$(cat "$OUT/classpath.txt")

# 3. Header: what ran where.
{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs"
  echo "jdk:     $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "speexdsp: $(dpkg-query -W -f='${Package} ${Version}' libspeexdsp1 2>/dev/null || echo unknown), quality 5"
  echo "start:   $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/compare-header.txt"

# 4. Measurements: per repeat, per pair, speexdsp then JMH.
RESULTS="$OUT/compare-results.txt"
: > "$RESULTS"
for rep in $(seq 1 "$REPEATS"); do
  for pair in $PAIRS; do
    line=$("$OUT/speex_bench" "$OUT" "$ITER" 1 2 "$pair")
    echo "$rep $line" >> "$RESULTS"
    (cd "$ROOT/audio-core" && "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'ResamplerBenchmark.telephony$' \
      -p mode=20ms -p pair="$pair" -f 1 -wi "$WARMUP" -i "$ITER" -w 1s -r 1s \
      -rf json -rff "$OUT/jmh-$rep-$pair.json" > "$OUT/jmh-$rep-$pair.log" 2>&1) \
      || { cat "$OUT/jmh-$rep-$pair.log" >&2; exit 1; }
    python3 - "$OUT/jmh-$rep-$pair.json" "$rep" "$pair" >> "$RESULTS" <<'EOF'
import json, statistics, sys
run = json.load(open(sys.argv[1]))[0]
raw = sorted(v / 1e6 for fork in run["primaryMetric"]["rawData"] for v in fork)
aux = run["secondaryMetrics"]
cpu = sorted(s / c * 1e3 for fs, fc in zip(aux["inputSamples"]["rawData"], aux["cpuNanos"]["rawData"])
             for s, c in zip(fs, fc))
print(sys.argv[2], "ours", sys.argv[3], "%.1f %.1f %.1f %.1f %.1f %.1f" % (
    statistics.median(raw), raw[0], raw[-1], statistics.median(cpu), cpu[0], cpu[-1]))
EOF
    tail -2 "$RESULTS" >&2
  done
done
echo "end:     $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/compare-header.txt"

# 5. Tables.
python3 - "$RESULTS" <<'EOF'
import statistics, sys
from collections import defaultdict
rows = defaultdict(dict)  # (rep, pair) -> {"ours": (wall, cpu), "speexdsp": (wall, cpu)} medians
for line in open(sys.argv[1]):
    rep, who, pair, med, lo, hi, cmed, clo, chi = line.split()
    rows[(int(rep), pair)][who] = (float(med), float(cmed))
pairs = ["8000-16000", "8000-24000", "16000-8000", "24000-8000"]
name = lambda p: "%s→%s kHz" % tuple(str(int(r) // 1000) for r in p.split("-"))
print()
print("| repeat | pair | ours wall | speexdsp wall | ratio wall | ours CPU | speexdsp CPU | ratio CPU |")
print("|---|---|---|---|---|---|---|---|")
for (rep, pair), v in sorted(rows.items(), key=lambda kv: (kv[0][0], pairs.index(kv[0][1]))):
    (ow, oc), (sw, sc) = v["ours"], v["speexdsp"]
    print("| %d | %s | %.1f | %.1f | %.2f× | %.1f | %.1f | %.2f× |" % (rep, name(pair), ow, sw, ow / sw, oc, sc, oc / sc))
print()
print("Summary over %d repeat(s): median (min–max) of the per-repeat medians; input Msamples/s, "
      "20 ms frames; wall = per second of elapsed time, CPU = per second of thread CPU time." % len({r for r, _ in rows}))
print()
print("| pair | ours wall | speexdsp q5 wall | ratio wall | ours CPU | speexdsp q5 CPU | ratio CPU |")
print("|---|---|---|---|---|---|---|")
def cell(values, fmt):
    values = sorted(values)
    return (fmt + " (" + fmt + "–" + fmt + ")") % (statistics.median(values), values[0], values[-1])
for pair in pairs:
    vs = [v for (r, p), v in rows.items() if p == pair]
    cols = []
    for i in (0, 1):
        cols.append(cell([v["ours"][i] for v in vs], "%.1f"))
        cols.append(cell([v["speexdsp"][i] for v in vs], "%.1f"))
        cols.append("**" + cell([v["ours"][i] / v["speexdsp"][i] for v in vs], "%.2f") + "×**")
    print("| %s | %s |" % (name(pair), " | ".join(cols)))
EOF
