package io.socketflow.transport;

/**
 * What the deserializer yields instead of a message that is longer than the listener allows.
 *
 * @param limit the listener's {@code max-message-bytes}
 */
record Oversized(int limit) {

    Reply errorReply() {
        return Reply.error("ERROR message exceeds " + limit + " bytes");
    }

}
