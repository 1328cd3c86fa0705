package io.socketflow.transport;

import java.io.IOException;
import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The {@code text} and {@code line} framings: a message ends at LF, a CR just before it belongs to the
 * terminator. In {@code text} framing a message also ends where the arrived bytes end, when no more
 * follow at once, so a client that sends {@code hello} without a newline and waits is answered.
 */
final class DelimitedCodec extends FramingCodec {

    private static final byte LF = '\n';

    private static final byte CR = '\r';

    private final boolean answersPartialMessages;

    DelimitedCodec(int maxMessageBytes, boolean answersPartialMessages) {
        super(maxMessageBytes);
        this.answersPartialMessages = answersPartialMessages;
    }

    @Override
    @Nullable Object decode(ByteBuf input, Arrival arrival) {
        int readable = input.readableBytes();
        if (readable == 0) {
            return null;
        }
        int lineFeed = input.indexOf(input.readerIndex(), input.writerIndex(), LF);
        if (lineFeed >= 0) {
            int lineLength = lineFeed - input.readerIndex();
            boolean crlf = lineLength > 0 && input.getByte(lineFeed - 1) == CR;
            int length = crlf ? lineLength - 1 : lineLength;
            if (length > maxMessageBytes) {
                return oversized(input);
            }
            byte[] payload = take(input, length);
            Terminator terminator = crlf ? Terminator.CRLF : Terminator.LF;
            input.skipBytes(terminator.length());
            return new Frame(payload, terminator);
        }
        int pending = (input.getByte(input.writerIndex() - 1) == CR) ? readable - 1 : readable;
        if (pending > maxMessageBytes) {
            return oversized(input);
        }
        if (arrival == Arrival.INPUT_ENDED || (answersPartialMessages && arrival == Arrival.BURST_ENDED)) {
            // Cut here, a last CR has no LF after it: it is content, and counts against the limit.
            return (readable > maxMessageBytes) ? oversized(input) : new Frame(take(input, readable), Terminator.NONE);
        }
        return null;
    }

    @Override
    boolean answersPartialMessages() {
        return answersPartialMessages;
    }

    @Override
    public int wireLength(Reply reply) {
        return reply.payload().length + reply.terminator().length();
    }

    @Override
    protected void write(Reply reply, OutputStream output) throws IOException {
        output.write(reply.payload());
        output.write(reply.terminator().bytes());
    }

}
