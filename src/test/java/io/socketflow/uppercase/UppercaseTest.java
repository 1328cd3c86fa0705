package io.socketflow.uppercase;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UppercaseTest {

    private final Uppercase uppercase = new Uppercase();

    @Test
    void asciiIsUppercased() {
        assertThat(apply("hello, World 42!")).isEqualTo("HELLO, WORLD 42!");
    }

    @Test
    void unicodeFollowsRootLocaleRules() {
        assertThat(apply("straße")).isEqualTo("STRASSE");
        assertThat(apply("é à ñ")).isEqualTo("É À Ñ");
        assertThat(apply("istanbul")).isEqualTo("ISTANBUL");
        assertThat(apply("ǆ ﬁ")).isEqualTo("Ǆ FI");
    }

    @Test
    void longTextIsUppercasedWholeAcrossChunksIncludingExpansionsAndSurrogatePairs() {
        // A supplementary letter (U+10428, two chars) straddling a chunk's end, and a message of expanding letters.
        String straddling = "a".repeat(Uppercase.CHUNK - 1) + "\uD801\uDC28" + "ŉß".repeat(Uppercase.CHUNK);
        assertThat(apply(straddling)).isEqualTo(straddling.toUpperCase(Locale.ROOT));
        assertThat(apply("ŉ".repeat(30_000))).isEqualTo("ʼN".repeat(30_000));
    }

    @Test
    void invalidUtf8PassesThroughWhileTheTextAroundItIsUppercased() {
        byte[] message = { 'a', (byte) 0xFF, 'b', (byte) 0xC3, (byte) 0xA9, (byte) 0xC3, 'c' };
        byte[] expected = { 'A', (byte) 0xFF, 'B', (byte) 0xC3, (byte) 0x89, (byte) 0xC3, 'C' };
        assertThat(uppercase.apply(message)).isEqualTo(expected);
    }

    @Test
    void surrogatesAndOverlongFormsAreNotText() {
        byte[] encodedSurrogate = { (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x' };
        byte[] overlongSlash = { (byte) 0xC0, (byte) 0xAF, 'x' };
        assertThat(uppercase.apply(encodedSurrogate)).isEqualTo(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'X' });
        assertThat(uppercase.apply(overlongSlash)).isEqualTo(new byte[] { (byte) 0xC0, (byte) 0xAF, 'X' });
    }

    @Test
    void binaryAndNulBytesSurvive() {
        byte[] message = { 0, 1, 'q', 0, (byte) 0x80 };
        assertThat(uppercase.apply(message)).isEqualTo(new byte[] { 0, 1, 'Q', 0, (byte) 0x80 });
    }

    @Test
    void emptyMessageStaysEmpty() {
        assertThat(uppercase.apply(new byte[0])).isEmpty();
    }

    private String apply(String text) {
        return new String(uppercase.apply(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

}
