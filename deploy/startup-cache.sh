#!/usr/bin/env bash
# Prepares a fast-starting copy of the gateway: the fat jar unpacked (classes load from plain jars
# instead of nested ones) plus a class cache made by one training run.
#
#   deploy/startup-cache.sh target/gigagate.jar /opt/gigagate        # uses java from PATH or JAVA_HOME
#
# Writes DIR/gigagate.jar, DIR/lib/ and, depending on the JVM that runs it:
#   Java 25+  DIR/gigagate.aot   an AOT cache (classes loaded and linked ahead of time, and the
#                                profiles of the methods the training requests ran)
#   Java 17+  DIR/gigagate.jsa   an AppCDS archive (classes parsed ahead of time)
# and prints the java options that use it, e.g. "-XX:AOTCache=/opt/gigagate/gigagate.aot".
# Run the gateway as `java <those options> -jar DIR/gigagate.jar ...` with the same JVM; a JVM
# that cannot use the cache says so and starts normally.
#
# The training run needs no credentials and no network beyond loopback: the gateway starts in demo
# mode (its built-in GigaChat emulator, in the same process), serves TRAINING_ROUNDS rounds of
# requests over 127.0.0.1:TRAINING_PORT (chat, a stream, a tool call, embeddings, models), then
# stops, and the JVM writes the cache on its way out. So the cache holds the request path's classes
# too, and on Java 25 what the JIT learnt about them: the first requests, and a burst of streams
# on a fresh gateway, run sooner. TRAINING_ROUNDS=0 trains on the start alone.
set -euo pipefail

jar=${1:?usage: startup-cache.sh FAT-JAR DIR}
dir=${2:?usage: startup-cache.sh FAT-JAR DIR}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
rounds=${TRAINING_ROUNDS:-300}
port=${TRAINING_PORT:-18089}

major=$("$java" -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -n 1)
rm -rf "$dir/lib" "$dir/gigagate.jar"
mkdir -p "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --force --application-filename gigagate.jar --destination "$dir" >/dev/null
dir=$(cd "$dir" && pwd)

if [ "$major" -ge 25 ]; then
  cache="$dir/gigagate.aot"; record="-XX:AOTCacheOutput=$cache"; use="-XX:AOTCache=$cache"
else
  cache="$dir/gigagate.jsa"; record="-XX:ArchiveClassesAtExit=$cache"; use="-XX:SharedArchiveFile=$cache"
fi
rm -f "$cache"
log="$dir/startup-cache.log"

if [ "$rounds" -eq 0 ]; then
  "$java" "$record" -Dspring.context.exit=onRefresh -jar "$dir/gigagate.jar" \
    --server.port=0 --logging.level.root=WARN >"$log" 2>&1
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "startup-cache: port $port is taken; set TRAINING_PORT" >&2
    exit 1
  fi
  "$java" "$record" -jar "$dir/gigagate.jar" --emulator --server.address=127.0.0.1 --server.port="$port" \
    --logging.level.root=WARN >"$log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT

  # request METHOD PATH [JSON]: one HTTP/1.1 exchange over bash's /dev/tcp (the JRE image has no curl);
  # succeeds when the status is 200. Bodies are ASCII, so their length in characters is their length in bytes.
  request() {
    local status
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
      "$1" "$2" "${#3}" "${3:-}" >&3
    read -r -t 30 _ status _ <&3 || status=0
    cat <&3 >/dev/null
    exec 3<&-
    [ "$status" = 200 ]
  }

  ready=0
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || break
    if request GET /v1/models "" 2>/dev/null; then ready=1; break; fi
    sleep 0.1
  done
  [ "$ready" = 1 ] || { echo "startup-cache: the training start did not come up; see $log" >&2; exit 1; }

  user='"messages":[{"role":"user","content":"Hello, this is a training request."}]'
  tools='"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]'
  failed=0
  for _ in $(seq 1 "$rounds"); do
    request POST /v1/chat/completions "{\"model\":\"GigaChat\",$user}" || failed=$((failed + 1))
    request POST /v1/chat/completions "{\"model\":\"GigaChat\",\"stream\":true,$user}" || failed=$((failed + 1))
    request POST /v1/chat/completions "{\"model\":\"GigaChat\",\"stream\":true,\"stream_options\":{\"include_usage\":true},$user,$tools}" \
      || failed=$((failed + 1))
    request POST /v1/chat/completions "{\"model\":\"GigaChat\",$user,$tools}" || failed=$((failed + 1))
    request POST /v1/embeddings '{"model":"Embeddings","input":"Hello, this is a training request."}' || failed=$((failed + 1))
    request GET /v1/models "" || failed=$((failed + 1))
    # the OpenAI Responses front, JSON and streamed (store false: nothing kept)
    request POST /v1/responses '{"model":"GigaChat","input":"Hello, this is a training request.","store":false}' \
      || failed=$((failed + 1))
    request POST /v1/responses '{"model":"GigaChat","stream":true,"input":"Hello, this is a training request.","store":false}' \
      || failed=$((failed + 1))
  done
  [ "$failed" = 0 ] || echo "startup-cache: $failed training requests did not answer 200 (the cache is still made)" >&2

  kill -TERM "$pid"
  wait "$pid" || true   # a JVM stopped by SIGTERM exits with 143, after writing the cache
  trap - EXIT
fi
[ -s "$cache" ] || { echo "startup-cache: no cache was written; see $log" >&2; exit 1; }
echo "$use"
