package io.socketflow.chat;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

import io.socketflow.transport.ReaderHooks;
import io.socketflow.transport.RemoteAddress;
import io.socketflow.transport.WriteReadiness;

/**
 * Joins a connection to the room when the chat listener opens it, and takes it out when it closes. The open event
 * comes on the connection's own thread before its first read, so a member is in the room before it can speak.
 *
 * <p>A plain {@link ApplicationListener} rather than {@code @EventListener} methods: every listener's connections
 * open and close through here, and a method listener is called by reflection.
 */
final class ChatMembership implements ApplicationListener<TcpConnectionEvent> {

    private final ChatRoom room;

    private final String listenerName;

    ChatMembership(ChatRoom room, String listenerName) {
        this.room = room;
        this.listenerName = listenerName;
    }

    @Override
    public void onApplicationEvent(TcpConnectionEvent event) {
        if (!listenerName.equals(event.getConnectionFactoryName())) {
            return;
        }
        if (event instanceof TcpConnectionOpenEvent) {
            opened((TcpConnection) event.getSource(), event.getConnectionId());
        }
        else if (event instanceof TcpConnectionCloseEvent) {
            room.leave(event.getConnectionId());
        }
    }

    private void opened(TcpConnection connection, String memberId) {
        if (!(connection instanceof WriteReadiness readiness) || !(connection instanceof ReaderHooks reader)) {
            throw new IllegalStateException("Chat connection " + memberId + " does not run on an event loop");
        }
        room.join(memberId, RemoteAddress.of(connection.getHostAddress(), connection.getPort()), readiness, reader);
        reader.onEndOfInput(() -> room.inputEnded(memberId));
        reader.onIdleTimeout(() -> room.idledOut(memberId));
    }

    @Override
    public boolean supportsAsyncExecution() {
        // A member must be in the room before its first message is read: the join runs on the connection's thread.
        return false;
    }

}
