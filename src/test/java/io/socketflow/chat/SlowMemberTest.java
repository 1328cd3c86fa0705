package io.socketflow.chat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
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
// line framing: in text framing a 64 KiB burst may end mid-line, and that piece would be a chat line of its own.
@TestPropertySource(properties = { "socketflow.chat.member-buffer=4MB", "socketflow.chat.tcp.framing=line" })
class SlowMemberTest {

    private static final int LINE_BYTES = 1024;

    private static final int LINES = 50 * 1024;

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ChatRoom room;

    /** Reads in bulk, as a fast client does, checking that the sender's lines arrive complete and in order. */
    private static int countLinesInOrder(ChatMember reader, String prefix, AtomicLong peakHeap, MemoryMXBean memory) {
        byte[] buffer = new byte[256 * 1024];
        StringBuilder partial = new StringBuilder();
        int count = 0;
        while (count < LINES) {
            int read = reader.client.readSome(buffer);
            if (read < 0) {
                throw new AssertionError("The reader was disconnected after " + count + " lines");
            }
            partial.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            int start = 0;
            int end;
            while ((end = partial.indexOf("\n", start)) >= 0) {
                if (partial.indexOf(prefix, start) == start) {
                    int sequence = Integer.parseInt(partial, start + prefix.length(), start + prefix.length() + 8, 10);
                    assertThat(sequence).isEqualTo(count);
                    assertThat(end - start).isEqualTo(prefix.length() + LINE_BYTES - 8);
                    count++;
                }
                start = end + 1;
            }
            partial.delete(0, start);
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }
        return count;
    }

    @Test
    void memberWhoNeverReadsIsDroppedWhileOthersReceiveEverything() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ChatMember sender = new ChatMember(chatServer.port());
                ChatMember reader = new ChatMember(chatServer.port());
                ChatMember stalled = new ChatMember(chatServer.port())) {
            sender.awaitLine("* " + stalled.nick + " joined");
            reader.awaitLine("* " + stalled.nick + " joined");
            long droppedBefore = room.slowMembersDropped();
            String filler = "x".repeat(LINE_BYTES - 16);
            AtomicLong peakHeap = new AtomicLong();
            String prefix = sender.nick + ": ";

            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> countLinesInOrder(reader,
                    prefix, peakHeap, memory));
            long start = System.nanoTime();
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                chunk.append(String.format("%08d", i)).append(filler).append('\n');
                if (chunk.length() > 64 * 1024) {
                    sender.say(chunk.toString());
                    chunk.setLength(0);
                }
            }
            sender.say(chunk.toString());

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
