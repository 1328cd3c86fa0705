package io.socketflow.transport;

/**
 * A connection that can tell its owner when the peer has finished sending (half-closed), before the server closes
 * its side: the chat uses it to deliver what a member is still owed.
 */
public interface EndOfInputAware {

    /** {@code beforeClose} runs on the connection's reader thread after the peer's end of stream, before the close. */
    void onEndOfInput(Runnable beforeClose);

}
