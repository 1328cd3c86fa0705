package io.socketflow.chat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.Http;
import io.socketflow.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that dies without a word (SIGKILL, in a JVM of its own) leaves no ghosts: its members' presence
 * expires after {@code presence-ttl}, so they leave {@code /who} and their nicknames are free again.
 */
class RedisPresenceExpiryTest {

    private static final Duration TTL = Duration.ofSeconds(3);

    private final List<AutoCloseable> resources = new ArrayList<>();

    private Process doomed;

    @AfterEach
    void close() throws Exception {
        if (doomed != null) {
            doomed.destroyForcibly().waitFor();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void membersOfAKilledInstanceVanishAfterThePresenceTtl() throws Exception {
        RedisServer redis = RedisServer.shared();
        String prefix = "expiry-" + UUID.randomUUID();
        ChatInstance survivor = own(ChatInstance.start(redis, prefix));
        int chatPort = freePort();
        int httpPort = freePort();
        doomed = startInItsOwnJvm(redis, prefix, chatPort, httpPort);
        Http doomedHttp = new Http(httpPort);
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> doomedHttp.get("/actuator/health/readiness").status() == 200);

        RelayMember watcher = own(survivor.join());
        RelayMember ghost = own(new RelayMember(chatPort));
        watcher.awaitLine("* " + ghost.nick + " joined");
        ghost.say("/nick ghost");
        watcher.awaitLine("* " + ghost.nick + " is now ghost");
        watcher.say("/who");
        assertThat(watcher.next()).isEqualTo("* online (2): ghost, " + watcher.nick);

        doomed.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        watcher.say("/who");
        assertThat(watcher.next()).as("nobody said goodbye").isEqualTo("* online (2): ghost, " + watcher.nick);
        await().atMost(TTL.multipliedBy(3)).until(() -> {
            watcher.say("/who");
            return watcher.next().equals("* online (1): " + watcher.nick);
        });
        System.out.printf("Presence expiry: the killed instance's member left /who %d ms after the kill"
                + " (presence-ttl %d ms)%n", Duration.ofNanos(System.nanoTime() - killed).toMillis(), TTL.toMillis());
        watcher.say("/nick ghost");
        assertThat(watcher.next()).isEqualTo("* you are now ghost");
    }

    private static Process startInItsOwnJvm(RedisServer redis, String prefix, int chatPort, int httpPort)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), SocketflowApplication.class.getName()));
        command.addAll(ChatInstance.flags(prefix, chatPort, httpPort));
        command.addAll(redis.flags());
        command.addAll(List.of("--socketflow.chat.redis.presence-ttl=" + TTL.toMillis() + "ms",
                "--socketflow.chat.redis.heartbeat=" + TTL.dividedBy(3).toMillis() + "ms"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/redis-presence-expiry-instance.log"))
                .start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

}
