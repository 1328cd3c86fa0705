package io.socketflow.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Netty's side of a {@link FramingCodec}: cuts the bytes of one connection into messages as they are read, answers a
 * partial {@code text} message when a read burst ends with nothing more waiting in the socket, and drops all input
 * after an oversized message (the connection closes once its error is written). A client that streams lines (it has
 * ended one before) has a partial line answered only when nothing more comes within a short wait: its next bytes are
 * most likely on their way. A partial message is never answered while the connection is not reading.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** Fired into the pipeline by the connection when it reads again after it had stopped. */
    static final Object READING_RESUMED = new Object() {

        @Override
        public String toString() {
            return "reading resumed";
        }

    };

    private final FramingCodec codec;

    private final long partialWaitNanos;

    private final IntConsumer bytesRead;

    private boolean discarding;

    /** Whether the client has ended a line: it streams lines, and a partial one is likely cut in transit. */
    private boolean streamingLines;

    private @Nullable ScheduledFuture<?> partialTimer;

    /**
     * @param streamingLineWait how long a partial line of a client that streams lines waits for more bytes before it is
     *     answered (in {@code text} framing)
     * @param bytesRead told how many bytes each read brought, whatever becomes of them
     */
    FrameDecoder(FramingCodec codec, Duration streamingLineWait, IntConsumer bytesRead) {
        this.codec = codec;
        this.bytesRead = bytesRead;
        this.partialWaitNanos = codec.answersPartialMessages() ? streamingLineWait.toNanos() : 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        cancelPartialTimer();
        if (message instanceof ByteBuf bytes) {
            bytesRead.accept(bytes.readableBytes());
        }
        super.channelRead(context, message);
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
        if (!discarding && pending.isReadable() && !moreWaiting(context) && !readingPaused(context)) {
            if (partialWaitNanos > 0 && streamingLines) {
                waitForMore(context);
            }
            else {
                answerPartial(context);
            }
        }
        super.channelReadComplete(context);
    }

    /**
     * The connection reads again after a pause: a partial message held meanwhile gets the wait for the rest of it, which
     * may have been waiting unread in the socket.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event != READING_RESUMED) {
            super.userEventTriggered(context, event);
            return;
        }
        if (partialWaitNanos > 0 && !discarding && internalBuffer().isReadable() && partialTimer == null) {
            waitForMore(context);
        }
    }

    private void waitForMore(ChannelHandlerContext context) {
        cancelPartialTimer();
        partialTimer = context.executor().schedule(() -> partialWaitEnded(context), partialWaitNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * Nothing more came within the wait: what is pending is a message, answered as if a read burst had just ended.
     * Unless the connection has stopped reading meanwhile (its client does not read its replies, or the chat's relay
     * is catching up): the rest of the message may be waiting unread in the socket, so it is held until reading
     * resumes.
     */
    private void partialWaitEnded(ChannelHandlerContext context) {
        partialTimer = null;
        if (!context.isRemoved() && context.channel().isActive() && !readingPaused(context) && answerPartial(context)) {
            context.fireChannelReadComplete();
        }
    }

    private static boolean readingPaused(ChannelHandlerContext context) {
        return !context.channel().config().isAutoRead();
    }

    private boolean answerPartial(ChannelHandlerContext context) {
        List<Object> out = new ArrayList<>(1);
        decodeAll(internalBuffer(), FramingCodec.Arrival.BURST_ENDED, out);
        for (Object message : out) {
            context.fireChannelRead(message);
        }
        return !out.isEmpty();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        cancelPartialTimer();
        super.channelInactive(context);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext context) {
        cancelPartialTimer();
    }

    private void cancelPartialTimer() {
        ScheduledFuture<?> timer = partialTimer;
        if (timer != null) {
            partialTimer = null;
            timer.cancel(false);
        }
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
            streamingLines |= message instanceof Frame frame && frame.terminator() != Terminator.NONE;
        }
        if (discarding) {
            input.skipBytes(input.readableBytes());
        }
    }

}
