package io.socketflow.chat;

import org.springframework.context.event.EventListener;

import io.socketflow.transport.ReaderHooks;
import io.socketflow.transport.WriteReadiness;
import io.socketflow.transport.RemoteAddress;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

/**
 * Joins a connection to the room when the chat listener opens it, and takes it out when it closes. The open event
 * comes on the connection's own thread before its first read, so a member is in the room before it can speak.
 */
final class ChatMembership {

    private final ChatRoom room;

    private final String listenerName;

    ChatMembership(ChatRoom room, String listenerName) {
        this.room = room;
        this.listenerName = listenerName;
    }

    @EventListener
    void opened(TcpConnectionOpenEvent event) {
        if (listenerName.equals(event.getConnectionFactoryName())) {
            TcpConnection connection = (TcpConnection) event.getSource();
            String memberId = event.getConnectionId();
            if (!(connection instanceof WriteReadiness readiness)) {
                throw new IllegalStateException("Chat connection " + memberId + " does not take writes on an event loop");
            }
            room.join(memberId, RemoteAddress.of(connection.getHostAddress(), connection.getPort()), readiness);
            if (connection instanceof ReaderHooks reader) {
                reader.onEndOfInput(() -> room.inputEnded(memberId));
            }
        }
    }

    @EventListener
    void closed(TcpConnectionCloseEvent event) {
        if (listenerName.equals(event.getConnectionFactoryName())) {
            room.leave(event.getConnectionId());
        }
    }

}
