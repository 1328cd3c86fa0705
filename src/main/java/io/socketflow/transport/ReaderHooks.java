package io.socketflow.transport;

/**
 * Moments of a connection's input that its owner can act on: the chat uses it to deliver what a member is still owed
 * after it half-closes.
 */
public interface ReaderHooks {

    /**
     * {@code beforeClose} runs after the peer's end of stream and its last message, before the close, on a thread that
     * may block (never the event loop).
     */
    void onEndOfInput(Runnable beforeClose);

}
