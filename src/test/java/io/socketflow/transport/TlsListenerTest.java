package io.socketflow.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.ip.tcp.TcpOutboundGateway;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflow.support.Http;
import io.socketflow.support.OpensslClient;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.TestCertificates;
import io.socketflow.support.TlsStreamClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Every TCP listener over TLS from a PEM SSL bundle, with real TLS clients: {@code openssl s_client} and the JDK's.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.ssl.bundle=server",
        "socketflow.uppercase.tcp.ssl.handshake-timeout=1s", "socketflow.bytecount.tcp.ssl.bundle=server",
        "socketflow.chat.tcp.ssl.bundle=server", "socketflow.operator.token=test-token" })
class TlsListenerTest {

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
    SslBundles sslBundles;

    @Autowired
    ApplicationContext applicationContext;

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @LocalServerPort
    int httpPort;

    @Test
    void opensslClientGetsItsLineUppercased() {
        try (OpensslClient openssl = OpensslClient.connect("127.0.0.1", port("uppercase"), certificates.path("ca.pem"))) {
            assertThat(openssl.send("hello over tls\n").readLine()).isEqualTo("HELLO OVER TLS");
            assertThat(openssl.send("straße\n").readLine()).isEqualTo("STRASSE");
        }
    }

    @Test
    void opensslClientIsDisconnectedAfterExit() {
        try (OpensslClient openssl = OpensslClient.connect("127.0.0.1", port("bytecount"), certificates.path("ca.pem"))) {
            openssl.send("Hi\nExit\nnot answered\n");
            assertThat(openssl.readLine()).isEqualTo("Your data was 2 bytes");
            assertThat(openssl.readLine()).isEqualTo("Disconnect");
            assertThat(openssl.readLine()).isNull();
            openssl.awaitExit();
        }
    }

    @Test
    void javaClientGetsRepliesOverTls13() {
        try (TcpTestClient client = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("uppercase"))) {
            assertThat(client.session().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.send("hello\r\n").readLine()).isEqualTo("HELLO\r\n");
            assertThat(client.send("one\ntwo\n").readText(8)).isEqualTo("ONE\nTWO\n");
            byte[] large = "x".repeat(60_000).getBytes();
            client.send(large).send("\n");
            assertThat(client.read(60_001)).startsWith((byte) 'X').endsWith((byte) '\n');
        }
    }

    @Test
    void clientThatEndsItsTlsStreamGetsItsLastRepliesAndThenTheServerCloses() throws Exception {
        try (TlsStreamClient client = TlsStreamClient.connect(trustingCa(), "127.0.0.1", port("uppercase"), "TLSv1.3")) {
            client.send("hello\nwor");
            client.endTlsStream();
            assertThat(client.awaitClosedByServer()).isEqualTo("HELLO\nWOR");
        }
        try (TcpTestClient next = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("uppercase"))) {
            assertThat(next.send("next\n").readLine()).isEqualTo("NEXT\n");
        }
    }

    @Test
    void tls12ClientThatEndsItsTlsStreamIsClosedWithoutAnError() throws Exception {
        double before = errors("uppercase");
        try (TlsStreamClient client = TlsStreamClient.connect(trustingCa(), "127.0.0.1", port("uppercase"), "TLSv1.2")) {
            client.send("hello\n");
            await().until(client::received, "HELLO\n"::equals);
            client.endTlsStream();
            assertThat(client.awaitClosedByServer()).isEqualTo("HELLO\n");
        }
        assertThat(errors("uppercase")).isEqualTo(before);
    }

    @Test
    void springIntegrationClientOnTheSameBundleGetsReplies() {
        TcpNetClientConnectionFactory client = new TcpNetClientConnectionFactory("localhost", port("uppercase"));
        client.setTcpSocketFactorySupport(
                new DefaultTcpNetSSLSocketFactorySupport(SslBundleContextSupport.of(sslBundles, "server")));
        client.setSerializer(TcpCodecs.lf());
        client.setDeserializer(TcpCodecs.lf());
        client.setApplicationEventPublisher(event -> { });
        TcpOutboundGateway gateway = new TcpOutboundGateway();
        gateway.setConnectionFactory(client);
        gateway.setBeanFactory(applicationContext);
        gateway.afterPropertiesSet();
        gateway.start();
        try {
            QueueChannel replies = new QueueChannel();
            gateway.setOutputChannel(replies);
            gateway.handleMessage(MessageBuilder.withPayload("through the client adapter").build());
            Message<?> reply = replies.receive(10_000);
            assertThat(reply).isNotNull();
            assertThat(new String((byte[]) reply.getPayload())).isEqualTo("THROUGH THE CLIENT ADAPTER");
        }
        finally {
            gateway.stop();
            client.stop();
        }
    }

    @Test
    void chatRelaysBetweenTlsMembers() {
        try (TcpTestClient alice = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("chat"));
                TcpTestClient bob = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("chat"))) {
            assertThat(alice.readLine()).startsWith("* welcome guest-");
            assertThat(bob.readLine()).startsWith("* welcome guest-");
            assertThat(alice.readLine()).endsWith(" joined\n");
            alice.send("hello bob\n");
            assertThat(bob.readLine()).endsWith(": hello bob\n");
        }
    }

    @Test
    void chatMemberThatEndsItsTlsStreamHasItsLastWordsRelayedAndLeaves() throws Exception {
        try (TcpTestClient watcher = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("chat"));
                TlsStreamClient leaving = TlsStreamClient.connect(trustingCa(), "127.0.0.1", port("chat"), "TLSv1.3")) {
            assertThat(watcher.readLine()).startsWith("* welcome guest-");
            String nick = watcher.readLine().replaceFirst("^\\* (guest-\\d+) joined\n$", "$1");
            leaving.send("said and gone");
            leaving.endTlsStream();
            assertThat(leaving.awaitClosedByServer()).startsWith("* welcome " + nick + ",");
            assertThat(watcher.readLine()).isEqualTo(nick + ": said and gone\n");
            assertThat(watcher.readLine()).isEqualTo("* " + nick + " left\n");
        }
    }

    @Test
    void operatorKickClosesATlsMemberFromAnotherThread() {
        try (TcpTestClient member = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("chat"))) {
            String nick = member.readLine().replaceFirst("^\\* welcome (guest-\\d+),.*\n$", "$1");
            Http.Response kicked = new Http(httpPort).withToken("test-token").delete("/api/chat/members/" + nick);
            assertThat(kicked.status()).isEqualTo(204);
            assertThat(member.readLine()).isEqualTo("* you were disconnected by the operator\n");
            assertThat(member.closedByServer()).isTrue();
        }
        try (TcpTestClient next = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("chat"))) {
            assertThat(next.readLine()).startsWith("* welcome guest-");
        }
    }

    @Test
    void plainTextToATlsPortIsClosedAndCountedWhileTlsClientsCarryOn() {
        double before = tlsErrors("uppercase");
        try (TcpTestClient tls = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("uppercase"));
                TcpTestClient plain = TcpTestClient.local(port("uppercase"))) {
            plain.send("hello\n");
            assertThat(plain.closedByServerAfterDraining()).isTrue();
            await().until(() -> tlsErrors("uppercase") == before + 1);
            assertThat(tls.send("still here\n").readLine()).isEqualTo("STILL HERE\n");
        }
    }

    @Test
    void stalledHandshakeIsClosedAfterTheTimeoutWithoutHoldingUpOthers() throws IOException {
        double before = tlsErrors("uppercase");
        try (Socket silent = connect(port("uppercase")); Socket partial = connect(port("uppercase"))) {
            long start = System.nanoTime();
            // The first bytes of a ClientHello record header, then nothing more.
            partial.getOutputStream().write(new byte[] { 0x16, 0x03, 0x01, 0x02 });
            try (TcpTestClient other = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("uppercase"))) {
                assertThat(other.send("served\n").readLine()).isEqualTo("SERVED\n");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
            assertThat(partial.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(4));
        }
        await().until(() -> tlsErrors("uppercase") == before + 2);
    }

    @Test
    void clientThatDoesNotTrustTheServerFailsAndIsCounted() throws Exception {
        double before = tlsErrors("bytecount");
        SSLContext trustsOnlyPublicCas = SSLContext.getDefault();
        assertThat(catchThrowable(() -> TcpTestClient.tls(trustsOnlyPublicCas, "127.0.0.1", port("bytecount"))))
                .hasCauseInstanceOf(SSLHandshakeException.class);
        await().until(() -> tlsErrors("bytecount") == before + 1);
        try (TcpTestClient client = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("bytecount"))) {
            assertThat(client.send("Hi\n").readLine()).isEqualTo("Your data was 2 bytes\n");
        }
    }

    @Test
    void clientsThatJustLeaveAreNotCountedAsErrors() throws IOException {
        double before = tlsErrors("uppercase");
        int healthCheck;
        try (Socket socket = connect(port("uppercase"))) {
            healthCheck = socket.getLocalPort();
        }
        int benchmark;
        try (TcpTestClient client = TcpTestClient.tls(trustingCa(), "127.0.0.1", port("uppercase"))) {
            benchmark = client.localPort();
        }
        await().until(() -> closedOnTheServer(healthCheck) && closedOnTheServer(benchmark));
        assertThat(tlsErrors("uppercase")).isEqualTo(before);
    }

    private boolean closedOnTheServer(int clientPort) {
        return uppercase.getOpenConnectionIds().stream().noneMatch(id -> id.startsWith("127.0.0.1:" + clientPort + ":"));
    }

    private double errors(String service) {
        return meterRegistry.find("socketflow.errors").tag("service", service).counters().stream()
            .mapToDouble(counter -> counter.count())
            .sum();
    }

    private double tlsErrors(String service) {
        return meterRegistry.counter("socketflow.errors", "service", service, "transport", "tcp", "reason", "tls").count();
    }

    private static SSLContext trustingCa() {
        return certificates.clientTrustingCa();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private int port(String service) {
        return Ports.of(listeners, service, Transport.TCP);
    }

}
