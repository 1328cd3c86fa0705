package io.socketflow.transport;

/**
 * One message read from a TCP connection: its bytes without the terminator, and that terminator.
 *
 * @param payload the message bytes
 * @param terminator how the message ended on the wire
 */
public record Frame(byte[] payload, Terminator terminator) {

    /** The reply to this message: the given bytes, ended the way this message was. */
    public Reply reply(byte[] replyPayload) {
        return new Reply(replyPayload, terminator, false);
    }

    /** The reply after which the server closes the connection. */
    public Reply lastReply(byte[] replyPayload) {
        return new Reply(replyPayload, terminator, true);
    }

}
