package io.socketflow.transport;

import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SocketflowTest
class UdpListenerTest {

    @Autowired
    List<ServiceListener> listeners;

    @Autowired
    MeterRegistry meterRegistry;

    @Test
    void replyGoesToTheSendersAddressAndPortFromTheListeningSocket() {
        try (UdpTestClient first = new UdpTestClient(0); UdpTestClient second = new UdpTestClient(0)) {
            DatagramPacket reply = first.exchange("straße".getBytes(), uppercasePort());
            assertThat(new String(UdpTestClient.payload(reply))).isEqualTo("STRASSE");
            assertThat(reply.getPort()).isEqualTo(uppercasePort());
            assertThat(second.exchange("second", uppercasePort())).isEqualTo("SECOND");
        }
    }

    @Test
    void emptyDatagramGetsAnEmptyDatagramBack() {
        try (UdpTestClient client = new UdpTestClient(0)) {
            assertThat(UdpTestClient.payload(client.exchange(new byte[0], uppercasePort()))).isEmpty();
            assertThat(client.exchange("", bytecountPort())).isEqualTo("Your data was 0 bytes");
        }
    }

    @Test
    void largestDatagramIsReadWhole() {
        byte[] largest = new byte[65507];
        Arrays.fill(largest, (byte) 'q');
        try (UdpTestClient client = new UdpTestClient(0)) {
            byte[] reply = UdpTestClient.payload(client.exchange(largest, uppercasePort()));
            assertThat(reply).hasSize(65507).containsOnly((byte) 'Q');
            assertThat(new String(UdpTestClient.payload(client.exchange(largest, bytecountPort()))))
                    .isEqualTo("Your data was 65507 bytes");
        }
    }

    @Test
    void aDatagramAfterTheLargestComesBackAloneAndWhole() {
        byte[] largest = new byte[65507];
        Arrays.fill(largest, (byte) 'q');
        try (UdpTestClient client = new UdpTestClient(0)) {
            assertThat(UdpTestClient.payload(client.exchange(largest, uppercasePort()))).hasSize(65507);
            assertThat(client.exchange("hi", uppercasePort())).isEqualTo("HI");
            assertThat(UdpTestClient.payload(client.exchange(new byte[0], uppercasePort()))).isEmpty();
        }
    }

    @Test
    void aReplyTooLargeForOneDatagramIsAnErrorDatagramCountedAsSuch() {
        // Each "ŉ" (2 bytes) uppercases to "ʼN" (3 bytes): 60,000 bytes in, 90,000 out, more than a datagram holds.
        byte[] lengthening = "ŉ".repeat(30_000).getBytes(StandardCharsets.UTF_8);
        double tooLargeBefore = tooLargeErrors();
        try (UdpTestClient client = new UdpTestClient(0)) {
            assertThat(new String(UdpTestClient.payload(client.exchange(lengthening, uppercasePort())),
                    StandardCharsets.UTF_8))
                    .isEqualTo("ERROR reply exceeds 65507 bytes");
            assertThat(client.exchange("hi", uppercasePort())).isEqualTo("HI");
        }
        assertThat(tooLargeErrors()).isEqualTo(tooLargeBefore + 1);
    }

    private double tooLargeErrors() {
        Counter errors = meterRegistry.find("socketflow.errors").tags("service", "uppercase", "transport", "udp",
                "reason", "too_large").counter();
        return (errors != null) ? errors.count() : 0;
    }

    @Test
    void everyOneOfManySendersGetsItsOwnReplies() {
        // More senders than the listener keeps headers for, so some take each other's place between rounds.
        withClients(600, clients -> {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    assertThat(clients.get(i).exchange("sender " + i + " round " + round, uppercasePort()))
                            .isEqualTo("SENDER " + i + " ROUND " + round);
                }
            }
        });
    }

    @Test
    void datagramsSentTogetherAreEachAnsweredInOrder() {
        withClients(8, clients -> {
            for (int n = 0; n < 10; n++) {
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).send("client " + i + " datagram " + n, uppercasePort());
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                for (int n = 0; n < 10; n++) {
                    assertThat(clients.get(i).receiveText()).isEqualTo("CLIENT " + i + " DATAGRAM " + n);
                }
            }
        });
    }

    @Test
    void byteCountIgnoresATrailingLineEndAndAnswersExitWithDisconnect() {
        try (UdpTestClient client = new UdpTestClient(0)) {
            assertThat(client.exchange("Hi\r\n", bytecountPort())).isEqualTo("Your data was 2 bytes");
            assertThat(client.exchange("Exit\n", bytecountPort())).isEqualTo("Disconnect");
            assertThat(client.exchange("still here", bytecountPort())).isEqualTo("Your data was 10 bytes");
        }
    }

    @Test
    void aTrailingLineEndEndsTheDatagramsMessageAndIsNotEchoed() {
        try (UdpTestClient client = new UdpTestClient(0)) {
            assertThat(client.exchange("hello\n", uppercasePort())).isEqualTo("HELLO");
            assertThat(client.exchange("hello\r\n", uppercasePort())).isEqualTo("HELLO");
            assertThat(client.exchange("\n", uppercasePort())).isEmpty();
            assertThat(client.exchange("two\nlines\n", uppercasePort())).isEqualTo("TWO\nLINES");
            assertThat(client.exchange("cr only\r", uppercasePort())).isEqualTo("CR ONLY\r");
            assertThat(client.exchange("\n\n", bytecountPort())).isEqualTo("Your data was 1 bytes");
            assertThat(client.exchange("Hi\r", bytecountPort())).isEqualTo("Your data was 3 bytes");
        }
    }

    @Test
    void binaryDatagramsPassThroughUnchanged() {
        byte[] junk = { 0, (byte) 0xFF, (byte) 0xC3, 0, 'a' };
        try (UdpTestClient client = new UdpTestClient(0)) {
            assertThat(UdpTestClient.payload(client.exchange(junk, uppercasePort())))
                    .containsExactly(0, (byte) 0xFF, (byte) 0xC3, 0, 'A');
        }
    }

    private static void withClients(int count, Consumer<List<UdpTestClient>> exchanges) {
        List<UdpTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                clients.add(new UdpTestClient(0));
            }
            exchanges.accept(clients);
        }
        finally {
            clients.forEach(UdpTestClient::close);
        }
    }

    private int uppercasePort() {
        return Ports.of(listeners, "uppercase", Transport.UDP);
    }

    private int bytecountPort() {
        return Ports.of(listeners, "bytecount", Transport.UDP);
    }

}
