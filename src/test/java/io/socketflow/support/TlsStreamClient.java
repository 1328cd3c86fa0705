package io.socketflow.support;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * A TLS client that can end its TLS stream with a {@code close_notify} while keeping the socket open both ways, as
 * Go's {@code CloseWrite} does: Netty's {@link SslHandler#closeOutbound()} sends the alert and leaves the TCP stream to
 * the caller.
 */
public final class TlsStreamClient implements Closeable {

    private static final long TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final StringBuffer received = new StringBuffer();

    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private final SslHandler tls;

    private final Channel channel;

    private TlsStreamClient(SSLContext context, String host, int port, String protocol) throws Exception {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] { protocol });
        this.tls = new SslHandler(engine);
        this.channel = new Bootstrap().group(group)
            .channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(tls, new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext context, ByteBuf bytes) {
                            received.append(bytes.toString(StandardCharsets.UTF_8));
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext context) {
                            closed.complete(received.toString());
                        }
                    });
                }
            })
            .connect(host, port)
            .syncUninterruptibly()
            .channel();
        tls.handshakeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A client whose handshake has completed with the given protocol ({@code TLSv1.3}, {@code TLSv1.2}). */
    public static TlsStreamClient connect(SSLContext context, String host, int port, String protocol)
            throws Exception {
        return new TlsStreamClient(context, host, port, protocol);
    }

    public TlsStreamClient send(String text) throws Exception {
        channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** What the server has sent so far. */
    public String received() {
        return received.toString();
    }

    /** Sends {@code close_notify}: the end of this client's TLS stream; its socket stays open both ways. */
    public void endTlsStream() throws Exception {
        tls.closeOutbound().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Everything the server sent before it closed the connection; fails if it does not close within five seconds. */
    public String awaitClosedByServer() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

}
