package io.socketflow.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No input harms the service or another connection.
 */
@SocketflowTest
class HostileClientsTest {

    @Autowired
    List<ServiceListener> listeners;

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercaseServer;

    @Test
    void binaryJunkAndNulBytesComeBackUnchangedButUppercased() {
        byte[] junk = new byte[256];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) i;
        }
        junk[10] = 0;
        byte[] expected = junk.clone();
        for (int i = 'a'; i <= 'z'; i++) {
            expected[i] = (byte) (i - 32);
        }
        try (TcpTestClient client = uppercase()) {
            client.send(junk);
            client.shutdownOutput();
            assertThat(client.readToEnd()).isEqualTo(expected);
        }
    }

    @Test
    void resetInTheMiddleOfAMessageHarmsNobody() {
        try (TcpTestClient bystander = uppercase()) {
            for (int i = 0; i < 20; i++) {
                TcpTestClient rude = bytecount();
                rude.send("half a mess");
                rude.reset();
            }
            assertThat(bystander.send("fine\n").readText(5)).isEqualTo("FINE\n");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> uppercaseServer.openConnections() == 0);
    }

    @Test
    void clientSendingOneByteAtATimeDoesNotDelayOthers() throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (TcpTestClient slow = uppercase(); TcpTestClient fast = uppercase()) {
            byte[] message = "slow line\n".getBytes();
            AtomicInteger next = new AtomicInteger();
            pacer.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < message.length) {
                    slow.send(new byte[] { message[i] });
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 50; i++) {
                assertThat(fast.send("quick " + i + "\n").readLine()).isEqualTo("QUICK " + i + "\n");
            }
            assertThat(slow.readText(message.length)).isEqualTo("SLOW LINE\n");
        }
        finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void thousandsOfConnectsAndDisconnectsLeaveTheServiceServing() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                int id = worker;
                work.add(clients.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        try (TcpTestClient client = uppercase()) {
                            if (i % 2 == 0) {
                                assertThat(client.send("hello").receive()).isEqualTo("HELLO");
                            }
                        }
                    }
                    return id;
                }));
            }
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            clients.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> uppercaseServer.openConnections() == 0);
        try (TcpTestClient client = uppercase()) {
            assertThat(client.send("after\n").readText(6)).isEqualTo("AFTER\n");
        }
    }

    @Test
    void clientThatSendsButNeverReadsIsHeldBackByTcpNotBufferedByTheServer() throws Exception {
        byte[] line = ("x".repeat(1023) + "\n").getBytes();
        int lines = 32 * 1024;
        AtomicInteger sent = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (TcpTestClient greedy = uppercase(); TcpTestClient bystander = uppercase()) {
            Future<?> sending = writer.submit(() -> {
                for (int i = 0; i < lines; i++) {
                    greedy.send(line);
                    sent.incrementAndGet();
                }
            });
            // 32 MiB of requests whose replies are never read: once the socket buffers are full the server stops
            // reading, so the client's writes stall instead of the server holding the replies.
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > 0);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !sending.isDone());
            assertThat(sent.get()).isLessThan(lines);
            assertThat(bystander.send("still here\n").readLine()).isEqualTo("STILL HERE\n");

            byte[] expected = ("X".repeat(1023) + "\n").getBytes();
            for (int i = 0; i < lines; i++) {
                assertThat(greedy.read(expected.length)).isEqualTo(expected);
            }
            sending.get(10, TimeUnit.SECONDS);
        }
        finally {
            writer.shutdownNow();
        }
    }

    private TcpTestClient uppercase() {
        return TcpTestClient.local(Ports.of(listeners, "uppercase", Transport.TCP));
    }

    private TcpTestClient bytecount() {
        return TcpTestClient.local(Ports.of(listeners, "bytecount", Transport.TCP));
    }

}
