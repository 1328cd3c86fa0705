package io.socketflow.transport;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.transformer.MessageTransformationException;
import org.springframework.integration.transformer.MessageTransformingHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PayloadTransformerTest {

    private final QueueChannel replies = new QueueChannel();

    private final MessageTransformingHandler step = step(PayloadTransformer.of(String.class, String::length));

    @Test
    void replyCarriesTheRulesResultAndTheRequestsHeadersUnderItsOwnId() {
        Message<String> request = new GenericMessage<>("hello", Map.of(IpHeaders.CONNECTION_ID, "client-1"));

        step.handleMessage(request);

        Message<?> reply = replies.receive(0);
        assertThat(reply.getPayload()).isEqualTo(5);
        assertThat(reply.getHeaders()).containsEntry(IpHeaders.CONNECTION_ID, "client-1");
        assertThat(reply.getHeaders().get(MessageHeaders.ID)).isNotEqualTo(request.getHeaders().getId());
    }

    @Test
    void aListenersMessageKeepsItsSharedHeadersUnderANewId() {
        Message<String> request = new GenericMessage<>("hello",
                SharedHeaders.of(Map.of(IpHeaders.CONNECTION_ID, "client-1"), 1_700_000_000_123L));

        step.handleMessage(request);

        Message<?> reply = replies.receive(0);
        assertThat(reply.getPayload()).isEqualTo(5);
        assertThat(reply.getHeaders()).isInstanceOf(SharedHeaders.class).hasSize(3)
                .containsEntry(IpHeaders.CONNECTION_ID, "client-1");
        assertThat(reply.getHeaders().getId()).isNotNull().isNotEqualTo(request.getHeaders().getId());
        assertThat(reply.getHeaders().getTimestamp()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void aPayloadOfAnotherTypeIsRefusedAsATransformationFailure() {
        assertThatExceptionOfType(MessageTransformationException.class)
                .isThrownBy(() -> step.handleMessage(new GenericMessage<>(42)))
                .withMessageContaining("Failed to transform");
        assertThat(replies.getQueueSize()).isZero();
    }

    private MessageTransformingHandler step(PayloadTransformer<?, ?> transformer) {
        MessageTransformingHandler handler = new MessageTransformingHandler(transformer);
        handler.setOutputChannel(replies);
        handler.setBeanFactory(new DefaultListableBeanFactory());
        handler.afterPropertiesSet();
        return handler;
    }

}
