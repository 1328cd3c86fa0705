package io.socketflow.transport;

/**
 * Moments of a connection's input that its owner can act on: the chat uses it to deliver what a member is still owed
 * after it half-closes, to tell a member the idle timeout ends its session, and to hold a member's input back while
 * the relay catches up.
 */
public interface ReaderHooks {

    /**
     * {@code beforeClose} runs after the peer's end of stream and its last message, before the close, on a thread that
     * may block (never the event loop).
     */
    void onEndOfInput(Runnable beforeClose);

    /**
     * {@code lastWord} runs instead of the close when the idle timeout closes the connection, on a thread that is not
     * the event loop; it tells the peer why and closes the connection after it.
     */
    void onIdleTimeout(Runnable lastWord);

    /**
     * Stops reading the peer's input until {@link #resumeReading()}: what it sends waits in the socket buffers, and
     * then the peer's own, as TCP flow control does. Call on the connection's event loop.
     */
    void pauseReading();

    /** Reads the peer's input again after {@link #pauseReading()}; from any thread. */
    void resumeReading();

}
