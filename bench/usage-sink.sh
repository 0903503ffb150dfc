#!/usr/bin/env bash
# Usage accounting's cost: chat throughput with the PostgreSQL usage sink on against the sink off, and the
# usage records per second PostgreSQL took (issue 26: within 5 % of the sink off).
#
#   bench/usage-sink.sh                # about 4 minutes on 2 cores
#   BENCH_ROUNDS=1 BENCH_DURATION=5 bench/usage-sink.sh   # smoke run
#
# All on 127.0.0.1: the GigaChat emulator (zero latency, static token), a PostgreSQL cluster of its own
# (initdb into a temporary directory, a free port, fsync off as in the tests; as root the cluster belongs to
# the postgres user), then the gateway started twice per round from the same jar, once with
# GIGAGATE_USAGE_SINKS unset and once with it set to postgres, each pre-warmed and then measured with wrk
# (chat, c=BENCH_CONCURRENCY). Rounds alternate off/on so drift on a shared machine falls on both. The
# report (Markdown) goes to stdout and to $WORK/usage-sink.md; paste it under "Usage sink" in
# bench/results.md. It kills only the processes it started, by PID.
#
# Settings: JAVA_HOME, GATEWAY_JAVA_OPTS (-Xmx256m), BENCH_CONCURRENCY (64), BENCH_DURATION (15),
# BENCH_WARMUP (10), BENCH_PREWARM (40), BENCH_ROUNDS (2), BENCH_PORT_BASE (28190), BENCH_SKIP_BUILD=1.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH="$ROOT/bench"
CONCURRENCY=${BENCH_CONCURRENCY:-64}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-10}
PREWARM=${BENCH_PREWARM:-40}
ROUNDS=${BENCH_ROUNDS:-2}
PORT_BASE=${BENCH_PORT_BASE:-28190}
EMU_PORT=$PORT_BASE
GW_PORT=$((PORT_BASE + 1))
PG_PORT=$((PORT_BASE + 2))
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

# start_gateway SINKS LOGFILE: the gateway as bench/run.sh starts it, with the usage sinks given; sets GW_PID
start_gateway() {
  # shellcheck disable=SC2086
  GIGAGATE_USAGE_SINKS="$1" GIGAGATE_USAGE_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  GIGAGATE_USAGE_POSTGRES_USER=gigagate GIGAGATE_USAGE_POSTGRES_PASSWORD="$PG_PASSWORD" \
    "$JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$GW_PORT" \
    --gigachat.base-url="http://127.0.0.1:$EMU_PORT/api/v1" --gigachat.access-token="$TOKEN" \
    --logging.level.root=WARN --gigagate.upstream.max-connections=2048 --gigagate.threads=1100 >"$2" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  for _ in $(seq 1 600); do
    curl -s -o /dev/null -m 2 -H 'Content-Type: application/json' --data-binary "@$BENCH/bodies/chat.gateway.json" \
      "http://127.0.0.1:$GW_PORT/v1/chat/completions" && return 0
    sleep 0.1
  done
  echo "usage-bench: the gateway did not come up; see $2" >&2
  exit 1
}

stop_gateway() { kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; }

# written: the PostgreSQL sink's written records (0 with the sink off)
written() {
  curl -s -m 5 "http://127.0.0.1:$GW_PORT/actuator/prometheus" \
    | awk 'index($0, "gigagate_usage_sink_written_total{") == 1 && index($0, "sink=\"postgres\"") { n += $NF } END { printf "%d\n", n }'
}
dropped() {
  curl -s -m 5 "http://127.0.0.1:$GW_PORT/actuator/prometheus" \
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

# measure NAME SECONDS: one wrk run of chat through the gateway; prints requests per second
measure() {
  BENCH_BODY="$BENCH/bodies/chat.gateway.json" timeout $(($2 + 30)) wrk -t2 -c"$CONCURRENCY" -d"$2s" --latency \
    --timeout 10s -s "$BENCH/post.lua" "http://127.0.0.1:$GW_PORT/v1/chat/completions" >"$WORK/$1.wrk" 2>&1 || true
  awk '/Requests\/sec:/ { print $2 }' "$WORK/$1.wrk"
}

declare -a OFF ON RECS GW_CPU_OFF GW_CPU_ON PG_CPU
for round in $(seq 1 "$ROUNDS"); do
  for sinks in "" postgres; do
    label=${sinks:-off}
    log "round $round, sink $label"
    start_gateway "$sinks" "$WORK/gateway-$label-$round.log"
    measure "prewarm-$label-$round" "$PREWARM" >/dev/null
    measure "warm-$label-$round" "$WARMUP" >/dev/null
    sleep 3 # the writer catches up with the warm-up
    before=$(written)
    read -r -a pgs < <(pg_pids)
    gw0=$(cpu_ticks "$GW_PID")
    pg0=$(cpu_ticks "${pgs[@]}")
    rps=$(measure "chat-$label-$round" "$DURATION")
    sleep 3
    gw1=$(cpu_ticks "$GW_PID")
    pg1=$(cpu_ticks "${pgs[@]}")
    after=$(written)
    requests=$(awk '/ requests in / { print $1 }' "$WORK/chat-$label-$round.wrk")
    gw_ms=$(awk -v t=$((gw1 - gw0)) -v n="$requests" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", n ? t / hz / n * 1000 : 0 }')
    if [ -z "$sinks" ]; then
      OFF+=("$rps")
      GW_CPU_OFF+=("$gw_ms")
    else
      ON+=("$rps")
      GW_CPU_ON+=("$gw_ms")
      PG_CPU+=("$(awk -v t=$((pg1 - pg0)) -v n=$((after - before)) -v hz="$CLK_TCK" \
        'BEGIN { printf "%.3f", n ? t / hz / n * 1000 : 0 }')")
      RECS+=("$(awk -v n=$((after - before)) -v s="$DURATION" 'BEGIN { printf "%.0f", n / s }')")
      [ "$(dropped)" = 0 ] || log "records were dropped in round $round: $(dropped)"
    fi
    stop_gateway
  done
done

mean() { printf '%s\n' "$@" | awk '{ s += $1; n++ } END { printf "%.0f", n ? s / n : 0 }'; }
off=$(mean "${OFF[@]}")
on=$(mean "${ON[@]}")
recs=$(mean "${RECS[@]}")
delta=$(awk -v a="$off" -v b="$on" 'BEGIN { printf "%+.1f", a ? (b - a) / a * 100 : 0 }')
{
  echo "### Usage sink: PostgreSQL on vs off ($(date -u +%Y-%m-%d), $("$JAVA" -version 2>&1 | head -n 1))"
  echo
  echo "| chat c=$CONCURRENCY, ${DURATION}s x $ROUNDS rounds | req/s | records/s written |"
  echo "|---|---|---|"
  echo "| sink off | $off | - |"
  echo "| sink postgres | $on ($delta %) | $recs |"
  echo
  echo "Rounds, off: ${OFF[*]}; on: ${ON[*]}; records/s per round: ${RECS[*]}."
  echo "Gateway CPU ms per request, off: ${GW_CPU_OFF[*]}; on: ${GW_CPU_ON[*]}. PostgreSQL CPU ms per record"
  echo "written (its postmaster and backends, on the same cores): ${PG_CPU[*]}."
} | tee "$WORK/usage-sink.md"
