package io.socketflow.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Http;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The default relay is in memory: although Spring Data Redis is on the class path and a "Redis" listens where the
 * connection settings point, nothing connects to it and health has no Redis component.
 */
@SocketflowTest
@TestPropertySource(properties = "management.endpoint.health.show-details=always")
class LocalRelayTest {

    private static final ServerSocket redisThatMustNotBeCalled = listen();

    @DynamicPropertySource
    static void pointRedisSettingsAtTheListener(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", redisThatMustNotBeCalled::getLocalPort);
    }

    @AfterAll
    static void closeListener() throws IOException {
        redisThatMustNotBeCalled.close();
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ApplicationContext context;

    @Test
    void localRelayNeverConnectsToRedisAndHealthHasNoRedisComponent() throws IOException {
        try (ChatMember alice = new ChatMember(chatServer.port()); ChatMember bob = new ChatMember(chatServer.port())) {
            alice.awaitLine("* " + bob.nick + " joined");
            bob.say("/nick bob\n");
            assertThat(bob.line()).isEqualTo("* you are now bob");
            assertThat(alice.line()).endsWith(" is now bob");
            alice.say("/who\nhello\n");
            assertThat(alice.line()).startsWith("* online (2): ");
            assertThat(bob.line()).isEqualTo(alice.nick + ": hello");
        }
        Http http = new Http(httpPort);
        assertThat(http.get("/actuator/health").body()).contains("\"readinessState\"").doesNotContain("\"redis\"");
        assertThat(http.get("/actuator/health/redis").status()).isEqualTo(404);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(context.getBean(ChatBus.class)).isInstanceOf(LocalChatBus.class);
        assertThat(context.getBeansOfType(RedisRelay.class)).isEmpty();
        redisThatMustNotBeCalled.setSoTimeout(500);
        assertThatExceptionOfType(SocketTimeoutException.class).as("nobody connected to Redis")
                .isThrownBy(redisThatMustNotBeCalled::accept);
    }

    @Test
    void localRelayMakesNoRedisClient() {
        // Spring Boot's Redis auto-configuration would otherwise start Lettuce's timer and executor threads.
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ClientResources.class)).isEmpty();
    }

    private static ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
