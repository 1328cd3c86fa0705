package io.socketflow.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;

/**
 * The limits of one TCP listener, which Spring Integration does not have: at most {@code max-connections}
 * open at once, and no connection idle (no bytes either way) for longer than {@code idle-timeout}.
 * Each accepted connection is wrapped in a {@link GuardedConnection} that reports to this guard.
 */
final class ConnectionGuard implements TcpConnectionInterceptorFactory {

    private static final Log logger = LogFactory.getLog(ConnectionGuard.class);

    private final ListenerId listener;

    private final int maxConnections;

    private final long idleTimeoutNanos;

    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();

    private final AtomicInteger admitted = new AtomicInteger();

    private final AtomicInteger requestsInFlight = new AtomicInteger();

    private final Supplier<@Nullable ApplicationEventPublisher> eventPublisher;

    private final FramingCodec codec;

    private volatile ListenerObserver observer = ListenerObserver.NONE;

    ConnectionGuard(ListenerId listener, int maxConnections, Duration idleTimeout, FramingCodec codec,
            Supplier<@Nullable ApplicationEventPublisher> eventPublisher) {
        this.listener = listener;
        this.codec = codec;
        this.eventPublisher = eventPublisher;
        this.maxConnections = maxConnections;
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    @Override
    public TcpConnectionInterceptorSupport getInterceptor() {
        ApplicationEventPublisher publisher = eventPublisher.get();
        return (publisher != null) ? new GuardedConnection(this, publisher) : new GuardedConnection(this);
    }

    ListenerObserver observer() {
        return observer;
    }

    void observeWith(ListenerObserver observer) {
        this.observer = observer;
    }

    FramingCodec codec() {
        return codec;
    }

    boolean admit(GuardedConnection connection) {
        if (admitted.incrementAndGet() > maxConnections) {
            admitted.decrementAndGet();
            observer.error(ListenerObserver.Error.TOO_MANY_CONNECTIONS);
            logger.warn(listener + " refused a connection from " + connection.getHostAddress() + ": "
                    + maxConnections + " connections are open (max-connections)");
            return false;
        }
        open.add(connection);
        observer.connectionOpened();
        return true;
    }

    void release(GuardedConnection connection) {
        if (open.remove(connection)) {
            admitted.decrementAndGet();
            observer.connectionClosed();
        }
    }

    void requestStarted() {
        requestsInFlight.incrementAndGet();
    }

    void requestFinished() {
        requestsInFlight.decrementAndGet();
    }

    int requestsInFlight() {
        return requestsInFlight.get();
    }

    int maxConnections() {
        return maxConnections;
    }

    int openConnections() {
        return admitted.get();
    }

    boolean hasIdleTimeout() {
        return idleTimeoutNanos > 0;
    }

    /** How often idle connections are looked for: a quarter of the timeout, between 50 ms and 1 s. */
    Duration sweepInterval() {
        long quarter = idleTimeoutNanos / 4;
        return Duration.ofNanos(Math.max(Duration.ofMillis(50).toNanos(), Math.min(quarter, Duration.ofSeconds(1).toNanos())));
    }

    void closeIdleConnections() {
        long now = System.nanoTime();
        for (GuardedConnection connection : open) {
            if (now - connection.lastActivityNanos() > idleTimeoutNanos) {
                logger.debug(listener + " closing idle connection " + connection.getConnectionId());
                observer.error(ListenerObserver.Error.IDLE_TIMEOUT);
                connection.close();
                release(connection);
            }
        }
    }

    void closeAll() {
        open.forEach(GuardedConnection::close);
    }

}
