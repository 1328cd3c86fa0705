package io.socketflow.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Creates the connections of a TCP listener: Spring Integration's blocking connection that first passes its
 * listener's {@link ConnectionEdge} (PROXY header, TLS handshake), reads through a {@link ReadAheadInputStream} (where
 * the framing codecs keep a connection's unread bytes between messages) and flushes once per burst of requests
 * instead of once per reply.
 */
final class FramedConnectionSupport implements TcpNetConnectionSupport {

    private final ConnectionEdge edge;

    FramedConnectionSupport(ConnectionEdge edge) {
        this.edge = edge;
    }

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            @Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
        return new FramedConnection(socket, edge.layer(socket), edge, server, lookupHost, applicationEventPublisher,
                connectionFactoryName);
    }

    /**
     * One accepted connection. Before Spring Integration's read loop starts (and with it the open event), the edge
     * is passed; a client address from a PROXY header then stands for the socket's peer everywhere the connection's
     * address is asked for: open events, message headers, the chat, logs.
     *
     * <p>Replies written on the connection's own reader thread while the next request is already buffered are not
     * flushed: the reply to the last request of the burst flushes them all, and so does the reader before it blocks
     * for more input. Pipelining clients get one write per burst, as from a Netty server that flushes in
     * {@code channelReadComplete}; replies written from any other thread (chat) are flushed at once.
     */
    static final class FramedConnection extends TcpNetConnection implements ReaderHooks {

        private static final int WRITE_BUFFER_BYTES = 8192;

        private final Socket accepted;

        private final Socket socket;

        private final ConnectionEdge edge;

        private final Lock writeLock = new ReentrantLock();

        private @Nullable ReadAheadInputStream input;

        private @Nullable OutputStream output;

        private volatile @Nullable Thread reader;

        private boolean unflushed;

        private volatile @Nullable Runnable beforeCloseAtEndOfInput;

        private volatile ConnectionEdge.@Nullable Established established;

        private volatile boolean failed;

        FramedConnection(Socket accepted, Socket socket, ConnectionEdge edge, boolean server, boolean lookupHost,
                @Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
            super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
            this.accepted = accepted;
            this.socket = socket;
            this.edge = edge;
        }

        /**
         * Passes the edge, once; on the connection's own thread. A connection that fails it is closed without an
         * open or close event: as far as the application is concerned it never opened.
         *
         * @return whether the connection may be used
         */
        boolean establish() {
            if (established != null) {
                return true;
            }
            if (failed) {
                return false;
            }
            ConnectionEdge.Established result = edge.establish(accepted, socket);
            if (result == null) {
                failed = true;
                closeConnection(false);
                return false;
            }
            established = result;
            return true;
        }

        @Override
        public void run() {
            this.reader = Thread.currentThread();
            if (establish()) {
                super.run();
            }
        }

        @Override
        public void onEndOfInput(Runnable beforeClose) {
            this.beforeCloseAtEndOfInput = beforeClose;
        }

        /** At the peer's end of stream, what the connection still owes goes out before Spring Integration closes it. */
        @Override
        protected boolean handleReadException(Exception exception) {
            Runnable beforeClose = this.beforeCloseAtEndOfInput;
            Throwable cause = (exception instanceof java.io.UncheckedIOException) ? exception.getCause() : exception;
            if (beforeClose != null && cause instanceof SoftEndOfStreamException) {
                this.beforeCloseAtEndOfInput = null;
                beforeClose.run();
            }
            return super.handleReadException(exception);
        }

        @Override
        protected void publishConnectionCloseEvent() {
            if (!failed) {
                super.publishConnectionCloseEvent();
            }
        }

        @Override
        protected InputStream inputStream() throws IOException {
            ReadAheadInputStream current = this.input;
            if (current == null) {
                current = new ReadAheadInputStream(super.inputStream(), accepted.getInputStream(),
                        this::flushBeforeBlocking);
                this.input = current;
            }
            return current;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void send(Message<?> message) {
            writeLock.lock();
            try {
                Object reply = getMapper().fromMessage(message);
                ((Serializer<Object>) getSerializer()).serialize(reply, output());
                ReadAheadInputStream pending = this.input;
                if (Thread.currentThread() == reader && pending != null && pending.buffered() > 0) {
                    unflushed = true;
                }
                else {
                    output().flush();
                    unflushed = false;
                }
            }
            catch (Exception ex) {
                MessagingException failure = new MessagingException(message, "Send Failed", ex);
                publishConnectionExceptionEvent(failure);
                closeConnection(true);
                throw failure;
            }
            finally {
                writeLock.unlock();
            }
        }

        /**
         * Replies still buffered go out before the socket closes: a last reply is often one of them. If another
         * thread is in the middle of a write (blocked on a peer that does not read), closing must not wait for it:
         * closing the socket is what ends that write.
         */
        @Override
        public void close() {
            if (writeLock.tryLock()) {
                try {
                    if (unflushed) {
                        unflushed = false;
                        output().flush();
                    }
                }
                catch (IOException ex) {
                    // the peer is gone; there is nothing left to deliver
                }
                finally {
                    writeLock.unlock();
                }
            }
            super.close();
        }

        private void flushBeforeBlocking() throws IOException {
            writeLock.lock();
            try {
                if (unflushed) {
                    unflushed = false;
                    output().flush();
                }
            }
            finally {
                writeLock.unlock();
            }
        }

        private OutputStream output() throws IOException {
            OutputStream current = this.output;
            if (current == null) {
                current = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_BYTES);
                this.output = current;
            }
            return current;
        }

        @Override
        public String getHostAddress() {
            InetSocketAddress client = proxiedClient();
            return (client != null) ? client.getAddress().getHostAddress() : super.getHostAddress();
        }

        @Override
        public String getHostName() {
            InetSocketAddress client = proxiedClient();
            return (client != null) ? client.getAddress().getHostAddress() : super.getHostName();
        }

        @Override
        public int getPort() {
            InetSocketAddress client = proxiedClient();
            return (client != null) ? client.getPort() : super.getPort();
        }

        private @Nullable InetSocketAddress proxiedClient() {
            ConnectionEdge.Established current = established;
            return (current != null) ? current.client() : null;
        }

    }

}
