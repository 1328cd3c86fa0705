package io.socketflow.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.socketflow.support.Http;
import io.socketflow.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away and coming back, with a Redis server of the test's own: members on one instance keep chatting,
 * health says so, and the relay resumes by itself. The timings are printed for the README.
 */
class RedisOutageTest {

    private static final Pattern REDIS_ERRORS = Pattern.compile(
            "socketflow_errors_total\\{[^}]*reason=\"redis\"[^}]*} ([0-9.E]+)");

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void membersKeepChattingLocallyWhileRedisIsAwayAndTheRelayResumesWhenItIsBack() {
        RedisServer redis = own(RedisServer.startOwn());
        String prefix = "outage-" + UUID.randomUUID();
        ChatInstance east = own(ChatInstance.start(redis, prefix));
        ChatInstance west = own(ChatInstance.start(redis, prefix));
        RelayMember alice = own(east.join());
        RelayMember carol = own(east.join());
        RelayMember bob = own(west.join());
        alice.awaitLine("* " + bob.nick + " joined");
        carol.awaitLine("* " + bob.nick + " joined");
        alice.say("before");
        bob.awaitLine(alice.nick + ": before");
        assertThat(carol.next()).isEqualTo(alice.nick + ": before");

        long stopped = System.nanoTime();
        redis.stop();
        Http eastHttp = east.http();
        Http westHttp = west.http();
        await().until(() -> eastHttp.get("/actuator/health/redis").status() == 503
                && westHttp.get("/actuator/health/redis").status() == 503);
        long healthDown = System.nanoTime();
        assertThat(eastHttp.get("/actuator/health/redis").body()).contains("\"relay\":\"this instance only\"");
        assertThat(eastHttp.get("/actuator/health").status()).isEqualTo(503);
        assertThat(eastHttp.get("/actuator/health/readiness").status()).as("still serving its listeners")
                .isEqualTo(200);
        assertThat(eastHttp.get("/actuator/health/liveness").status()).isEqualTo(200);

        alice.say("while Redis is away");
        assertThat(carol.next()).isEqualTo(alice.nick + ": while Redis is away");
        carol.say("/who");
        assertThat(carol.next()).isEqualTo("* online (2): " + String.join(", ", sorted(alice.nick, carol.nick)));
        carol.say("/nick zed");
        assertThat(carol.next()).isEqualTo("* you are now zed");
        bob.say("/nick zed");
        assertThat(bob.next()).as("nicknames are checked per instance while Redis is away")
                .isEqualTo("* you are now zed");
        assertThat(redisErrors(eastHttp)).isPositive();

        long restarted = System.nanoTime();
        redis.start();
        AtomicInteger probes = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            alice.say("probe " + probes.incrementAndGet());
            return bob.heard(line -> line.startsWith(alice.nick + ": probe ")).isPresent();
        });
        long relayBack = System.nanoTime();
        int firstRelayed = Integer.parseInt(bob.heard(line -> line.startsWith(alice.nick + ": probe ")).orElseThrow()
                .substring((alice.nick + ": probe ").length()));
        await().until(() -> eastHttp.get("/actuator/health/redis").status() == 200
                && westHttp.get("/actuator/health/redis").status() == 200);
        long healthUp = System.nanoTime();

        assertThat(bob.heard(line -> line.contains("while Redis is away"))).as("at most once: lost, not late")
                .isEmpty();
        bob.say("back");
        alice.awaitLine(line -> line.endsWith(": back"), "bob's line after the outage");
        RelayMember renamed = awaitNickLost(carol, bob);
        RelayMember kept = (renamed == carol) ? bob : carol;
        assertThat(renamed.nick).isNotEqualTo("zed");
        kept.say("/who");
        String who = kept.awaitLine(line -> line.startsWith("* online"), "the /who answer");
        assertThat(who).startsWith("* online (3): ").contains("zed", renamed.nick, alice.nick);
        assertThat(eastHttp.get("/actuator/health/readiness").status()).isEqualTo(200);

        System.out.printf("Redis outage: redis health DOWN %d ms after Redis was killed; relay back %d ms and"
                + " health UP %d ms after Redis was restarted (%d probe lines, sent every 100 ms, lost meanwhile)%n",
                millis(healthDown - stopped), millis(relayBack - restarted), millis(healthUp - restarted),
                firstRelayed - 1);
    }

    @Test
    void instanceStartedWhileRedisIsAwayJoinsTheRelayWhenRedisComes() {
        RedisServer redis = own(RedisServer.startOwn());
        redis.stop();
        String prefix = "late-" + UUID.randomUUID();
        ChatInstance early = own(ChatInstance.start(redis, prefix));
        Http health = early.http();
        assertThat(health.get("/actuator/health/redis").status()).isEqualTo(503);
        RelayMember alice = own(early.join());
        redis.start();
        await().until(() -> health.get("/actuator/health/redis").status() == 200);
        ChatInstance late = own(ChatInstance.start(redis, prefix));
        RelayMember bob = own(late.join());
        alice.awaitLine("* " + bob.nick + " joined");
        bob.say("/who");
        assertThat(bob.next()).isEqualTo("* online (2): " + String.join(", ", sorted(alice.nick, bob.nick)));
        alice.say("hello");
        assertThat(bob.next()).isEqualTo(alice.nick + ": hello");
    }

    /** Of two members who took the same nickname while Redis was away, one is made a guest again and told. */
    private static RelayMember awaitNickLost(RelayMember first, RelayMember second) {
        String told = "* nickname zed was taken elsewhere while the relay was away; you are now ";
        RelayMember renamed = await().until(() -> first.heard(line -> line.startsWith(told)).isPresent() ? first
                : second.heard(line -> line.startsWith(told)).isPresent() ? second : null, member -> member != null);
        renamed.nick = renamed.heard(line -> line.startsWith(told)).orElseThrow().substring(told.length());
        return renamed;
    }

    private static double redisErrors(Http http) {
        Matcher errors = REDIS_ERRORS.matcher(http.get("/actuator/prometheus").body());
        assertThat(errors.find()).as("socketflow_errors_total with reason redis").isTrue();
        return Double.parseDouble(errors.group(1));
    }

    private static List<String> sorted(String... nicks) {
        return Arrays.stream(nicks).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

}
