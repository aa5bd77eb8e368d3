#!/usr/bin/env bash
# Issue 12's soak: CALLS (default 500) concurrent calls for MINUTES (default 30) against a fresh
# server (each call about CALL_LENGTH seconds, default 60, then its caller dials again: constant
# concurrency with calls starting and ending all the time), sampling the server every minute: heap after the last GC (from its GC log), RSS, threads,
# open sockets and file descriptors, PostgreSQL's connections, the pool's connections and the
# recorder's queue (from /prometheus); a class histogram of the live heap at minute 1 and at the last minute, calls still live;
# the load client's report last.
# Needs app/target/switchboard.jar. Output: soak.tsv, histogram-*.txt and load.txt in OUT (default a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/switchboard.jar
port=${PORT:-18092}
calls=${CALLS:-500}
minutes=${MINUTES:-30}
data=$(mktemp -d /tmp/switchboard-soak.XXXXXX)
out=${OUT:-$data}
server_java=${SERVER_JAVA:-java}

token=soak-$$
PORT=$port SWITCHBOARD_METRICS_TOKEN=$token SWITCHBOARD_DATA_DIR=$data/data ${NICE:+nice -n "$NICE"} "$server_java" ${SERVER_OPTS:-} -Xlog:gc:file=$out/gc.log -jar "$jar" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -fs "http://localhost:$port/health" >/dev/null 2>&1 && break; sleep 1; done
postmaster=$(pgrep -f "postgres -D $data/data" | head -1)

sample() {
  local heap rss threads sockets fds pg
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$out/gc.log" | tail -1 | sed -E 's/.*->([0-9]+)M/\1/')
  rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$server/status)
  threads=$(awk '/Threads/{print $2}' /proc/$server/status)
  sockets=$(find /proc/$server/fd -lname 'socket:*' 2>/dev/null | wc -l)
  fds=$(find /proc/$server/fd -mindepth 1 2>/dev/null | wc -l)
  pg=$(pgrep -P "$postmaster" | wc -l)
  metrics=$(curl -fs -H "Authorization: Bearer $token" "http://localhost:$port/prometheus" || true)
  pool=$(echo "$metrics" | awk '/^hikaricp_connections_active/{a=$2} /^hikaricp_connections_idle/{i=$2} END{printf "%d/%d", a, i}')
  pending=$(echo "$metrics" | awk '/^switchboard_recorder_pending/{printf "%d", $2}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%H:%M:%S)" "$1" "${heap:-?}" "$rss" "$threads" "$sockets" "$fds" "$pg" "${pool:-?}" "${pending:-?}"
}

printf 'time\tminute\theap_after_gc_MiB\trss_MiB\tthreads\tsockets\tfds\tpostgres_processes\tpool_active/idle\trecorder_pending\n' | tee "$out/soak.tsv"
sample 0 | tee -a "$out/soak.tsv"
SWITCHBOARD_DATA_DIR=$data/data ${NICE:+nice -n "$NICE"} java -Xss256k -jar "$jar" load --url "http://localhost:$port" --calls "$calls" --ramp 25 \
    --think 3000 --duration $((minutes * 60)) --call-length "${CALL_LENGTH:-60}" --warmup 100 --server-pid "$server" --server-pid "$postmaster" > "$out/load.txt" 2>&1 &
client=$!
for m in $(seq 1 $((minutes + 1))); do
  sleep 60
  kill -0 $client 2>/dev/null || break
  sample "$m" | tee -a "$out/soak.tsv"
  # Live objects only (a full GC, so a pause shows in the latencies at those two minutes).
  if [ "$m" = 1 ] || [ "$m" = "$minutes" ]; then jcmd "$server" GC.class_histogram 2>/dev/null | head -30 > "$out/histogram-minute-$m.txt" || true; fi
done
wait $client || true
sample end | tee -a "$out/soak.tsv"
cat "$out/load.txt"
