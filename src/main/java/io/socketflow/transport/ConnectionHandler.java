package io.socketflow.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a connection's pipeline: opens the {@link ChannelConnection} once the edge is passed (at once
 * without PROXY protocol or TLS), hands it the decoded messages, and tells it when a read burst or the client's input
 * ends and when the channel closes.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Log logger = LogFactory.getLog(ConnectionHandler.class);

    /** Makes the application's connection for a channel whose edge has been passed. */
    interface Opener {

        ChannelConnection open(Channel channel, @Nullable InetSocketAddress client);

    }

    private final ChannelEdge edge;

    private final Opener opener;

    private @Nullable ChannelConnection connection;

    ConnectionHandler(ChannelEdge edge, Opener opener) {
        this.edge = edge;
        this.opener = opener;
    }

    /**
     * Not passed on: this is the pipeline's last handler, and the tail does nothing with it. Passing it on made C2,
     * which profiles the context's one {@code fireChannelActive} call site for every hop, inline this whole method a
     * second time into the open's compiled code, under the hop to the tail.
     */
    @Override
    public void channelActive(ChannelHandlerContext context) {
        if (!edge.hasSteps()) {
            open(context);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event == ProxyHeaderDecoder.HEADER_READ) {
            if (!edge.speaksTls()) {
                open(context);
            }
        }
        else if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                open(context);
            }
            else {
                edge.tlsFailed(context.channel(), handshake.cause());
                context.close();
            }
        }
        else if (event instanceof ChannelInputShutdownEvent) {
            ChannelConnection current = connection;
            if (current != null) {
                current.inputEnded();
            }
            else {
                context.close();
            }
        }
        else {
            super.userEventTriggered(context, event);
        }
    }

    private void open(ChannelHandlerContext context) {
        if (connection == null && context.channel().isActive()) {
            // hasAttr first: attr() would add an empty attribute to every connection without a PROXY header.
            Channel channel = context.channel();
            InetSocketAddress client = channel.hasAttr(ProxyHeaderDecoder.CLIENT)
                    ? channel.attr(ProxyHeaderDecoder.CLIENT).get() : null;
            edge.established(channel, client);
            connection = opener.open(channel, client);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ChannelConnection current = connection;
        if (current != null) {
            current.received(message);
        }
        else {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        ChannelConnection current = connection;
        if (current != null) {
            current.readBurstEnded();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        ChannelConnection current = connection;
        if (current != null) {
            current.writabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        ChannelConnection current = connection;
        if (current != null) {
            current.channelClosed();
        }
    }

    /** Resets and broken pipes are how clients leave; the connection is closed and the close counted as usual. */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (logger.isDebugEnabled()) {
            logger.debug("Closing " + context.channel() + ": " + cause);
        }
        ChannelConnection current = connection;
        if (current != null && cause instanceof IOException) {
            current.failed();
        }
        context.close();
    }

}
