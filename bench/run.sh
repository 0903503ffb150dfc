#!/usr/bin/env bash
# GigaGate load benchmark: the gateway's own cost on top of GigaChat, measured side by side.
#
#   bench/run.sh                      # full run on Java 17 (about 14 minutes)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh
#   BENCH_QUICK=1 bench/run.sh        # smoke run: short runs, c=64 only, 200 slow streams (~2 min)
#
# What it does, all on 127.0.0.1:
#   1. builds target/gigagate.jar (./mvnw -B -q -DskipTests package; BENCH_SKIP_BUILD=1 skips it);
#   2. starts the GigaChat emulator (zero latency, TCP_NODELAY, 20 chunks per stream, static token)
#      and the gateway against it, with the settings that matter (logging WARN, upstream pool,
#      threads, capped heap);
#   3. for chat, streaming chat, chat with a tool call and embeddings, at each concurrency level:
#      a warm-up, then a measured wrk run straight against the emulator and one through the gateway;
#      then the stream event delay: how long each event takes from the emulator's write to the client,
#      straight and through the gateway (bench/stream-latency.mjs, events stamped by the emulator);
#      then chat and streaming chat at c=64 through the same routes on Camel Main (no Spring Boot,
#      platform-http on Vert.x: the camel run / Camel K deployment), against the same emulator;
#   4. a slow-streams run: a second emulator that spreads each stream over ~20 s, a fresh gateway,
#      and many concurrent streams held open by bench/slow-streams.mjs (Node 20);
#   5. prints a Markdown report and writes it into bench/results.md, as the section of this JVM
#      and mode (other sections of the file, and any notes around them, are kept).
#
# It kills only the processes it started (by PID, on exit, whatever the exit), and a watchdog ends
# the whole run after BENCH_MAX_SECONDS. Settings (environment):
#   JAVA_HOME             JVM for the gateway (default: Java 17). The emulator runs on EMULATOR_JAVA.
#   EMULATOR_JAVA         java for the emulators (default: Temurin 25 when present, else the gateway's).
#   GATEWAY_JAVA_OPTS     JVM options for the gateway (default: -Xmx256m).
#   BENCH_CONCURRENCY     concurrency levels (default "8 64 256"; quick: "64").
#   BENCH_DURATION, BENCH_WARMUP, BENCH_PREWARM   seconds per measured run / warm-up / JIT pre-warm.
#   BENCH_SLOW_STREAMS, BENCH_SLOW_CHUNKS, BENCH_SLOW_DELAY_MS   the slow-streams run.
#   BENCH_SCENARIOS       subset of "chat stream tool embeddings responses responses-stream gemini gemini-stream anthropic anthropic-stream".
#   BENCH_LATENCY_STREAMS, BENCH_LATENCY_CONCURRENCY   the stream event delay runs (200; "1 8").
#   BENCH_SKIP_SLOW=1     stop after the wrk runs (no slow streams, no report): for profiling runs.
#   BENCH_CAMEL_MAIN=0    leave out the Camel Main runs.
#   BENCH_PORT_BASE       first of five loopback ports (default 28090).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH="$ROOT/bench"

# ---- settings -------------------------------------------------------------------------------
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
  CONCURRENCY=${BENCH_CONCURRENCY:-64}
  DURATION=${BENCH_DURATION:-4}
  WARMUP=${BENCH_WARMUP:-2}
  PREWARM=${BENCH_PREWARM:-6}
  SLOW_STREAMS=${BENCH_SLOW_STREAMS:-200}
  SLOW_CHUNKS=${BENCH_SLOW_CHUNKS:-20}
  SLOW_DELAY_MS=${BENCH_SLOW_DELAY_MS:-250}
  MODE=quick
else
  CONCURRENCY=${BENCH_CONCURRENCY:-8 64 256}
  DURATION=${BENCH_DURATION:-10}
  WARMUP=${BENCH_WARMUP:-5}
  PREWARM=${BENCH_PREWARM:-60}
  SLOW_STREAMS=${BENCH_SLOW_STREAMS:-1000}
  SLOW_CHUNKS=${BENCH_SLOW_CHUNKS:-40}
  SLOW_DELAY_MS=${BENCH_SLOW_DELAY_MS:-500}
  MODE=full
fi
SCENARIOS=${BENCH_SCENARIOS:-chat stream tool embeddings responses responses-stream gemini gemini-stream anthropic anthropic-stream}
LATENCY_STREAMS=${BENCH_LATENCY_STREAMS:-200}
LATENCY_CONCURRENCY=${BENCH_LATENCY_CONCURRENCY:-1 8}
STREAM_CHUNKS=20
TOKEN=bench-static-token
PORT_BASE=${BENCH_PORT_BASE:-28090}
EMU_PORT=$PORT_BASE
GW_PORT=$((PORT_BASE + 1))
SLOW_EMU_PORT=$((PORT_BASE + 2))
SLOW_GW_PORT=$((PORT_BASE + 3))
CAMEL_MAIN_PORT=$((PORT_BASE + 4))
CAMEL_MAIN=${BENCH_CAMEL_MAIN:-1}
MAX_SECONDS=${BENCH_MAX_SECONDS:-1500}

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"
if [ -z "${EMULATOR_JAVA:-}" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    EMULATOR_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    EMULATOR_JAVA=$JAVA
  fi
fi
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx256m}
JAR="$ROOT/target/gigagate.jar"
WORK=$(mktemp -d /tmp/gigagate-bench.XXXXXX)
CLK_TCK=$(getconf CLK_TCK)

# java_version JAVA: the "... version ..." line of java -version (JAVA_TOOL_OPTIONS adds a line before it)
java_version() { "$1" -version 2>&1 | grep -m 1 ' version "' | sed 's/"//g'; }
JAVA_VERSION=$(java_version "$JAVA")
JAVA_MAJOR=$(echo "$JAVA_VERSION" | sed -E 's/.*version ([0-9]+).*/\1/')
LABEL="java${JAVA_MAJOR}-${MODE}"

# ---- process bookkeeping: kill only what we started -------------------------------------------
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      pkill -P "$pid" 2>/dev/null || true # a helper subshell's own children (its sleep)
      kill "$pid" 2>/dev/null || true
    fi
  done
  # up to 10 s for a graceful stop (a JVM writes its flight recording on the way out)
  for _ in $(seq 1 20); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

# the watchdog: the whole run is bounded in time
( sleep "$MAX_SECONDS"; echo "bench: over ${MAX_SECONDS}s, stopping" >&2; kill -TERM $$ 2>/dev/null ) &
PIDS+=($!)

# 1,000 streams need more than the usual 1,024 file descriptors (node, gateway, emulator)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- tools ------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk from Debian"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y wrk >/dev/null; }
fi
command -v node >/dev/null 2>&1 || { echo "bench: node (20+) is needed for the slow-streams run" >&2; exit 1; }

for port in $EMU_PORT $GW_PORT $SLOW_EMU_PORT $SLOW_GW_PORT $CAMEL_MAIN_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: port $port is taken; set BENCH_PORT_BASE" >&2
    exit 1
  fi
done

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the jar"
  ./mvnw -B -q -DskipTests package
fi
if [ "$CAMEL_MAIN" = 1 ]; then
  # Camel Main runs from the test classes (io.gigagate.support.CamelMainGateway) and the test class path
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/test-classpath.txt" >/dev/null
fi

# ---- helpers ----------------------------------------------------------------------------------
# cpu_ticks PID: user + system CPU time of a process, in clock ticks (/proc/PID/stat fields 14, 15)
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# status_kb PID FIELD: a /proc/PID/status field (VmRSS, VmHWM) in KB; Threads as a count
status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# wait_for_http PID URL BODY-FILE [TOKEN]: polls until a POST answers 200 (while process PID lives);
# prints the milliseconds waited
wait_for_http() {
  local pid=$1 url=$2 body=$3 token=${4:-} start now
  start=$(date +%s%N)
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || { echo "bench: the process behind $url died; see $WORK" >&2; return 1; }
    if curl -s -o /dev/null -m 2 -w '%{http_code}' -H 'Content-Type: application/json' \
        ${token:+-H "Authorization: Bearer $token"} --data-binary "@$body" "$url" | grep -q '^200$'; then
      now=$(date +%s%N)
      echo $(((now - start) / 1000000))
      return 0
    fi
    sleep 0.05
  done
  echo "bench: $url did not come up" >&2
  return 1
}

# start_emulator PORT CHUNKS DELAY-MS LOGFILE: the GigaChat emulator from the fat jar; sets EMU_PID
start_emulator() {
  "$EMULATOR_JAVA" -Dsun.net.httpserver.nodelay=true -Xmx512m \
    -cp "$JAR" -Dloader.main=io.gigagate.emulator.GigaChatEmulator \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --port "$1" --host 127.0.0.1 --static-token "$TOKEN" --stream-chunks "$2" --chunk-delay-ms "$3" --stamp-chunks \
    >"$4" 2>&1 &
  EMU_PID=$!
  PIDS+=("$EMU_PID")
}

# start_gateway PORT UPSTREAM-PORT LOGFILE [JAR CACHE-OPTION]: the gateway with the tuned settings,
# from the fat jar or from an unpacked one with its start-up cache; sets GW_PID
start_gateway() {
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options
  "$JAVA" $GATEWAY_JAVA_OPTS ${5:-} -jar "${4:-$JAR}" \
    --server.address=127.0.0.1 --server.port="$1" \
    --gigachat.base-url="http://127.0.0.1:$2/api/v1" --gigachat.access-token="$TOKEN" \
    --logging.level.root=WARN \
    --gigagate.upstream.max-connections=2048 \
    --gigagate.threads=1100 \
    >"$3" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
}

# to_ms VALUE: wrk's 1.23us / 4.56ms / 1.2s as milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}

# gateway_time_sum_count PATH STREAM: Prometheus sum and count of gigagate_gateway_time_seconds
gateway_time_sum_count() {
  curl -s -m 5 "http://127.0.0.1:$GW_PORT/actuator/prometheus" | awk -v p="endpoint=\"$1\"" -v s="stream=\"$2\"" '
    index($0, "gigagate_gateway_time_seconds_sum{") == 1 && index($0, p) && index($0, s) { sum += $NF }
    index($0, "gigagate_gateway_time_seconds_count{") == 1 && index($0, p) && index($0, s) { count += $NF }
    END { printf "%s %s\n", sum + 0, count + 0 }'
}

# run_wrk NAME URL BODY CONCURRENCY SECONDS TOKEN PID: one wrk run; writes $WORK/NAME.wrk and
# prints "rps p50 p99 requests errors cpu_s_per_1k" (the CPU of process PID during the run)
run_wrk() {
  local name=$1 url=$2 body=$3 c=$4 secs=$5 token=$6 pid=$7 before after
  before=$(cpu_ticks "$pid")
  BENCH_BODY="$body" BENCH_TOKEN="$token" timeout $((secs + 30)) \
    wrk -t2 -c"$c" -d"${secs}s" --latency --timeout 10s -s "$BENCH/post.lua" "$url" >"$WORK/$name.wrk" 2>&1 || true
  after=$(cpu_ticks "$pid")
  awk -v ticks=$((after - before)) -v hz="$CLK_TCK" '
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = $2 }
    $1 == "99%" { p99 = $2 }
    / requests in / { requests = $1 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { cpu = requests > 0 ? (ticks / hz) / requests * 1000 : 0
          printf "%s %s %s %s %d %.3f\n", rps, p50, p99, requests + 0, errors + 0, cpu }' "$WORK/$name.wrk"
}

# ---- 1. the emulator and the gateway ----------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "label $LABEL; gateway on $JAVA_VERSION; emulator on $(java_version "$EMULATOR_JAVA")"
start_emulator "$EMU_PORT" "$STREAM_CHUNKS" 0 "$WORK/emulator.log"
wait_for_http "$EMU_PID" "http://127.0.0.1:$EMU_PORT/api/v1/chat/completions" "$BENCH/bodies/chat.direct.json" "$TOKEN" >/dev/null

start_gateway "$GW_PORT" "$EMU_PORT" "$WORK/gateway.log"
STARTUP_MS=$(wait_for_http "$GW_PID" "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$BENCH/bodies/chat.gateway.json")
log "gateway served its first request ${STARTUP_MS} ms after java -jar (CPU shared with the emulator)"

# JIT pre-warm: every scenario through the gateway (and so through the emulator), c=64
for scenario in $SCENARIOS; do
  path=/v1/chat/completions; [ "$scenario" = embeddings ] && path=/v1/embeddings
  [ "${scenario%-stream}" = responses ] && path=/v1/responses   # the Responses front: same GigaChat calls as chat/stream
  # Gemini front
  case "$scenario" in gemini) path=/v1beta/models/GigaChat:generateContent ;;
    gemini-stream) path='/v1beta/models/GigaChat:streamGenerateContent?alt=sse' ;; esac
  case $scenario in anthropic*) path=/v1/messages ;; esac   # Anthropic front
  run_wrk "prewarm-$scenario" "http://127.0.0.1:$GW_PORT$path" "$BENCH/bodies/$scenario.gateway.json" 64 \
    "$PREWARM" "" "$GW_PID" >/dev/null
done

# ---- 2. measured runs -------------------------------------------------------------------------
ROWS="$WORK/rows.txt"
: >"$ROWS"
for scenario in $SCENARIOS; do
  gw_path=/v1/chat/completions; emu_path=/api/v1/chat/completions; stream=false
  [ "$scenario" = embeddings ] && { gw_path=/v1/embeddings; emu_path=/api/v1/embeddings; }
  [ "$scenario" = stream ] && stream=true
  # the Responses front: the chat (stream) scenario's GigaChat call, asked for through /v1/responses
  [ "${scenario%-stream}" = responses ] && gw_path=/v1/responses && [ "$scenario" = responses-stream ] && stream=true
  case $scenario in anthropic) gw_path=/v1/messages ;; anthropic-stream) gw_path=/v1/messages; stream=true ;; esac   # Anthropic front
  # Gemini front: one endpoint for every model:method, so its metrics are under the path template
  metric_path=$gw_path
  case "$scenario" in
    gemini) gw_path=/v1beta/models/GigaChat:generateContent; metric_path='/v1beta/models/{target}' ;;
    gemini-stream) gw_path='/v1beta/models/GigaChat:streamGenerateContent?alt=sse'
      metric_path='/v1beta/models/{target}'; stream=true ;;
  esac
  for c in $CONCURRENCY; do
    log "$scenario c=$c: direct"
    run_wrk "warm-direct-$scenario-$c" "http://127.0.0.1:$EMU_PORT$emu_path" "$BENCH/bodies/$scenario.direct.json" \
      "$c" "$WARMUP" "$TOKEN" "$EMU_PID" >/dev/null
    read -r d_rps d_p50 d_p99 _ d_err d_cpu < <(run_wrk "direct-$scenario-$c" "http://127.0.0.1:$EMU_PORT$emu_path" \
      "$BENCH/bodies/$scenario.direct.json" "$c" "$DURATION" "$TOKEN" "$EMU_PID")

    log "$scenario c=$c: through the gateway"
    run_wrk "warm-gateway-$scenario-$c" "http://127.0.0.1:$GW_PORT$gw_path" "$BENCH/bodies/$scenario.gateway.json" \
      "$c" "$WARMUP" "" "$GW_PID" >/dev/null
    read -r t_before n_before < <(gateway_time_sum_count "$metric_path" "$stream")
    read -r g_rps g_p50 g_p99 _ g_err g_cpu < <(run_wrk "gateway-$scenario-$c" "http://127.0.0.1:$GW_PORT$gw_path" \
      "$BENCH/bodies/$scenario.gateway.json" "$c" "$DURATION" "" "$GW_PID")
    read -r t_after n_after < <(gateway_time_sum_count "$metric_path" "$stream")
    own=$(awk -v a="$t_after" -v b="$t_before" -v na="$n_after" -v nb="$n_before" \
      'BEGIN { n = na - nb; if (n > 0) printf "%.3f", (a - b) / n * 1000; else print "n/a" }')

    d50=$(to_ms "$d_p50"); d99=$(to_ms "$d_p99"); g50=$(to_ms "$g_p50"); g99=$(to_ms "$g_p99")
    add50=$(awk -v a="$g50" -v b="$d50" 'BEGIN { printf "%+.2f", a - b }')
    add99=$(awk -v a="$g99" -v b="$d99" 'BEGIN { printf "%+.2f", a - b }')
    ratio=$(awk -v a="$g_rps" -v b="$d_rps" 'BEGIN { if (b > 0) printf "%.0f%%", a / b * 100; else print "n/a" }')
    printf '| %s | %s | %.0f | %s / %s | %.0f | %s | %s / %s | %s / %s | %s | %s | %s | %s / %s |\n' \
      "$scenario" "$c" "$d_rps" "$d50" "$d99" "$g_rps" "$ratio" "$g50" "$g99" "$add50" "$add99" \
      "$own" "$g_cpu" "$d_cpu" "$d_err" "$g_err" >>"$ROWS"
    tail -n 1 "$ROWS" >&2
  done
done
# ---- stream event delay: emulator write -> client read, straight and through the gateway ------
# The emulator stamps each content piece with its System.nanoTime(); the Node client reads the same
# clock (CLOCK_MONOTONIC). Events 5 ms apart (update_interval), so each is timed on its own.
LATENCY="$WORK/latency.txt"
: >"$LATENCY"
for lc in $LATENCY_CONCURRENCY; do
  for side in direct gateway; do
    port=$EMU_PORT; token=$TOKEN; path=/api/v1/chat/completions
    [ "$side" = gateway ] && { port=$GW_PORT; token=""; path=/v1/chat/completions; }
    log "stream event delay, $side, $LATENCY_STREAMS streams at c=$lc"
    node "$BENCH/stream-latency.mjs" "http://127.0.0.1:$port$path" "$BENCH/bodies/stream-latency.$side.json" \
      "$LATENCY_STREAMS" "$lc" 120 $token >"$WORK/latency-$side-$lc.json" 2>>"$WORK/latency.err" || true
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(`| ${process.argv[2]} | ${r.concurrency} | ${r.ok} / ${r.errors} | ${r.firstP50Ms} / ${r.firstP90Ms} / ${r.firstP99Ms} | ${r.events} | ${r.eventP50Ms} / ${r.eventP90Ms} / ${r.eventP99Ms} |`)' \
      "$WORK/latency-$side-$lc.json" "$side" >>"$LATENCY" || echo "| $side | $lc | failed, see $WORK | | | |" >>"$LATENCY"
    tail -n 1 "$LATENCY" >&2
  done
done

GW_HWM_KB=$(status_field "$GW_PID" VmHWM)
GW_RSS_KB=$(status_field "$GW_PID" VmRSS)
GW_THREADS=$(status_field "$GW_PID" Threads)
kill "$GW_PID" 2>/dev/null || true
wait "$GW_PID" 2>/dev/null || true

# ---- Camel Main: the same routes and beans without Spring Boot, against the same emulator ------
# deploy/camel-k/application.properties's settings (platform-http on Camel Main's Vert.x server), the
# upstream pool as large as the gateway's; no servlet filters, so no API keys, CORS, trace ids or
# gigagate_* metrics: the front-end cost of the camel run / Camel K deployment
CAMEL_MAIN_ROWS="$WORK/camel-main-rows.txt"
: >"$CAMEL_MAIN_ROWS"
if [ "$CAMEL_MAIN" = 1 ]; then
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options
  "$JAVA" $GATEWAY_JAVA_OPTS -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/test-classpath.txt")" \
    io.gigagate.support.CamelMainGateway "$CAMEL_MAIN_PORT" "http://127.0.0.1:$EMU_PORT/api/v1" "$TOKEN" \
    camel.component.http.connections-per-route=2048 camel.component.http.max-total-connections=2048 \
    >"$WORK/camel-main.log" 2>&1 &
  CM_PID=$!
  PIDS+=("$CM_PID")
  CM_STARTUP_MS=$(wait_for_http "$CM_PID" "http://127.0.0.1:$CAMEL_MAIN_PORT/v1/chat/completions" "$BENCH/bodies/chat.gateway.json")
  log "Camel Main served its first request ${CM_STARTUP_MS} ms after java"
  for scenario in chat stream; do
    url="http://127.0.0.1:$CAMEL_MAIN_PORT/v1/chat/completions"
    log "$scenario c=64: through Camel Main"
    run_wrk "prewarm-camel-main-$scenario" "$url" "$BENCH/bodies/$scenario.gateway.json" 64 "$PREWARM" "" "$CM_PID" >/dev/null
    run_wrk "warm-camel-main-$scenario" "$url" "$BENCH/bodies/$scenario.gateway.json" 64 "$WARMUP" "" "$CM_PID" >/dev/null
    read -r m_rps m_p50 m_p99 _ m_err m_cpu < <(run_wrk "camel-main-$scenario" "$url" \
      "$BENCH/bodies/$scenario.gateway.json" 64 "$DURATION" "" "$CM_PID")
    # the same scenario through Spring Boot and straight to the emulator, from the table above
    read -r d_rps g_rps g_cpu < <(awk -F' [|] ' -v s="$scenario" '$1 == "| " s && $2 == "64" { print $3, $5, $10 }' "$ROWS") || true
    printf '| %s | 64 | %.0f | %s | %s / %s | %s | %s | %s | %s |\n' "$scenario" "$m_rps" \
      "$(awk -v a="$m_rps" -v b="${d_rps:-0}" 'BEGIN { if (b > 0) printf "%.0f%%", a / b * 100; else print "n/a" }')" \
      "$(to_ms "$m_p50")" "$(to_ms "$m_p99")" "$m_cpu" "${g_rps:-n/a}" "${g_cpu:-n/a}" "$m_err" >>"$CAMEL_MAIN_ROWS"
    tail -n 1 "$CAMEL_MAIN_ROWS" >&2
  done
  kill "$CM_PID" 2>/dev/null || true
  wait "$CM_PID" 2>/dev/null || true
fi
kill "$EMU_PID" 2>/dev/null || true
wait "$EMU_PID" 2>/dev/null || true

# ---- 3. slow streams --------------------------------------------------------------------------
if [ "${BENCH_SKIP_SLOW:-0}" = 1 ]; then
  cat "$ROWS" "$LATENCY" "$CAMEL_MAIN_ROWS"
  log "BENCH_SKIP_SLOW=1: no slow streams, no report written (raw outputs in $WORK)"
  exit 0
fi
log "slow streams: $SLOW_STREAMS streams of $SLOW_CHUNKS events ${SLOW_DELAY_MS} ms apart"
start_emulator "$SLOW_EMU_PORT" "$SLOW_CHUNKS" "$SLOW_DELAY_MS" "$WORK/slow-emulator.log"
SLOW_EMU_PID=$EMU_PID
wait_for_http "$SLOW_EMU_PID" "http://127.0.0.1:$SLOW_EMU_PORT/api/v1/chat/completions" "$BENCH/bodies/chat.direct.json" "$TOKEN" >/dev/null
# the floor: the same burst straight against the emulator (the client's and the emulator's own share
# of the first-event time); it also warms the emulator, so the burst through the gateway below does
# not pay for the emulator's cold start
SLOW_SECONDS=$(((SLOW_CHUNKS * SLOW_DELAY_MS) / 1000))
node "$BENCH/slow-streams.mjs" "http://127.0.0.1:$SLOW_EMU_PORT/api/v1/chat/completions" \
  "$BENCH/bodies/stream.direct.json" "$SLOW_STREAMS" "$SLOW_CHUNKS" $((SLOW_SECONDS + 60)) "$TOKEN" \
  >"$WORK/slow-direct.json" 2>"$WORK/slow-direct.err" || true
# this gateway starts as the container image does: unpacked, with the start-up cache (Java 25+: AOT
# cache, else AppCDS) made by deploy/startup-cache.sh; started three times, as one start varies by
# +-0.5 s on this machine: the median is reported, the third start takes the burst
log "start-up cache: unpacking the jar and one training run"
CACHE_OPTION=$(JAVA_HOME=$JAVA_HOME "$ROOT/deploy/startup-cache.sh" "$JAR" "$WORK/unpacked")
CACHED_STARTS=()
for start in 1 2 3; do
  start_gateway "$SLOW_GW_PORT" "$SLOW_EMU_PORT" "$WORK/slow-gateway.log" "$WORK/unpacked/gigagate.jar" "$CACHE_OPTION"
  SLOW_GW_PID=$GW_PID
  CACHED_STARTS+=("$(wait_for_http "$SLOW_GW_PID" "http://127.0.0.1:$SLOW_GW_PORT/v1/chat/completions" "$BENCH/bodies/chat.gateway.json")")
  if [ "$start" -lt 3 ]; then
    kill "$SLOW_GW_PID"
    wait "$SLOW_GW_PID" 2>/dev/null || true
  fi
done
CACHED_STARTUP_MS=$(printf '%s\n' "${CACHED_STARTS[@]}" | sort -n | sed -n 2p)
log "with the start-up cache ($CACHE_OPTION) the gateway served its first request after ${CACHED_STARTS[*]} ms"
# a short pre-warm of the JSON path, then the burst
BENCH_BODY="$BENCH/bodies/chat.gateway.json" timeout 30 wrk -t2 -c16 -d"${WARMUP}s" -s "$BENCH/post.lua" \
  "http://127.0.0.1:$SLOW_GW_PORT/v1/chat/completions" >/dev/null 2>&1 || true
SLOW_RSS_BEFORE_KB=$(status_field "$SLOW_GW_PID" VmRSS)

# sample the gateway's threads and RSS while the streams run
(
  peak_threads=0; peak_rss=0
  while kill -0 "$SLOW_GW_PID" 2>/dev/null; do
    t=$(status_field "$SLOW_GW_PID" Threads); r=$(status_field "$SLOW_GW_PID" VmRSS)
    [ "${t:-0}" -gt "$peak_threads" ] && peak_threads=$t
    [ "${r:-0}" -gt "$peak_rss" ] && peak_rss=$r
    echo "$peak_threads $peak_rss" >"$WORK/slow-peaks.txt"
    sleep 0.5
  done
) &
SAMPLER_PID=$!
PIDS+=("$SAMPLER_PID")

node "$BENCH/slow-streams.mjs" "http://127.0.0.1:$SLOW_GW_PORT/v1/chat/completions" \
  "$BENCH/bodies/stream.gateway.json" "$SLOW_STREAMS" "$SLOW_CHUNKS" $((SLOW_SECONDS + 60)) \
  >"$WORK/slow.json" 2>"$WORK/slow.err" || true
sleep 1
SLOW_HWM_KB=$(status_field "$SLOW_GW_PID" VmHWM)
read -r SLOW_PEAK_THREADS SLOW_PEAK_RSS_KB <"$WORK/slow-peaks.txt"
kill "$SAMPLER_PID" "$SLOW_GW_PID" "$SLOW_EMU_PID" 2>/dev/null || true
# slow_field FILE FIELD: one field of a slow-streams.mjs summary, numbers rounded to 0.01;
# slow / slow_direct FIELD: of the burst through the gateway / straight against the emulator
slow_field() { node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = r[process.argv[2]];
  console.log(typeof v === "number" ? Math.round(v * 100) / 100 : JSON.stringify(v));' "$1" "$2"; }
slow() { slow_field "$WORK/slow.json" "$1"; }
slow_direct() { slow_field "$WORK/slow-direct.json" "$1"; }

# ---- 4. report --------------------------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
REPORT="$WORK/report.md"
{
  echo "<!-- run:$LABEL -->"
  echo "### $LABEL: $JAVA_VERSION ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Mode **$MODE** (runs of ${DURATION} s after ${WARMUP} s warm-up at the same concurrency; ${PREWARM} s JIT"
  echo "pre-warm per scenario). Machine: $(nproc) cores, load average before the run $LOAD_BEFORE,"
  echo "shared by wrk, the emulator ($(java_version "$EMULATOR_JAVA")) and the gateway"
  echo "(\`$GATEWAY_JAVA_OPTS\`, logging WARN, upstream pool 2048, threads 1100)."
  echo
  echo "| scenario | c | direct RPS | direct p50 / p99 ms | gateway RPS | of direct | gateway p50 / p99 ms | added p50 / p99 ms | gateway own time, mean ms (x-gigagate-overhead-ms) | gateway CPU s / 1k req | emulator CPU s / 1k req (direct) | errors direct / gateway |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$ROWS"
  echo
  echo "Stream event delay: from the emulator's write to the client's read, in ms (events 5 ms apart, 20 per"
  echo "stream, $LATENCY_STREAMS streams per row over keep-alive connections; the emulator stamps each event with"
  echo "its System.nanoTime(), the Node client reads the same clock):"
  echo
  echo "| path | c | ok / errors | first event p50 / p90 / p99 | events | every event p50 / p90 / p99 |"
  echo "|---|---|---|---|---|---|"
  cat "$LATENCY"
  echo
  if [ -s "$CAMEL_MAIN_ROWS" ]; then
    echo "The same routes and beans on Camel Main (no Spring Boot; platform-http on Vert.x, as \`camel run\` and"
    echo "Camel K run them; deploy/camel-k/application.properties, upstream pool 2048; no servlet filters, so no"
    echo "API keys, CORS, trace ids or gigagate_* metrics), same emulator, after the same pre-warm; first"
    echo "request ${CM_STARTUP_MS} ms after \`java\` (from classes, no cache):"
    echo
    echo "| scenario | c | Camel Main RPS | of direct | p50 / p99 ms | CPU s / 1k req | Spring Boot RPS (above) | Spring Boot CPU s / 1k req | errors |"
    echo "|---|---|---|---|---|---|---|---|---|"
    cat "$CAMEL_MAIN_ROWS"
    echo
  fi
  echo "Gateway process: start-up to first served chat ${STARTUP_MS} ms from the fat jar (\`java -jar\`),"
  echo "${CACHED_STARTUP_MS} ms unpacked with the start-up cache (\`${CACHE_OPTION%%=*}\`, as in the container image;"
  echo "median of three starts: ${CACHED_STARTS[*]} ms);"
  echo "peak RSS (VmHWM) $(mb "$GW_HWM_KB");"
  echo "RSS at the end $(mb "$GW_RSS_KB"); threads at the end $GW_THREADS."
  echo
  echo "Slow streams ($SLOW_STREAMS at once, $SLOW_CHUNKS events ${SLOW_DELAY_MS} ms apart, fresh gateway started with the cache):"
  echo "ok $(slow ok), errors $(slow errors) $(slow errorKinds), first event p50 $(slow firstEventP50Ms) ms"
  echo "(max $(slow firstEventMaxMs) ms; the emulator sends its first event at once, the others ${SLOW_DELAY_MS} ms apart),"
  echo "stream duration p50 $(slow durationP50Ms) ms (max $(slow durationMaxMs) ms); gateway RSS before"
  echo "$(mb "$SLOW_RSS_BEFORE_KB"), peak sampled $(mb "$SLOW_PEAK_RSS_KB"), VmHWM $(mb "$SLOW_HWM_KB"); peak threads $SLOW_PEAK_THREADS."
  echo "The same burst straight against the emulator, just before: ok $(slow_direct ok),"
  echo "errors $(slow_direct errors), first event p50 $(slow_direct firstEventP50Ms) ms (max $(slow_direct firstEventMaxMs) ms)."
  echo "<!-- end:$LABEL -->"
} >"$REPORT"
cat "$REPORT"

# put the section into bench/results.md, replacing an earlier one of the same label
RESULTS="$BENCH/results.md"
[ -f "$RESULTS" ] || printf '# GigaGate benchmark results\n\nWritten by bench/run.sh; see bench/README.md.\n' >"$RESULTS"
awk -v label="$LABEL" -v report="$REPORT" '
  $0 == "<!-- run:" label " -->" { skip = 1; while ((getline line < report) > 0) print line; replaced = 1; next }
  skip && $0 == "<!-- end:" label " -->" { skip = 0; next }
  !skip { print }
  END { if (!replaced) { print ""; while ((getline line < report) > 0) print line } }' "$RESULTS" >"$WORK/results.md"
cp "$WORK/results.md" "$RESULTS"
log "written to bench/results.md (section $LABEL); raw wrk outputs and logs in $WORK"
