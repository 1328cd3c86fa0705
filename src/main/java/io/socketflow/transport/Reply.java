package io.socketflow.transport;

import java.nio.charset.StandardCharsets;

/**
 * One message written to a TCP connection.
 *
 * @param payload the bytes, without terminator
 * @param terminator what ends it in the delimited framings
 * @param thenClose whether the server closes the connection once it is written
 */
public record Reply(byte[] payload, Terminator terminator, boolean thenClose) {

    /** A server error line: always LF-terminated, and the connection is closed after it. */
    public static Reply error(String text) {
        return new Reply(text.getBytes(StandardCharsets.UTF_8), Terminator.LF, true);
    }

    /** A line that ends with LF, whatever the receiver sent. */
    public static Reply line(byte[] payload) {
        return new Reply(payload, Terminator.LF, false);
    }

}
