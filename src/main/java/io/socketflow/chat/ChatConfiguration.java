package io.socketflow.chat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.MessageChannels;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.scheduling.TaskScheduler;

import io.socketflow.config.SocketflowProperties;
import io.socketflow.transport.Frame;
import io.socketflow.transport.Listeners;
import io.socketflow.transport.Reply;
import io.socketflow.transport.ReplyBatch;
import io.socketflow.transport.SharedHeaders;
import io.socketflow.transport.TcpServerListener;

/**
 * The chat relay: a TCP listener whose inbound adapter feeds the room, and an outbound adapter on the same
 * connection factory through which each member's outbox writes. The bus and presence are local (in memory) unless
 * {@code socketflow.chat.relay=redis} brings in {@link RedisRelayConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "socketflow.chat.tcp.enabled", matchIfMissing = true)
class ChatConfiguration {

    static final String SERVICE = "chat";

    @Bean
    TcpServerListener chatTcpServer(Listeners listeners, SocketflowProperties properties) {
        return listeners.chat(SERVICE, properties.chat().tcp());
    }

    @Bean
    @ConditionalOnProperty(name = "socketflow.chat.relay", havingValue = "local", matchIfMissing = true)
    ChatBus localChatBus() {
        return new LocalChatBus();
    }

    @Bean
    @ConditionalOnProperty(name = "socketflow.chat.relay", havingValue = "local", matchIfMissing = true)
    Presence localPresence() {
        return new LocalPresence();
    }

    @Bean
    MessageChannel chatOutbound() {
        return MessageChannels.direct().getObject();
    }

    /**
     * The settings come first: they are bound (and a relay other than {@code local} or {@code redis} reported as
     * such) before the bus that setting selects is looked for.
     */
    @Bean
    ChatRoom chatRoom(SocketflowProperties properties, ChatBus bus, Presence presence,
            TcpServerListener chatTcpServer, @Qualifier("chatOutbound") MessageChannel chatOutbound,
            TaskScheduler taskScheduler) {
        MemberConnections connections = new MemberConnections() {

            @Override
            public void send(String memberId, List<Reply> replies) {
                Object payload = (replies.size() == 1) ? replies.get(0) : new ReplyBatch(replies);
                chatOutbound.send(
                        new GenericMessage<>(payload, SharedHeaders.of(Map.of(IpHeaders.CONNECTION_ID, memberId))));
            }

            @Override
            public void close(String memberId) {
                chatTcpServer.closeConnection(memberId);
            }

        };
        return new ChatRoom(bus, presence, connections, taskScheduler,
                properties.chat().memberBuffer().toBytes(), Clock.systemUTC(), chatTcpServer.observer());
    }

    @Bean
    IntegrationFlow chatTcp(TcpServerListener chatTcpServer, ChatRoom room) {
        return IntegrationFlow.from(Tcp.inboundAdapter(chatTcpServer).id("chatTcpIn"))
                .handle(Frame.class, (frame, headers) -> {
                    room.receive(headers.get(IpHeaders.CONNECTION_ID, String.class), frame);
                    return null;
                }, endpoint -> endpoint.id("chatRelay"))
                .get();
    }

    @Bean
    IntegrationFlow chatTcpWriter(@Qualifier("chatOutbound") MessageChannel chatOutbound, TcpServerListener chatTcpServer) {
        return IntegrationFlow.from(chatOutbound)
                .handle(Tcp.outboundAdapter(chatTcpServer), endpoint -> endpoint.id("chatTcpOut"))
                .get();
    }

    @Bean
    ChatMembership chatMembership(ChatRoom room, TcpServerListener chatTcpServer) {
        ChatMembership membership = new ChatMembership(room);
        chatTcpServer.observeConnections(membership);
        return membership;
    }

    @Bean
    ChatShutdown chatShutdown(ChatRoom room) {
        return new ChatShutdown(room);
    }

}
