package io.socketflow.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.socketflow.config.Framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FramingCodecTest {

    @Test
    void textFramingSplitsLinesAndKeepsEachTerminator() throws IOException {
        ReadAheadInputStream input = input("one\r\ntwo\nthree");
        FramingCodec codec = FramingCodec.of(Framing.TEXT, 100);
        assertFrame(codec.deserialize(input), "one", Terminator.CRLF);
        assertFrame(codec.deserialize(input), "two", Terminator.LF);
        assertFrame(codec.deserialize(input), "three", Terminator.NONE);
        assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(input));
    }

    @Test
    void textFramingWaitsForBytesTheSocketHasButTlsHasNotYetDecoded() throws IOException {
        FramingCodec codec = FramingCodec.of(Framing.TEXT, 100);
        byte[] nextRecordArrived = new byte[29];
        ReadAheadInputStream overTls = new ReadAheadInputStream(twoRecords("hel", "lo\n"),
                new ByteArrayInputStream(nextRecordArrived));
        assertFrame(codec.deserialize(overTls), "hello", Terminator.LF);
        ReadAheadInputStream nothingMoreArrived = new ReadAheadInputStream(twoRecords("hel", "lo\n"),
                new ByteArrayInputStream(new byte[0]));
        assertFrame(codec.deserialize(nothingMoreArrived), "hel", Terminator.NONE);
    }

    /** Decoded bytes as a TLS socket yields them: one record at a time, reporting only the current one available. */
    private static SequenceInputStream twoRecords(String first, String second) {
        return new SequenceInputStream(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(second.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void lineFramingAnswersAPartialLineOnlyAtEndOfStream() throws IOException {
        ReadAheadInputStream input = input("a\n\nlast");
        FramingCodec codec = FramingCodec.of(Framing.LINE, 100);
        assertFrame(codec.deserialize(input), "a", Terminator.LF);
        assertFrame(codec.deserialize(input), "", Terminator.LF);
        assertFrame(codec.deserialize(input), "last", Terminator.NONE);
    }

    @Test
    void theLimitDoesNotCountTheTerminator() throws IOException {
        FramingCodec codec = FramingCodec.of(Framing.LINE, 4);
        assertFrame(codec.deserialize(input("abcd\r\n")), "abcd", Terminator.CRLF);
        assertThat(codec.deserialize(input("abcde\n"))).isEqualTo(new Oversized(4));
    }

    @Test
    void aMessageTooLongIsReportedBeforeItsEndArrives() throws IOException {
        FramingCodec codec = FramingCodec.of(Framing.LINE, 1000);
        assertThat(codec.deserialize(input("x".repeat(5000)))).isEqualTo(new Oversized(1000));
    }

    @Test
    void lengthPrefixReadsFramesAndDropsAnIncompleteOneAtEndOfStream() throws IOException {
        ReadAheadInputStream input = new ReadAheadInputStream(new ByteArrayInputStream(
                new byte[] { 0, 0, 0, 2, 'h', 'i', 0, 0, 0, 0, 0, 0, 0, 9, 'x' }));
        FramingCodec codec = FramingCodec.of(Framing.LENGTH_PREFIX, 100);
        assertFrame(codec.deserialize(input), "hi", Terminator.NONE);
        assertFrame(codec.deserialize(input), "", Terminator.NONE);
        assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(input));
    }

    @Test
    void lengthPrefixChecksTheHeaderAgainstTheLimit() throws IOException {
        FramingCodec codec = FramingCodec.of(Framing.LENGTH_PREFIX, 100);
        byte[] header = { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF };
        assertThat(codec.deserialize(new ReadAheadInputStream(new ByteArrayInputStream(header))))
                .isEqualTo(new Oversized(100));
    }

    @Test
    void repliesAreFramedLikeRequests() throws IOException {
        Reply reply = new Reply("HI".getBytes(StandardCharsets.UTF_8), Terminator.CRLF, false);
        assertThat(written(Framing.TEXT, reply)).containsExactly('H', 'I', '\r', '\n');
        assertThat(written(Framing.LENGTH_PREFIX, reply)).containsExactly(0, 0, 0, 2, 'H', 'I');
    }

    private static byte[] written(Framing framing, Reply reply) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FramingCodec.of(framing, 100).serialize(reply, out);
        return out.toByteArray();
    }

    private static ReadAheadInputStream input(String text) {
        return new ReadAheadInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertFrame(Object frame, String payload, Terminator terminator) {
        assertThat(frame).isInstanceOf(Frame.class);
        assertThat(new String(((Frame) frame).payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(((Frame) frame).terminator()).isEqualTo(terminator);
    }

}
