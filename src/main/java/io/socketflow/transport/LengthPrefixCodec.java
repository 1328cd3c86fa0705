package io.socketflow.transport;

import java.io.IOException;
import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The {@code length-prefix} framing: a 4-byte big-endian length, then that many bytes. The length is
 * checked against the limit before any payload is read; an incomplete frame at end of stream is dropped.
 */
final class LengthPrefixCodec extends FramingCodec {

    private static final int HEADER_BYTES = 4;

    LengthPrefixCodec(int maxMessageBytes) {
        super(maxMessageBytes);
    }

    @Override
    @Nullable Object decode(ByteBuf input, Arrival arrival) {
        if (input.readableBytes() < HEADER_BYTES) {
            return null;
        }
        long length = input.getUnsignedInt(input.readerIndex());
        if (length > maxMessageBytes) {
            return oversized(input);
        }
        if (input.readableBytes() < HEADER_BYTES + length) {
            return null;
        }
        input.skipBytes(HEADER_BYTES);
        return new Frame(take(input, (int) length), Terminator.NONE);
    }

    @Override
    public int wireLength(Reply reply) {
        return HEADER_BYTES + reply.payload().length + reply.terminator().length();
    }

    /**
     * A reply is framed with its terminator: none for a reply to a frame (a request's terminator is mirrored, and a
     * frame has none), LF for the lines the server ends with LF whatever the client sent (error lines, chat lines), so
     * a frame holds the bytes the delimited framings would send.
     */
    @Override
    protected void write(Reply reply, OutputStream output) throws IOException {
        int length = reply.payload().length + reply.terminator().length();
        output.write(new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length });
        output.write(reply.payload());
        output.write(reply.terminator().bytes());
    }

}
