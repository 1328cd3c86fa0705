package io.socketflow.transport;

import java.io.IOException;
import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Serializer;

import io.socketflow.config.Framing;

/**
 * Cuts a connection's bytes into {@link Frame}s and writes {@link Reply}s, for one {@link Framing}.
 * A message over the limit comes out as {@link Oversized}, never as an exception, so the listener
 * can answer it before closing.
 */
public abstract sealed class FramingCodec implements Serializer<Object> permits DelimitedCodec, LengthPrefixCodec {

    /** How much of the connection's input is known when a decode is tried. */
    enum Arrival {

        /** More bytes are being read right now. */
        MORE_COMING,

        /** Everything the client has sent so far has been read; it may be waiting for an answer. */
        BURST_ENDED,

        /** The client has finished sending. */
        INPUT_ENDED

    }

    protected final int maxMessageBytes;

    protected FramingCodec(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public static FramingCodec of(Framing framing, int maxMessageBytes) {
        return switch (framing) {
            case TEXT -> new DelimitedCodec(maxMessageBytes, true);
            case LINE -> new DelimitedCodec(maxMessageBytes, false);
            case LENGTH_PREFIX -> new LengthPrefixCodec(maxMessageBytes);
        };
    }

    /**
     * Takes the next message from the bytes read so far: a {@link Frame}, an {@link Oversized} (after which the rest
     * of the input is to be dropped), or null when no message is complete yet (or, at the end of input, ever will be).
     */
    abstract @Nullable Object decode(ByteBuf input, Arrival arrival);

    /** Whether a partial message is answered when a read burst ends ({@code text} framing). */
    boolean answersPartialMessages() {
        return false;
    }

    @Override
    public final void serialize(Object object, OutputStream outputStream) throws IOException {
        if (object instanceof Reply reply) {
            write(reply, outputStream);
        }
        else if (object instanceof ReplyBatch batch) {
            for (Reply reply : batch.replies()) {
                write(reply, outputStream);
            }
        }
        else {
            throw new IllegalArgumentException("A TCP listener writes replies, not " + object.getClass().getName());
        }
    }

    /** Bytes the reply takes on the wire, terminator or length header included. */
    public abstract int wireLength(Reply reply);

    protected abstract void write(Reply reply, OutputStream output) throws IOException;

    protected final Oversized oversized(ByteBuf input) {
        input.skipBytes(input.readableBytes());
        return new Oversized(maxMessageBytes);
    }

    protected static byte[] take(ByteBuf input, int length) {
        byte[] payload = new byte[length];
        input.readBytes(payload);
        return payload;
    }

}
