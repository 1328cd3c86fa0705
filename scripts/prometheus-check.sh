#!/usr/bin/env bash
# prometheus-check.sh: a real Prometheus scraping a real socketflow, using the shipped config/prometheus.yml
# (only the target is changed) and config/alerts.yml.
#
#   scripts/prometheus-check.sh [JAR]
#
# Starts socketflow from JAR (default: target/socketflow-*.jar, built if missing) on free loopback ports,
# checks the rules with `promtool check rules` and one scrape with `promtool check metrics`, starts Debian's
# `prometheus` binary (installed when missing) with the shipped scrape config pointed at it, drives traffic to
# every listener, and asserts through Prometheus's query API that the target is up and the socketflow series
# exist and moved. Stops both processes it started. Exit 0 when every check passed.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '[prometheus-check] %s\n' "$*"; }
CHECKS=0 FAILED=0
check() { CHECKS=$((CHECKS + 1)); if [ "$1" = ok ]; then log "PASS $2"; else log "FAIL $2"; FAILED=$((FAILED + 1)); fi; }

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    log "installing Debian's prometheus package"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q prometheus; } >/dev/null 2>&1
fi
command -v prometheus >/dev/null || { log "prometheus is not installed and could not be installed"; exit 2; }

JAR=${1:-$(ls target/socketflow-*.jar 2>/dev/null | grep -v original | head -1)}
if [ -z "$JAR" ]; then
    log "building the jar"
    ./mvnw -B -q package -DskipTests || exit 2
    JAR=$(ls target/socketflow-*.jar | grep -v original | head -1)
fi

free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}
read -r HTTP UPPER COUNT CHAT PROM_PORT <<<"$(free_ports 5)"
WORK=$(mktemp -d /tmp/socketflow-prometheus.XXXXXX)
APP_PID="" PROM_PID=""
cleanup() {
    for pid in $PROM_PID $APP_PID; do
        kill -TERM "$pid" 2>/dev/null && { timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

log "starting socketflow ($JAR) with HTTP on 127.0.0.1:$HTTP"
java -jar "$JAR" --server.port="$HTTP" --server.address=127.0.0.1 \
    --socketflow.uppercase.tcp.port="$UPPER" --socketflow.uppercase.udp.port="$UPPER" \
    --socketflow.bytecount.tcp.port="$COUNT" --socketflow.bytecount.udp.port="$COUNT" \
    --socketflow.chat.tcp.port="$CHAT" \
    --socketflow.uppercase.tcp.bind-address=127.0.0.1 --socketflow.uppercase.udp.bind-address=127.0.0.1 \
    --socketflow.bytecount.tcp.bind-address=127.0.0.1 --socketflow.bytecount.udp.bind-address=127.0.0.1 \
    --socketflow.chat.tcp.bind-address=127.0.0.1 >"$WORK/socketflow.log" 2>&1 &
APP_PID=$!
for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$HTTP/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/socketflow.log"; log "socketflow did not start"; exit 1; }
    sleep 0.5
done

promtool check rules config/alerts.yml >"$WORK/rules.txt" 2>&1 && check ok "promtool check rules config/alerts.yml" \
    || { cat "$WORK/rules.txt"; check no "promtool check rules config/alerts.yml"; }
curl -fs "http://127.0.0.1:$HTTP/actuator/prometheus" >"$WORK/scrape.txt"
if promtool check metrics <"$WORK/scrape.txt" >"$WORK/lint.txt" 2>&1 && [ ! -s "$WORK/lint.txt" ]; then
    check ok "promtool check metrics: no complaint about /actuator/prometheus"
else
    cat "$WORK/lint.txt"; check no "promtool check metrics"
fi

# The shipped scrape config, with only the target moved to where this socketflow listens.
cp config/alerts.yml "$WORK/alerts.yml"
sed "s/localhost:8081/127.0.0.1:$HTTP/" config/prometheus.yml >"$WORK/prometheus.yml"
promtool check config "$WORK/prometheus.yml" >"$WORK/config.txt" 2>&1 && check ok "promtool check config (shipped prometheus.yml)" \
    || { cat "$WORK/config.txt"; check no "promtool check config"; }
log "starting prometheus on 127.0.0.1:$PROM_PORT"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!

log "driving traffic to every listener for 20 s"
python3 - "$UPPER" "$COUNT" "$CHAT" <<'PY' &
import socket, sys, time
upper, count, chat = (int(p) for p in sys.argv[1:4])
end = time.time() + 20
members = [socket.create_connection(("127.0.0.1", chat)) for _ in range(2)]
while time.time() < end:
    for port in (upper, count):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"hello\n"); s.recv(100)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.settimeout(5); u.sendto(b"hello", ("127.0.0.1", port)); u.recvfrom(100)
    members[0].sendall(b"hello room\n")
    time.sleep(0.2)
for m in members:
    m.close()
PY
TRAFFIC_PID=$!

query() {
    curl -fs --get "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" 2>/dev/null
}
# expect QUERY DESCRIPTION: passes once the query returns at least one sample that is a number (not NaN)
expect() {
    local deadline=$((SECONDS + 45)) result
    while [ $SECONDS -lt $deadline ]; do
        result=$(query "$1")
        if python3 -c 'import json,sys,math; r=json.loads(sys.argv[1])["data"]["result"]; sys.exit(0 if r and all(not math.isnan(float(s["value"][1])) for s in r) else 1)' "$result" 2>/dev/null; then
            check ok "$2: $(python3 -c 'import json,sys; print(", ".join(s["value"][1] for s in json.loads(sys.argv[1])["data"]["result"][:3]))' "$result")"
            return
        fi
        sleep 2
    done
    check no "$2 (query: $1; last answer: ${result:-none})"
}

expect 'up{job="socketflow"} == 1' "target up"
for svc in uppercase bytecount; do
    for tr in tcp udp; do
        expect "increase(socketflow_messages_received_total{service=\"$svc\",transport=\"$tr\"}[1m]) > 0" "$svc $tr messages moved"
    done
done
expect 'increase(socketflow_messages_received_total{service="chat"}[1m]) > 0' "chat messages moved"
expect 'sum(increase(socketflow_connections_opened_total[1m])) > 0' "connections opened"
expect 'histogram_quantile(0.99, sum by (le) (rate(socketflow_message_processing_seconds_bucket{service="uppercase",transport="tcp"}[1m])))' "uppercase TCP p99 processing time"
expect 'socketflow_chat_members' "chat members gauge"
expect 'sum(socketflow_listener_up) == 5' "all five listeners up"
expect 'spring_integration_send_seconds_count{name="uppercaseTcpOut"}' "Spring Integration's own meters"
rules=$(curl -fs "http://127.0.0.1:$PROM_PORT/api/v1/rules")
grep -q SocketflowListenerDown <<<"$rules" && check ok "alert rules loaded from the shipped rule_files" || check no "alert rules loaded"

wait "$TRAFFIC_PID" 2>/dev/null
if [ "$FAILED" -eq 0 ]; then
    log "PROMETHEUS CHECK OK: all $CHECKS checks passed"
    exit 0
fi
log "PROMETHEUS CHECK FAILED: $FAILED of $CHECKS checks failed"
tail -20 "$WORK/prometheus.log"
exit 1
