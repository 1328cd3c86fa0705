package io.socketflow.transport;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflow.support.Http;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.TestCertificates;

import static io.socketflow.transport.ProxyProtocolTest.concat;
import static io.socketflow.transport.ProxyProtocolTest.ip;
import static io.socketflow.transport.ProxyProtocolTest.port;
import static io.socketflow.transport.ProxyProtocolTest.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Listeners behind a load balancer that speaks the PROXY protocol, with hand-built headers: chat and uppercase in
 * clear, bytecount over TLS (the header comes in clear, before the handshake). The chat's operator API and the
 * connections the listeners open for the flows name the client the header names.
 */
@SocketflowTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "socketflow.chat.tcp.proxy-protocol=true",
        "socketflow.uppercase.tcp.proxy-protocol=true", "socketflow.bytecount.tcp.proxy-protocol=true",
        "socketflow.bytecount.tcp.ssl.bundle=server" })
class ProxyProtocolListenerTest {

    private static final TestCertificates certificates = TestCertificates.get();

    @DynamicPropertySource
    static void serverBundle(DynamicPropertyRegistry registry) {
        certificates.registerServerBundle(registry, "server");
    }

    @Autowired
    List<ServiceListener> listeners;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Autowired
    OpenedConnections opened;

    @LocalServerPort
    int httpPort;

    @Test
    void chatMemberBehindAV1Tcp4HeaderIsListedAndLoggedWithTheClientsAddress(CapturedOutput log) {
        try (TcpTestClient member = chat("PROXY TCP4 203.0.113.7 192.0.2.1 51234 8080\r\n")) {
            String nick = nick(member.readLine());
            await().untilAsserted(() -> assertThat(members()).contains(memberJson(nick, "203.0.113.7:51234")));
            assertThat(log.getOut()).contains(nick + " joined the chat from 203.0.113.7:51234");
            member.send("hi\n");
            // The header's bytes are not the member's: only "hi\n" counts.
            await().until(() -> members().matches("(?s).*\"nick\":\"" + nick + "\"[^}]*\"bytesIn\":3,.*"));
        }
    }

    @Test
    void chatMemberBehindAV1Tcp6HeaderIsListedWithTheClientsAddress() {
        try (TcpTestClient member = chat("PROXY TCP6 2001:db8::7 2001:db8::1 4000 8080\r\n")) {
            String memberNick = nick(member.readLine());
            await().untilAsserted(() -> assertThat(members()).contains(memberJson(memberNick, "[2001:db8:0:0:0:0:0:7]:4000")));
        }
    }

    @Test
    void chatMemberBehindAV1UnknownHeaderKeepsItsOwnAddress() {
        try (TcpTestClient member = chat("PROXY UNKNOWN\r\n")) {
            String memberNick = nick(member.readLine());
            await().untilAsserted(() -> assertThat(members()).contains(memberJson(memberNick, "127.0.0.1:" + member.localPort())));
        }
    }

    @Test
    void chatMemberBehindAV2Tcp4HeaderIsListedWithTheClientsAddress() {
        byte[] header = v2(0x21, 0x11, concat(ip("198.51.100.20"), ip("192.0.2.1"), port(40000), port(8080)));
        try (TcpTestClient member = chat(header)) {
            String memberNick = nick(member.readLine());
            await().untilAsserted(() -> assertThat(members()).contains(memberJson(memberNick, "198.51.100.20:40000")));
        }
    }

    @Test
    void chatMemberBehindAV2Tcp6HeaderIsListedWithTheClientsAddress() {
        byte[] header = v2(0x21, 0x21, concat(ip("2001:db8::42"), ip("2001:db8::1"), port(443), port(8080)));
        try (TcpTestClient member = chat(header)) {
            String memberNick = nick(member.readLine());
            await().untilAsserted(() -> assertThat(members()).contains(memberJson(memberNick, "[2001:db8:0:0:0:0:0:42]:443")));
        }
    }

    @Test
    void chatMemberBehindAV2LocalHeaderKeepsItsOwnAddress() {
        try (TcpTestClient member = chat(v2(0x20, 0x00, new byte[0]))) {
            String memberNick = nick(member.readLine());
            await().untilAsserted(() -> assertThat(members()).contains(memberJson(memberNick, "127.0.0.1:" + member.localPort())));
        }
    }

    @Test
    void messageSentWithTheHeaderInOnePacketIsAnswered() {
        try (TcpTestClient client = TcpTestClient.local(portOf("uppercase"))) {
            client.send("PROXY TCP4 203.0.113.9 192.0.2.1 1234 12000\r\nfirst\nsecond\n");
            assertThat(client.readText(13)).isEqualTo("FIRST\nSECOND\n");
        }
        assertThat(opened.address("uppercaseTcpServer", "203.0.113.9:1234")).isTrue();
    }

    @Test
    void connectionWithoutAHeaderIsClosedUnansweredAndCounted() {
        double before = proxyErrors("uppercase");
        try (TcpTestClient client = TcpTestClient.local(portOf("uppercase"))) {
            client.send("hello\n");
            assertThat(receivedBeforeClose(client)).isEmpty();
        }
        await().until(() -> proxyErrors("uppercase") == before + 1);
    }

    @Test
    void connectionClosedBeforeItsFirstByteIsNoError() {
        double before = proxyErrors("uppercase");
        int clientPort;
        try (TcpTestClient healthCheck = TcpTestClient.local(portOf("uppercase"))) {
            clientPort = healthCheck.localPort();
        }
        await().until(() -> uppercase.getOpenConnectionIds().stream()
                .noneMatch(id -> id.startsWith("127.0.0.1:" + clientPort + ":")));
        assertThat(proxyErrors("uppercase")).isEqualTo(before);
    }

    @Test
    void chatConnectionWithoutAHeaderNeverJoins() {
        double before = proxyErrors("chat");
        try (TcpTestClient client = TcpTestClient.local(portOf("chat"))) {
            client.send("hello everyone\n");
            assertThat(receivedBeforeClose(client)).isEmpty();
        }
        await().until(() -> proxyErrors("chat") == before + 1);
        assertThat(members()).doesNotContain("127.0.0.1:");
    }

    @Test
    void malformedHeadersAreClosedAndCountedAndNothingElseNotices() {
        double before = proxyErrors("uppercase");
        byte[][] malformed = { ascii("PROXY TCP4 999.0.113.7 192.0.2.1 1 2\r\nhello\n"),
                ascii("PROXY TCP4 203.0.113.7 192.0.2.1 1 2\nhello\n"), ascii("PROXY TCP6 localhost ::1 1 2\r\n"),
                ascii("PROXY " + "x".repeat(200) + "\r\n"), v2(0x31, 0x11, new byte[12]), v2(0x21, 0x21, new byte[12]),
                { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01 }, { 0x00, 0x00, 0x00, 0x05 } };
        try (TcpTestClient bystander = TcpTestClient.local(portOf("uppercase"))) {
            bystander.send("PROXY UNKNOWN\r\n");
            for (byte[] header : malformed) {
                try (TcpTestClient client = TcpTestClient.local(portOf("uppercase"))) {
                    client.send(header);
                    assertThat(client.closedByServerAfterDraining()).as(new String(header, StandardCharsets.ISO_8859_1)).isTrue();
                }
                assertThat(bystander.send("still fine\n").readLine()).isEqualTo("STILL FINE\n");
            }
        }
        await().until(() -> proxyErrors("uppercase") == before + malformed.length);
    }

    @Test
    void connectionWithNoHeaderWithinFiveSecondsIsClosedAndCounted() {
        double before = proxyErrors("uppercase");
        try (TcpTestClient silent = TcpTestClient.local(portOf("uppercase"))) {
            long start = System.nanoTime();
            try (TcpTestClient other = TcpTestClient.local(portOf("uppercase"))) {
                assertThat(other.send("PROXY UNKNOWN\r\nserved\n").readLine()).isEqualTo("SERVED\n");
            }
            silent.send("PROXY TCP4 203.0.113.7");
            // The server's 5 s run from the accept; the read must outlast them, whatever the machine's load.
            assertThat(silent.readToEnd(Duration.ofSeconds(8))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(8));
        }
        await().until(() -> proxyErrors("uppercase") == before + 1);
    }

    @Test
    void tlsListenerReadsTheHeaderInClearBeforeTheHandshake() throws UnknownHostException {
        byte[] header = v2(0x21, 0x21, concat(ip("2001:db8::99"), ip("2001:db8::1"), port(5555), port(1060)));
        try (TcpTestClient client = TcpTestClient.tls(certificates.clientTrustingCa(), "127.0.0.1", portOf("bytecount"), header)) {
            assertThat(client.send("Hi\n").readLine()).isEqualTo("Your data was 2 bytes\n");
        }
        String client = RemoteAddress.of(InetAddress.getByName("2001:db8::99").getHostAddress(), 5555);
        assertThat(opened.address("bytecountTcpServer", client)).isTrue();
    }

    @Test
    void tlsClientWithoutAHeaderIsClosedAndCountedAsAProxyProtocolError() {
        double before = proxyErrors("bytecount");
        Throwable refused = catchThrowable(
                () -> TcpTestClient.tls(certificates.clientTrustingCa(), "127.0.0.1", portOf("bytecount")).close());
        assertThat(refused).isNotNull();
        await().until(() -> proxyErrors("bytecount") == before + 1);
    }

    /** What the server sent before closing: the end of the stream, or a reset when it left our bytes unread. */
    private static byte[] receivedBeforeClose(TcpTestClient client) {
        try {
            return client.readToEnd();
        }
        catch (UncheckedIOException reset) {
            return new byte[0];
        }
    }

    private TcpTestClient chat(String header) {
        return chat(ascii(header));
    }

    private TcpTestClient chat(byte[] header) {
        return TcpTestClient.local(portOf("chat")).send(header);
    }

    private static String nick(String welcome) {
        return welcome.replaceFirst("^\\* welcome (guest-\\d+),.*\n$", "$1");
    }

    private String members() {
        return new Http(httpPort).get("/api/chat/members").body();
    }

    private static String memberJson(String nick, String address) {
        return "\"nick\":\"" + nick + "\",\"address\":\"" + address + "\"";
    }

    private double proxyErrors(String service) {
        return meterRegistry.counter("socketflow.errors", "service", service, "transport", "tcp", "reason",
                "proxy_protocol").count();
    }

    private int portOf(String service) {
        return Ports.of(listeners, service, Transport.TCP);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OpenEvents {

        @Bean
        OpenedConnections openedConnections(Map<String, TcpServerListener> tcpListeners) {
            OpenedConnections opened = new OpenedConnections();
            tcpListeners.forEach((name, listener) -> listener.observeConnections(opened.of(name)));
            return opened;
        }

    }

    /** The address each listener's connections named as they opened, as the chat and the message headers see it. */
    static class OpenedConnections {

        private final Map<String, List<String>> addresses = new ConcurrentHashMap<>();

        ConnectionLifecycle of(String listener) {
            List<String> opened = addresses.computeIfAbsent(listener, name -> new CopyOnWriteArrayList<>());
            return new ConnectionLifecycle() {

                @Override
                public void opened(TcpConnection connection) {
                    opened.add(RemoteAddress.of(connection.getHostAddress(), connection.getPort()));
                }

                @Override
                public void closed(TcpConnection connection) {
                }

            };
        }

        boolean address(String listener, String address) {
            return addresses.getOrDefault(listener, List.of()).contains(address);
        }

    }

}
