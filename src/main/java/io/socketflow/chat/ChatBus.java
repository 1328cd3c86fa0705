package io.socketflow.chat;

import java.util.function.Consumer;

/**
 * The seam every chat line goes through on its way to the members. The local bus hands it straight to this
 * instance's room; a Redis bus also carries it to the rooms of other instances. Members and commands never
 * know which one is in use.
 */
public interface ChatBus {

    /** Delivers the line to every member of the room, wherever connected, except the one it names. */
    void publish(ChatLine line);

    /**
     * Whether lines handed over now would pile up (the Redis bus publishes slower than a sender's burst is read): the
     * room then holds the sender's further lines and pauses its reading until {@link #whenCaughtUp}. The local bus
     * delivers at once, so it never is.
     */
    default boolean isBacklogged() {
        return false;
    }

    /** Runs {@code resume}, on some thread, once the bus is no longer backlogged; at once if it is not. */
    default void whenCaughtUp(Runnable resume) {
        resume.run();
    }

    /** Where lines for this instance's members go; the room registers itself once. */
    void deliverTo(Consumer<ChatLine> localRoom);

    /**
     * Asks the other instances to disconnect the member with the nickname, wherever it is connected; false if there
     * are no other instances to ask, as with the local bus.
     */
    default boolean kickElsewhere(String nick) {
        return false;
    }

    /** Where kicks asked for by other instances go; the room registers itself once. */
    default void kicksTo(Consumer<String> localKick) {
    }

}
