#!/usr/bin/env bash
# bench/fronts.sh [ROUNDS]: the gateway CPU per request of each front's JSON row against chat's, on one
# gateway, the rows interleaved in short runs (chat, responses, gemini, anthropic, then the other way round,
# anthropic, gemini, ...) so that a busier or quieter stretch of a shared machine hits every row alike. Prints
# each run and, per row, the CPU ms per request over all rounds, its ratio to chat's, and the median of the
# per-round ratios (each round's row against chat in the same round: a slow stretch weighs as much as a fast one).
#
#   bench/fronts.sh          # 5 rounds of 5 s per row after two 10 s pre-warms each (~4 minutes)
#   BENCH_FRONTS="chat responses gemini" BENCH_ROUND_SECONDS=4 bench/fronts.sh 8
#
# Rows: chat responses responses-nostore gemini anthropic (JSON; compared with chat) and stream
# responses-stream responses-stream-nostore gemini-stream anthropic-stream (streamed; compared with stream);
# responses-nostore and responses-stream-nostore are the responses rows with store:false, which separates the
# stored response's share.
#
# Settings: BENCH_FRONTS (rows; chat and/or stream should be among them),
# BENCH_ROUND_SECONDS (5), BENCH_PREWARM (10), BENCH_CONCURRENCY (64), BENCH_PORT_BASE (28190),
# GATEWAY_JAVA_OPTS (-Xmx256m; add a flight recording here), BENCH_JAR (target/gigagate.jar; built when
# missing). Loopback only; every process it starts is stopped at the end.
set -euo pipefail

ROUNDS=${1:-5}
cd "$(dirname "$0")/.."
BENCH=$(pwd)/bench
FRONTS=${BENCH_FRONTS:-chat responses gemini anthropic}
SECS=${BENCH_ROUND_SECONDS:-5}
PREWARM=${BENCH_PREWARM:-10}
C=${BENCH_CONCURRENCY:-64}
PORT_BASE=${BENCH_PORT_BASE:-28190}
EMU_PORT=$PORT_BASE
GW_PORT=$((PORT_BASE + 1))
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx256m}
JAR=${BENCH_JAR:-$(pwd)/target/gigagate.jar}
TOKEN=bench-static-token
WORK=$(mktemp -d /tmp/gigagate-fronts.XXXXXX)
CLK_TCK=$(getconf CLK_TCK)

[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do # a JVM writes its flight recording on the way out
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
log() { printf '[fronts %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

path_of() {
  case $1 in
    chat|stream) echo /v1/chat/completions ;;
    responses|responses-nostore|responses-stream|responses-stream-nostore) echo /v1/responses ;;
    gemini) echo /v1beta/models/GigaChat:generateContent ;;
    gemini-stream) echo "/v1beta/models/GigaChat:streamGenerateContent?alt=sse" ;;
    anthropic|anthropic-stream) echo /v1/messages ;;
    *) echo "fronts: unknown row $1" >&2; exit 1 ;;
  esac
}
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
wait_for_http() {
  for _ in $(seq 1 1200); do
    kill -0 "$1" 2>/dev/null || { echo "fronts: a process died; see $WORK" >&2; exit 1; }
    curl -s -o /dev/null -m 2 -w '%{http_code}' -H 'Content-Type: application/json' \
      ${4:+-H "Authorization: Bearer $4"} --data-binary "@$3" "$2" | grep -q '^200$' && return 0
    sleep 0.05
  done
  echo "fronts: $2 did not come up" >&2
  exit 1
}
# metric_of ROW: the endpoint and stream tags of the row's gigagate_gateway_time_seconds
metric_of() {
  local path stream=false
  path=$(path_of "$1")
  case $1 in gemini*) path='/v1beta/models/{target}' ;; esac # the route's path, as the metric names it
  case $1 in *stream*) stream=true ;; esac
  echo "${path%%\?*} $stream"
}
# own_time ROW: the sum (s) and count of the row's gateway own time so far
own_time() {
  local endpoint stream
  read -r endpoint stream < <(metric_of "$1")
  curl -s -m 5 "http://127.0.0.1:$GW_PORT/actuator/prometheus" | awk -v p="endpoint=\"$endpoint\"" -v s="stream=\"$stream\"" '
    index($0, "gigagate_gateway_time_seconds_sum{") == 1 && index($0, p) && index($0, s) { sum += $NF }
    index($0, "gigagate_gateway_time_seconds_count{") == 1 && index($0, p) && index($0, s) { count += $NF }
    END { printf "%s %s\n", sum + 0, count + 0 }'
}
# run_wrk ROW SECONDS: prints "requests ticks errors own_seconds own_count"
run_wrk() {
  local before after t0 n0 t1 n1
  read -r t0 n0 < <(own_time "$1")
  before=$(cpu_ticks "$GW_PID")
  BENCH_BODY="$BENCH/bodies/$1.gateway.json" timeout $(($2 + 30)) wrk -t2 -c"$C" -d"$2s" --timeout 10s \
    -s "$BENCH/post.lua" "http://127.0.0.1:$GW_PORT$(path_of "$1")" >"$WORK/wrk.txt" 2>&1 || true
  after=$(cpu_ticks "$GW_PID")
  read -r t1 n1 < <(own_time "$1")
  awk -v ticks=$((after - before)) -v own="$t0 $n0 $t1 $n1" '
    / requests in / { requests = $1 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { split(own, o, " "); printf "%d %d %d %.6f %d\n", requests, ticks, errors, o[3] - o[1], o[4] - o[2] }' "$WORK/wrk.txt"
}

"$JAVA" -Dsun.net.httpserver.nodelay=true -Xmx512m -cp "$JAR" -Dloader.main=io.gigagate.emulator.GigaChatEmulator \
  org.springframework.boot.loader.launch.PropertiesLauncher --port "$EMU_PORT" --host 127.0.0.1 \
  --static-token "$TOKEN" >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
PIDS+=("$EMU_PID")
wait_for_http "$EMU_PID" "http://127.0.0.1:$EMU_PORT/api/v1/chat/completions" "$BENCH/bodies/chat.direct.json" "$TOKEN"
# shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options
"$JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$GW_PORT" \
  --gigachat.base-url="http://127.0.0.1:$EMU_PORT/api/v1" --gigachat.access-token="$TOKEN" \
  --logging.level.root=WARN --gigagate.upstream.max-connections=2048 --gigagate.threads=1100 \
  >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_for_http "$GW_PID" "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$BENCH/bodies/chat.gateway.json"

# two passes over the rows before anything is counted: the JIT compiler is still busy after the first (a
# fifth of the gateway's CPU in the first counted rounds when there was one pass), and it is start-up, not
# what a request costs
for pass in 1 2; do
  for row in $FRONTS; do
    log "pre-warm $row ($pass/2)"
    run_wrk "$row" "$PREWARM" >/dev/null
  done
done
: >"$WORK/runs.txt"
REVERSED=$(echo "$FRONTS" | tr ' ' '\n' | tac | tr '\n' ' ')
for round in $(seq 1 "$ROUNDS"); do
  # odd rounds in the given order, even rounds reversed: a row's place in the round (the machine speeding up
  # or slowing down during it) falls on every row alike
  order=$FRONTS
  [ $((round % 2)) = 0 ] && order=$REVERSED
  for row in $order; do
    read -r requests ticks errors own_s own_n < <(run_wrk "$row" "$SECS")
    echo "$round $row $requests $ticks $errors $own_s $own_n" >>"$WORK/runs.txt"
    log "round $round $row: $requests requests, $(awk -v t="$ticks" -v n="$requests" -v hz="$CLK_TCK" \
      -v s="$own_s" -v c="$own_n" 'BEGIN { printf "%.3f CPU ms / req, own time %.3f ms", (n > 0 ? t / hz / n * 1000 : 0),
      (c > 0 ? s / c * 1000 : 0) }'), $errors errors"
  done
done

echo "| row | requests | errors | gateway CPU ms / req (all rounds) | per round | CPU against chat / stream | median of the rounds' ratios | own time ms | own time against |"
echo "|---|---|---|---|---|---|---|---|---|"
awk -v hz="$CLK_TCK" -v order="$FRONTS" '
  { n[$2] += $3; t[$2] += $4; e[$2] += $5; os[$2] += $6; oc[$2] += $7
    c[$1, $2] = $3 > 0 ? $4 / hz / $3 * 1000 : 0; last = $1
    per[$2] = per[$2] sprintf("%s%.3f", per[$2] == "" ? "" : ", ", c[$1, $2]) }
  # the median over rounds of the row against its base in the same round
  function median(r, b,   k, m, i, j, v, x) {
    m = 0
    for (k = 1; k <= last; k++) if (c[k, b] > 0) v[++m] = c[k, r] / c[k, b]
    for (i = 2; i <= m; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
    if (m == 0 || r == b) return ""
    return sprintf("%+.0f %%", ((m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2) * 100 - 100)
  }
  function cpu(r) { return n[r] > 0 ? t[r] / hz / n[r] * 1000 : 0 }
  function own(r) { return oc[r] > 0 ? os[r] / oc[r] * 1000 : 0 }
  function vs(a, b) { return (a == b || cpu(b) == 0) ? "" : sprintf("%+.0f %%", (cpu(a) / cpu(b) - 1) * 100) }
  function vsown(a, b) { return (a == b || own(b) == 0) ? "" : sprintf("%+.0f %%", (own(a) / own(b) - 1) * 100) }
  END {
    split(order, rows, " ")
    for (i = 1; i in rows; i++) {
      r = rows[i]; base = (r ~ /stream/) ? "stream" : "chat"
      printf "| %s | %d | %d | %.3f | %s | %s | %s | %.3f | %s |\n", r, n[r], e[r], cpu(r), per[r], vs(r, base), median(r, base), own(r), vsown(r, base)
    }
  }' "$WORK/runs.txt"
