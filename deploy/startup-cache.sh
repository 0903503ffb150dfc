#!/usr/bin/env bash
# Prepares a fast-starting copy of the gateway: the fat jar unpacked (classes load from plain jars
# instead of nested ones) plus a class cache made by one training start.
#
#   deploy/startup-cache.sh target/gigagate.jar /opt/gigagate        # uses java from PATH or JAVA_HOME
#
# Writes DIR/gigagate.jar, DIR/lib/ and, depending on the JVM that runs it:
#   Java 25+  DIR/gigagate.aot   an AOT cache (classes loaded and linked ahead of time)
#   Java 17+  DIR/gigagate.jsa   an AppCDS archive (classes parsed ahead of time)
# and prints the java options that use it, e.g. "-XX:AOTCache=/opt/gigagate/gigagate.aot".
# Run the gateway as `java <those options> -jar DIR/gigagate.jar ...` with the same JVM; a JVM
# that cannot use the cache says so and starts normally.
#
# The training start needs no credentials and no network: Spring refreshes the context (every bean,
# every route) and exits (spring.context.exit=onRefresh), listening on no port.
set -euo pipefail

jar=${1:?usage: startup-cache.sh FAT-JAR DIR}
dir=${2:?usage: startup-cache.sh FAT-JAR DIR}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

major=$("$java" -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+).*/\1/')
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
"$java" "$record" -Dspring.context.exit=onRefresh -jar "$dir/gigagate.jar" \
  --server.port=0 --logging.level.root=WARN >"$dir/startup-cache.log" 2>&1
[ -s "$cache" ] || { echo "startup-cache: no cache was written; see $dir/startup-cache.log" >&2; exit 1; }
echo "$use"
