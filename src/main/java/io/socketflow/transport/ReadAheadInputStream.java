package io.socketflow.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A connection's input with a buffer the framing codecs can search and take messages from.
 *
 * <p>Written by hand because the codecs must see how much has arrived without blocking
 * ({@code text} framing answers a partial message when no more bytes follow at once) and
 * must keep the bytes of the next pipelined message between two {@code deserialize} calls,
 * which Spring Integration's stateless deserializers cannot. One instance per connection,
 * used only by that connection's reader thread.
 */
final class ReadAheadInputStream extends InputStream {

    private static final int INITIAL_CAPACITY = 1024;

    /** Above this the buffer is given back once it is empty, so one big message does not pin memory. */
    private static final int RETAINED_CAPACITY = 16 * 1024;

    /** Runs before a read that may block, so nothing the connection owes its peer waits behind it. */
    interface BeforeBlocking {

        void run() throws IOException;

    }

    private final InputStream source;

    private final InputStream wire;

    private final BeforeBlocking beforeBlocking;

    private byte[] buffer = new byte[0];

    private int start;

    private int end;

    ReadAheadInputStream(InputStream source) {
        this(source, source);
    }

    ReadAheadInputStream(InputStream source, InputStream wire) {
        this(source, wire, () -> {
        });
    }

    /**
     * @param source the connection's application bytes
     * @param wire the socket's own bytes, when {@code source} decodes them (TLS): bytes waiting there mean more
     *     application bytes are on their way, although {@code source} cannot yet tell
     * @param beforeBlocking runs before every read that may block
     */
    ReadAheadInputStream(InputStream source, InputStream wire, BeforeBlocking beforeBlocking) {
        this.source = source;
        this.wire = wire;
        this.beforeBlocking = beforeBlocking;
    }

    static ReadAheadInputStream of(InputStream stream) {
        if (stream instanceof ReadAheadInputStream readAhead) {
            return readAhead;
        }
        throw new IllegalStateException("Framing codecs read from a ReadAheadInputStream, got " + stream.getClass());
    }

    /** Bytes read from the socket and not yet taken. */
    int buffered() {
        return end - start;
    }

    /**
     * Whether more bytes than those buffered have already arrived, so reading them would not block for long. Over TLS
     * the decoded bytes of one record may be all taken while the next record has arrived: the wire tells.
     */
    boolean moreWaiting() throws IOException {
        return source.available() > 0 || (wire != source && wire.available() > 0);
    }

    /** Reads at least one more byte into the buffer, blocking until it arrives; false at end of stream. */
    boolean fill() throws IOException {
        beforeBlocking.run();
        makeRoom();
        int read = source.read(buffer, end, buffer.length - end);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    /** The offset (from the first buffered byte) of {@code value} at or after {@code from}, or -1. */
    int indexOf(byte value, int from) {
        for (int i = start + from; i < end; i++) {
            if (buffer[i] == value) {
                return i - start;
            }
        }
        return -1;
    }

    byte byteAt(int offset) {
        return buffer[start + offset];
    }

    /** The next four buffered bytes as a big-endian unsigned number. */
    long peekUnsignedInt() {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (buffer[start + i] & 0xFF);
        }
        return value;
    }

    /** Copies out and consumes the next {@code length} buffered bytes. */
    byte[] take(int length) {
        byte[] taken = Arrays.copyOfRange(buffer, start, start + length);
        consume(length);
        return taken;
    }

    void consume(int length) {
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > RETAINED_CAPACITY) {
                buffer = new byte[INITIAL_CAPACITY];
            }
        }
    }

    /** Drops everything buffered and whatever has already arrived, up to {@code limit} bytes of the latter. */
    void discardArrived(long limit) throws IOException {
        consume(buffered());
        long discarded = 0;
        while (discarded < limit && source.available() > 0) {
            makeRoom();
            int read = source.read(buffer, 0, buffer.length);
            if (read < 0) {
                return;
            }
            discarded += read;
        }
    }

    private void makeRoom() {
        if (end < buffer.length) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        else {
            buffer = Arrays.copyOf(buffer, Math.max(INITIAL_CAPACITY, buffer.length * 2));
        }
    }

    @Override
    public int read() throws IOException {
        if (end == start && !fill()) {
            return -1;
        }
        int value = buffer[start] & 0xFF;
        consume(1);
        return value;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (end == start) {
            beforeBlocking.run();
            return source.read(target, offset, length);
        }
        int count = Math.min(length, end - start);
        System.arraycopy(buffer, start, target, offset, count);
        consume(count);
        return count;
    }

    @Override
    public int available() throws IOException {
        return (end - start) + source.available();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

}
