#!/usr/bin/env bash
# bench/compare.sh BASE [ROUNDS]: the gateway's CPU per request of this tree against commit BASE, on the
# same machine in the same hour, runs interleaved (base, this, base, this, ...) so a busier or quieter
# stretch hits both alike.
#
#   bench/compare.sh e495d30          # 2 rounds (~16 minutes)
#   bench/compare.sh e495d30 3
#
# It builds BASE's jar in a temporary git worktree (removed at the end) and this tree's jar, then runs
# each build's own bench/run.sh with BENCH_SCENARIOS (default "chat stream") at c=64, without the slow
# streams and Camel Main (BENCH_SKIP_SLOW=1, BENCH_CAMEL_MAIN=0). It prints every row and, per scenario,
# the median gateway CPU s / 1k requests of each build and the change. Other BENCH_* settings pass through.
set -euo pipefail

BASE=${1:?usage: bench/compare.sh BASE-COMMIT [ROUNDS]}
ROUNDS=${2:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/gigagate-compare.XXXXXX)
BASE_TREE="$WORK/base"

cleanup() {
  git -C "$ROOT" worktree remove --force "$BASE_TREE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log() { echo "[compare $(date +%H:%M:%S)] $*" >&2; }

git -C "$ROOT" worktree add --detach "$BASE_TREE" "$BASE" >/dev/null
log "building $BASE"
(cd "$BASE_TREE" && ./mvnw -B -q -DskipTests package)
log "building this tree"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package)

export BENCH_SKIP_BUILD=1 BENCH_SKIP_SLOW=1 BENCH_CAMEL_MAIN=0
export BENCH_SCENARIOS=${BENCH_SCENARIOS:-chat stream} BENCH_CONCURRENCY=${BENCH_CONCURRENCY:-64}

for round in $(seq 1 "$ROUNDS"); do
  for build in base this; do
    tree=$ROOT
    [ "$build" = base ] && tree=$BASE_TREE
    log "round $round: $build"
    "$tree/bench/run.sh" 2>"$WORK/$build-$round.log" | grep -E '^\| (chat|stream|tool|embeddings) ' \
      | sed "s/^/$build $round /" >>"$WORK/rows.txt" || { log "run failed: $WORK/$build-$round.log"; exit 1; }
  done
done

echo "| build | round | scenario | c | direct RPS | direct p50 / p99 ms | gateway RPS | of direct | gateway p50 / p99 ms | added p50 / p99 ms | own ms | gateway CPU s / 1k req | emulator CPU s / 1k req | errors |"
sed -E 's/^(base|this) ([0-9]+) \| /| \1 | \2 | /' "$WORK/rows.txt"
echo
echo "| scenario | c | base CPU s / 1k req (median) | this | change |"
echo "|---|---|---|---|---|"
awk -F' [|] ' '
  # a row: "<build> <round> | scenario | c | direct RPS | ... | gateway CPU (11th) | ..."
  { split($1, head, " "); build = head[1]; key = $2 " | " $3; cpu[key, build] = cpu[key, build] " " $11; keys[key] = 1 }
  function median(list,    n, i, j, t) {
    n = split(list, sorted, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (sorted[j] + 0 < sorted[i] + 0) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
  }
  END {
    for (k in keys) {
      b = median(cpu[k, "base"]); t = median(cpu[k, "this"])
      printf "| %s | %.3f | %.3f | %+.1f%% |\n", k, b, t, (b > 0 ? (t - b) / b * 100 : 0)
    }
  }' "$WORK/rows.txt"
log "raw rows and logs: $WORK"
