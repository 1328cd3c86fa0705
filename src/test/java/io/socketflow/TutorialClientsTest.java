package io.socketflow;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.UdpTestClient;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchanges of the tutorial clients in {@code shared/examples}, replayed byte for byte.
 */
@SocketflowTest
class TutorialClientsTest {

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void tcpClientGetsItsMessageUppercased() {
        try (TcpTestClient client = TcpTestClient.local(port("uppercase", Transport.TCP))) {
            client.send("hello");
            assertThat(client.receive()).isEqualTo("HELLO");
        }
    }

    @Test
    void udpClientBoundToItsOwnPortGetsTheReplyThere() {
        try (UdpTestClient client = new UdpTestClient(0)) {
            int boundPort = client.localPort();
            var reply = client.exchange("hello".getBytes(), port("uppercase", Transport.UDP));
            assertThat(new String(UdpTestClient.payload(reply))).isEqualTo("HELLO");
            assertThat(reply.getPort()).isEqualTo(port("uppercase", Transport.UDP));
            assertThat(client.localPort()).isEqualTo(boundPort);
        }
    }

    @Test
    void tcpTaskClientCountsBytesUntilExit() {
        try (TcpTestClient client = TcpTestClient.local(port("bytecount", Transport.TCP))) {
            assertThat(client.send("Hi").receive()).isEqualTo("Your data was 2 bytes");
            assertThat(client.send("Testing Connection").receive()).isEqualTo("Your data was 18 bytes");
            assertThat(client.send("Exit").receive()).isEqualTo("Disconnect");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    private int port(String service, Transport transport) {
        return Ports.of(listeners, service, transport);
    }

}
