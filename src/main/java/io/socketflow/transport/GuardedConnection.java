package io.socketflow.transport;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Wraps every accepted connection: admits it against {@code max-connections}, notes traffic for the idle
 * timeout, answers an oversized message with an error, and closes the connection after a last reply.
 */
final class GuardedConnection extends TcpConnectionInterceptorSupport {

    private final ConnectionGuard guard;

    private volatile long lastActivityNanos = System.nanoTime();

    GuardedConnection(ConnectionGuard guard) {
        this.guard = guard;
    }

    GuardedConnection(ConnectionGuard guard, ApplicationEventPublisher eventPublisher) {
        super(eventPublisher);
        this.guard = guard;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    @Override
    public void run() {
        // The PROXY header and TLS handshake come first: a refusal must reach a TLS client encrypted, and name the
        // client the proxy reported.
        if (getTheConnection() instanceof FramedConnectionSupport.FramedConnection framed && !framed.establish()) {
            return;
        }
        if (!guard.admit(this)) {
            sendLastReply(Reply.error("ERROR too many connections"));
            return;
        }
        try {
            super.run();
        }
        finally {
            guard.release(this);
        }
    }

    @Override
    public void onMessage(Message<?> message) {
        lastActivityNanos = System.nanoTime();
        if (message.getPayload() instanceof Oversized oversized) {
            sendLastReply(oversized.errorReply());
            return;
        }
        guard.requestStarted();
        try {
            super.onMessage(message);
        }
        finally {
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
            // The peer left before its reply: an everyday event for a socket service, not an error to log.
            return;
        }
        lastActivityNanos = System.nanoTime();
        Object payload = message.getPayload();
        if ((payload instanceof Reply reply && reply.thenClose()) || (payload instanceof ReplyBatch batch && batch.thenClose())) {
            close();
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
