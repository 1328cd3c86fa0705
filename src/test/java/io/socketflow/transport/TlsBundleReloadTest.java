package io.socketflow.transport;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PEM bundle with {@code reload-on-update}: a renewed certificate is presented to new connections, without a
 * restart, while connections already open carry on.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.ssl.bundle=renewable",
        "spring.ssl.bundle.pem.renewable.reload-on-update=true", "spring.ssl.bundle.watch.file.quiet-period=100ms" })
class TlsBundleReloadTest {

    /** Its own files, since this test replaces them. */
    private static final TestCertificates certificates = TestCertificates.create();

    @DynamicPropertySource
    static void renewableBundle(DynamicPropertyRegistry registry) {
        certificates.registerServerBundle(registry, "renewable");
    }

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void renewedCertificateIsPresentedToNewConnectionsWhileOpenOnesCarryOn() throws IOException {
        try (TcpTestClient open = connect()) {
            assertThat(serverSubject(open)).isEqualTo("CN=localhost");
            certificates.renewServerCertificate("/CN=renewed");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (TcpTestClient next = connect()) {
                    return serverSubject(next).equals("CN=renewed") && next.send("new\n").readLine().equals("NEW\n");
                }
            });
            assertThat(open.send("still served\n").readLine()).isEqualTo("STILL SERVED\n");
            assertThat(serverSubject(open)).isEqualTo("CN=localhost");
        }
    }

    private TcpTestClient connect() {
        return TcpTestClient.tls(certificates.clientTrustingCa(), "127.0.0.1", Ports.of(listeners, "uppercase", Transport.TCP));
    }

    private static String serverSubject(TcpTestClient client) throws SSLPeerUnverifiedException {
        return ((X509Certificate) client.session().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

}
