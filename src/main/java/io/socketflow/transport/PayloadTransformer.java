package io.socketflow.transport;

import java.util.Map;
import java.util.function.Function;

import org.springframework.integration.transformer.Transformer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * A service's rule as a flow's transformer step: the payload is replaced and the request's headers kept, as a
 * transformer from a lambda does. Written here because Spring Integration calls a lambda transformer through a
 * reflective {@code LambdaMessageProcessor} and copies the headers twice, a measurable share of each request's CPU.
 *
 * @param <P> the request payload
 * @param <R> the reply payload
 */
public final class PayloadTransformer<P, R> implements Transformer {

    private final Class<P> requestType;

    private final Function<? super P, ? extends R> rule;

    private PayloadTransformer(Class<P> requestType, Function<? super P, ? extends R> rule) {
        this.requestType = requestType;
        this.rule = rule;
    }

    public static <P, R> PayloadTransformer<P, R> of(Class<P> requestType, Function<? super P, ? extends R> rule) {
        return new PayloadTransformer<>(requestType, rule);
    }

    /**
     * The reply: the rule's result with the request's headers and, as every new message, its own id. The headers of a
     * listener's message are shared, not copied, and its reply keeps its timestamp (see {@link SharedHeaders}); any
     * other message's reply gets its own timestamp too.
     */
    @Override
    public Message<?> transform(Message<?> message) {
        R reply = rule.apply(requestType.cast(message.getPayload()));
        MessageHeaders headers = message.getHeaders();
        SharedHeaders renewed = SharedHeaders.renewed(headers);
        if (renewed != null) {
            return new GenericMessage<>(reply, renewed);
        }
        Map<String, Object> copied = headers;  // as a Map, so the new message copies it under a new id
        return new GenericMessage<>(reply, copied);
    }

}
