package io.socketflow.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import javax.net.ssl.SSLEngine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.socketflow.config.TcpListenerProperties;
import io.socketflow.config.TcpListenerProperties.ClientAuth;

/**
 * What happens to a connection between accept and its first message: the load balancer's PROXY protocol header,
 * then the TLS handshake, each within its deadline. A connection that fails either is closed and counted as a
 * {@code socketflow.errors} with reason {@code proxy_protocol} or {@code tls}.
 *
 * <p>The TLS handler is added only after the PROXY header (which comes in clear), and each connection takes the
 * bundle's current context, reloads included.
 */
final class ChannelEdge {

    private static final Log logger = LogFactory.getLog(ChannelEdge.class);

    private static final String TLS_HANDLER = "tls";

    private final ListenerId listener;

    private final @Nullable SslBundleContextSupport tls;

    private final ClientAuth clientAuth;

    private final long handshakeTimeoutMillis;

    private final boolean proxyProtocol;

    private final @Nullable Counter tlsFailures;

    private final @Nullable Counter proxyProtocolFailures;

    ChannelEdge(ListenerId listener, TcpListenerProperties properties, @Nullable SslBundleContextSupport tls,
            MeterRegistry meterRegistry) {
        this.listener = listener;
        this.tls = tls;
        this.clientAuth = properties.ssl().clientAuth();
        this.handshakeTimeoutMillis = properties.ssl().handshakeTimeout().toMillis();
        this.proxyProtocol = properties.proxyProtocol();
        this.tlsFailures = (tls != null) ? errors(meterRegistry, "tls") : null;
        this.proxyProtocolFailures = proxyProtocol ? errors(meterRegistry, "proxy_protocol") : null;
    }

    private Counter errors(MeterRegistry meterRegistry, String reason) {
        return meterRegistry.counter("socketflow.errors", "service", listener.service(), "transport",
                listener.transport().label(), "reason", reason);
    }

    /** How the listener's connections start, for its start-up log line. */
    String describe() {
        StringBuilder description = new StringBuilder();
        if (tls != null) {
            description.append(", TLS from SSL bundle '").append(tls.bundleName()).append("'");
            if (clientAuth != ClientAuth.NONE) {
                description.append(" with client-auth ").append(clientAuth.name().toLowerCase(Locale.ROOT));
            }
        }
        if (proxyProtocol) {
            description.append(", PROXY protocol required");
        }
        return description.toString();
    }

    /** Whether a connection is established only after its edge has been passed, rather than when it is accepted. */
    boolean hasSteps() {
        return proxyProtocol || tls != null;
    }

    boolean speaksTls() {
        return tls != null;
    }

    /** The handlers of a new connection's edge, first in its pipeline. */
    void install(ChannelPipeline pipeline) {
        if (proxyProtocol) {
            pipeline.addLast(new ProxyHeaderDecoder(this));
        }
        else if (tls != null) {
            pipeline.addLast(TLS_HANDLER, tlsHandler());
            pipeline.addLast(TlsCloseAsEndOfInput.INSTANCE);
        }
    }

    /** The PROXY header has been read: the TLS handshake comes next, if the listener speaks TLS. */
    void afterProxyHeader(ChannelPipeline pipeline, String proxyHandlerName) {
        if (tls != null) {
            pipeline.addAfter(proxyHandlerName, TLS_HANDLER, tlsHandler());
            pipeline.addAfter(TLS_HANDLER, null, TlsCloseAsEndOfInput.INSTANCE);
        }
    }

    private SslHandler tlsHandler() {
        SSLEngine engine = tls.getSSLContext().createSSLEngine();
        engine.setUseClientMode(false);
        tls.applyOptions(engine);
        switch (clientAuth) {
            case NEED -> engine.setNeedClientAuth(true);
            case WANT -> engine.setWantClientAuth(true);
            case NONE -> engine.setNeedClientAuth(false);
        }
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    void proxyProtocolFailed(Channel channel, @Nullable IOException cause, boolean late) {
        failed(proxyProtocolFailures, channel, cause, late,
                "no PROXY protocol header within " + ProxyProtocol.HEADER_TIMEOUT.toSeconds() + "s",
                "no valid PROXY protocol header");
    }

    void tlsFailed(Channel channel, Throwable cause) {
        boolean late = cause instanceof SslHandshakeTimeoutException;
        failed(tlsFailures, channel, cause, late, "TLS handshake not finished within " + handshakeTimeoutMillis + "ms",
                "TLS handshake failed");
    }

    void established(Channel channel, @Nullable InetSocketAddress client) {
        if (logger.isDebugEnabled()) {
            String proxied = (client != null)
                    ? " for client " + RemoteAddress.of(client.getAddress().getHostAddress(), client.getPort()) : "";
            SslHandler handler = channel.pipeline().get(SslHandler.class);
            String secured = (handler != null) ? " over " + handler.engine().getSession().getProtocol() + " "
                    + handler.engine().getSession().getCipherSuite() : "";
            logger.debug(listener + " connection from " + peer(channel) + proxied + secured);
        }
    }

    /**
     * Counts a failure, unless the client simply went away: a load balancer's TCP health check connects and closes
     * without a byte, a benchmark closes right after its handshake. Like HAProxy's {@code dontlognull}, that is not an
     * error of the client's TLS or PROXY protocol.
     */
    private void failed(@Nullable Counter counter, Channel channel, @Nullable Throwable cause, boolean late,
            String lateReason, String failure) {
        boolean clientLeft = !late && endedByClient(cause);
        if (counter != null && !clientLeft) {
            counter.increment();
        }
        if (logger.isDebugEnabled()) {
            String reason = late ? lateReason
                    : (clientLeft ? "the client left" : failure) + ": " + ((cause != null) ? cause.getMessage() : "");
            logger.debug(listener + " closed the connection from " + peer(channel) + ": " + reason);
        }
    }

    /** Whether the client closed or reset the connection, rather than sent something wrong. */
    private static boolean endedByClient(@Nullable Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException || cause instanceof SocketException
                    || cause instanceof ClosedChannelException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("Connection closed while SSL/TLS handshake")
                    || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    private static String peer(Channel channel) {
        InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
        return (peer != null) ? RemoteAddress.of(peer.getAddress().getHostAddress(), peer.getPort()) : "a client";
    }

}
