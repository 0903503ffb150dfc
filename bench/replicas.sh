#!/usr/bin/env bash
# Two replicas on Redis against one gateway in memory (issue 25): chat throughput and gateway CPU per request
# with the per-key and per-model limits on, the Redis commands each request costs, and the latency the shared
# limits add.
#
#   bench/replicas.sh                                   # about 5 minutes on 2 cores
#   BENCH_ROUNDS=1 BENCH_DURATION=5 BENCH_PREWARM=10 bench/replicas.sh   # smoke run
#
# All on 127.0.0.1: the GigaChat emulator (zero latency, static token), a redis-server of its own (Debian's
# redis-server, installed when missing; in memory, a password), and the gateway jar with a key required, a
# per-key rate and concurrency limit and a per-model limit all set high enough never to refuse, so that every
# request pays for them without being refused. Per round:
#   memory  one gateway, GIGAGATE_STATE=memory, wrk c=BENCH_CONCURRENCY
#   redis-1 one gateway, GIGAGATE_STATE=redis, the same load
#   redis-2 two gateways on the same Redis, wrk at c/2 on each at once (the same total load)
# and at the end the latency at c=1 (p50, p99) of memory against redis-1. On one machine the two replicas share
# its cores with wrk, the emulator and Redis, so their throughput per replica is not what two machines would
# give; gateway CPU per request is the comparable figure ("CPU ms/req": user + system time of the gateway
# processes over the measured run, per request). The report (Markdown) goes to stdout and to $WORK/replicas.md;
# paste it under "Several replicas" in bench/results.md. It kills only the processes it started, by PID.
#
# Settings: JAVA_HOME, GATEWAY_JAVA_OPTS (-Xmx256m), BENCH_CONCURRENCY (64), BENCH_DURATION (15),
# BENCH_WARMUP (10), BENCH_PREWARM (30), BENCH_ROUNDS (2), BENCH_PORT_BASE (29190), BENCH_SKIP_BUILD=1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH="$ROOT/bench"
CONCURRENCY=${BENCH_CONCURRENCY:-64}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-10}
PREWARM=${BENCH_PREWARM:-30}
ROUNDS=${BENCH_ROUNDS:-2}
PORT_BASE=${BENCH_PORT_BASE:-29190}
EMU_PORT=$PORT_BASE
REDIS_PORT=$((PORT_BASE + 1))
GW_PORTS=($((PORT_BASE + 2)) $((PORT_BASE + 3)))
TOKEN=bench-static-token
KEY=bench-gateway-key
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx256m}
JAR="$ROOT/target/gigagate.jar"
WORK=$(mktemp -d /tmp/gigagate-replicas-bench.XXXXXX)
REDIS_PASSWORD="bench-$(date +%s%N)"
TICKS=$(getconf CLK_TCK)

log() { printf '[replicas-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# ---- tools ------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null
fi
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || { log "building the jar"; ./mvnw -B -q -DskipTests package; }

# ---- Redis and the emulator -------------------------------------------------------------------
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --requirepass "$REDIS_PASSWORD" --save "" --appendonly no \
  --dir "$WORK" --daemonize no --loglevel warning >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
PIDS+=("$REDIS_PID")
redis() { REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" "$@"; }
for _ in $(seq 1 100); do redis ping >/dev/null 2>&1 && break; sleep 0.1; done
log "redis-server on 127.0.0.1:$REDIS_PORT"

"$JAVA" -Dsun.net.httpserver.nodelay=true -Xmx512m -cp "$JAR" -Dloader.main=io.gigagate.emulator.GigaChatEmulator \
  org.springframework.boot.loader.launch.PropertiesLauncher --port "$EMU_PORT" --host 127.0.0.1 \
  --static-token "$TOKEN" >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)

# start_gateway STATE INDEX: gateway INDEX (0 or 1) with GIGAGATE_STATE=STATE; sets GW_PID[INDEX]
declare -a GW_PID
start_gateway() {
  local port=${GW_PORTS[$2]}
  # shellcheck disable=SC2086
  GIGAGATE_STATE="$1" GIGAGATE_REDIS_URL="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT" GPT2GIGA_API_KEY="$KEY" \
    "$JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$port" \
    --gigachat.base-url="http://127.0.0.1:$EMU_PORT/api/v1" --gigachat.access-token="$TOKEN" \
    --gigagate.security.rate-limit-per-minute=100000000 --gigagate.security.max-concurrent-per-key=100000 \
    --gigagate.security.model-max-concurrency-default=100000 \
    --logging.level.root=WARN --gigagate.upstream.max-connections=2048 --gigagate.threads=1100 \
    >"$WORK/gateway-$1-$2-$port.log" 2>&1 &
  GW_PID[$2]=$!
  PIDS+=("${GW_PID[$2]}")
  for _ in $(seq 1 600); do
    curl -s -o /dev/null -m 2 -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" \
      --data-binary "@$BENCH/bodies/chat.gateway.json" "http://127.0.0.1:$port/v1/chat/completions" && return 0
    sleep 0.1
  done
  echo "replicas-bench: gateway $2 did not come up; see $WORK" >&2
  exit 1
}
stop_gateways() {
  for pid in "${GW_PID[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  GW_PID=()
}

cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
gateways_ticks() { local t=0; for pid in "${GW_PID[@]}"; do t=$((t + $(cpu_ticks "$pid"))); done; echo "$t"; }
# redis_calls: commands Redis ran, those inside scripts included; round_trips: what the gateways sent (scripts
# by SHA, and ZREM to give a slot back)
redis_calls() { redis info commandstats | awk -F'[=,:]' '/^cmdstat_/ && !/^cmdstat_info:/ { n += $3 } END { print n + 0 }'; }
round_trips() { redis info commandstats | awk -F'[=,:]' '/^cmdstat_(evalsha|zrem):/ { n += $3 } END { print n + 0 }'; }

# wrk_run NAME SECONDS CONNECTIONS PORT: one wrk run; the output in $WORK/NAME.wrk
wrk_run() {
  BENCH_BODY="$BENCH/bodies/chat.gateway.json" BENCH_TOKEN="$KEY" timeout $(($2 + 30)) wrk -t1 -c"$3" -d"$2s" \
    --latency --timeout 10s -s "$BENCH/post.lua" "http://127.0.0.1:$4/v1/chat/completions" >"$WORK/$1.wrk" 2>&1 || true
}
rps() { awk '/Requests\/sec:/ { print $2 }' "$WORK/$1.wrk"; }
requests() { awk '/requests in/ { print $1 }' "$WORK/$1.wrk"; }
errors() { awk '/Non-2xx/ { print $NF }' "$WORK/$1.wrk"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$WORK/$1.wrk"; }

# load NAME SECONDS: the same total load on the running gateways, split evenly, all at once
load() {
  local n=${#GW_PID[@]} i runs=()
  for i in $(seq 0 $((n - 1))); do
    wrk_run "$1-$i" "$2" $((CONCURRENCY / n)) "${GW_PORTS[$i]}" &
    runs+=($!)
  done
  wait "${runs[@]}"
}

declare -A RPS CPU CMDS TRIPS
for round in $(seq 1 "$ROUNDS"); do
  for setup in memory redis-1 redis-2; do
    log "round $round: $setup"
    state=memory; [ "$setup" = memory ] || state=redis
    start_gateway "$state" 0
    if [ "$setup" = redis-2 ]; then start_gateway "$state" 1; fi
    load "prewarm-$setup-$round" "$PREWARM"
    load "warm-$setup-$round" "$WARMUP"
    t0=$(gateways_ticks); c0=$(redis_calls); r0=$(round_trips)
    load "run-$setup-$round" "$DURATION"
    t1=$(gateways_ticks); c1=$(redis_calls); r1=$(round_trips)
    total=0; n=0; total_rps=0
    for f in "$WORK"/run-"$setup"-"$round"-*.wrk; do
      name=$(basename "$f" .wrk)
      [ -z "$(errors "$name")" ] || log "non-2xx answers in $name: $(errors "$name")"
      total=$((total + $(requests "$name")))
      total_rps=$(awk -v a="$total_rps" -v b="$(rps "$name")" 'BEGIN { print a + b }')
      n=$((n + 1))
    done
    RPS[$setup]+="$(awk -v r="$total_rps" -v n="$n" 'BEGIN { printf "%.0f", r / n }') "
    CPU[$setup]+="$(awk -v t=$((t1 - t0)) -v hz="$TICKS" -v r="$total" 'BEGIN { printf "%.3f", t / hz * 1000 / r }') "
    CMDS[$setup]+="$(awk -v c=$((c1 - c0)) -v r="$total" 'BEGIN { printf "%.2f", c / r }') "
    TRIPS[$setup]+="$(awk -v c=$((r1 - r0)) -v r="$total" 'BEGIN { printf "%.2f", c / r }') "
    stop_gateways
  done
done

# latency at one connection: memory against redis-1
for setup in memory redis-1; do
  state=memory; [ "$setup" = memory ] || state=redis
  start_gateway "$state" 0
  wrk_run "lat-warm-$setup" 10 1 "${GW_PORTS[0]}"
  wrk_run "lat-$setup" "$DURATION" 1 "${GW_PORTS[0]}"
  stop_gateways
done

mean() { awk '{ for (i = 1; i <= NF; i++) { s += $i; n++ } } END { printf (s / n < 10 ? "%.3f" : "%.0f"), n ? s / n : 0 }' <<<"$1"; }
{
  echo "### Several replicas on Redis ($(date -u +%Y-%m-%d), $("$JAVA" -version 2>&1 | head -n 1), $(nproc) cores, redis $(redis-server --version | awk '{ print $3 }'))"
  echo
  echo "Chat, c=$CONCURRENCY in all, ${DURATION}s x $ROUNDS rounds; per-key rate and concurrency limits and a per-model limit on."
  echo
  echo "| setup | req/s per replica | gateway CPU ms/req | Redis round trips/req (all) | Redis commands/req (in scripts too) |"
  echo "|---|---|---|---|---|"
  for setup in memory redis-1 redis-2; do
    echo "| $setup | $(mean "${RPS[$setup]}") | $(mean "${CPU[$setup]}") | $(mean "${TRIPS[$setup]}") | $(mean "${CMDS[$setup]}") |"
  done
  echo
  echo "Latency at c=1: memory p50 $(pct lat-memory 50%) p99 $(pct lat-memory 99%); redis p50 $(pct lat-redis-1 50%) p99 $(pct lat-redis-1 99%)."
  echo
  echo "Rounds: memory req/s ${RPS[memory]}, CPU ${CPU[memory]}; redis-1 ${RPS[redis-1]}, CPU ${CPU[redis-1]}; redis-2 ${RPS[redis-2]}, CPU ${CPU[redis-2]}."
} | tee "$WORK/replicas.md"
