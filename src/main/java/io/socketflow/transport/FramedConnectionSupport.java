package io.socketflow.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates connections whose input is a {@link ReadAheadInputStream}, the one place the framing codecs
 * keep a connection's unread bytes between messages, and which pass their listener's {@link ConnectionEdge}
 * (PROXY header, TLS handshake) before anything else.
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
     */
    static final class FramedConnection extends TcpNetConnection {

        private final Socket accepted;

        private final Socket socket;

        private final ConnectionEdge edge;

        private @Nullable ReadAheadInputStream input;

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
            if (establish()) {
                super.run();
            }
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
                current = new ReadAheadInputStream(super.inputStream(), accepted.getInputStream());
                this.input = current;
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
