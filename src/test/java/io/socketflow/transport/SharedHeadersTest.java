package io.socketflow.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SharedHeadersTest {

    private final Map<String, Object> connection = Map.of(IpHeaders.CONNECTION_ID, "127.0.0.1:50412:12000:x",
            IpHeaders.REMOTE_PORT, 50412);

    @Test
    void readLikeAnyMessagesHeadersWithAnIdAndTimestampOfTheirOwn() {
        long before = System.currentTimeMillis();
        MessageHeaders headers = SharedHeaders.of(connection);

        assertThat(headers.get(IpHeaders.CONNECTION_ID, String.class)).isEqualTo("127.0.0.1:50412:12000:x");
        assertThat(headers.get(IpHeaders.REMOTE_PORT)).isEqualTo(50412);
        assertThat(headers.get("absent")).isNull();
        assertThat(headers.getId()).isNotNull().isEqualTo(headers.get(MessageHeaders.ID));
        assertThat(headers.getTimestamp()).isBetween(before, System.currentTimeMillis())
                .isEqualTo(headers.get(MessageHeaders.TIMESTAMP));
        assertThat(headers).hasSize(4).containsKeys(IpHeaders.CONNECTION_ID, IpHeaders.REMOTE_PORT, MessageHeaders.ID,
                MessageHeaders.TIMESTAMP);
        assertThat(headers.keySet()).hasSize(4);
        assertThat(headers.values()).contains(50412, headers.getId());
        assertThat(headers.toString()).contains("ip_connectionId=127.0.0.1:50412:12000:x");
    }

    @Test
    void everyMessageHasItsOwnIdWhileItsConnectionsHeadersAreShared() {
        MessageHeaders first = SharedHeaders.of(connection);
        MessageHeaders second = SharedHeaders.of(connection);
        MessageHeaders renewed = SharedHeaders.renewed(first);

        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(renewed).isNotNull().containsAllEntriesOf(connection);
        assertThat(renewed.getId()).isNotEqualTo(first.getId()).isNotEqualTo(second.getId());
        assertThat(SharedHeaders.renewed(new MessageHeaders(connection))).isNull();
    }

    @Test
    void aReadBurstsMessagesShareOneTimestampAndTheirRepliesKeepIt() {
        MessageHeaders first = SharedHeaders.of(connection, 1_700_000_000_123L);
        MessageHeaders second = SharedHeaders.of(connection, 1_700_000_000_123L);
        MessageHeaders reply = SharedHeaders.renewed(first);

        assertThat(first.getTimestamp()).isEqualTo(1_700_000_000_123L).isEqualTo(first.get(MessageHeaders.TIMESTAMP));
        assertThat(second.getTimestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(reply).isNotNull();
        assertThat(reply.getTimestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(reply.getId()).isNotEqualTo(first.getId()).isNotEqualTo(second.getId());
    }

    @Test
    void aWrongTypeIsRefusedAsSpringsHeadersRefuseIt() {
        MessageHeaders headers = SharedHeaders.of(connection);

        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> headers.get(IpHeaders.REMOTE_PORT, String.class))
                .withMessageContaining("Incorrect type specified for header 'ip_tcp_remotePort'");
    }

    @Test
    void cannotBeChanged() {
        MessageHeaders headers = SharedHeaders.of(connection);

        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.put("x", 1));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> headers.remove(IpHeaders.CONNECTION_ID));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.keySet().clear());
        assertThat(connection).hasSize(2);
    }

    @Test
    void copiesMadeByMessageBuildersKeepEveryHeader() {
        Message<String> message = new GenericMessage<>("hello", SharedHeaders.of(connection));

        Message<String> copy = MessageBuilder.fromMessage(message).setHeader("extra", true).build();

        assertThat(copy.getHeaders()).containsAllEntriesOf(connection).containsEntry("extra", true)
                .containsKeys(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
    }

    @Test
    void equalToPlainHeadersWithTheSameEntries() {
        MessageHeaders headers = SharedHeaders.of(connection);
        Map<String, Object> entries = new HashMap<>(headers);

        assertThat(headers).isEqualTo(new PlainHeaders(entries)).hasSameHashCodeAs(entries);
        assertThat(headers).isNotEqualTo(SharedHeaders.of(connection));
    }

    @Test
    void serializeAsPlainHeadersWithTheSameEntries() throws IOException, ClassNotFoundException {
        MessageHeaders headers = SharedHeaders.of(connection);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new GenericMessage<>("hello", headers));
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isInstanceOfSatisfying(GenericMessage.class, message -> {
            assertThat(message.getPayload()).isEqualTo("hello");
            assertThat(message.getHeaders()).isNotInstanceOf(SharedHeaders.class)
                    .containsExactlyInAnyOrderEntriesOf(new HashMap<>(headers));
        });
    }

    /** Headers with a given id and timestamp, as a message store would read them back. */
    private static final class PlainHeaders extends MessageHeaders {

        PlainHeaders(Map<String, Object> headers) {
            super(headers, (UUID) headers.get(ID), (Long) headers.get(TIMESTAMP));
        }

    }

}
