#!/usr/bin/env bash
# Issue 12's curve: a fresh server (the packaged jar, embedded PostgreSQL) in one process, the load
# client (./switchboard load) in another, on this machine; one warm-up run, then one run per N.
#   bench/load-curve.sh [N ...]            default: 100 300 1000 2000 5000
# Environment: SERVER_JAVA (java for the server, e.g. a newer JDK), SERVER_OPTS, DURATION (plateau
# seconds, default 20), RAMP (calls/s, default 25), THINK (ms, default 3000), PORT (default 18091),
# NICE (e.g. -10: server and client ahead of other work on a shared machine; needs root).
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
start_server

first=1
for n in "${sizes[@]}"; do
  warm=(); [ $first = 1 ] && warm=(--warmup 100)
  first=0
  echo "== $n calls, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  SWITCHBOARD_DATA_DIR=$data/data ${NICE:+nice -n "$NICE"} java -Xss256k ${CLIENT_OPTS:-} -jar "$jar" load --url "http://localhost:$port" --calls "$n" \
      --ramp "${RAMP:-25}" --think "${THINK:-3000}" --duration "${DURATION:-20}" "${warm[@]}" "${pids[@]}" | tee "$out/load-$n.txt" || true
  sleep 5
done
