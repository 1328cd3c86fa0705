package io.socketflow.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes count as traffic for the idle timeout as they arrive, before they make a message: a client that types a line
 * or sends a frame a byte at a time, slower than the timeout in all, is not idle.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.framing=line", "socketflow.uppercase.tcp.idle-timeout=1",
        "socketflow.bytecount.tcp.framing=length-prefix", "socketflow.bytecount.tcp.idle-timeout=1" })
class IdleTimeoutTest {

    /** Eight bytes, one every 300 ms: 2.4 s for the message, against a 1 s timeout. */
    private static final long BYTE_INTERVAL_MILLIS = 300;

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void aLineTypedSlowerThanTheTimeoutInAllIsAnswered() throws Exception {
        try (TcpTestClient client = TcpTestClient.local(Ports.of(listeners, "uppercase", Transport.TCP))) {
            sendByteByByte(client, "abcdefg\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readLine()).isEqualTo("ABCDEFG\n");
        }
    }

    @Test
    void aFrameSentSlowerThanTheTimeoutInAllIsAnswered() throws Exception {
        try (TcpTestClient client = TcpTestClient.local(Ports.of(listeners, "bytecount", Transport.TCP))) {
            sendByteByByte(client, new byte[] { 0, 0, 0, 4, 'a', 'b', 'c', 'd' });
            assertThat(new String(client.readFrame(), StandardCharsets.US_ASCII)).isEqualTo("Your data was 4 bytes");
        }
    }

    /** A slow client, what is under test: its bytes paced, one at a time. */
    private static void sendByteByByte(TcpTestClient client, byte[] bytes) throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            for (byte b : bytes) {
                pacer.schedule(() -> client.send(new byte[] { b }), BYTE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS).get();
            }
        }
        finally {
            pacer.shutdownNow();
        }
    }

}
