package io.socketflow.chat;

import java.util.function.Consumer;

/**
 * The default bus: one instance, in memory. Publishing delivers at once, on the publisher's thread, which
 * keeps each sender's lines in the order they were read.
 */
final class LocalChatBus implements ChatBus {

    private volatile Consumer<ChatLine> room = line -> {
    };

    @Override
    public void publish(ChatLine line) {
        room.accept(line);
    }

    @Override
    public void deliverTo(Consumer<ChatLine> localRoom) {
        this.room = localRoom;
    }

}
