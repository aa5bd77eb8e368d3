# Sourced by the bench scripts: starts the packaged server in the background and waits for it.
#   start_server [NAME=VALUE ...]   extra environment for the server
# Reads port, data, out, server_java; sets server, postmaster and pids (the --server-pid options
# of the load client), and kills the server when the script exits.
start_server() {
  env PORT="$port" SWITCHBOARD_DATA_DIR="$data/data" "$@" ${NICE:+nice -n "$NICE"} "$server_java" ${SERVER_OPTS:-} \
    -Xlog:gc:file="$out/gc.log" -jar "$jar" > "$out/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
  for _ in $(seq 120); do curl -fs "http://localhost:$port/health" >/dev/null 2>&1 && break; sleep 1; done
  postmaster=$(pgrep -f "postgres -D $data/data" | head -1 || true)
  pids=(--server-pid "$server"); [ -n "$postmaster" ] && pids+=(--server-pid "$postmaster")
  echo "server $server ($("$server_java" -version 2>&1 | head -1)), postgres ${postmaster:-?}, $(nproc) cores, logs in $out" >&2
}
