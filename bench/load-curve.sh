#!/usr/bin/env bash
# Issue 12's curve: a fresh server (the packaged jar, embedded PostgreSQL) in one process, the load
# client (./switchboard load) in another, on this machine; one warm-up run, then one run per N.
#   bench/load-curve.sh [N ...]            default: 100 300 1000 2000 5000
# Environment: SERVER_JAVA (java for the server, e.g. a newer JDK), SERVER_OPTS, DURATION (plateau
# seconds, default 20), RAMP (calls/s, default 25), THINK (ms, default 3000), PORT (default 18091),
# NICE (e.g. -10: server and client ahead of other work on a shared machine; needs root), WARMUP
# (calls each load client runs, unreported, before its measured run; default 100), CLIENT_OPTS (the
# load client's JVM options, default -XX:+UseZGC: with G1 its young pauses over thousands of caller
# threads reached 0.45 s at 1,000 calls and 0.94 s at 3,000, and were measured as the server's
# latency; set CLIENT_OPTS= for the JVM's default).
# Every size gets a fresh load client JVM, so every one warms itself up: a cold client measured its
# own JIT (webhook p99 470 ms at 300 calls and 204 ms at 1,000 with a cold client; 55-95 ms warm).
# Needs app/target/switchboard.jar (./mvnw -B -q -pl app -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/switchboard.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -q -pl app -am package -DskipTests" >&2; exit 2; }
port=${PORT:-18091}
data=$(mktemp -d /tmp/switchboard-load.XXXXXX)
out=${OUT:-$data}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 300 1000 2000 5000)
server_java=${SERVER_JAVA:-java}

. bench/server.sh
# The server's own view of each size: event-loop lag and the voice webhook's handler time, from /prometheus.
start_server SWITCHBOARD_METRICS_TOKEN=bench MICRONAUT_METRICS_BINDERS_WEB_SERVER_HISTOGRAM=true
scrape() { curl -fs -H "Authorization: Bearer bench" "http://localhost:$port/prometheus" > "$1" || true; }

for n in "${sizes[@]}"; do
  warm=(); [ "${WARMUP:-100}" -gt 0 ] && warm=(--warmup "${WARMUP:-100}")
  echo "== $n calls, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  scrape "$out/prometheus-$n-before.txt"
  SWITCHBOARD_DATA_DIR=$data/data ${NICE:+nice -n "$NICE"} java -Xss256k -Xlog:gc:file="$out/client-gc-$n.log" ${CLIENT_OPTS--XX:+UseZGC} -jar "$jar" load --url "http://localhost:$port" --calls "$n" \
      --ramp "${RAMP:-25}" --think "${THINK:-3000}" --duration "${DURATION:-20}" "${warm[@]}" "${pids[@]}" | tee "$out/load-$n.txt" || true
  scrape "$out/prometheus-$n-after.txt"
  python3 bench/server-histograms.py "$out/prometheus-$n-before.txt" "$out/prometheus-$n-after.txt" switchboard_event_loop_lag_seconds \
      http_server_requests_seconds:uri=/webhooks/twilio/voice | tee -a "$out/load-$n.txt"
  sleep 5
done
