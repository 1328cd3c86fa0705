package io.socketflow.transport;

import java.util.concurrent.Executor;

/**
 * How a connection takes writes from work that is not answering the connection's own messages (a chat member's
 * outbox): on the connection's event loop, without blocking, pausing while the client does not read.
 */
public interface WriteReadiness {

    /** Runs tasks on the connection's event loop, in order. */
    Executor writeExecutor();

    /** Whether the caller is on the connection's event loop, where it may write at once. */
    boolean isWriteThread();

    /**
     * Whether the connection takes more output now. If not, {@code resume} runs on the event loop once it does, or once
     * the connection has closed (then a write fails), and false is returned. Call on the event loop.
     */
    boolean writableOrWhenWritable(Runnable resume);

}
