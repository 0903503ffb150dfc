#!/usr/bin/env bash
# Usage accounting's cost: chat throughput with the PostgreSQL usage sink on against the sink off, and the
# usage records per second PostgreSQL took (issue 26: within 5 % of the sink off).
#
#   bench/usage-sink.sh                # about 5 minutes on 2 cores
#   BENCH_ROUNDS=2 BENCH_DURATION=3 BENCH_PREWARM=10 bench/usage-sink.sh   # smoke run
#
# All on 127.0.0.1: the GigaChat emulator (zero latency, static token), a PostgreSQL cluster of its own
# (initdb into a temporary directory, a free port, fsync off as in the tests; as root the cluster belongs to
# the postgres user), and two gateways from the same jar running side by side, one with GIGAGATE_USAGE_SINKS
# unset and one with it set to postgres. Each is pre-warmed; then short wrk runs (chat, c=BENCH_CONCURRENCY)
# alternate between them, round after round, the order swapped each round, so that a shared machine's
# changes of speed (a factor of two within minutes here) fall on both alike; the idle one waits meanwhile.
# The report (Markdown) goes to stdout and to $WORK/usage-sink.md; paste it under "Usage sink" in
# bench/results.md. It kills only the processes it started, by PID.
#
# Settings: JAVA_HOME, GATEWAY_JAVA_OPTS (-Xmx256m), BENCH_CONCURRENCY (64), BENCH_DURATION (5, per run),
# BENCH_PREWARM (40), BENCH_ROUNDS (12), BENCH_PORT_BASE (28190), BENCH_SKIP_BUILD=1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH="$ROOT/bench"
CONCURRENCY=${BENCH_CONCURRENCY:-64}
DURATION=${BENCH_DURATION:-5}
PREWARM=${BENCH_PREWARM:-40}
ROUNDS=${BENCH_ROUNDS:-12}
PORT_BASE=${BENCH_PORT_BASE:-28190}
EMU_PORT=$PORT_BASE
PG_PORT=$((PORT_BASE + 2))
OFF_PORT=$((PORT_BASE + 3))
ON_PORT=$((PORT_BASE + 4))
TOKEN=bench-static-token
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA="$JAVA_HOME/bin/java"
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx256m}
JAR="$ROOT/target/gigagate.jar"
WORK=$(mktemp -d /tmp/gigagate-usage-bench.XXXXXX)
PG_DIR="$WORK/pg"
PG_PASSWORD="bench-$(date +%s%N)"

log() { printf '[usage-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

PIDS=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -d "$PG_DIR/data" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ---- tools ------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y wrk >/dev/null; }
if command -v initdb >/dev/null 2>&1; then
  PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
else
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$PG_BIN/initdb" ] || { apt-get update -q >/dev/null && apt-get install -y postgresql >/dev/null;
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); }
fi
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || { log "building the jar"; ./mvnw -B -q -DskipTests package; }

# ---- PostgreSQL -------------------------------------------------------------------------------
mkdir -p "$PG_DIR"
echo "$PG_PASSWORD" >"$PG_DIR/pwfile"
if [ "$(id -u)" = 0 ]; then
  chmod 711 "$WORK"   # mktemp -d makes it 700: the postgres user must reach its directory below
  chown -R postgres:postgres "$PG_DIR"
fi
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U gigagate --pwfile "$PG_DIR/pwfile" --auth=scram-sha-256 -E UTF8 \
  --locale=C --no-sync >"$WORK/initdb.log" 2>&1
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
log "PostgreSQL on 127.0.0.1:$PG_PORT"

# ---- the emulator -----------------------------------------------------------------------------
"$JAVA" -Dsun.net.httpserver.nodelay=true -Xmx512m -cp "$JAR" -Dloader.main=io.gigagate.emulator.GigaChatEmulator \
  org.springframework.boot.loader.launch.PropertiesLauncher --port "$EMU_PORT" --host 127.0.0.1 \
  --static-token "$TOKEN" >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)

# start_gateway SINKS PORT LOGFILE: the gateway as bench/run.sh starts it, with the usage sinks given; sets GW_PID
start_gateway() {
  # shellcheck disable=SC2086
  GIGAGATE_USAGE_SINKS="$1" GIGAGATE_USAGE_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  GIGAGATE_USAGE_POSTGRES_USER=gigagate GIGAGATE_USAGE_POSTGRES_PASSWORD="$PG_PASSWORD" \
    "$JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$2" \
    --gigachat.base-url="http://127.0.0.1:$EMU_PORT/api/v1" --gigachat.access-token="$TOKEN" \
    --logging.level.root=WARN --gigagate.upstream.max-connections=2048 --gigagate.threads=1100 >"$3" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  for _ in $(seq 1 600); do
    curl -s -o /dev/null -m 2 -H 'Content-Type: application/json' --data-binary "@$BENCH/bodies/chat.gateway.json" \
      "http://127.0.0.1:$2/v1/chat/completions" && return 0
    sleep 0.1
  done
  echo "usage-bench: the gateway did not come up; see $3" >&2
  exit 1
}

# written PORT: the PostgreSQL sink's written records (0 with the sink off)
written() {
  curl -s -m 5 "http://127.0.0.1:$1/actuator/prometheus" \
    | awk 'index($0, "gigagate_usage_sink_written_total{") == 1 && index($0, "sink=\"postgres\"") { n += $NF } END { printf "%d\n", n }'
}
dropped() {
  curl -s -m 5 "http://127.0.0.1:$1/actuator/prometheus" \
    | awk 'index($0, "gigagate_usage_dropped_total") == 1 { n += $NF } END { printf "%d\n", n }'
}

# cpu_ticks PID...: user + system CPU ticks of the live processes given
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}
# pg_pids: the cluster's postmaster and its children (the gateway's pooled connections among them)
pg_pids() {
  local pm
  pm=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  echo "$pm $(ps --ppid "$pm" -o pid= | tr '\n' ' ')"
}
CLK_TCK=$(getconf CLK_TCK)

# measure NAME PORT SECONDS: one wrk run of chat through the gateway on PORT; prints the requests made
measure() {
  BENCH_BODY="$BENCH/bodies/chat.gateway.json" timeout $(($3 + 30)) wrk -t2 -c"$CONCURRENCY" -d"$3s" --latency \
    --timeout 10s -s "$BENCH/post.lua" "http://127.0.0.1:$2/v1/chat/completions" >"$WORK/$1.wrk" 2>&1 || true
  awk '/ requests in / { print $1 }' "$WORK/$1.wrk"
}

start_gateway "" "$OFF_PORT" "$WORK/gateway-off.log"
OFF_PID=$GW_PID
start_gateway postgres "$ON_PORT" "$WORK/gateway-on.log"
ON_PID=$GW_PID
log "pre-warming both gateways (${PREWARM}s each)"
measure prewarm-off "$OFF_PORT" "$PREWARM" >/dev/null
measure prewarm-on "$ON_PORT" "$PREWARM" >/dev/null
sleep 3 # the writer catches up with the pre-warm

declare -A REQS=([off]=0 [on]=0) TICKS=([off]=0 [on]=0)
PER_ROUND=()
read -r -a pgs < <(pg_pids)
pg0=$(cpu_ticks "${pgs[@]}")
written0=$(written "$ON_PORT")
for round in $(seq 1 "$ROUNDS"); do
  order="off on"
  [ $((round % 2)) = 0 ] && order="on off"
  line="$round:"
  for side in $order; do
    if [ "$side" = off ]; then port=$OFF_PORT; pid=$OFF_PID; else port=$ON_PORT; pid=$ON_PID; fi
    t0=$(cpu_ticks "$pid")
    n=$(measure "chat-$side-$round" "$port" "$DURATION")
    t1=$(cpu_ticks "$pid")
    REQS[$side]=$((REQS[$side] + n))
    TICKS[$side]=$((TICKS[$side] + t1 - t0))
    line="$line $side $(awk -v n="$n" -v s="$DURATION" 'BEGIN { printf "%.0f", n / s }')"
  done
  PER_ROUND+=("$line")
  log "round $line req/s"
done
sleep 3 # the last batch is written
written1=$(written "$ON_PORT")
pg1=$(cpu_ticks "${pgs[@]}")
records=$((written1 - written0))
[ "$(dropped "$ON_PORT")" = 0 ] || log "records were dropped: $(dropped "$ON_PORT")"

seconds=$((ROUNDS * DURATION))
off=$(awk -v n="${REQS[off]}" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
on=$(awk -v n="${REQS[on]}" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
delta=$(awk -v a="${REQS[off]}" -v b="${REQS[on]}" 'BEGIN { printf "%+.1f", a ? (b - a) / a * 100 : 0 }')
cpu() { awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", n ? t / hz / n * 1000 : 0 }'; }
{
  echo "### Usage sink: PostgreSQL on vs off ($(date -u +%Y-%m-%d), $("$JAVA" -version 2>&1 | head -n 1))"
  echo
  echo "| chat c=$CONCURRENCY, $ROUNDS rounds of ${DURATION}s each, interleaved | req/s | gateway CPU ms / req | records written |"
  echo "|---|---|---|---|"
  echo "| sink off | $off | $(cpu "${TICKS[off]}" "${REQS[off]}") | - |"
  echo "| sink postgres | $on ($delta %) | $(cpu "${TICKS[on]}" "${REQS[on]}") | $records (for ${REQS[on]} requests answered, plus those cut off at each run's end) |"
  echo
  echo "Per round, req/s: ${PER_ROUND[*]}."
  echo "PostgreSQL CPU ms per record written (its postmaster and backends, on the same cores; the sink-on"
  echo "gateway's pre-warm records excluded): $(cpu $((pg1 - pg0)) "$records")."
} | tee "$WORK/usage-sink.md"
