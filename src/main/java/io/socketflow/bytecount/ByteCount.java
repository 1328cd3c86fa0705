package io.socketflow.bytecount;

import java.nio.charset.StandardCharsets;

/**
 * The byte count rule: {@code Your data was N bytes}, N being the message's length without its terminator;
 * {@code Exit} (any case, surrounding whitespace ignored) gets {@code Disconnect} and ends the session.
 */
public final class ByteCount {

    private static final byte[] DISCONNECT = "Disconnect".getBytes(StandardCharsets.UTF_8);

    public Answer reply(byte[] message) {
        if (isExit(message)) {
            return new Answer(DISCONNECT, true);
        }
        return new Answer(("Your data was " + message.length + " bytes").getBytes(StandardCharsets.UTF_8), false);
    }

    private static boolean isExit(byte[] message) {
        return message.length < 64 && new String(message, StandardCharsets.UTF_8).strip().equalsIgnoreCase("Exit");
    }

    /**
     * @param text the reply
     * @param endsSession whether the server closes the connection after it
     */
    public record Answer(byte[] text, boolean endsSession) {
    }

}
