package io.socketflow.transport;

import java.io.IOException;
import java.io.OutputStream;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

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
    protected Object read(ReadAheadInputStream input) throws IOException {
        int searched = 0;
        while (true) {
            int lineFeed = input.indexOf(LF, searched);
            if (lineFeed >= 0) {
                return line(input, lineFeed);
            }
            searched = input.buffered();
            int pending = (searched > 0 && input.byteAt(searched - 1) == CR) ? searched - 1 : searched;
            if (pending > maxMessageBytes) {
                return oversized(input);
            }
            if (answersPartialMessages && searched > 0 && !input.moreWaiting()) {
                return new Frame(input.take(searched), Terminator.NONE);
            }
            if (!input.fill()) {
                if (searched == 0) {
                    throw new SoftEndOfStreamException("Stream closed between messages");
                }
                return new Frame(input.take(searched), Terminator.NONE);
            }
        }
    }

    private Object line(ReadAheadInputStream input, int lineFeed) throws IOException {
        boolean crlf = lineFeed > 0 && input.byteAt(lineFeed - 1) == CR;
        int length = crlf ? lineFeed - 1 : lineFeed;
        if (length > maxMessageBytes) {
            return oversized(input);
        }
        byte[] payload = input.take(length);
        Terminator terminator = crlf ? Terminator.CRLF : Terminator.LF;
        input.consume(terminator.length());
        return new Frame(payload, terminator);
    }

    @Override
    public int wireLength(Frame frame) {
        return frame.payload().length + frame.terminator().length();
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
