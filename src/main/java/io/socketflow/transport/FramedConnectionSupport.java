package io.socketflow.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates connections whose input is a {@link ReadAheadInputStream}, the one place the framing codecs
 * keep a connection's unread bytes between messages.
 */
final class FramedConnectionSupport implements TcpNetConnectionSupport {

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            @Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
        return new FramedConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
    }

    private static final class FramedConnection extends TcpNetConnection {

        private @Nullable ReadAheadInputStream input;

        FramedConnection(Socket socket, boolean server, boolean lookupHost,
                @Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
            super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
        }

        @Override
        protected InputStream inputStream() throws IOException {
            ReadAheadInputStream current = this.input;
            if (current == null) {
                current = new ReadAheadInputStream(super.inputStream());
                this.input = current;
            }
            return current;
        }

    }

}
