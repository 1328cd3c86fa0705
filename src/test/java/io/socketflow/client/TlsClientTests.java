package io.socketflow.client;

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

/**
 * {@code client tcp --tls} and {@code client chat --tls} against TLS listeners with a certificate made for the test.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.ssl.bundle=server", "socketflow.chat.tcp.ssl.bundle=server" })
class TlsClientTests {

    @DynamicPropertySource
    static void serverBundle(DynamicPropertyRegistry registry) {
        TestCertificates.get().registerServerBundle(registry, "server");
    }

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Autowired
    @Qualifier("bytecountTcpServer")
    TcpServerListener plain;

    @Test
    void trustingTheTestAuthorityTheReplyComesOverTls() {
        Result result = ClientRunner.run("", "tcp", "localhost", port(uppercase), "hello over tls", "--tls",
                "--trust", TestCertificates.get().path("ca.pem").toString());

        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("HELLO OVER TLS\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void insecureAcceptsTheCertificateWithoutCheckingIt() {
        Result result = ClientRunner.run("a\nb\n", "tcp", "127.0.0.1", port(uppercase), "--tls", "--insecure");

        assertThat(result.stdout()).isEqualTo("A\nB\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anUntrustedCertificateFailsTheHandshakeWithItsOwnExitCode() {
        Result result = ClientRunner.run("", "tcp", "localhost", port(uppercase), "hello", "--tls");

        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("socketflow client: TLS with localhost:" + port(uppercase) + " failed");
        assertThat(result.exitCode()).isEqualTo(7);
    }

    @Test
    void tlsToAPlainListenerFailsTheHandshake() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(plain), "hello", "--tls", "--insecure",
                "--timeout", "2s");

        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(7);
    }

    @Test
    void tlsOptionsNeedTlsAndDoNotApplyToUdp() {
        assertThat(ClientRunner.run("", "tcp", "h", "1", "x", "--insecure").exitCode()).isEqualTo(2);
        assertThat(ClientRunner.run("", "udp", "h", "1", "x", "--tls").exitCode()).isEqualTo(2);
        assertThat(ClientRunner.run("", "tcp", "h", "1", "x", "--tls", "--trust", "/nonexistent.pem").stderr())
                .contains("--trust: cannot read /nonexistent.pem");
    }

    private static String port(TcpServerListener listener) {
        return String.valueOf(listener.port());
    }

}
