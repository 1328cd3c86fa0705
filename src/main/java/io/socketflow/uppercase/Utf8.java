package io.socketflow.uppercase;

/**
 * Tells where well-formed UTF-8 is (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
 * so invalid bytes can be passed through while the text around them is uppercased.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The length of the well-formed UTF-8 sequence starting at {@code at}, or 0 if the byte there starts none. */
    static int sequenceLength(byte[] bytes, int at) {
        int lead = bytes[at] & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
        if (lead < 0xC2 || lead > 0xF4) {
            return 0;
        }
        int length = (lead < 0xE0) ? 2 : (lead < 0xF0) ? 3 : 4;
        if (at + length > bytes.length) {
            return 0;
        }
        int second = bytes[at + 1] & 0xFF;
        int low = 0x80;
        int high = 0xBF;
        if (lead == 0xE0) {
            low = 0xA0;
        }
        else if (lead == 0xED) {
            high = 0x9F;
        }
        else if (lead == 0xF0) {
            low = 0x90;
        }
        else if (lead == 0xF4) {
            high = 0x8F;
        }
        if (second < low || second > high) {
            return 0;
        }
        for (int i = 2; i < length; i++) {
            if ((bytes[at + i] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

}
