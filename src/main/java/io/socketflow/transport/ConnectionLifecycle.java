package io.socketflow.transport;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * What hears of a TCP listener's connections opening and closing, such as the chat's membership (see
 * {@link TcpServerListener#observeConnections}).
 */
public interface ConnectionLifecycle {

    /** A connection was admitted: called on its own thread, before its first message is read. */
    void opened(TcpConnection connection);

    /** An admitted connection is closing, once, whoever closed it. */
    void closed(TcpConnection connection);

}
