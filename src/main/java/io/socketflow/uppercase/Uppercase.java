package io.socketflow.uppercase;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The uppercase rule: valid UTF-8 is uppercased by Unicode rules with {@link Locale#ROOT}
 * ({@code straße} becomes {@code STRASSE}); bytes that are not valid UTF-8 pass through unchanged.
 */
public final class Uppercase {

    /** Characters uppercased at once. */
    static final int CHUNK = 256;

    public byte[] apply(byte[] message) {
        if (isAscii(message)) {
            return asciiUppercase(message);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 8);
        int runStart = 0;
        int i = 0;
        while (i < message.length) {
            int length = Utf8.sequenceLength(message, i);
            if (length > 0) {
                i += length;
                continue;
            }
            appendUppercased(message, runStart, i, out);
            out.write(message[i]);
            i++;
            runStart = i;
        }
        appendUppercased(message, runStart, message.length, out);
        return out.toByteArray();
    }

    private static void appendUppercased(byte[] message, int from, int to, ByteArrayOutputStream out) {
        if (from >= to) {
            return;
        }
        String text = new String(message, from, to - from, StandardCharsets.UTF_8);
        // A chunk at a time: the JDK grows its result by one copy for every character that uppercases to more than
        // one (ŉ, ß), so a whole 64 KB message of them took a quadratic 0.3 s of the event loop. Uppercasing has no
        // context in Locale.ROOT, so chunks that keep surrogate pairs whole give the same text.
        for (int start = 0; start < text.length();) {
            int end = Math.min(start + CHUNK, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            out.writeBytes(text.substring(start, end).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            start = end;
        }
    }

    private static boolean isAscii(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] asciiUppercase(byte[] message) {
        byte[] upper = new byte[message.length];
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            upper[i] = (b >= 'a' && b <= 'z') ? (byte) (b - ('a' - 'A')) : b;
        }
        return upper;
    }

}
