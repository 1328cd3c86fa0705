package io.socketflow.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code max-connections} on bytecount, {@code idle-timeout} on uppercase.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.bytecount.tcp.max-connections=2",
        "socketflow.uppercase.tcp.idle-timeout=1s" })
class ConnectionLimitsTest {

    @Autowired
    List<ServiceListener> listeners;

    @Autowired
    @Qualifier("bytecountTcpServer")
    TcpServerListener bytecount;

    @Test
    void connectionPastMaxConnectionsIsToldSoAndClosed() {
        try (TcpTestClient first = bytecount(); TcpTestClient second = bytecount()) {
            assertThat(first.send("a\n").readLine()).isEqualTo("Your data was 1 bytes\n");
            assertThat(second.send("b\n").readLine()).isEqualTo("Your data was 1 bytes\n");
            try (TcpTestClient third = bytecount()) {
                assertThat(new String(third.readToEnd())).isEqualTo("ERROR too many connections\n");
            }
            assertThat(first.send("still\n").readLine()).isEqualTo("Your data was 5 bytes\n");
        }
        // Sockets too, the refused one included: a graceful shutdown waits for every open socket.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> bytecount.openConnections() == 0 && bytecount.openSockets() == 0);
        try (TcpTestClient later = bytecount()) {
            assertThat(later.send("c\n").readLine()).isEqualTo("Your data was 1 bytes\n");
        }
    }

    @Test
    void idleConnectionIsClosedAfterIdleTimeout() {
        try (TcpTestClient client = uppercase()) {
            assertThat(client.send("hi\n").readText(3)).isEqualTo("HI\n");
            long start = System.nanoTime();
            assertThat(client.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(4));
        }
    }

    @Test
    void connectionWithTrafficIsNotIdle() throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (TcpTestClient client = uppercase()) {
            var sending = pacer.scheduleAtFixedRate(() -> client.send("ping\n"), 0, 400, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 8; i++) {
                assertThat(client.readLine()).isEqualTo("PING\n");
            }
            sending.cancel(false);
        }
        finally {
            pacer.shutdownNow();
        }
    }

    private TcpTestClient bytecount() {
        return TcpTestClient.local(Ports.of(listeners, "bytecount", Transport.TCP));
    }

    private TcpTestClient uppercase() {
        return TcpTestClient.local(Ports.of(listeners, "uppercase", Transport.TCP));
    }

}
