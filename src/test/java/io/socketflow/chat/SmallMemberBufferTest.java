package io.socketflow.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's buffer bounds what waits for a member who does not read, not what one read of a sender brings: a
 * member who reads keeps up with a flood whose every read is larger than its buffer.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.chat.member-buffer=16KB", "socketflow.chat.tcp.framing=line" })
class SmallMemberBufferTest {

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ChatRoom room;

    @Test
    void memberWhoReadsIsNotDroppedByAFloodLargerThanItsBuffer() throws Exception {
        try (ChatMember sender = new ChatMember(chatServer.port());
                ChatMember reader = new ChatMember(chatServer.port())) {
            sender.awaitLine("* " + reader.nick + " joined");
            long droppedBefore = room.slowMembersDropped();
            NumberedLines lines = new NumberedLines(4096, 1024);

            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> lines.readFrom(reader,
                    sender.nick, () -> { }));
            lines.sendFrom(sender, 64 * 1024);

            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(4096);
            assertThat(room.slowMembersDropped()).isEqualTo(droppedBefore);
        }
    }

}
