package io.socketflow.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * A UDP listener's receive buffer, with room for a burst of the largest datagrams: allocated once and read into again
 * once nothing holds a slice of the last burst, where Netty's fixed-size allocator takes a fresh one from the pool for
 * every read (a pool allocation too large for the thread's cache, and a new NIO view of it, per read). If a slice is
 * still held, a new buffer is taken and the old one is left to its slices. One per listener channel.
 */
final class DatagramReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

    private final int capacity;

    /** The buffer, with this allocator's own reference to it. Event loop only. */
    private @Nullable ByteBuf buffer;

    DatagramReceiveBuffer(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {

            @Override
            public ByteBuf allocate(ByteBufAllocator allocator) {
                return take(allocator);
            }

            @Override
            public int guess() {
                return capacity;
            }

        };
    }

    /** The buffer to read into, with a reference for the reader to release when it is done with it. */
    private ByteBuf take(ByteBufAllocator allocator) {
        ByteBuf current = this.buffer;
        if (current == null || current.refCnt() != 1) {
            // Held by a slice still (or never taken): it cannot be written over.
            if (current != null) {
                current.release();
            }
            current = allocator.directBuffer(capacity, capacity);
            this.buffer = current;
        }
        return current.clear().retain();
    }

    /** Lets the buffer go: the channel has closed, on its event loop, so no read is under way. */
    void release() {
        ByteBuf current = this.buffer;
        this.buffer = null;
        if (current != null) {
            current.release();
        }
    }

}
