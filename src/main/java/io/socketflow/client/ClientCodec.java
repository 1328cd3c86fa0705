package io.socketflow.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

import io.socketflow.config.Framing;

/**
 * The client's side of a listener's framing, on Spring Integration's codecs: in {@code text} and {@code line}
 * framing messages go out with LF and replies are read up to LF (a CR before it is dropped, as the server's is
 * part of the terminator); in {@code length-prefix} both ways carry a 4-byte big-endian length.
 *
 * <p>For request and reply, the end of the server's side fails the read with {@link ConnectionClosedException}
 * instead of Spring Integration's quiet end of stream, so a waiting outbound gateway learns at once that no reply
 * will come rather than at its timeout. For a stream of lines (chat) the end is quiet: the close event ends it.
 */
final class ClientCodec implements Serializer<byte[]>, Deserializer<byte[]> {

    /** The largest reply read: the largest message a listener accepts, 16 MB. */
    static final int LARGEST_REPLY = 16 * 1024 * 1024;

    private final AbstractByteArraySerializer codec;

    private final boolean lines;

    private final boolean closeFailsRead;

    private ClientCodec(Framing framing, boolean closeFailsRead) {
        this.lines = framing != Framing.LENGTH_PREFIX;
        this.closeFailsRead = closeFailsRead;
        if (lines) {
            // the LF codec works in a buffer of the largest size: one, reused, instead of one per reply
            ByteArrayLfSerializer lf = TcpCodecs.lf(LARGEST_REPLY + 1);
            lf.setPoolSize(1);
            this.codec = lf;
        }
        else {
            this.codec = TcpCodecs.lengthHeader4(LARGEST_REPLY);
        }
    }

    /** For an outbound gateway: a close while a reply is owed fails it at once. */
    static ClientCodec requestReply(Framing framing) {
        return new ClientCodec(framing, true);
    }

    /** For lines that come as they come. */
    static ClientCodec stream(Framing framing) {
        return new ClientCodec(framing, false);
    }

    @Override
    public void serialize(byte[] message, OutputStream output) throws IOException {
        codec.serialize(message, output);
    }

    @Override
    public byte[] deserialize(InputStream input) throws IOException {
        WatchedInput watched = new WatchedInput(input);
        try {
            byte[] reply = codec.deserialize(watched);
            return lines ? withoutCarriageReturn(reply) : reply;
        }
        catch (IOException | SoftEndOfStreamException ex) {
            if (closeFailsRead && watched.ended) {
                throw new ConnectionClosedException("The server closed the connection", ex);
            }
            throw ex;
        }
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
        int length = line.length;
        return (length > 0 && line[length - 1] == '\r') ? Arrays.copyOf(line, length - 1) : line;
    }

    /** Notes whether the connection's input ended or failed, as opposed to the codec refusing what it read. */
    private static final class WatchedInput extends FilterInputStream {

        private boolean ended;

        WatchedInput(InputStream input) {
            super(input);
        }

        @Override
        public int read() throws IOException {
            try {
                int read = super.read();
                ended = read < 0;
                return read;
            }
            catch (IOException ex) {
                ended = true;
                throw ex;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int read = super.read(buffer, offset, length);
                ended = read < 0;
                return read;
            }
            catch (IOException ex) {
                ended = true;
                throw ex;
            }
        }

    }

}
