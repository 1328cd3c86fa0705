package io.socketflow.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.socketflow.support.Http;
import io.socketflow.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances relaying through one Redis: members on either talk to each other as if in one room.
 */
class RedisRelayTest {

    private static final String PREFIX = "relay-test-" + UUID.randomUUID();

    private static ChatInstance east;

    private static ChatInstance west;

    private final List<RelayMember> members = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        RedisServer redis = RedisServer.shared();
        east = ChatInstance.start(redis, PREFIX);
        west = ChatInstance.start(redis, PREFIX);
    }

    @AfterAll
    static void stopInstances() {
        if (east != null) {
            east.close();
        }
        if (west != null) {
            west.close();
        }
    }

    @AfterEach
    void leave() {
        members.forEach(RelayMember::close);
        await().until(() -> east.room().size() == 0 && west.room().size() == 0);
        await().until(() -> east.presence().online().isEmpty());
    }

    @Test
    void membersOnEitherInstanceHearEachOtherAndEveryNotice() {
        RelayMember alice = join(east);
        RelayMember bob = join(west);
        alice.awaitLine("* " + bob.nick + " joined");
        alice.say("hello west");
        bob.awaitLine(alice.nick + ": hello west");
        bob.say("hello east\nand again");
        assertThat(alice.next()).isEqualTo(bob.nick + ": hello east");
        assertThat(alice.next()).isEqualTo(bob.nick + ": and again");
        String oldNick = bob.nick;
        bob.say("/nick bob");
        assertThat(bob.next()).isEqualTo("* you are now bob");
        assertThat(alice.next()).isEqualTo("* " + oldNick + " is now bob");
        bob.say("bye");
        assertThat(bob.next()).isEqualTo("* bye");
        assertThat(alice.next()).isEqualTo("* bob left");
    }

    @Test
    void everyReceiverSeesEachSendersLinesInOrderAcrossInstances() throws Exception {
        int lines = 300;
        List<RelayMember> talking = List.of(join(east), join(east), join(west));
        List<RelayMember> listening = List.of(join(east), join(west), join(west));
        RelayMember last = listening.get(2);
        for (RelayMember member : talking) {
            member.awaitLine("* " + last.nick + " joined");
        }
        for (RelayMember member : listening.subList(0, 2)) {
            member.awaitLine("* " + last.nick + " joined");
        }
        ExecutorService pool = Executors.newFixedThreadPool(talking.size() + listening.size());
        try {
            for (RelayMember sender : talking) {
                pool.submit(() -> {
                    for (int n = 0; n < lines; n++) {
                        sender.say("line " + n);
                    }
                });
            }
            List<Future<?>> checks = new ArrayList<>();
            for (RelayMember receiver : listening) {
                // A line delivered twice (the own echo from Redis on top of the local delivery) or out of order
                // breaks the count.
                checks.add(pool.submit(() -> {
                    int[] next = new int[talking.size()];
                    for (int i = 0; i < talking.size() * lines; i++) {
                        String line = receiver.next();
                        while (line.startsWith("* ")) {
                            // a join from the other instance may arrive after this member's own
                            line = receiver.next();
                        }
                        int who = indexOfSender(talking, line);
                        assertThat(line).isEqualTo(talking.get(who).nick + ": line " + next[who]);
                        next[who]++;
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(120, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBurstOfMoreLinesThanThePublishQueueHoldsReachesTheOtherInstanceWholeAndInOrder() {
        RelayMember sender = join(east);
        RelayMember receiver = join(west);
        sender.awaitLine("* " + receiver.nick + " joined");
        int lines = 25_000;
        // One write, read by the server far faster than one publish per round trip to Redis could carry it, so the
        // sender's reading is paused, often with part of a line read: that part must wait for the rest of its line.
        sender.say(IntStream.range(0, lines).mapToObj(n -> "line " + n).collect(Collectors.joining("\n")));
        for (int n = 0; n < lines; n++) {
            String line = receiver.next();
            while (line.startsWith("* ")) {
                // the sender's join, relayed from the other instance, may come after the receiver's own
                line = receiver.next();
            }
            assertThat(line).isEqualTo(sender.nick + ": line " + n);
        }
    }

    @Test
    void whoGuestNumbersAndNicknamesSpanBothInstances() {
        RelayMember alice = join(east);
        RelayMember bob = join(west);
        RelayMember carol = join(east);
        assertThat(Set.of(alice.nick, bob.nick, carol.nick)).hasSize(3);
        assertThat(carol.welcome).startsWith("* welcome " + carol.nick + ", 3 online");
        alice.awaitLine("* " + carol.nick + " joined");
        bob.awaitLine("* " + carol.nick + " joined");
        alice.say("/nick Alice");
        assertThat(alice.next()).isEqualTo("* you are now Alice");
        bob.awaitLine("* " + alice.nick + " is now Alice");
        bob.say("/nick alice");
        assertThat(bob.next()).isEqualTo("* nickname alice is taken");
        bob.say("/who");
        assertThat(bob.next()).isEqualTo("* online (3): Alice, " + String.join(", ", sorted(bob.nick, carol.nick)));
        carol.say("/quit");
        carol.awaitLine("* bye");
        bob.awaitLine("* " + carol.nick + " left");
        bob.say("/who");
        assertThat(bob.next()).isEqualTo("* online (2): Alice, " + bob.nick);
    }

    @Test
    void operatorBroadcastReachesEveryInstanceAndKickFindsTheMemberWhereverItIs() {
        RelayMember alice = join(east);
        RelayMember bob = join(west);
        alice.awaitLine("* " + bob.nick + " joined");
        Http operator = east.http();
        assertThat(operator.post("/api/chat/messages", "{\"text\": \"maintenance at noon\"}").status()).isEqualTo(202);
        assertThat(alice.next()).isEqualTo("* operator: maintenance at noon");
        bob.awaitLine("* operator: maintenance at noon");
        assertThat(operator.delete("/api/chat/members/" + bob.nick.toUpperCase()).status()).isEqualTo(204);
        assertThat(bob.next()).isEqualTo("* you were disconnected by the operator");
        assertThat(bob.closedByServer()).isTrue();
        assertThat(alice.next()).isEqualTo("* " + bob.nick + " left");
        assertThat(operator.delete("/api/chat/members/" + bob.nick).status()).isEqualTo(404);
        assertThat(operator.get("/api/chat/members").body()).contains(alice.nick).doesNotContain(bob.nick);
    }

    @Test
    void healthHasARedisComponentOutsideTheProbeGroups() {
        Http http = west.http();
        await().untilAsserted(() -> assertThat(http.get("/actuator/health/redis").status()).isEqualTo(200));
        assertThat(http.get("/actuator/health/redis").body()).contains("\"status\":\"UP\"")
                .contains("\"relay\":\"across instances\"").contains("\"channel\":\"" + PREFIX + ":chat\"");
        assertThat(http.get("/actuator/health").body()).contains("\"redis\"");
        assertThat(http.get("/actuator/health/readiness").body()).contains("\"chatTcp\"").doesNotContain("redis");
        assertThat(http.get("/actuator/health/liveness").body()).doesNotContain("redis");
    }

    private RelayMember join(ChatInstance instance) {
        RelayMember member = instance.join();
        members.add(member);
        return member;
    }

    private static List<String> sorted(String... nicks) {
        return new HashSet<>(List.of(nicks)).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static int indexOfSender(List<RelayMember> senders, String line) {
        for (int i = 0; i < senders.size(); i++) {
            if (line.startsWith(senders.get(i).nick + ": ")) {
                return i;
            }
        }
        throw new AssertionError("Line from no sender: " + line);
    }

}
