package io.socketflow.transport;

/**
 * Moments of a connection's reader thread that its owner can act on: the chat uses it to deliver what a member is
 * still owed after it half-closes.
 */
public interface ReaderHooks {

    /** {@code beforeClose} runs on the reader thread after the peer's end of stream, before the close. */
    void onEndOfInput(Runnable beforeClose);

}
