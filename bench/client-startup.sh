#!/usr/bin/env bash
# Start-up time of one client invocation (`client tcp 127.0.0.1 PORT hello`), with and without the cheap levers,
# on the JDK 17 and JDK 25 found here. Prints a Markdown table for docs/client.md.
#
#   ./mvnw -q package -DskipTests && bench/client-startup.sh [UPPERCASE_TCP_PORT]
#
# Without a port, a service is started on a free loopback port (and stopped at the end). Environment:
#   RUNS (default 10)  JAVA17, JAVA25 (java binaries; a missing one is skipped)
# Variants run interleaved, so a change in the machine's load hits them alike; "wall min" is the figure closest
# to an idle machine, "cpu" (user + system, median) the steadiest one.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$(ls target/socketflow-*.jar | grep -v -- '-plain' | head -n 1)
WORK=target/client-startup
rm -rf "$WORK" && mkdir -p "$WORK"

server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap stop_server EXIT

PORT=${1:-}
if [ -z "$PORT" ]; then
  "$JAVA17" -jar "$JAR" --server.port=0 --socketflow.uppercase.tcp.port=0 \
    --socketflow.uppercase.tcp.bind-address=127.0.0.1 --socketflow.uppercase.udp.enabled=false \
    --socketflow.bytecount.tcp.enabled=false --socketflow.bytecount.udp.enabled=false \
    --socketflow.chat.tcp.enabled=false > "$WORK/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    PORT=$(sed -n 's/.*uppercase TCP listening on [^ ]*:\([0-9]*\) .*/\1/p' "$WORK/server.log" | head -n 1)
    [ -n "$PORT" ] && break
    sleep 0.5
  done
  [ -n "$PORT" ] || { echo "the service did not start; see $WORK/server.log" >&2; exit 1; }
fi
ARGS=(client tcp 127.0.0.1 "$PORT" hello)

# The extracted layout (plain jars, as in the container image), and a class-data archive of one client run on it.
java_for_tools=$([ -x "$JAVA25" ] && echo "$JAVA25" || echo "$JAVA17")
"$java_for_tools" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" > /dev/null
EXTRACTED=$(ls "$WORK"/extracted/socketflow-*.jar | head -n 1)

NAMES=()
COMMANDS=()
add() { NAMES+=("$1"); COMMANDS+=("${*:2}"); }
if [ -x "$JAVA17" ]; then
  "$JAVA17" -XX:ArchiveClassesAtExit="$WORK/client17.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$EXTRACTED" "${ARGS[@]}" > /dev/null 2> "$WORK/training17.log"
  add "JDK 17, java -jar (default)"                  "$JAVA17" -jar "$JAR" "${ARGS[@]}"
  add "JDK 17, C1 only"                              "$JAVA17" -XX:TieredStopAtLevel=1 -jar "$JAR" "${ARGS[@]}"
  add "JDK 17, extracted jar"                        "$JAVA17" -jar "$EXTRACTED" "${ARGS[@]}"
  add "JDK 17, extracted + AppCDS"                   "$JAVA17" -XX:SharedArchiveFile="$WORK/client17.jsa" -jar "$EXTRACTED" "${ARGS[@]}"
  add "JDK 17, extracted + AppCDS + C1"              "$JAVA17" -XX:SharedArchiveFile="$WORK/client17.jsa" -XX:TieredStopAtLevel=1 -jar "$EXTRACTED" "${ARGS[@]}"
fi
if [ -x "$JAVA25" ]; then
  "$JAVA25" -XX:AOTCacheOutput="$WORK/client25.aot" -Xlog:aot=off -Xlog:cds=off \
    -jar "$EXTRACTED" "${ARGS[@]}" > /dev/null 2> "$WORK/training25.log"
  add "JDK 25, java -jar (default)"                  "$JAVA25" -jar "$JAR" "${ARGS[@]}"
  add "JDK 25, C1 only"                              "$JAVA25" -XX:TieredStopAtLevel=1 -jar "$JAR" "${ARGS[@]}"
  add "JDK 25, extracted jar"                        "$JAVA25" -jar "$EXTRACTED" "${ARGS[@]}"
  add "JDK 25, extracted + AOT cache"                "$JAVA25" -XX:AOTCache="$WORK/client25.aot" -jar "$EXTRACTED" "${ARGS[@]}"
  add "JDK 25, extracted + AOT cache + C1"           "$JAVA25" -XX:AOTCache="$WORK/client25.aot" -XX:TieredStopAtLevel=1 -jar "$EXTRACTED" "${ARGS[@]}"
fi
[ -x "$JAVA17" ] && add "JDK 17, client --help (JVM and jar launcher, no Spring)" "$JAVA17" -jar "$JAR" client --help

: > "$WORK/times"
for _ in $(seq 1 "$RUNS"); do
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" ${COMMANDS[$i]} > "$WORK/stdout" 2> "$WORK/stderr"
    if [[ "$name" != *--help* ]] && [ "$(cat "$WORK/stdout")" != "HELLO" ]; then
      echo "unexpected output from '$name': $(head -c 300 "$WORK/stdout") $(head -c 300 "$WORK/stderr")" >&2
      exit 1
    fi
    echo "$name|$(cat "$WORK/time")" >> "$WORK/times"
  done
done

python3 - "$WORK/times" "$RUNS" "$(uptime | sed 's/.*load average: //')" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, figures = line.rstrip("\n").split("|")
    wall, user, system = (float(x) for x in figures.split())
    rows.setdefault(name, []).append((wall * 1000, (user + system) * 1000))
print(f"{sys.argv[2]} runs each; load average at the end: {sys.argv[3]}\n")
print("| variant | wall min | wall median | CPU median |")
print("|---|---:|---:|---:|")
for name in rows:
    wall = [r[0] for r in rows[name]]
    cpu = [r[1] for r in rows[name]]
    print(f"| {name} | {min(wall):.0f} ms | {statistics.median(wall):.0f} ms | {statistics.median(cpu):.0f} ms |")
PY
