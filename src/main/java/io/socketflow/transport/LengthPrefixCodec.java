package io.socketflow.transport;

import java.io.IOException;
import java.io.OutputStream;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

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
    protected Object read(ReadAheadInputStream input) throws IOException {
        fillTo(input, HEADER_BYTES);
        long length = input.peekUnsignedInt();
        if (length > maxMessageBytes) {
            return oversized(input);
        }
        input.consume(HEADER_BYTES);
        fillTo(input, (int) length);
        return new Frame(input.take((int) length), Terminator.NONE);
    }

    private static void fillTo(ReadAheadInputStream input, int needed) throws IOException {
        while (input.buffered() < needed) {
            if (!input.fill()) {
                throw new SoftEndOfStreamException(input.buffered() == 0 ? "Stream closed between messages"
                        : "Stream closed inside a frame; the incomplete frame is dropped");
            }
        }
    }

    @Override
    public int wireLength(Frame frame) {
        return HEADER_BYTES + frame.payload().length;
    }

    @Override
    public int wireLength(Reply reply) {
        return HEADER_BYTES + reply.payload().length;
    }

    @Override
    protected void write(Reply reply, OutputStream output) throws IOException {
        int length = reply.payload().length;
        output.write(new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length });
        output.write(reply.payload());
    }

}
