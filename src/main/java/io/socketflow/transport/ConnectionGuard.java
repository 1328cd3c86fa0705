package io.socketflow.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one TCP listener, which Spring Integration does not have: at most {@code max-connections}
 * open at once, and no connection idle (no bytes either way) for longer than {@code idle-timeout}; and the count of
 * its traffic. Each {@link ChannelConnection} reports its opening, messages, replies and close to its listener's guard.
 *
 * <p>Not a Spring Integration connection interceptor, as it was: an interceptor is a second connection object per
 * accepted connection and a second hop per message and reply, a measurable share of the cost of a short connection.
 */
final class ConnectionGuard {

    private static final Log logger = LogFactory.getLog(ConnectionGuard.class);

    private final ListenerId listener;

    private final int maxConnections;

    private final long idleTimeoutNanos;

    private final Map<String, ChannelConnection> open = new ConcurrentHashMap<>();

    private final AtomicInteger admitted = new AtomicInteger();

    private final AtomicInteger requestsInFlight = new AtomicInteger();

    private final FramingCodec codec;

    private volatile ListenerObserver observer = ListenerObserver.NONE;

    private volatile boolean shuttingDown;

    ConnectionGuard(ListenerId listener, int maxConnections, Duration idleTimeout, FramingCodec codec) {
        this.listener = listener;
        this.codec = codec;
        this.maxConnections = maxConnections;
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    ListenerObserver observer() {
        return observer;
    }

    void observeWith(ListenerObserver observer) {
        this.observer = observer;
    }

    boolean admit(ChannelConnection connection) {
        if (admitted.incrementAndGet() > maxConnections) {
            admitted.decrementAndGet();
            observer.error(ListenerObserver.Error.TOO_MANY_CONNECTIONS);
            logger.warn(listener + " refused a connection from " + connection.getHostAddress() + ": "
                    + maxConnections + " connections are open (max-connections)");
            return false;
        }
        open.put(connection.getConnectionId(), connection);
        observer.connectionOpened();
        return true;
    }

    /** The connection closes: true if it had been admitted (and not released before). */
    boolean release(ChannelConnection connection) {
        if (!open.remove(connection.getConnectionId(), connection)) {
            return false;
        }
        admitted.decrementAndGet();
        observer.connectionClosed();
        return true;
    }

    /** Bytes were read from a connection, before they are cut into messages. */
    void bytesArrived(int bytes) {
        observer.bytesReceived(bytes);
    }

    /** A message arrived and goes to the flow; {@link #requestHandled} follows when the flow returns. */
    void requestArrived() {
        observer.messageReceived();
        requestsInFlight.incrementAndGet();
    }

    void requestHandled(long processingNanos) {
        observer.processed(processingNanos);
        requestsInFlight.decrementAndGet();
    }

    void tooLarge() {
        observer.error(ListenerObserver.Error.TOO_LARGE);
    }

    /** A reply was written; true if the connection closes after it. */
    boolean replied(Object payload) {
        if (payload instanceof Reply reply) {
            observer.sent(1, codec.wireLength(reply));
            return reply.thenClose();
        }
        if (payload instanceof ReplyBatch batch) {
            observer.sent(batch.replies().size(), batch.replies().stream().mapToInt(codec::wireLength).sum());
            return batch.thenClose();
        }
        return false;
    }

    /**
     * A read or write failed (a reset), or a reply found its client gone: everyday events for a socket service,
     * counted but not logged.
     */
    void ioFailed() {
        observer.error(ListenerObserver.Error.IO);
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

    /** An admitted connection still open, by its id. */
    @Nullable ChannelConnection connection(String connectionId) {
        return open.get(connectionId);
    }

    List<String> connectionIds() {
        return List.copyOf(open.keySet());
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
        for (ChannelConnection connection : open.values()) {
            if (now - connection.lastActivityNanos() > idleTimeoutNanos) {
                logger.debug(listener + " closing idle connection " + connection.getConnectionId());
                observer.error(ListenerObserver.Error.IDLE_TIMEOUT);
                connection.idledOut();
            }
        }
    }

    /** The application is stopping: from now on a connection the server closes ends its side first (see below). */
    void shutDown() {
        shuttingDown = true;
    }

    /**
     * Whether a connection the server closes half-closes first, reads and drops what its client still sends, and closes
     * once the client has: a close with unread bytes would be a reset, which also throws away replies still on their
     * way.
     */
    boolean closesGracefully() {
        return shuttingDown;
    }

    void closeAll() {
        open.values().forEach(shuttingDown ? ChannelConnection::closeAfterWhatArrived : ChannelConnection::close);
    }

}
