package io.socketflow.client;

import java.io.UncheckedIOException;

import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * The client's one connection: Spring Integration's blocking client connection factory, shared by the adapters of a
 * session, that never reconnects. A shared connection the server has closed would otherwise be replaced by a new
 * one on the next send, and the session would go on with a server that has already ended it.
 */
final class SessionConnectionFactory extends TcpNetClientConnectionFactory {

    private volatile boolean connected;

    SessionConnectionFactory(Target target, ClientCodec codec, ClientRequest request) {
        // Over TLS the host name as given, which the server's certificate is checked against; else its address.
        super((request.tls() != null) ? target.host() : target.hostAddress(), target.port());
        int connectTimeoutSeconds = request.connectTimeoutSeconds();
        if (request.tls() != null) {
            request.tls().applyTo(this, request.timeout());
        }
        setSerializer(codec);
        setDeserializer(codec);
        setSoTcpNoDelay(true);
        setLookupHost(false);
        setConnectTimeout(connectTimeoutSeconds);
    }

    @Override
    protected TcpConnectionSupport obtainConnection() throws InterruptedException {
        TcpConnectionSupport open = obtainSharedConnection();
        if (open != null) {
            return open;
        }
        if (connected) {
            throw new UncheckedIOException(new ConnectionClosedException("The server closed the connection"));
        }
        TcpConnectionSupport connection = super.obtainConnection();
        connected = true;
        return connection;
    }

}
