package io.socketflow.transport;

import java.util.concurrent.Executor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Wraps every accepted connection: admits it against {@code max-connections}, notes traffic for the idle
 * timeout, answers an oversized message with an error, and closes the connection after a last reply.
 */
final class GuardedConnection extends TcpConnectionInterceptorSupport implements ReaderHooks, WriteReadiness {

    private final ConnectionGuard guard;

    private volatile long lastActivityNanos = System.nanoTime();

    GuardedConnection(ConnectionGuard guard) {
        this.guard = guard;
    }

    GuardedConnection(ConnectionGuard guard, ApplicationEventPublisher eventPublisher) {
        super(eventPublisher);
        this.guard = guard;
    }

    @Override
    public void onEndOfInput(Runnable beforeClose) {
        if (getTheConnection() instanceof ReaderHooks connection) {
            connection.onEndOfInput(beforeClose);
        }
    }

    @Override
    public Executor writeExecutor() {
        return ((WriteReadiness) getTheConnection()).writeExecutor();
    }

    @Override
    public boolean writableOrWhenWritable(Runnable resume) {
        return ((WriteReadiness) getTheConnection()).writableOrWhenWritable(resume);
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** Runs once the connection has passed its edge (PROXY header, TLS handshake), on its event loop. */
    @Override
    public void run() {
        if (!guard.admit(this)) {
            sendLastReply(Reply.error("ERROR too many connections"));
            return;
        }
        super.run();
    }

    @Override
    public void close() {
        guard.release(this);
        super.close();
    }

    @Override
    public void onMessage(Message<?> message) {
        long start = System.nanoTime();
        lastActivityNanos = start;
        ListenerObserver observer = guard.observer();
        Object payload = message.getPayload();
        if (payload instanceof Oversized oversized) {
            observer.error(ListenerObserver.Error.TOO_LARGE);
            sendLastReply(oversized.errorReply());
            return;
        }
        if (!(payload instanceof Frame frame)) {
            super.onMessage(message);
            return;
        }
        observer.received(guard.codec().wireLength(frame));
        guard.requestStarted();
        try {
            super.onMessage(message);
        }
        finally {
            observer.processed(System.nanoTime() - start);
            guard.requestFinished();
        }
    }

    @Override
    public void send(Message<?> message) {
        try {
            super.send(message);
        }
        catch (MessagingException ex) {
            if (isOpen()) {
                throw ex;
            }
            // The peer left before its reply: an everyday event for a socket service, counted but not logged.
            guard.observer().error(ListenerObserver.Error.IO);
            return;
        }
        lastActivityNanos = System.nanoTime();
        Object payload = message.getPayload();
        if (payload instanceof Reply reply) {
            guard.observer().sent(1, guard.codec().wireLength(reply));
            if (reply.thenClose()) {
                close();
            }
        }
        else if (payload instanceof ReplyBatch batch) {
            guard.observer().sent(batch.replies().size(),
                    batch.replies().stream().mapToInt(guard.codec()::wireLength).sum());
            if (batch.thenClose()) {
                close();
            }
        }
    }

    private void sendLastReply(Reply reply) {
        try {
            send(MessageBuilder.withPayload(reply).build());
        }
        catch (RuntimeException ex) {
            // The peer is gone already; closing is all that is left to do.
            close();
        }
    }

}
