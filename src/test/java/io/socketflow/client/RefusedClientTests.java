package io.socketflow.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.client.ClientRunner.Result;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code client tcp} against a listener at its {@code max-connections}: the server's refusal is a failure, never a
 * reply, whether the message comes from the command line or from stdin.
 */
@SocketflowTest
@TestPropertySource(properties = "socketflow.uppercase.tcp.max-connections=1")
class RefusedClientTests {

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Test
    void aConnectionRefusedByTheServerIsOneLineOnStderrAndANonZeroExitCode() {
        try (TcpTestClient holder = TcpTestClient.local(uppercase.port())) {
            assertThat(holder.send("hi\n").readLine()).isEqualTo("HI\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> uppercase.openConnections() == 1);
            String port = Integer.toString(uppercase.port());

            for (Result result : List.of(ClientRunner.run("", "tcp", "127.0.0.1", port, "hello"),
                    ClientRunner.run("hello\n", "tcp", "127.0.0.1", port))) {
                assertThat(result.stdout()).isEmpty();
                // Which one depends on whether the refusal arrives before the message goes out.
                assertThat(result.stderr()).isIn(
                        "socketflow client: connection refused by the server (too many connections): 127.0.0.1:" + port
                                + "\n",
                        "socketflow client: connection closed by the server before the reply: 127.0.0.1:" + port + "\n");
                assertThat(result.exitCode()).isIn(3, 6);
            }
        }
    }

}
