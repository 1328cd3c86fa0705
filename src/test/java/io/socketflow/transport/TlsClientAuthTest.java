package io.socketflow.transport;

import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflow.support.OpensslClient;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Client certificates: uppercase needs one the bundle's CA signed, bytecount wants one but serves clients without.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.ssl.bundle=server",
        "socketflow.uppercase.tcp.ssl.client-auth=need", "socketflow.bytecount.tcp.ssl.bundle=server",
        "socketflow.bytecount.tcp.ssl.client-auth=want" })
class TlsClientAuthTest {

    private static final TestCertificates certificates = TestCertificates.get();

    @DynamicPropertySource
    static void serverBundle(DynamicPropertyRegistry registry) {
        certificates.registerServerBundle(registry, "server");
    }

    @Autowired
    List<ServiceListener> listeners;

    @Autowired
    MeterRegistry meterRegistry;

    @Test
    void clientWithACertificateTheCaSignedIsServed() {
        try (TcpTestClient client = TcpTestClient.tls(certificates.clientWithCertificate(), "127.0.0.1", port("uppercase"))) {
            assertThat(client.send("signed\n").readLine()).isEqualTo("SIGNED\n");
            assertThat(client.session().getLocalPrincipal().getName()).isEqualTo("CN=test-client");
        }
    }

    @Test
    void opensslClientWithACertificateTheCaSignedIsServed() {
        try (OpensslClient openssl = OpensslClient.connect("127.0.0.1", port("uppercase"), certificates.path("ca.pem"),
                "-cert", certificates.path("client.pem").toString(), "-key", certificates.path("client.key").toString())) {
            assertThat(openssl.send("hello with a certificate\n").readLine()).isEqualTo("HELLO WITH A CERTIFICATE");
        }
    }

    @Test
    void clientWithoutACertificateIsRefusedAndCounted() {
        double before = tlsErrors("uppercase");
        assertRefused(TcpTestClient.tls(certificates.clientTrustingCa(), "127.0.0.1", port("uppercase")));
        await().until(() -> tlsErrors("uppercase") == before + 1);
    }

    @Test
    void clientWithACertificateNoOneSignedIsRefused() {
        double before = tlsErrors("uppercase");
        assertRefused(TcpTestClient.tls(certificates.clientWithStrangersCertificate(), "127.0.0.1", port("uppercase")));
        await().until(() -> tlsErrors("uppercase") == before + 1);
    }

    @Test
    void opensslClientWithoutACertificateIsRefused() {
        try (OpensslClient openssl = OpensslClient.connect("127.0.0.1", port("uppercase"), certificates.path("ca.pem"))) {
            assertThat(openssl.send("no certificate\n").readLine()).isNull();
            assertThat(openssl.awaitExit()).isNotZero();
        }
    }

    @Test
    void wantingListenerServesClientsWithAndWithoutCertificates() {
        try (TcpTestClient without = TcpTestClient.tls(certificates.clientTrustingCa(), "127.0.0.1", port("bytecount"));
                TcpTestClient with = TcpTestClient.tls(certificates.clientWithCertificate(), "127.0.0.1", port("bytecount"))) {
            assertThat(without.send("Hi\n").readLine()).isEqualTo("Your data was 2 bytes\n");
            assertThat(with.send("Hi!\n").readLine()).isEqualTo("Your data was 3 bytes\n");
        }
    }

    /**
     * In TLS 1.3 the client finishes its side of the handshake before the server has checked its certificate, so the
     * refusal shows on the first write (the server has already closed) or read (an alert or the end of the stream), never
     * as a reply.
     */
    private static void assertRefused(TcpTestClient client) {
        try (client) {
            try {
                client.send("let me in\n");
            }
            catch (UncheckedIOException refusedBeforeTheWrite) {
                return;
            }
            assertThat(client.closedByServerAfterDraining()).isTrue();
        }
    }

    private double tlsErrors(String service) {
        return meterRegistry.counter("socketflow.errors", "service", service, "transport", "tcp", "reason", "tls").count();
    }

    private int port(String service) {
        return Ports.of(listeners, service, Transport.TCP);
    }

}
