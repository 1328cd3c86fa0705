package io.socketflow.observability;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Http;
import io.socketflow.support.SocketflowTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With socketflow's meters turned off and the chat disabled, the status still lists the listeners and their open
 * connections, and says it has no numbers instead of showing zeros.
 */
@SocketflowTest
@TestPropertySource(properties = { "management.metrics.enable.socketflow=false", "socketflow.chat.tcp.enabled=false" })
class StatusWithoutMetricsOrChatTest {

    @LocalServerPort
    int httpPort;

    @Test
    void listenersAreListedWithoutTrafficNumbersAndThereIsNoChat() {
        Http.Response response = new Http(httpPort).get("/api/status");
        assertThat(response.status()).isEqualTo(200);
        DocumentContext status = JsonPath.parse(response.body());
        List<String> names = status.read("$.listeners[*].name");
        assertThat(names).containsExactly("uppercaseTcp", "uppercaseUdp", "bytecountTcp", "bytecountUdp");
        List<Map<String, Object>> uppercase = status.read("$.listeners[?(@.name == 'uppercaseTcp')]");
        assertThat(uppercase.get(0)).containsEntry("up", true)
                .containsEntry("connections", 0)
                .containsEntry("messagesReceived", null)
                .containsEntry("bytesSent", null)
                .containsEntry("messagesReceivedPerSecond", null)
                .containsEntry("processingP99Millis", null)
                .containsEntry("errors", Map.of());
        assertThat(status.read("$.chat", Object.class)).isNull();
    }

}
