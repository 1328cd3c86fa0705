#!/usr/bin/env bash
# run-bench.sh: socketflow against the Netty reference server, the standard suite, side by side.
#
#   bench/run-bench.sh [BENCH_DIR] [JAVA]
#
# BENCH_DIR  the shared bench harness (run.sh, loadgen/, netty-ref/); default ../shared/bench. It is copied to
#            target/bench-harness (the shared folder may be read-only) and loadgen and netty-ref are built there.
# JAVA       the java binary for both servers; default: java on the PATH. Run once per JDK to compare JDKs.
#
# Builds the socketflow jar, runs the harness's run.sh against netty-ref, then socketflow (same ports: TCP 9000,
# UDP 9001, chat 9003; -Xmx512m each), and writes bench/results/<jdk>-<date>.md: per step the absolute figures of
# both, the ratios socketflow/netty for throughput and p99, and the server CPU per request (server CPU / rate).
# Environment: STEPS, DUR, WARM, ROUNDS (default 1: the suite pair is run ROUNDS times, alternating order).
# Load goes to 127.0.0.1 only and every step is bounded in time (see the harness's README).
set -euo pipefail
PROJECT=$(cd "$(dirname "$0")/.." && pwd)
SOURCE=${1:-$PROJECT/../shared/bench}
JAVA=${2:-java}
ROUNDS=${ROUNDS:-1}
HARNESS=$PROJECT/target/bench-harness
RESULTS=$PROJECT/bench/results
mkdir -p "$RESULTS"

log() { printf '[run-bench] %s\n' "$*" >&2; }

if [ ! -x "$HARNESS/run.sh" ]; then
    log "copying the harness from $SOURCE"
    rm -rf "$HARNESS"
    mkdir -p "$(dirname "$HARNESS")"
    cp -r "$SOURCE" "$HARNESS"
    chmod -R u+w "$HARNESS"
    rm -rf "$HARNESS/results"
fi
[ -x "$HARNESS/loadgen/loadgen" ] || make -s -C "$HARNESS/loadgen"
[ -f "$HARNESS/netty-ref/target/netty-ref.jar" ] || (cd "$HARNESS/netty-ref" && mvn -q -B package)

log "building socketflow"
(cd "$PROJECT" && ./mvnw -B -q package -DskipTests)
JAR=$(ls "$PROJECT"/target/socketflow-*.jar | grep -v original | head -1)
cp "$JAR" "$HARNESS/socketflow.jar"

JDK=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print "jdk" $2 }')
STAMP=$(date +%Y%m%d-%H%M%S)
RAW=$HARNESS/results-$JDK-$STAMP
mkdir -p "$RAW"

NETTY="$JAVA -Xmx512m -Dio.netty.leakDetection.level=disabled -jar $HARNESS/netty-ref/target/netty-ref.jar --threads 1 --upper-tcp 9000 --upper-udp 9001 --count-tcp 0 --chat-tcp 9003"
SOCKETFLOW="$JAVA -Xmx512m -jar $HARNESS/socketflow.jar --server.port=0 --socketflow.uppercase.tcp.port=9000 --socketflow.uppercase.udp.port=9001 --socketflow.chat.tcp.port=9003 --socketflow.bytecount.tcp.enabled=false --socketflow.bytecount.udp.enabled=false --socketflow.uppercase.tcp.bind-address=127.0.0.1 --socketflow.uppercase.udp.bind-address=127.0.0.1 --socketflow.chat.tcp.bind-address=127.0.0.1 --logging.level.root=warn"

for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2 == 1)); then order="netty socketflow"; else order="socketflow netty"; fi
    for name in $order; do
        if [ "$name" = netty ]; then cmd=$NETTY; else cmd=$SOCKETFLOW; fi
        log "round $round: $name"
        CHAT_PORT=9003 RESULTS_DIR="$RAW" "$HARNESS/run.sh" "$name-$JDK" "$cmd" 9000 9001 >/dev/null
    done
done

OUT=$RESULTS/$JDK-$STAMP.md
{
    echo "## socketflow vs netty-ref, $JDK ($("$JAVA" -version 2>&1 | head -1)), $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) vCPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r);"
    echo "loadgen and both servers share the machine. Command: \`bench/run-bench.sh $SOURCE $JAVA\` (ROUNDS=$ROUNDS)."
    echo
    awk -v jdk="$JDK" '
    function kv(key,   i, n) {
        for (i = 3; i <= NF; i++) { n = index($i, "="); if (substr($i, 1, n - 1) == key) return substr($i, n + 1) }
        return ""
    }
    function rate(   r) {
        r = kv("msgs_per_s"); if (r == "") r = kv("conns_per_s"); if (r == "") r = kv("deliveries_per_s")
        return r + 0
    }
    $2 == "RESULT" {
        server = ($1 ~ /^netty/) ? "netty" : "socketflow"; step = kv("step")
        if (!(step in seen)) { seen[step] = 1; steps[++n] = step }
        k = server SUBSEP step
        cnt[k]++
        if (step == "hold10k") { thr[k] += kv("alive"); extra[k] = "established " kv("established") }
        else { thr[k] += rate() }
        p99[k] += kv("p99_us") + kv("probe_p99_us") + kv("lat_p99_us")
        cpu[k] += kv("server_cpu_pct"); rss[k] = (kv("server_rss_kb") > rss[k]) ? kv("server_rss_kb") : rss[k]
        if (step == "chat100") deliv[k] = kv("delivery_pct") "% delivered, reorder " kv("reorder")
    }
    END {
        print "| step | netty rate | socketflow rate | ratio | netty p99 µs | socketflow p99 µs | ratio | netty CPU µs/req | socketflow CPU µs/req | ratio | socketflow peak RSS MB |"
        print "|---|---|---|---|---|---|---|---|---|---|---|"
        for (i = 1; i <= n; i++) {
            s = steps[i]; a = "netty" SUBSEP s; b = "socketflow" SUBSEP s
            if (!cnt[a] || !cnt[b]) continue
            ta = thr[a] / cnt[a]; tb = thr[b] / cnt[b]; pa = p99[a] / cnt[a]; pb = p99[b] / cnt[b]
            ca = (ta > 0 && s != "hold10k") ? (cpu[a] / cnt[a]) / 100 / ta * 1e6 : 0
            cb = (tb > 0 && s != "hold10k") ? (cpu[b] / cnt[b]) / 100 / tb * 1e6 : 0
            note = (s == "chat100") ? " (" deliv[b] ")" : (s == "hold10k" ? " (alive)" : "")
            printf "| %s | %.0f | %.0f%s | %.2f | %.0f | %.0f | %.2f | %s | %s | %s | %.0f |\n", s, ta, tb, note,
                (ta > 0 ? tb / ta : 0), pa, pb, (pa > 0 ? pb / pa : 0),
                (ca > 0 ? sprintf("%.1f", ca) : "-"), (cb > 0 ? sprintf("%.1f", cb) : "-"),
                (ca > 0 ? sprintf("%.2f", cb / ca) : "-"), rss[b] / 1024
        }
    }' "$RAW"/*.txt
    echo
    grep -h ' SERVER ' "$RAW"/*.txt | sed 's/^/    /'
} | tee "$OUT"
log "raw results in $RAW; table in $OUT"
