package io.socketflow.chat;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, before the listeners close their sockets, tells every member {@code * server shutting down} and
 * gives the notices a moment to be read.
 */
final class ChatShutdown implements SmartLifecycle {

    /** Stops after the listeners stop accepting (a higher phase stops earlier) and before they close. */
    static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final ChatRoom room;

    private volatile boolean running;

    ChatShutdown(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        room.closeForShutdown(DRAIN);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
