package io.socketflow.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

import io.socketflow.config.TcpListenerProperties;
import io.socketflow.config.TcpListenerProperties.ClientAuth;

/**
 * What happens to a connection between accept and its first message: the load balancer's PROXY protocol header,
 * then the TLS handshake, each within its deadline, on the connection's own thread, so a client that stalls holds
 * up nobody else. A connection that fails either is closed and counted as a {@code socketflow.errors} with reason
 * {@code proxy_protocol} or {@code tls}.
 *
 * <p>TLS is layered on each accepted socket (rather than accepting on an {@code SSLServerSocket}, which Spring
 * Integration's {@code DefaultTcpNetSSLSocketFactorySupport} does) so that a PROXY header can be read in clear before
 * the handshake, and so that each connection takes the bundle's current context, reloads included.
 */
final class ConnectionEdge {

    private static final Log logger = LogFactory.getLog(ConnectionEdge.class);

    private final ListenerId listener;

    private final @Nullable SslBundleContextSupport tls;

    private final ClientAuth clientAuth;

    private final Duration handshakeTimeout;

    private final boolean proxyProtocol;

    private final Supplier<TaskScheduler> scheduler;

    private final @Nullable Counter tlsFailures;

    private final @Nullable Counter proxyProtocolFailures;

    ConnectionEdge(ListenerId listener, TcpListenerProperties properties, @Nullable SslBundleContextSupport tls,
            MeterRegistry meterRegistry, Supplier<TaskScheduler> scheduler) {
        this.listener = listener;
        this.tls = tls;
        this.clientAuth = properties.ssl().clientAuth();
        this.handshakeTimeout = properties.ssl().handshakeTimeout();
        this.proxyProtocol = properties.proxyProtocol();
        this.scheduler = scheduler;
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

    /**
     * The socket a connection reads and writes: the accepted one, or a TLS socket layered on it. Called on the accept
     * thread, so it does no I/O; the handshake waits for {@link #establish}.
     */
    Socket layer(Socket accepted) {
        if (tls == null) {
            return accepted;
        }
        try {
            SSLSocket socket = (SSLSocket) tls.getSSLContext().getSocketFactory().createSocket(accepted, null, true);
            socket.setUseClientMode(false);
            tls.applyOptions(socket);
            switch (clientAuth) {
                case NEED -> socket.setNeedClientAuth(true);
                case WANT -> socket.setWantClientAuth(true);
                case NONE -> socket.setNeedClientAuth(false);
            }
            return socket;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads the PROXY header (when the listener requires one), then completes the TLS handshake (when the listener
     * speaks TLS). On failure the cause is logged and counted; the caller closes the connection.
     *
     * @return how the connection was established, or null if it failed
     */
    @Nullable Established establish(Socket accepted, Socket socket) {
        InetSocketAddress client = null;
        if (proxyProtocol) {
            Deadline deadline = new Deadline(accepted, ProxyProtocol.HEADER_TIMEOUT);
            try {
                client = ProxyProtocol.read(accepted.getInputStream()).client();
            }
            catch (IOException ex) {
                failed(proxyProtocolFailures, accepted, deadline, ex, "no PROXY protocol header within "
                        + ProxyProtocol.HEADER_TIMEOUT.toSeconds() + "s", "no valid PROXY protocol header");
                return null;
            }
            finally {
                deadline.cancel();
            }
        }
        if (socket instanceof SSLSocket tlsSocket) {
            Deadline deadline = new Deadline(accepted, handshakeTimeout);
            try {
                tlsSocket.startHandshake();
            }
            catch (IOException ex) {
                failed(tlsFailures, accepted, deadline, ex, "TLS handshake not finished within "
                        + handshakeTimeout.toMillis() + "ms", "TLS handshake failed");
                return null;
            }
            finally {
                deadline.cancel();
            }
        }
        if (logger.isDebugEnabled()) {
            logger.debug(listener + " connection from " + peer(accepted) + details(client, socket));
        }
        return new Established(client);
    }

    /**
     * Counts a failure, unless the client simply went away: a load balancer's TCP health check connects and closes
     * without a byte, a benchmark closes right after its handshake. Like HAProxy's {@code dontlognull}, that is not an
     * error of the client's TLS or PROXY protocol.
     */
    private void failed(@Nullable Counter counter, Socket accepted, Deadline deadline, IOException ex, String late,
            String failure) {
        boolean clientLeft = !deadline.expired() && endedByClient(ex);
        if (counter != null && !clientLeft) {
            counter.increment();
        }
        if (logger.isDebugEnabled()) {
            String reason = deadline.expired() ? late : (clientLeft ? "the client left" : failure) + ": " + ex.getMessage();
            logger.debug(listener + " closed the connection from " + peer(accepted) + ": " + reason);
        }
    }

    /** Whether the client closed or reset the connection, rather than sent something wrong. */
    private static boolean endedByClient(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException || cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    private static String details(@Nullable InetSocketAddress client, Socket socket) {
        String proxied = (client != null)
                ? " for client " + RemoteAddress.of(client.getAddress().getHostAddress(), client.getPort()) : "";
        String secured = (socket instanceof SSLSocket tlsSocket)
                ? " over " + tlsSocket.getSession().getProtocol() + " " + tlsSocket.getSession().getCipherSuite() : "";
        return proxied + secured;
    }

    private static String peer(Socket socket) {
        return RemoteAddress.of(socket.getInetAddress().getHostAddress(), socket.getPort());
    }

    /**
     * How a connection was established.
     *
     * @param client the client's address as the PROXY header names it; null when there is no header or it names
     *     none, so the socket's own peer stands
     */
    record Established(@Nullable InetSocketAddress client) {
    }

    /** Closes the accepted socket if the step it guards has not finished in time, which unblocks the waiting read. */
    private final class Deadline {

        private final ScheduledFuture<?> expiry;

        private volatile boolean expired;

        Deadline(Socket socket, Duration timeout) {
            this.expiry = scheduler.get().schedule(() -> {
                expired = true;
                closeQuietly(socket);
            }, Instant.now().plus(timeout));
        }

        boolean expired() {
            return expired;
        }

        void cancel() {
            expiry.cancel(false);
        }

    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // closed either way
        }
    }

}
