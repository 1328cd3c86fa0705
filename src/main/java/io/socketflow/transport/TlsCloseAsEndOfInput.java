package io.socketflow.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;

/**
 * Treats a client's TLS {@code close_notify} as the end of its input, as a TCP half-close is: a client that ends its
 * TLS stream but keeps the socket open to read (Go's {@code CloseWrite}, Netty's {@code closeOutbound}) gets its last
 * partial message answered and then the connection closed. Netty only reports the alert, so this turns it into the
 * input-shutdown event that the framing and the connection already act on. Under TLS 1.2 the client's alert also
 * closes the server's side (the protocol discards what was still to be written), so the connection just closes.
 */
@Sharable
final class TlsCloseAsEndOfInput extends ChannelInboundHandlerAdapter {

    static final TlsCloseAsEndOfInput INSTANCE = new TlsCloseAsEndOfInput();

    private TlsCloseAsEndOfInput() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        super.userEventTriggered(context, event);
        if (event instanceof SslCloseCompletionEvent closed && closed.isSuccess() && context.channel().isActive()) {
            SslHandler tls = context.pipeline().get(SslHandler.class);
            if (tls != null && "TLSv1.3".equals(tls.engine().getSession().getProtocol())
                    && !tls.engine().isOutboundDone()) {
                context.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
            else {
                context.close();
            }
        }
    }

}
