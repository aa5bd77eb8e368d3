#!/usr/bin/env bash
# Issue 10's curve: a fresh server (the packaged jar, embedded PostgreSQL) pointed at the fake OpenAI
# Realtime that the load client runs in its own process, then ./switchboard load --runtime stream
# once per N (a 50-call warm-up before the first). Every 20 ms frame is tagged both ways.
#   bench/stream-curve.sh [N ...]            default: 100 300 1000
# Environment: SERVER_JAVA, SERVER_OPTS, DURATION (plateau seconds, default 20), RAMP (default 25),
# PORT (default 18191), REALTIME_PORT (default 18195), OUT (default a temp dir), NICE (needs root).
# Needs app/target/switchboard.jar (./mvnw -B -q -pl app -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/switchboard.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -q -pl app -am package -DskipTests" >&2; exit 2; }
port=${PORT:-18191}
realtime=${REALTIME_PORT:-18195}
data=$(mktemp -d /tmp/switchboard-stream.XXXXXX)
out=${OUT:-$data}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 300 1000)
server_java=${SERVER_JAVA:-java}

# Any key will do for the fake; the quota settings keep the platform key's daily limits (issue 9)
# from handing calls to the offline speech model in the middle of a benchmark.
. bench/server.sh
start_server OPENAI_API_KEY=sk-load \
  SWITCHBOARD_PLATFORM_KEY_DAILY_CALLS=1000000 SWITCHBOARD_PLATFORM_KEY_DAILY_TOKENS=1000000000 \
  SWITCHBOARD_OPENAI_REALTIME_URL=ws://127.0.0.1:$realtime/v1/realtime

first=1
for n in "${sizes[@]}"; do
  warm=(); [ $first = 1 ] && warm=(--warmup 50)
  first=0
  echo "== $n stream calls, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  SWITCHBOARD_DATA_DIR=$data/data ${NICE:+nice -n "$NICE"} java -Xss256k ${CLIENT_OPTS:-} -jar "$jar" load --runtime stream \
      --url "http://localhost:$port" --realtime-port "$realtime" --calls "$n" --ramp "${RAMP:-25}" --duration "${DURATION:-20}" \
      "${warm[@]}" "${pids[@]}" | tee "$out/stream-$n.txt" || true
  sleep 5
done
