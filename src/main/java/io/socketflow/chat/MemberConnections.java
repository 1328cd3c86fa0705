package io.socketflow.chat;

import java.util.List;

import io.socketflow.transport.Reply;

/**
 * How the room reaches members' connections, whatever carries the bytes.
 */
interface MemberConnections {

    /** Writes replies to the member's connection in one go, on its event loop. */
    void send(String memberId, List<Reply> replies) throws Exception;

    void close(String memberId);

}
