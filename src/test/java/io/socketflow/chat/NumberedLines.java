package io.socketflow.chat;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of numbered chat lines of one length, sent in writes of whole lines and read in bulk, as a fast client
 * reads, with a check that each arrives complete and in order.
 */
final class NumberedLines {

    private final int count;

    private final int lineBytes;

    NumberedLines(int count, int lineBytes) {
        this.count = count;
        this.lineBytes = lineBytes;
    }

    void sendFrom(ChatMember sender, int writeBytes) {
        String filler = "x".repeat(lineBytes - 16);
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < count; i++) {
            chunk.append(String.format("%08d", i)).append(filler).append('\n');
            if (chunk.length() >= writeBytes) {
                sender.say(chunk.toString());
                chunk.setLength(0);
            }
        }
        sender.say(chunk.toString());
    }

    /** Reads until every line from the sender has arrived; fails if the reader is disconnected first. */
    int readFrom(ChatMember reader, String senderNick, Runnable afterEachRead) {
        String prefix = senderNick + ": ";
        byte[] buffer = new byte[256 * 1024];
        StringBuilder partial = new StringBuilder();
        int received = 0;
        while (received < count) {
            int read = reader.client.readSome(buffer);
            if (read < 0) {
                throw new AssertionError("The reader was disconnected after " + received + " lines");
            }
            partial.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            int start = 0;
            int end;
            while ((end = partial.indexOf("\n", start)) >= 0) {
                if (partial.indexOf(prefix, start) == start) {
                    int sequence = Integer.parseInt(partial, start + prefix.length(), start + prefix.length() + 8, 10);
                    assertThat(sequence).isEqualTo(received);
                    assertThat(end - start).isEqualTo(prefix.length() + lineBytes - 8);
                    received++;
                }
                start = end + 1;
            }
            partial.delete(0, start);
            afterEachRead.run();
        }
        return received;
    }

}
