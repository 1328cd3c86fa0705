package io.socketflow.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import io.socketflow.config.Framing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framings as a connection's decoder applies them: bytes written into a channel, messages read out, with
 * {@code flushInbound} as the end of a read burst and {@code finish} as the client's end of input.
 */
class FramingCodecTest {

    @Test
    void textFramingSplitsLinesAndKeepsEachTerminator() {
        EmbeddedChannel channel = decoding(Framing.TEXT, 100);
        channel.writeOneInbound(bytes("one\r\ntwo\nthr"));
        assertFrame(channel.readInbound(), "one", Terminator.CRLF);
        assertFrame(channel.readInbound(), "two", Terminator.LF);
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeOneInbound(bytes("ee"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "three", Terminator.NONE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void textFramingJoinsTheReadsOfOneBurst() {
        EmbeddedChannel channel = decoding(Framing.TEXT, 100);
        channel.writeOneInbound(bytes("hel"));
        channel.writeOneInbound(bytes("lo\n"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "hello", Terminator.LF);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aClientThatStreamsLinesHasAPartialLineWaitForItsEndAndAnsweredWhenNothingMoreComes() {
        EmbeddedChannel channel = textWithStreamingWait();
        channel.writeOneInbound(bytes("hel"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "hel", Terminator.NONE);
        channel.writeOneInbound(bytes("one\npaste cut"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "one", Terminator.LF);
        elapse(channel, 40);
        assertThat((Object) channel.readInbound()).as("within the wait").isNull();
        channel.writeOneInbound(bytes(" short\nhello"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "paste cut short", Terminator.LF);
        elapse(channel, 40);
        assertThat((Object) channel.readInbound()).as("the wait starts again with each read").isNull();
        elapse(channel, 10);
        assertFrame(channel.readInbound(), "hello", Terminator.NONE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aPartialLineWaitsWhileItsConnectionIsNotReadingAndGetsItsWaitWhenReadingResumes() {
        EmbeddedChannel channel = textWithStreamingWait();
        channel.writeOneInbound(bytes("one\n"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "one", Terminator.LF);

        channel.config().setAutoRead(false);
        channel.writeOneInbound(bytes("paste cut"));
        channel.flushInbound();
        elapse(channel, 500);
        assertThat((Object) channel.readInbound()).as("the rest may be unread in the socket").isNull();
        resumeReading(channel);
        elapse(channel, 40);
        channel.writeOneInbound(bytes(" short\n"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "paste cut short", Terminator.LF);

        channel.writeOneInbound(bytes("tail"));
        channel.flushInbound();
        channel.config().setAutoRead(false);
        elapse(channel, 500);
        assertThat((Object) channel.readInbound()).as("reading stopped within the wait").isNull();
        resumeReading(channel);
        elapse(channel, 50);
        assertFrame(channel.readInbound(), "tail", Terminator.NONE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aCrThatEndsTheInputIsContentAndCountsAgainstTheLimit() {
        EmbeddedChannel line = decoding(Framing.LINE, 4);
        line.writeOneInbound(bytes("abcd\r"));
        assertThat((Object) line.readInbound()).as("may be the start of CRLF").isNull();
        assertThat(line.finish()).isTrue();
        assertThat((Object) line.readInbound()).isEqualTo(new Oversized(4));

        EmbeddedChannel text = decoding(Framing.TEXT, 4);
        text.writeOneInbound(bytes("abcd\r"));
        text.flushInbound();
        assertThat((Object) text.readInbound()).isEqualTo(new Oversized(4));

        EmbeddedChannel withinTheLimit = decoding(Framing.LINE, 4);
        withinTheLimit.writeOneInbound(bytes("abc\r"));
        assertThat(withinTheLimit.finish()).isTrue();
        assertFrame(withinTheLimit.readInbound(), "abc\r", Terminator.NONE);
    }

    @Test
    void lineFramingAnswersAPartialLineOnlyAtEndOfInput() {
        EmbeddedChannel channel = decoding(Framing.LINE, 100);
        channel.writeOneInbound(bytes("a\n\nlast"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "a", Terminator.LF);
        assertFrame(channel.readInbound(), "", Terminator.LF);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isTrue();
        assertFrame(channel.readInbound(), "last", Terminator.NONE);
    }

    @Test
    void theLimitDoesNotCountTheTerminator() {
        EmbeddedChannel channel = decoding(Framing.LINE, 4);
        channel.writeOneInbound(bytes("abcd\r\nabcde\nmore\n"));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "abcd", Terminator.CRLF);
        assertThat((Object) channel.readInbound()).isEqualTo(new Oversized(4));
        assertThat((Object) channel.readInbound()).as("input after an oversized message is dropped").isNull();
    }

    @Test
    void aMessageTooLongIsReportedBeforeItsEndArrives() {
        EmbeddedChannel channel = decoding(Framing.LINE, 1000);
        channel.writeOneInbound(bytes("x".repeat(5000)));
        assertThat((Object) channel.readInbound()).isEqualTo(new Oversized(1000));
    }

    @Test
    void lengthPrefixReadsFramesAndDropsAnIncompleteOneAtEndOfInput() {
        EmbeddedChannel channel = decoding(Framing.LENGTH_PREFIX, 100);
        channel.writeOneInbound(Unpooled.wrappedBuffer(new byte[] { 0, 0, 0, 2, 'h', 'i', 0, 0, 0, 0, 0, 0, 0, 9, 'x' }));
        channel.flushInbound();
        assertFrame(channel.readInbound(), "hi", Terminator.NONE);
        assertFrame(channel.readInbound(), "", Terminator.NONE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void lengthPrefixChecksTheHeaderAgainstTheLimit() {
        EmbeddedChannel channel = decoding(Framing.LENGTH_PREFIX, 100);
        channel.writeOneInbound(Unpooled.wrappedBuffer(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }));
        assertThat((Object) channel.readInbound()).isEqualTo(new Oversized(100));
    }

    @Test
    void repliesAreFramedLikeRequests() throws IOException {
        Reply reply = new Reply("HI".getBytes(StandardCharsets.UTF_8), Terminator.CRLF, false);
        assertThat(written(Framing.TEXT, reply)).containsExactly('H', 'I', '\r', '\n');
        Reply toAFrame = new Reply("HI".getBytes(StandardCharsets.UTF_8), Terminator.NONE, false);
        assertThat(written(Framing.LENGTH_PREFIX, toAFrame)).containsExactly(0, 0, 0, 2, 'H', 'I');
    }

    @Test
    void aLineTheServerEndsWithLfKeepsItsLfInsideItsFrame() throws IOException {
        Reply error = Reply.error("ERROR too many connections");
        assertThat(new String(written(Framing.LENGTH_PREFIX, error), StandardCharsets.UTF_8))
                .isEqualTo("\0\0\0\u001bERROR too many connections\n");
    }

    private static void resumeReading(EmbeddedChannel channel) {
        channel.config().setAutoRead(true);
        channel.pipeline().fireUserEventTriggered(FrameDecoder.READING_RESUMED);
    }

    private static void elapse(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** {@code text} framing with the service's 50 ms wait for a streamed line's rest, on a clock that moves on demand. */
    private static EmbeddedChannel textWithStreamingWait() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(FramingCodec.of(Framing.TEXT, 100),
                Duration.ofMillis(50), bytes -> { }));
        channel.freezeTime();
        return channel;
    }

    private static EmbeddedChannel decoding(Framing framing, int maxMessageBytes) {
        return new EmbeddedChannel(new FrameDecoder(FramingCodec.of(framing, maxMessageBytes), Duration.ZERO, bytes -> { }));
    }

    private static byte[] written(Framing framing, Reply reply) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FramingCodec.of(framing, 100).serialize(reply, out);
        return out.toByteArray();
    }

    private static io.netty.buffer.ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static void assertFrame(Object frame, String payload, Terminator terminator) {
        assertThat(frame).isInstanceOf(Frame.class);
        assertThat(new String(((Frame) frame).payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(((Frame) frame).terminator()).isEqualTo(terminator);
    }

}
