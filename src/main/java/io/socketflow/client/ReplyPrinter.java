package io.socketflow.client;

import java.io.PrintStream;

/**
 * Prints replies on stdout exactly as they arrived, one per line, flushed at once so pipes see each reply when
 * it comes: a reply that already ends its line (a {@code length-prefix} frame holding an error or chat line) is not
 * followed by an empty one. Chat lines arrive on the connection's thread, so printing is serialized.
 */
final class ReplyPrinter {

    private final PrintStream out;

    ReplyPrinter(PrintStream out) {
        this.out = out;
    }

    synchronized void print(byte[] reply) {
        out.write(reply, 0, reply.length);
        if (reply.length == 0 || reply[reply.length - 1] != '\n') {
            out.write('\n');
        }
        out.flush();
    }

}
