#!/usr/bin/env bash
# Issue 10's curve: three processes measured apart — a fresh server (the packaged jar, embedded
# PostgreSQL), the fake OpenAI Realtime in a JVM of its own (testkit FakeRealtimeMain), and
# ./switchboard load --runtime stream (the callers) once per N, each after a 50-call warm-up of its own.
# Every 20 ms frame is tagged both ways. The report's process lines are, in order: the server, PostgreSQL,
# the fake Realtime, the load client. IN_PROCESS_MODEL=1: the load client hosts the fake (as before).
#   bench/stream-curve.sh [N ...]            default: 100 300 1000
# Environment: SERVER_JAVA, SERVER_OPTS, DURATION (plateau seconds, default 20), RAMP (default 25),
# PORT (default 18191), REALTIME_PORT (default 18195), OUT (default a temp dir), NICE (needs root), JAR (default below), WARMUP, WARMUP_SECONDS,
# SERVER_WARMUP (calls of one unreported run before the sizes, default 0: the first size on a fresh server
# otherwise measures C2 still compiling the server; e.g. 300, DURATION as the sizes),
# MODEL_OPTS and CLIENT_OPTS (JVM options of the fake Realtime and the load client; the JVM's
# default G1: ZGC on all three JVMs made 1,000 calls far worse on two cores, p99 5.4 s, 835 frames lost),
# HARNESS_OPTS (added to both; default: Netty's leak detection and buffer checks off in the test harness
# only — its pipeline touched every frame for the leak detector, a tenth of the load client's samples at
# 1,000 calls; the server keeps Netty's defaults).
# Needs app/target/switchboard.jar (./mvnw -B -q -pl app -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
harness=${HARNESS_OPTS--Dio.netty.leakDetection.level=disabled -Dio.netty.buffer.checkAccessible=false -Dio.netty.buffer.checkBounds=false}
jar=${JAR:-app/target/switchboard.jar}
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
start_server OPENAI_API_KEY=sk-load SWITCHBOARD_METRICS_TOKEN=bench \
  SWITCHBOARD_PLATFORM_KEY_DAILY_CALLS=1000000 SWITCHBOARD_PLATFORM_KEY_DAILY_TOKENS=1000000000 \
  SWITCHBOARD_OPENAI_REALTIME_URL=ws://127.0.0.1:$realtime/v1/realtime

model_pids=(); control=()
if [ -z "${IN_PROCESS_MODEL:-}" ]; then
  ${NICE:+nice -n "$NICE"} java -Xlog:gc:file="$out/fake-gc.log" ${MODEL_OPTS:-} $harness -cp "$jar" dev.switchboard.testkit.load.FakeRealtimeMain --port "$realtime" > "$out/fake-realtime.log" 2>&1 &
  model=$!
  trap 'kill $server $model 2>/dev/null; wait $server $model 2>/dev/null || true' EXIT
  for _ in $(seq 60); do grep -q "control at" "$out/fake-realtime.log" 2>/dev/null && break; sleep 1; done
  cat "$out/fake-realtime.log" >&2
  grep -q "control at" "$out/fake-realtime.log" || { echo "the fake Realtime did not start" >&2; exit 1; }
  model_pids=(--server-pid "$model"); control=(--realtime-control "http://127.0.0.1:$realtime")
fi

if [ "${SERVER_WARMUP:-0}" -gt 0 ]; then
  echo "== server warm-up: ${SERVER_WARMUP} stream calls, not reported (in $out/server-warmup.txt)" >&2
  SWITCHBOARD_DATA_DIR=$data/data java -Xss256k ${CLIENT_OPTS:-} $harness -jar "$jar" load --runtime stream \
      --url "http://localhost:$port" --realtime-port "$realtime" --calls "$SERVER_WARMUP" --ramp "${RAMP:-25}" --duration "${DURATION:-20}" \
      "${control[@]}" > "$out/server-warmup.txt" 2>&1 || true
  sleep 5
fi

# Every size gets a fresh load client JVM, so every one warms itself up (WARMUP calls, default 50):
# a cold client measures its own JIT (the relay curve's webhook tail at 300 and 1,000 calls was that).
for n in "${sizes[@]}"; do
  warm=(); [ "${WARMUP:-50}" -gt 0 ] && warm=(--warmup "${WARMUP:-50}" --warmup-seconds "${WARMUP_SECONDS:-10}")
  echo "== $n stream calls, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  scrape() { curl -fs -H "Authorization: Bearer bench" "http://localhost:$port/prometheus" > "$1" || true; }
  scrape "$out/prometheus-$n-before.txt"
  SWITCHBOARD_DATA_DIR=$data/data ${NICE:+nice -n "$NICE"} java -Xss256k -Xlog:gc:file="$out/client-gc-$n.log" ${CLIENT_OPTS:-} $harness -jar "$jar" load --runtime stream \
      --url "http://localhost:$port" --realtime-port "$realtime" --calls "$n" --ramp "${RAMP:-25}" --duration "${DURATION:-20}" \
      "${warm[@]}" "${pids[@]}" "${model_pids[@]}" "${control[@]}" | tee "$out/stream-$n.txt" || true
  # The server's own view of each start: stream start → model socket asked → open → session ready.
  scrape "$out/prometheus-$n-after.txt"
  python3 bench/server-histograms.py "$out/prometheus-$n-before.txt" "$out/prometheus-$n-after.txt" switchboard_stream_start_seconds:stage \
      switchboard_stream_forwarding_seconds:direction switchboard_event_loop_lag_seconds | tee -a "$out/stream-$n.txt"
  sleep 5
done
