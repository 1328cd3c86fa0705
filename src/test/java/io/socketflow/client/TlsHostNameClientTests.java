package io.socketflow.client;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.client.ClientRunner.Result;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TestCertificates;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code client tcp --tls} checks the server's certificate against the host name as given, not the address it
 * resolves to, and gives up a handshake the server never answers after {@code --timeout}.
 */
@SocketflowTest
@TestPropertySource(properties = "socketflow.uppercase.tcp.ssl.bundle=named")
class TlsHostNameClientTests {

    @DynamicPropertySource
    static void namedBundle(DynamicPropertyRegistry registry) {
        TestCertificates.get().registerServerBundle(registry, "named", "named");
    }

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Test
    void aCertificateForTheNameServesAClientThatUsesTheName() {
        String port = Integer.toString(uppercase.port());
        String ca = TestCertificates.get().path("ca.pem").toString();

        Result byName = ClientRunner.run("", "tcp", "localhost", port, "hello", "--tls", "--trust", ca);
        assertThat(byName.stderr()).isEmpty();
        assertThat(byName.stdout()).isEqualTo("HELLO\n");

        Result byAddress = ClientRunner.run("", "tcp", "127.0.0.1", port, "hello", "--tls", "--trust", ca);
        assertThat(byAddress.stdout()).as("the certificate names localhost only").isEmpty();
        assertThat(byAddress.exitCode()).isEqualTo(7);
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread holder = new Thread(() -> {
                try (Socket accepted = silent.accept()) {
                    accepted.getInputStream().readAllBytes();
                }
                catch (Exception ignored) {
                    // the client gave up, or the test ended
                }
            });
            holder.setDaemon(true);
            holder.start();
            // Without the handshake's own timeout the client waits for ever: a bound on the test, not a measurement.
            Result result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ClientRunner.run("", "tcp",
                    "127.0.0.1", Integer.toString(silent.getLocalPort()), "hi", "--tls", "--insecure", "--timeout", "1"));
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).startsWith("socketflow client: ").contains("1s").contains("127.0.0.1:");
            assertThat(result.exitCode()).isEqualTo(5);
        }
    }

}
