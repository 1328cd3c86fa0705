package io.socketflow.chat;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

import io.socketflow.transport.ConnectionLifecycle;
import io.socketflow.transport.ReaderHooks;
import io.socketflow.transport.RemoteAddress;
import io.socketflow.transport.WriteReadiness;

/**
 * Joins a connection to the room when the chat listener admits it, and takes it out when it closes. The listener
 * tells it on the connection's own thread before its first read, so a member is in the room before it can speak.
 */
final class ChatMembership implements ConnectionLifecycle {

    private final ChatRoom room;

    ChatMembership(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void opened(TcpConnection connection) {
        if (!(connection instanceof WriteReadiness readiness) || !(connection instanceof ReaderHooks reader)) {
            throw new IllegalStateException("Chat connection " + connection.getConnectionId()
                    + " does not run on an event loop");
        }
        String memberId = connection.getConnectionId();
        room.join(memberId, RemoteAddress.of(connection.getHostAddress(), connection.getPort()), readiness, reader);
        reader.onEndOfInput(() -> room.inputEnded(memberId));
        reader.onIdleTimeout(() -> room.idledOut(memberId));
    }

    @Override
    public void closed(TcpConnection connection) {
        room.leave(connection.getConnectionId());
    }

}
