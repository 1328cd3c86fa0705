package io.socketflow.chat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member who stops reading is dropped; the room never waits for it and its backlog never grows past
 * {@code member-buffer}.
 */
@SocketflowTest
// line framing: under this load the sender may pause longer than text framing's wait for the end of a cut line.
@TestPropertySource(properties = { "socketflow.chat.member-buffer=4MB", "socketflow.chat.tcp.framing=line" })
class SlowMemberTest {

    private static final int LINE_BYTES = 1024;

    private static final int LINES = 50 * 1024;

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ChatRoom room;

    @Test
    void memberWhoNeverReadsIsDroppedWhileOthersReceiveEverything() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ChatMember sender = new ChatMember(chatServer.port());
                ChatMember reader = new ChatMember(chatServer.port());
                ChatMember stalled = new ChatMember(chatServer.port())) {
            sender.awaitLine("* " + stalled.nick + " joined");
            reader.awaitLine("* " + stalled.nick + " joined");
            long droppedBefore = room.slowMembersDropped();
            NumberedLines lines = new NumberedLines(LINES, LINE_BYTES);
            AtomicLong peakHeap = new AtomicLong();

            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> lines.readFrom(reader,
                    sender.nick, () -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max)));
            long start = System.nanoTime();
            lines.sendFrom(sender, 64 * 1024);

            await().atMost(Duration.ofSeconds(30)).until(() -> room.slowMembersDropped() > droppedBefore);
            Duration untilDropped = Duration.ofNanos(System.nanoTime() - start);
            assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(LINES);
            await().atMost(Duration.ofSeconds(10)).until(stalled.client::closedByServerAfterDraining);
            await().untilAsserted(() -> assertThat(room.members()).extracting(ChatRoom.MemberView::nick)
                    .containsExactlyInAnyOrder(sender.nick, reader.nick));
            System.out.printf("slow member dropped after %d ms; peak heap used while 50 MB were relayed: %d MB%n",
                    untilDropped.toMillis(), peakHeap.get() / (1024 * 1024));
        }
    }

}
