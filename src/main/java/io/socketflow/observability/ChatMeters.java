package io.socketflow.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.stereotype.Component;

import io.socketflow.chat.ChatRoom;

/**
 * {@code socketflow_chat_members}: the members connected to this instance's chat room.
 */
@Component
@ConditionalOnBean(ChatRoom.class)
class ChatMeters implements MeterBinder {

    private final ChatRoom room;

    ChatMeters(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("socketflow.chat.members", room, ChatRoom::size)
                .description("Chat members connected to this instance")
                .tags("service", "chat", "transport", "tcp")
                .register(registry);
    }

}
