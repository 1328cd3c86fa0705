package io.socketflow.transport;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Netty's side of a {@link FramingCodec}: cuts the bytes of one connection into messages as they are read, answers a
 * partial {@code text} message when a read burst ends with nothing more waiting in the socket, and drops all input
 * after an oversized message (the connection closes once its error is written).
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private final FramingCodec codec;

    private boolean discarding;

    FrameDecoder(FramingCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf input, List<Object> out) {
        decodeAll(input, FramingCodec.Arrival.MORE_COMING, out);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext context, ByteBuf input, List<Object> out) {
        decodeAll(input, FramingCodec.Arrival.INPUT_ENDED, out);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        ByteBuf pending = internalBuffer();
        if (!discarding && pending.isReadable() && !moreWaiting(context)) {
            List<Object> out = new ArrayList<>(1);
            decodeAll(pending, FramingCodec.Arrival.BURST_ENDED, out);
            for (Object message : out) {
                context.fireChannelRead(message);
            }
        }
        super.channelReadComplete(context);
    }

    /**
     * Whether the read burst stopped with bytes still waiting in the socket (its last read filled the whole buffer):
     * then the burst's end is not where the client stopped sending, and a partial message waits for the next read.
     */
    private static boolean moreWaiting(ChannelHandlerContext context) {
        RecvByteBufAllocator.Handle reads = context.channel().unsafe().recvBufAllocHandle();
        return reads.lastBytesRead() > 0 && reads.lastBytesRead() == reads.attemptedBytesRead();
    }

    private void decodeAll(ByteBuf input, FramingCodec.Arrival arrival, List<Object> out) {
        while (!discarding && input.isReadable()) {
            Object message = codec.decode(input, arrival);
            if (message == null) {
                break;
            }
            out.add(message);
            discarding = message instanceof Oversized;
        }
        if (discarding) {
            input.skipBytes(input.readableBytes());
        }
    }

}
