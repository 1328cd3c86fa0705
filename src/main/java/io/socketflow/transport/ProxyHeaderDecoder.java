package io.socketflow.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.AttributeKey;

/**
 * Reads the PROXY protocol header a load balancer sends before the client's first byte, within
 * {@link ProxyProtocol#HEADER_TIMEOUT}. The client it names is kept on the channel; then the decoder steps aside (the
 * TLS handler, if any, takes its place) and passes on whatever followed the header.
 */
final class ProxyHeaderDecoder extends ByteToMessageDecoder {

    /** The client the PROXY header named; absent when it named none. */
    static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("socketflow.proxiedClient");

    /** Fired down the pipeline once the header has been read. */
    static final Object HEADER_READ = new Object() {

        @Override
        public String toString() {
            return "PROXY header read";
        }

    };

    private final ChannelEdge edge;

    private ScheduledFuture<?> deadline;

    private boolean done;

    ProxyHeaderDecoder(ChannelEdge edge) {
        this.edge = edge;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        deadline = context.executor().schedule(() -> {
            if (!done) {
                done = true;
                edge.proxyProtocolFailed(context.channel(), null, true);
                context.close();
            }
        }, ProxyProtocol.HEADER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf input, List<Object> out) {
        read(context, input, false);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext context, ByteBuf input, List<Object> out) {
        read(context, input, true);
    }

    private void read(ChannelHandlerContext context, ByteBuf input, boolean inputEnded) {
        if (done) {
            input.skipBytes(input.readableBytes());
            return;
        }
        int start = input.readerIndex();
        ProxyProtocol.ProxyHeader header;
        try {
            header = ProxyProtocol.read(new ArrivedBytes(input, inputEnded));
        }
        catch (NotYetArrived ex) {
            input.readerIndex(start);
            return;
        }
        catch (IOException ex) {
            done = true;
            deadline.cancel(false);
            input.skipBytes(input.readableBytes());
            edge.proxyProtocolFailed(context.channel(), ex, false);
            context.close();
            return;
        }
        done = true;
        deadline.cancel(false);
        if (header.client() != null) {
            context.channel().attr(CLIENT).set(header.client());
        }
        edge.afterProxyHeader(context.pipeline(), context.name());
        context.fireUserEventTriggered(HEADER_READ);
        context.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        deadline.cancel(false);
        super.channelInactive(context);
    }

    /** The bytes arrived so far, as the stream the header parser reads; running out means wait for more. */
    private static final class ArrivedBytes extends InputStream {

        private final ByteBuf input;

        private final boolean inputEnded;

        ArrivedBytes(ByteBuf input, boolean inputEnded) {
            this.input = input;
            this.inputEnded = inputEnded;
        }

        @Override
        public int read() throws IOException {
            if (input.isReadable()) {
                return input.readUnsignedByte();
            }
            if (inputEnded) {
                return -1;
            }
            throw NotYetArrived.INSTANCE;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!input.isReadable()) {
                return read();
            }
            int count = Math.min(length, input.readableBytes());
            input.readBytes(target, offset, count);
            return count;
        }

    }

    /** The header is not complete yet. */
    private static final class NotYetArrived extends IOException {

        static final NotYetArrived INSTANCE = new NotYetArrived();

        private NotYetArrived() {
            super("more bytes needed");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

    }

}
