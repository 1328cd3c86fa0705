package io.socketflow.chat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A member dropped as too slow is out of the room at once, and, if it reads again within the linger, gets whole lines
 * and then {@code * disconnected: too slow}; one that does not is reset.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.chat.member-buffer=16KB", "socketflow.chat.tcp.framing=line" })
class DroppedMemberTest {

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ChatRoom room;

    @Autowired
    MeterRegistry meters;

    @Test
    void memberDroppedAsTooSlowGetsWholeLinesThenTheNoticeWhenItReadsAgain() throws Exception {
        droppedMemberReadsAgainAfter(Duration.ZERO);
    }

    @Test
    void memberThatReadsAgainOnlySecondsAfterItsDropStillGetsWholeLinesThenTheNotice() throws Exception {
        droppedMemberReadsAgainAfter(Duration.ofSeconds(3));
    }

    @Test
    void memberThatNeverReadsAgainIsResetAfterTheLingerAndItsDropIsCountedOnceAsSlow() throws Exception {
        try (ChatMember sender = new ChatMember(chatServer.port()); Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), chatServer.port()));
            InputStream input = stalled.getInputStream();
            String welcome = lineFrom(input);
            sender.awaitLine("* " + welcome.substring("* welcome ".length(), welcome.indexOf(',')) + " joined");
            double slowBefore = errors("slow_consumer");
            double ioBefore = errors("io");

            CompletableFuture<Void> flood = CompletableFuture.runAsync(
                    () -> new NumberedLines(8192, 1024).sendFrom(sender, 64 * 1024));
            await().atMost(Duration.ofSeconds(30)).until(() -> errors("slow_consumer") > slowBefore);
            flood.get(30, TimeUnit.SECONDS);
            // The stalled member's socket is closed after the 10 s linger, by a reset, its lines still unwritten.
            await().atMost(Duration.ofSeconds(30)).until(() -> chatServer.openSockets() == 1);

            assertThat(errors("slow_consumer")).isEqualTo(slowBefore + 1);
            assertThat(errors("io")).as("the lines the reset discarded are not I/O errors").isEqualTo(ioBefore);
            stalled.setSoTimeout(10_000);
            assertThatThrownBy(input::readAllBytes).as("the stream is reset, not ended as if whole")
                    .isInstanceOf(SocketException.class);
        }
    }

    private double errors(String reason) {
        return meters.get("socketflow.errors").tags("reason", reason, "service", "chat", "transport", "tcp").counter()
                .count();
    }

    private void droppedMemberReadsAgainAfter(Duration pause) throws Exception {
        try (ChatMember sender = new ChatMember(chatServer.port()); Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), chatServer.port()));
            InputStream input = stalled.getInputStream();
            String welcome = lineFrom(input);
            assertThat(welcome).startsWith("* welcome guest-");
            sender.awaitLine("* " + welcome.substring("* welcome ".length(), welcome.indexOf(',')) + " joined");
            long droppedBefore = room.slowMembersDropped();

            // Sent from another thread, so the stalled member can read as soon as it is dropped.
            CompletableFuture<Void> flood = CompletableFuture.runAsync(
                    () -> new NumberedLines(8192, 1024).sendFrom(sender, 64 * 1024));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> room.slowMembersDropped() > droppedBefore);
            assertThat(room.members()).extracting(ChatRoom.MemberView::nick).as("out of the room at once")
                    .containsExactly(sender.nick);

            // The member's own pause, what is under test: a client busy elsewhere for a while.
            Thread.sleep(pause.toMillis());
            stalled.setSoTimeout(10_000);
            String received = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(received).endsWith("\n* disconnected: too slow\n");
            List<String> relayed = received.lines().filter(line -> line.startsWith(sender.nick + ": ")).toList();
            assertThat(relayed).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).as("a whole line").hasSize(relayed.get(0).length()));
            flood.get(30, TimeUnit.SECONDS);
        }
    }

    /** One line, read a byte at a time so that nothing after it is taken from the socket. */
    private static String lineFrom(InputStream input) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = input.read()) >= 0 && next != '\n') {
            line.append((char) next);
        }
        return line.toString();
    }

}
