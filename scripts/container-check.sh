#!/usr/bin/env bash
# container-check.sh — build the socketflow image and check it from the host, as a user would run it.
#
# usage: scripts/container-check.sh [--no-cache]
#   --no-cache     build without the layer cache (a cold build); the image is kept either way, so the
#                  next build is warm
#
# Works with podman or docker, whichever answers (CONTAINER_ENGINE=podman|docker picks one); with
# neither it says so and exits 0. Builds the Dockerfile, runs the image read-only with a 512 MiB memory
# limit, a port override from the environment (SOCKETFLOW_UPPERCASE_TCP_PORT=13000), a ./config folder
# mounted at /application/config and a secrets folder at /run/secrets, every port published on a free
# 127.0.0.1 port, then checks over real sockets: TCP and UDP uppercase, TCP and UDP bytecount, chat,
# /actuator/health and the Kubernetes probe groups, the tutorial clients (when shared/examples is beside
# the project), the image's HEALTHCHECK, the non-root user, the heap size, and finally that SIGTERM
# ends it cleanly within the grace period with Boot's graceful shutdown in its log.
# Prints PASS/FAIL per check and a count of checks passed and failed; exits 1 when a check failed.
#
# Environment: CONTAINER_ENGINE, IMAGE (default socketflow:check), GRACE_SECONDS (default 30),
#              START_TIMEOUT (seconds to wait for readiness, default 120).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE=${IMAGE:-socketflow:check}
GRACE_SECONDS=${GRACE_SECONDS:-30}
START_TIMEOUT=${START_TIMEOUT:-120}
UPPERCASE_TCP_PORT=13000
NO_CACHE=()
for arg in "$@"; do
  case "$arg" in
    --no-cache) NO_CACHE=(--no-cache);;
    -h|--help) sed -n '2,19p' "$0"; exit 0;;
    *) echo "unknown option: $arg" >&2; exit 2;;
  esac
done

PASSED=0; FAILED=0
pass() { printf 'PASS  %s\n' "$*"; PASSED=$((PASSED + 1)); }
fail() { printf 'FAIL  %s\n' "$*"; FAILED=$((FAILED + 1)); }
info() { printf 'INFO  %s\n' "$*"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
finish() {
  printf "container check: %d checks passed, %d failed\n" "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
  exit
}

# ------------------------------------------------------------------------------------------ engine
ENGINE=${CONTAINER_ENGINE:-}
if [ -z "$ENGINE" ]; then
  if command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1; then ENGINE=podman
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then ENGINE=docker
  fi
fi
if [ -z "$ENGINE" ]; then
  echo "container-check: no container engine here (neither podman nor a docker daemon answers); nothing checked."
  echo "container-check: install podman (on this project's machines: ../shared/container/container-base.sh) to run it."
  exit 0
fi
command -v python3 >/dev/null 2>&1 || { echo "container-check: python3 is needed for the socket checks" >&2; exit 2; }
info "engine: $($ENGINE --version)"

WORK=$(mktemp -d /tmp/socketflow-check.XXXXXX)
CONTAINER=socketflow-check-$$
MEMBER_PID=""
cleanup() {
  [ -n "$MEMBER_PID" ] && kill "$MEMBER_PID" 2>/dev/null
  $ENGINE rm -f "$CONTAINER" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# podman without systemd complains on stderr about health check timers; that noise is not a failure
quiet() { grep -v -e 'systemd' -e '^$' || true; }

# ------------------------------------------------------------------------------------------ probes
# One small Python program speaks each protocol over real sockets, as the tutorial clients do.
cat > "$WORK/probe.py" <<'PY'
import re, socket, sys, urllib.request, urllib.error

def tcp(port, payload, expect_close=False):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(payload.encode())
        reply = s.recv(4096).decode()
        if expect_close:
            reply += "|closed" if s.recv(4096) == b"" else "|open"
        return reply

def udp(port, payload):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(5)
        s.sendto(payload.encode(), ("127.0.0.1", port))
        return s.recv(65535).decode()

def line(sock_file):
    return sock_file.readline().decode().rstrip("\n")

def chat(port):
    """Two members: both get a welcome, the first sees the second join and the second's line relayed."""
    a = socket.create_connection(("127.0.0.1", port), timeout=5); fa = a.makefile("rb")
    welcome_a = line(fa)
    if not welcome_a:
        return "no welcome line (the connection closed without one)"
    b = socket.create_connection(("127.0.0.1", port), timeout=5); fb = b.makefile("rb")
    welcome_b = line(fb)
    found = re.search(r"guest-[0-9]+", welcome_b)
    nick_b = found.group(0) if found else "?"
    joined = line(fa)
    b.sendall(b"hello from the host\n")
    relayed = line(fa)
    b.sendall(b"/quit\n"); a.close(); b.close()
    return "|".join([welcome_a, welcome_b, nick_b, joined, relayed])

def member(port):
    """A chat member that stays until the server goes: prints every line it gets, then EOF."""
    s = socket.create_connection(("127.0.0.1", port), timeout=60); f = s.makefile("rb")
    while True:
        data = f.readline()
        if not data:
            print("EOF", flush=True); return ""
        print(data.decode().rstrip("\n"), flush=True)

def http(url, method="GET", body=None, token=None):
    request = urllib.request.Request(url, method=method, data=body.encode() if body else None)
    if body:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return "%d %s" % (response.status, response.read().decode())
    except urllib.error.HTTPError as error:
        return "%d %s" % (error.code, error.read().decode())

command, args = sys.argv[1], sys.argv[2:]
try:
    if command == "tcp":
        print(tcp(int(args[0]), args[1], len(args) > 2))
    elif command == "udp":
        print(udp(int(args[0]), args[1]))
    elif command == "chat":
        print(chat(int(args[0])))
    elif command == "member":
        member(int(args[0]))
    elif command == "http":
        print(http(*args))
except OSError as error:
    print("ERROR %s" % (error.strerror or error))
PY
probe() { python3 "$WORK/probe.py" "$@"; }
expect() {  # expect DESCRIPTION ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then pass "$1: '$2'"; else fail "$1: got '$2', expected '$3'"; fi
}

# ------------------------------------------------------------------------------------------ build
cd "$ROOT" || exit 2
BUILD_ARGS=(); [ "$ENGINE" = podman ] && BUILD_ARGS=(--format docker)  # the OCI format drops HEALTHCHECK
if [ "$ENGINE" = podman ] && [ -x "$ROOT/../shared/container/container-base.sh" ]; then
  # this project's machines reach no image registry: make the Dockerfile's base images locally
  "$ROOT/../shared/container/container-base.sh" Dockerfile > "$WORK/base.log" 2>&1 ||
    { tail -20 "$WORK/base.log"; fail "base images (../shared/container/container-base.sh)"; finish; }
  BUILD_ARGS+=(--pull=never)
fi
PREVIOUS=$($ENGINE image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null)
t=$(date +%s.%N)
if $ENGINE build "${BUILD_ARGS[@]}" "${NO_CACHE[@]}" -t "$IMAGE" . > "$WORK/build.log" 2>&1; then
  pass "build $IMAGE${NO_CACHE:+ (no cache)} in $(elapsed "$t") s"
else
  tail -40 "$WORK/build.log"; fail "build $IMAGE"; finish
fi
# the image this tag named before is ours and now unnamed: remove it (only it) so checks do not pile up
if [ -n "$PREVIOUS" ] && [ "$PREVIOUS" != "$($ENGINE image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  $ENGINE rmi "$PREVIOUS" > /dev/null 2>&1
fi
SIZE=$($ENGINE image inspect --format '{{.Size}}' "$IMAGE")
info "image $IMAGE: $(awk -v s="$SIZE" 'BEGIN { printf "%.0f MB", s / 1e6 }')," \
  "user $($ENGINE image inspect --format '{{.Config.User}}' "$IMAGE")," \
  "entrypoint $($ENGINE image inspect --format '{{json .Config.Entrypoint}}' "$IMAGE")"

# Does this build carry the operator token property (it arrives with the chat work)? An unknown
# socketflow.* key stops start-up, so the token file is only mounted when the jar documents it.
$ENGINE create --name "$CONTAINER" "$IMAGE" > /dev/null 2>&1
$ENGINE cp "$CONTAINER:/application/application.jar" "$WORK/application.jar" > /dev/null 2>&1
$ENGINE rm -f "$CONTAINER" > /dev/null 2>&1
HAS_TOKEN=$(python3 - "$WORK/application.jar" <<'PY'
import json, sys, zipfile
try:
    with zipfile.ZipFile(sys.argv[1]) as jar:
        names = [p["name"] for p in json.loads(jar.read("META-INF/spring-configuration-metadata.json"))["properties"]]
    print("yes" if "socketflow.operator.token" in names else "no")
except (OSError, KeyError, ValueError, zipfile.BadZipFile):
    print("no")
PY
)

# ------------------------------------------------------------------------------------------ run
# ./config/application.yml as an operator mounts it; files in the secrets folder become properties.
mkdir -p "$WORK/config" "$WORK/secrets"
printf 'management:\n  endpoint:\n    health:\n      show-details: always\n' > "$WORK/config/application.yml"
printf 'true\n' > "$WORK/secrets/management.endpoint.health.probes.add-additional-paths"
TOKEN=check-$$-token
[ "$HAS_TOKEN" = yes ] && printf '%s\n' "$TOKEN" > "$WORK/secrets/socketflow.operator.token"
chmod -R a+rX "$WORK/config" "$WORK/secrets"

PUBLISH=()
for p in $UPPERCASE_TCP_PORT/tcp 12000/udp 1060/tcp 1060/udp 8080/tcp 8081/tcp; do PUBLISH+=(-p "127.0.0.1::$p"); done
RUN_ARGS=(--read-only --tmpfs /tmp --memory 512m)
[ "$ENGINE" = docker ] && RUN_ARGS+=(--health-interval 2s)  # docker has no `healthcheck run`: poll sooner
t=$(date +%s.%N)
if ! $ENGINE run -d --name "$CONTAINER" "${RUN_ARGS[@]}" "${PUBLISH[@]}" \
    -e SOCKETFLOW_UPPERCASE_TCP_PORT=$UPPERCASE_TCP_PORT \
    -v "$WORK/config:/application/config:ro" -v "$WORK/secrets:/run/secrets:ro" \
    "$IMAGE" > "$WORK/run.log" 2>&1; then
  quiet < "$WORK/run.log"; fail "run $IMAGE"; finish
fi
host_port() { $ENGINE port "$CONTAINER" "$1" | head -1 | sed 's/.*://'; }
UP_TCP=$(host_port $UPPERCASE_TCP_PORT/tcp); UP_UDP=$(host_port 12000/udp)
BC_TCP=$(host_port 1060/tcp); BC_UDP=$(host_port 1060/udp)
CHAT=$(host_port 8080/tcp); HTTP=$(host_port 8081/tcp)
info "run $CONTAINER: -e SOCKETFLOW_UPPERCASE_TCP_PORT=$UPPERCASE_TCP_PORT, published on 127.0.0.1:" \
  "uppercase $UP_TCP/tcp $UP_UDP/udp, bytecount $BC_TCP/tcp $BC_UDP/udp, chat $CHAT/tcp, http $HTTP/tcp"

running() { [ "$($ENGINE inspect --format '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = true ]; }
deadline=$(( $(date +%s) + START_TIMEOUT ))
until [ "$(probe http "http://127.0.0.1:$HTTP/actuator/health/readiness" | cut -c1-3)" = 200 ]; do
  if ! running || [ "$(date +%s)" -ge "$deadline" ]; then
    $ENGINE logs --tail 40 "$CONTAINER" 2>&1 | quiet
    fail "ready within ${START_TIMEOUT} s (running: $(running && echo yes || echo no))"; finish
  fi
  sleep 0.5
done
pass "ready $(elapsed "$t") s after run: $($ENGINE logs "$CONTAINER" 2>&1 | grep -o 'Started SocketflowApplication in [0-9.]* seconds' | head -1)"

# ------------------------------------------------------------------------------------------ protocols
expect "uppercase TCP on the overridden port $UPPERCASE_TCP_PORT" "$(probe tcp "$UP_TCP" hello)" HELLO
expect "uppercase UDP 12000" "$(probe udp "$UP_UDP" hello)" HELLO
expect "bytecount TCP 1060" "$(probe tcp "$BC_TCP" Hi)" "Your data was 2 bytes"
expect "bytecount TCP 1060 Exit" "$(probe tcp "$BC_TCP" Exit close)" "Disconnect|closed"
expect "bytecount UDP 1060" "$(probe udp "$BC_UDP" Hi)" "Your data was 2 bytes"

CHAT_OK=no
IFS='|' read -r welcome_a welcome_b nick_b joined relayed <<< "$(probe chat "$CHAT")"
if [[ "$welcome_a" == "* "*guest-* ]] && [[ "$welcome_b" == "* "*guest-* ]]; then
  pass "chat 8080 welcome: '$welcome_a'"
  expect "chat 8080 join notice" "$joined" "* $nick_b joined"
  expect "chat 8080 relay" "$relayed" "$nick_b: hello from the host"
  CHAT_OK=yes
else
  fail "chat 8080 welcome: got '$welcome_a' (no chat listener in this build? SPEC §6 wants a '* ... guest-N' line)"
fi

# ------------------------------------------------------------------------------------------ HTTP side
health=$(probe http "http://127.0.0.1:$HTTP/actuator/health")
if [[ "$health" == "200 "*'"status":"UP"'* ]]; then pass "/actuator/health from the host: UP"
else fail "/actuator/health from the host: ${health:0:200}"; fi
if [[ "$health" == *'"components"'* ]]; then pass "mounted /application/config/application.yml read (health shows details)"
else fail "mounted /application/config/application.yml not read (health shows no details)"; fi
for group in liveness readiness; do
  r=$(probe http "http://127.0.0.1:$HTTP/actuator/health/$group")
  if [[ "$r" == "200 "*'"UP"'* ]]; then pass "/actuator/health/$group (Kubernetes probe): UP"
  else fail "/actuator/health/$group: ${r:0:200}"; fi
done
r=$(probe http "http://127.0.0.1:$HTTP/livez")
if [[ "$r" == "200 "* ]]; then pass "config tree /run/secrets read (a secret file turned on /livez)"
else fail "config tree /run/secrets not read (/livez: ${r:0:80})"; fi
if [ "$HAS_TOKEN" = yes ]; then
  url="http://127.0.0.1:$HTTP/api/chat/messages"
  with=$(probe http "$url" POST '{"text":"check"}' "$TOKEN" | cut -c1-3)
  wrong=$(probe http "$url" POST '{"text":"check"}' "not-$TOKEN" | cut -c1-3)
  if [[ "$with" == 2* ]] && [ "$wrong" = 403 ]; then pass "operator token from /run/secrets: accepted ($with), a wrong one refused ($wrong)"
  else fail "operator token from /run/secrets: with it $with, wrong one $wrong (want 2xx and 403)"; fi
else
  fail "operator token from /run/secrets: this build has no socketflow.operator.token property (chat work not in it)"
fi
r=$(probe http "http://127.0.0.1:$HTTP/actuator/prometheus")
if [[ "$r" == "200 "*"jvm_memory_used_bytes"* ]]; then pass "/actuator/prometheus scrapeable"
else fail "/actuator/prometheus: ${r:0:120}"; fi

# ------------------------------------------------------------------------------------------ tutorial clients
EXAMPLES="$ROOT/../shared/examples"
if [ -d "$EXAMPLES" ]; then
  tutorial() {  # tutorial DESCRIPTION EXPECTED-OUTPUT COMMAND...
    local description=$1 expected=$2 out; shift 2
    out=$("$@" 2>&1)
    if [ "$out" = "$expected" ]; then pass "tutorial $description"; else fail "tutorial $description"; fi
    sed 's/^/        | /' <<< "$out"
  }
  tutorial "tcp_client.py hello" "From Server: HELLO" python3 "$EXAMPLES/tcp_client.py" 127.0.0.1 "$UP_TCP" hello
  tutorial "udp_client.py hello" "HELLO" python3 "$EXAMPLES/udp_client.py" 127.0.0.1 "$UP_UDP" hello
  tutorial "tcp_task_client.py Hi / Exit" "$(printf '%s\n' 'Received Message from Server: Your data was 2 bytes' \
    'Received Message from Server: Disconnect' 'Now you are disconnected from the server')" \
    python3 "$EXAMPLES/tcp_task_client.py" 127.0.0.1 "$BC_TCP" < <(printf 'Hi\nExit\n')
  if [ "$CHAT_OK" = yes ]; then
    # alone in the room nobody answers, so it says 'bye' after the greeting
    out=$(printf 'bye\n' | python3 "$EXAMPLES/chat_client.py" 127.0.0.1 "$CHAT" 2>&1)
    if [ $? -eq 0 ] && [[ "$out" =~ ^"From Server : * ".*guest-[0-9]+ ]]; then pass "tutorial chat_client.py bye"
    else fail "tutorial chat_client.py bye"; fi
    sed 's/^/        | /' <<< "$out"
  fi
else
  info "tutorial clients not found at $EXAMPLES; skipped"
fi

# ------------------------------------------------------------------------------------------ image facts
if [ "$ENGINE" = podman ]; then
  if hc=$(podman healthcheck run "$CONTAINER" 2>&1); then pass "HEALTHCHECK (podman healthcheck run): healthy"
  else fail "HEALTHCHECK (podman healthcheck run): $(quiet <<< "$hc")"; fi
else
  deadline=$(( $(date +%s) + 20 ))
  status() { docker inspect --format '{{.State.Health.Status}}' "$CONTAINER"; }
  while [ "$(status)" = starting ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
  if [ "$(status)" = starting ]; then
    # an engine that never schedules health checks (podman's Docker API without systemd): run the test by hand
    mapfile -t test < <(docker inspect --format '{{json .Config.Healthcheck.Test}}' "$CONTAINER" | python3 -c '
import json, sys
test = json.load(sys.stdin)
print("\n".join(test[1:] if test[0] == "CMD" else ["/bin/sh", "-c", test[1]]))')
    if docker exec "$CONTAINER" "${test[@]}" > /dev/null 2>&1; then pass "HEALTHCHECK (run with docker exec; the engine never scheduled it): healthy"
    else fail "HEALTHCHECK (run with docker exec; the engine never scheduled it): unhealthy"; fi
  else
    expect "HEALTHCHECK (docker health status)" "$(status)" healthy
  fi
fi
uid=$($ENGINE exec "$CONTAINER" id -u 2>/dev/null)
if [ -n "$uid" ] && [ "$uid" != 0 ]; then pass "runs as non-root (uid $uid) on a read-only root file system"
else fail "runs as root or not at all (uid '$uid')"; fi
heap=$($ENGINE exec "$CONTAINER" java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { print $4 }')
expect "heap from the 512 MiB limit (MaxRAMPercentage=75)" "$(( ${heap:-0} / 1048576 )) MiB" "384 MiB"

# ------------------------------------------------------------------------------------------ SIGTERM
if [ "$CHAT_OK" = yes ]; then  # a member still connected must hear the goodbye
  probe member "$CHAT" > "$WORK/member.log" 2>&1 & MEMBER_PID=$!
  until grep -q '^\* ' "$WORK/member.log" 2>/dev/null || ! kill -0 "$MEMBER_PID" 2>/dev/null; do sleep 0.2; done
fi
t=$(date +%s.%N)
$ENGINE stop -t "$GRACE_SECONDS" "$CONTAINER" 2>&1 | quiet > /dev/null
took=$(elapsed "$t")
state=$($ENGINE inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$CONTAINER")
# The JVM ends on SIGTERM with 143 (128 + 15) once its shutdown hooks ran; 137 means it was killed.
if [[ "$state" == "exited 143" || "$state" == "exited 0" ]] && awk -v a="$took" -v b="$GRACE_SECONDS" 'BEGIN { exit !(a < b) }'; then
  pass "SIGTERM: stopped cleanly in $took s (grace $GRACE_SECONDS s), $state"
else
  fail "SIGTERM: $state after $took s (grace $GRACE_SECONDS s)"
fi
$ENGINE logs "$CONTAINER" > "$WORK/container.log" 2>&1
for line in "Commencing graceful shutdown" "Graceful shutdown complete"; do
  found=$(grep -m1 "$line" "$WORK/container.log")
  if [ -n "$found" ]; then pass "log: ${found##*: }"; else fail "log has no '$line'"; fi
done
if [ "$CHAT_OK" = yes ]; then
  wait "$MEMBER_PID" 2>/dev/null; MEMBER_PID=""
  if grep -qx '\* server shutting down' "$WORK/member.log"; then pass "chat member told '* server shutting down'"
  else fail "chat member not told '* server shutting down': $(tr '\n' '|' < "$WORK/member.log")"; fi
fi
if grep -qE '^(Exception|\S+Exception)|ERROR' "$WORK/container.log"; then
  fail "container log has errors:"; grep -E 'ERROR|Exception' "$WORK/container.log" | head -5
else
  pass "container log has no ERROR or exception"
fi

finish
