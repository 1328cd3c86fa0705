package io.socketflow.transport;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpListener;

/** The listener a {@link ChannelConnection} belongs to: where its messages go, and who hears of its open and close. */
interface ConnectionOwner {

    /** The inbound endpoint of the listener's flow, or null if none has registered. */
    @Nullable TcpListener listener();

    /** The connection was admitted: on its event loop, before its first message is handed on. */
    void opened(ChannelConnection connection);

    /** The connection is closing (once, whoever closes it); its last bytes may still be on their way. */
    void closed(ChannelConnection connection);

    /**
     * The connection's socket has closed: once for every connection, refused ones included, and after {@link #closed}
     * for an admitted one.
     */
    void socketClosed(ChannelConnection connection);

}
