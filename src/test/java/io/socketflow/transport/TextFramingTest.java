package io.socketflow.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default {@code text} framing, over real connections.
 */
@SocketflowTest
@ExtendWith(OutputCaptureExtension.class)
class TextFramingTest {

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void replyKeepsTheRequestsLineTerminator() {
        try (TcpTestClient client = uppercase()) {
            assertThat(client.send("one\n").readText(4)).isEqualTo("ONE\n");
            assertThat(client.send("two\r\n").readText(5)).isEqualTo("TWO\r\n");
        }
    }

    @Test
    void messageWithoutTerminatorIsAnsweredWithoutOne() {
        try (TcpTestClient client = uppercase()) {
            assertThat(client.send("hello").readText(5)).isEqualTo("HELLO");
            assertThat(client.send("again\n").readText(6)).isEqualTo("AGAIN\n");
        }
    }

    @Test
    void severalLinesInOnePacketGetSeveralRepliesInOrder() {
        try (TcpTestClient client = uppercase()) {
            StringBuilder burst = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                burst.append("line ").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
                expected.append("LINE ").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
            }
            client.send(burst.toString());
            assertThat(client.readText(expected.length())).isEqualTo(expected.toString());
        }
    }

    @Test
    void everyLineOfABurstGetsItsOwnByteCount() {
        try (TcpTestClient client = bytecount()) {
            client.send("a\nbb\r\n\n");
            assertThat(client.readLine()).isEqualTo("Your data was 1 bytes\n");
            assertThat(client.readLine()).isEqualTo("Your data was 2 bytes\r\n");
            assertThat(client.readLine()).isEqualTo("Your data was 0 bytes\n");
        }
    }

    @Test
    void linesStreamedInOneLargeWriteAreAnsweredWholeThoughTheyArriveInPieces() throws Exception {
        String line = "é".repeat(20) + "\n";
        try (TcpTestClient client = uppercase()) {
            CompletableFuture<?> sent = CompletableFuture.runAsync(() -> client.send(line.repeat(10_000)));
            String expected = line.toUpperCase(Locale.ROOT);
            byte[] replies = client.read(expected.getBytes(StandardCharsets.UTF_8).length * 10_000);
            assertThat(new String(replies, StandardCharsets.UTF_8).split("\n", -1)).as("no line answered in pieces")
                    .hasSize(10_001).containsOnly(expected.strip(), "");
            sent.get(10, TimeUnit.SECONDS);
        }
        try (TcpTestClient client = bytecount()) {
            CompletableFuture<?> sent = CompletableFuture.runAsync(() -> client.send("x".repeat(10).concat("\n")
                    .repeat(30_000)));
            String expected = "Your data was 10 bytes\n";
            assertThat(client.readText(expected.length() * 30_000)).isEqualTo(expected.repeat(30_000));
            sent.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void emptyLineGetsAnEmptyLineBack() {
        try (TcpTestClient client = uppercase()) {
            assertThat(client.send("\n").readText(1)).isEqualTo("\n");
            assertThat(client.send("\r\n").readText(2)).isEqualTo("\r\n");
        }
    }

    @Test
    void halfCloseAfterAMessageStillGetsTheReply() {
        try (TcpTestClient client = uppercase()) {
            client.send("first\nlast");
            client.shutdownOutput();
            assertThat(new String(client.readToEnd())).isEqualTo("FIRST\nLAST");
        }
    }

    @Test
    void exitEndsTheSessionAndNothingPipelinedAfterItIsAnswered(CapturedOutput output) {
        try (TcpTestClient client = bytecount()) {
            client.send("Hi\n  exit \nmore\n");
            assertThat(new String(client.readToEnd())).isEqualTo("Your data was 2 bytes\nDisconnect\n");
        }
        assertThat(output).as("what followed the exit is dropped quietly, not handled and failed")
                .doesNotContain("Exception handling a message");
    }

    @Test
    void messageOverTheLimitIsRefusedAndOnlyItsConnectionCloses() {
        try (TcpTestClient bystander = uppercase(); TcpTestClient offender = uppercase()) {
            assertThat(bystander.send("before\n").readText(7)).isEqualTo("BEFORE\n");
            offender.send("x".repeat(65537) + "\n");
            assertThat(new String(offender.readToEnd())).isEqualTo("ERROR message exceeds 65536 bytes\n");
            assertThat(bystander.send("after\n").readText(6)).isEqualTo("AFTER\n");
        }
    }

    @Test
    void messageExactlyAtTheLimitIsServed() {
        try (TcpTestClient client = bytecount()) {
            client.send("y".repeat(65536) + "\r\n");
            assertThat(client.readLine()).isEqualTo("Your data was 65536 bytes\r\n");
        }
    }

    private TcpTestClient uppercase() {
        return TcpTestClient.local(Ports.of(listeners, "uppercase", Transport.TCP));
    }

    private TcpTestClient bytecount() {
        return TcpTestClient.local(Ports.of(listeners, "bytecount", Transport.TCP));
    }

}
