package io.socketflow.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bytecount with {@code line} framing and uppercase with {@code length-prefix} framing.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.bytecount.tcp.framing=line",
        "socketflow.uppercase.tcp.framing=length-prefix", "socketflow.uppercase.tcp.max-message-bytes=1KB" })
class LineAndLengthPrefixFramingTest {

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void lineFramingWaitsForTheRestOfAPartialLine() throws InterruptedException {
        try (TcpTestClient client = bytecount()) {
            client.send("hel");
            // The client pauses mid-line, as a person typing would; the server must wait for the LF.
            Thread.sleep(300);
            client.send("lo\n");
            assertThat(client.readLine()).isEqualTo("Your data was 5 bytes\n");
        }
    }

    @Test
    void lineFramingAnswersAPendingPartialLineAtHalfClose() {
        try (TcpTestClient client = bytecount()) {
            client.send("done\nunfinished");
            client.shutdownOutput();
            assertThat(new String(client.readToEnd())).isEqualTo("Your data was 4 bytes\nYour data was 10 bytes");
        }
    }

    @Test
    void lengthPrefixedRequestsGetLengthPrefixedReplies() {
        try (TcpTestClient client = uppercase()) {
            client.sendFrame("hi\nthere".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.readFrame())).isEqualTo("HI\nTHERE");
            client.sendFrame(new byte[0]);
            assertThat(client.readFrame()).isEmpty();
            client.sendFrame("x".repeat(1024).getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.readFrame())).isEqualTo("X".repeat(1024));
        }
    }

    @Test
    void lengthPrefixHeaderOverTheLimitIsRefusedBeforeThePayloadArrives() {
        try (TcpTestClient client = uppercase()) {
            client.send(new byte[] { 0, 0, 0x04, 0x01 });
            assertThat(new String(client.readFrame())).isEqualTo("ERROR message exceeds 1024 bytes\n");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void lengthPrefixIncompleteFrameAtHalfCloseIsDropped() {
        try (TcpTestClient client = uppercase()) {
            client.sendFrame("ok".getBytes(StandardCharsets.UTF_8));
            client.send(new byte[] { 0, 0, 0, 9, 'x' });
            client.shutdownOutput();
            assertThat(client.readToEnd()).containsExactly(0, 0, 0, 2, 'O', 'K');
        }
    }

    private TcpTestClient uppercase() {
        return TcpTestClient.local(Ports.of(listeners, "uppercase", Transport.TCP));
    }

    private TcpTestClient bytecount() {
        return TcpTestClient.local(Ports.of(listeners, "bytecount", Transport.TCP));
    }

}
