package io.socketflow.transport;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramReceiveBufferTest {

    private final ByteBufAllocator pool = PooledByteBufAllocator.DEFAULT;

    private final DatagramReceiveBuffer reads = new DatagramReceiveBuffer(1024);

    private final RecvByteBufAllocator.Handle handle = reads.newHandle();

    @Test
    void aBufferIsReadIntoAgainOnceTheLastReadIsDoneWith() {
        ByteBuf first = read("first");
        first.release();
        ByteBuf second = handle.allocate(pool);
        assertThat(second).isSameAs(first);
        assertThat(second.readableBytes()).isZero();
        assertThat(second.writableBytes()).isEqualTo(1024);
        second.release();
        reads.release();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void aBufferSomeoneStillReadsFromIsNeverWrittenOver() {
        ByteBuf first = read("first");
        ByteBuf datagram = first.retainedSlice(0, 5);
        first.release();
        ByteBuf second = read("other");
        assertThat(second).isNotSameAs(first);
        assertThat(datagram.toString(StandardCharsets.US_ASCII)).isEqualTo("first");
        datagram.release();
        assertThat(first.refCnt()).isZero();
        second.release();
        reads.release();
        assertThat(second.refCnt()).isZero();
    }

    private ByteBuf read(String datagram) {
        ByteBuf buffer = handle.allocate(pool);
        buffer.writeBytes(datagram.getBytes(StandardCharsets.US_ASCII));
        return buffer;
    }

}
