package io.socketflow.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Http;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * IPv6: uppercase and the chat bound to {@code ::1} only, bytecount to {@code ::}, which serves IPv4 and IPv6
 * clients alike, over TCP and UDP.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.bind-address=::1", "socketflow.uppercase.udp.bind-address=::1",
        "socketflow.bytecount.tcp.bind-address=::", "socketflow.bytecount.udp.bind-address=::",
        "socketflow.chat.tcp.bind-address=::1" })
class Ipv6ListenerTest {

    private static final InetAddress IPV6_LOOPBACK = loopback("::1");

    private static final InetAddress IPV4_LOOPBACK = loopback("127.0.0.1");

    @Autowired
    List<ServiceListener> listeners;

    @LocalServerPort
    int httpPort;

    /** Only a machine without an IPv6 loopback address skips this (most containers and CI machines have one). */
    @BeforeAll
    static void ipv6LoopbackIsThere() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(IPV6_LOOPBACK, 0));
        }
        catch (IOException ex) {
            assumeThat(ex).as("this machine has no IPv6 loopback address").isNull();
        }
    }

    @Test
    void tcpListenerOnIpv6LoopbackAnswers() {
        try (TcpTestClient client = new TcpTestClient("::1", port("uppercase", Transport.TCP))) {
            assertThat(client.send("hello over ipv6\n").readLine()).isEqualTo("HELLO OVER IPV6\n");
        }
    }

    @Test
    void udpListenerOnIpv6LoopbackAnswersFromItsOwnAddress() {
        try (UdpTestClient client = new UdpTestClient(IPV6_LOOPBACK, 0)) {
            DatagramPacket reply = client.exchange("hello".getBytes(), port("uppercase", Transport.UDP));
            assertThat(new String(UdpTestClient.payload(reply))).isEqualTo("HELLO");
            assertThat(reply.getAddress()).isInstanceOf(Inet6Address.class).isEqualTo(IPV6_LOOPBACK);
        }
    }

    @Test
    void dualStackTcpListenerServesIpv4AndIpv6Clients() {
        try (TcpTestClient ipv4 = new TcpTestClient("127.0.0.1", port("bytecount", Transport.TCP));
                TcpTestClient ipv6 = new TcpTestClient("::1", port("bytecount", Transport.TCP))) {
            assertThat(ipv4.send("four\n").readLine()).isEqualTo("Your data was 4 bytes\n");
            assertThat(ipv6.send("six\n").readLine()).isEqualTo("Your data was 3 bytes\n");
        }
    }

    @Test
    void dualStackUdpListenerServesIpv4AndIpv6Clients() {
        try (UdpTestClient ipv4 = new UdpTestClient(IPV4_LOOPBACK, 0); UdpTestClient ipv6 = new UdpTestClient(IPV6_LOOPBACK, 0)) {
            DatagramPacket toIpv4 = ipv4.exchange("four".getBytes(), port("bytecount", Transport.UDP));
            DatagramPacket toIpv6 = ipv6.exchange("six".getBytes(), port("bytecount", Transport.UDP));
            assertThat(new String(UdpTestClient.payload(toIpv4))).isEqualTo("Your data was 4 bytes");
            assertThat(new String(UdpTestClient.payload(toIpv6))).isEqualTo("Your data was 3 bytes");
        }
    }

    @Test
    void ipv6ChatMemberIsListedWithABracketedAddress() {
        try (TcpTestClient member = new TcpTestClient("::1", port("chat", Transport.TCP))) {
            String nick = member.readLine().replaceFirst("^\\* welcome (guest-\\d+),.*\n$", "$1");
            assertThat(new Http(httpPort).get("/api/chat/members").body())
                    .contains("\"nick\":\"" + nick + "\",\"address\":\"[0:0:0:0:0:0:0:1]:" + member.localPort() + "\"");
        }
    }

    @Test
    void ipv6OnlyListenerIsNotReachableOverIpv4() {
        assertThat(listeners).filteredOn(listener -> listener.id().service().equals("uppercase"))
                .extracting(ServiceListener::bindAddress).containsOnly("::1");
        assertThat(catchThrowable(
                () -> new TcpTestClient("127.0.0.1", port("uppercase", Transport.TCP)).close())).isNotNull();
    }

    private int port(String service, Transport transport) {
        return Ports.of(listeners, service, transport);
    }

    private static InetAddress loopback(String literal) {
        try {
            return InetAddress.getByName(literal);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
