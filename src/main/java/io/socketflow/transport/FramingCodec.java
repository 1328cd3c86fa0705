package io.socketflow.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

import io.socketflow.config.Framing;

/**
 * Cuts a connection's bytes into {@link Frame}s and writes {@link Reply}s, for one {@link Framing}.
 * A message over the limit comes out as {@link Oversized}, never as an exception, so the listener
 * can answer it before closing.
 */
public abstract sealed class FramingCodec implements Serializer<Object>, Deserializer<Object>
        permits DelimitedCodec, LengthPrefixCodec {

    /** After an oversized message, at most this much of what has already arrived is read and dropped. */
    static final long DISCARD_LIMIT = 1024 * 1024;

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

    /** Returns a {@link Frame}, or {@link Oversized}; throws a soft end-of-stream when the client is done. */
    @Override
    public final Object deserialize(InputStream inputStream) throws IOException {
        return read(ReadAheadInputStream.of(inputStream));
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

    /** Bytes the message took on the wire, terminator or length header included. */
    public abstract int wireLength(Frame frame);

    /** Bytes the reply takes on the wire, terminator or length header included. */
    public abstract int wireLength(Reply reply);

    protected abstract Object read(ReadAheadInputStream input) throws IOException;

    protected abstract void write(Reply reply, OutputStream output) throws IOException;

    protected final Oversized oversized(ReadAheadInputStream input) throws IOException {
        input.discardArrived(DISCARD_LIMIT);
        return new Oversized(maxMessageBytes);
    }

}
