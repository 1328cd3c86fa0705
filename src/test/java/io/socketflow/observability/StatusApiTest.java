package io.socketflow.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.socketflow.support.Http;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/status}, the JSON behind the status page that scripts use too, and the page's own files.
 */
@SocketflowTest
class StatusApiTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void statusDescribesTheInstanceAndEveryListener() {
        DocumentContext status = status();
        assertThat(status.read("$.application", String.class)).isEqualTo("socketflow");
        assertThat(status.read("$.version", String.class)).isNotBlank();
        assertThat(status.read("$.relay", String.class)).isEqualTo("local");
        assertThat(status.read("$.uptimeSeconds", Long.class)).isNotNegative();
        assertThat(status.read("$.startedAt", String.class)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(status.read("$.sampleIntervalSeconds", Integer.class)).isEqualTo(1);
        assertThat(status.read("$.rateWindowSeconds", Integer.class)).isEqualTo(10);
        assertThat(status.read("$.percentileWindowSeconds", Integer.class)).isEqualTo(60);
        List<String> names = status.read("$.listeners[*].name");
        assertThat(names).containsExactly("uppercaseTcp", "uppercaseUdp",
                "bytecountTcp", "bytecountUdp", "chatTcp");
        for (ServiceListener listener : listeners) {
            Map<String, Object> entry = listener(status, listener.id().beanName());
            assertThat(entry).containsEntry("service", listener.id().service())
                    .containsEntry("transport", listener.id().transport().label())
                    .containsEntry("bindAddress", "127.0.0.1")
                    .containsEntry("port", listener.port())
                    .containsEntry("up", true)
                    .containsKeys("messagesReceived", "messagesSent", "bytesReceived", "bytesSent",
                            "messagesReceivedPerSecond", "messagesSentPerSecond", "bytesReceivedPerSecond",
                            "bytesSentPerSecond", "processingP50Millis", "processingP99Millis", "errors", "history");
        }
        assertThat(listener(status, "uppercaseTcp")).containsEntry("maxConnections", 10000);
        assertThat(listener(status, "uppercaseUdp")).containsEntry("connections", null).containsEntry("maxConnections", null);
        assertThat(errors(status, "uppercaseTcp").keySet()).containsExactly("too_large", "too_many_connections",
                "idle_timeout", "io");
        assertThat(errors(status, "chatTcp").keySet()).containsExactly("too_large", "too_many_connections",
                "slow_consumer", "idle_timeout", "io");
        assertThat(errors(status, "uppercaseUdp").keySet()).containsExactly("too_large", "io");
        assertThat(errors(status, "bytecountUdp").keySet()).containsExactly("io");
        assertThat(status.read("$.chat.members", List.class)).isNotNull();
    }

    @Test
    void trafficMovesTotalsRatesTrendsAndPercentiles() {
        Map<String, Object> before = listener(status(), "uppercaseTcp");
        int open = (Integer) before.get("connections");
        try (TcpTestClient client = TcpTestClient.local(port("uppercase", Transport.TCP))) {
            for (int i = 0; i < 5; i++) {
                client.send("hello\n");
                assertThat(client.readLine()).isEqualTo("HELLO\n");
            }
            await().untilAsserted(() -> {
                Map<String, Object> after = listener(status(), "uppercaseTcp");
                assertThat(number(after, "messagesReceived")).isEqualTo(number(before, "messagesReceived") + 5);
                assertThat(number(after, "messagesSent")).isEqualTo(number(before, "messagesSent") + 5);
                assertThat(number(after, "bytesReceived")).isEqualTo(number(before, "bytesReceived") + 30);
                assertThat(number(after, "bytesSent")).isEqualTo(number(before, "bytesSent") + 30);
                assertThat(after).containsEntry("connections", open + 1);
            });
            await().untilAsserted(() -> {
                DocumentContext status = status();
                Map<String, Object> sampled = listener(status, "uppercaseTcp");
                assertThat(number(sampled, "messagesReceivedPerSecond")).isPositive();
                assertThat(number(sampled, "bytesSentPerSecond")).isPositive();
                assertThat(number(sampled, "processingP50Millis")).isPositive();
                assertThat(number(sampled, "processingP99Millis")).isGreaterThanOrEqualTo(number(sampled, "processingP50Millis"));
                List<Number> received = status.read("$.listeners[?(@.name == 'uppercaseTcp')].history.messagesReceivedPerSecond[*]");
                assertThat(received).anySatisfy(rate -> assertThat(rate.doubleValue()).isPositive()).hasSizeLessThanOrEqualTo(60);
                List<Number> connections = status.read("$.listeners[?(@.name == 'uppercaseTcp')].history.connections[*]");
                assertThat(connections.get(connections.size() - 1).intValue()).isEqualTo(open + 1);
            });
        }
        await().untilAsserted(() -> assertThat(listener(status(), "uppercaseTcp")).containsEntry("connections", open));
    }

    @Test
    void chatMembersAreListedWithAddressAndBytes() {
        try (TcpTestClient member = TcpTestClient.local(port("chat", Transport.TCP))) {
            assertThat(member.readLine()).startsWith("* welcome ");
            member.send("/nick status_reader\n");
            assertThat(member.readLine()).isEqualTo("* you are now status_reader\n");
            DocumentContext status = status();
            List<Map<String, Object>> members = status.read("$.chat.members[?(@.nick == 'status_reader')]");
            assertThat(members).singleElement().satisfies(entry -> {
                assertThat((String) entry.get("address")).startsWith("127.0.0.1:");
                assertThat((String) entry.get("since")).endsWith("Z");
                assertThat(((Number) entry.get("bytesIn")).longValue()).isEqualTo("/nick status_reader\n".length());
                assertThat(((Number) entry.get("bytesOut")).longValue()).isPositive();
            });
        }
        await().untilAsserted(() -> assertThat(status().read("$.chat.members[?(@.nick == 'status_reader')]", List.class)).isEmpty());
    }

    @Test
    void statusIsJsonNeverCachedAndReadOnly() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/status")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(http().post("/api/status", "{}").status()).isIn(403, 405);
        assertThat(http().delete("/api/status").status()).isIn(403, 405);
    }

    @Test
    void thePageIsServedAtTheRootAndLoadsNothingFromElsewhere() {
        Http.Response page = http().get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>socketflow status</title>", "status.js", "status.css",
                "<main", "<nav", "<header");
        for (String path : new String[] { "/", "/status.js", "/status.css", "/favicon.svg" }) {
            Http.Response file = http().get(path);
            assertThat(file.status()).as(path).isEqualTo(200);
            Matcher urls = Pattern.compile("(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(file.body());
            while (urls.find()) {
                assertThat(urls.group()).as("external reference in " + path).isEqualTo("http://www.w3.org");
            }
        }
    }

    private DocumentContext status() {
        Http.Response response = http().get("/api/status");
        assertThat(response.status()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private static Map<String, Object> listener(DocumentContext status, String name) {
        List<Map<String, Object>> matches = status.read("$.listeners[?(@.name == '" + name + "')]");
        assertThat(matches).as(name).hasSize(1);
        return matches.get(0);
    }

    private static Map<String, Object> errors(DocumentContext status, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) listener(status, name).get("errors");
        errors.values().forEach(count -> assertThat(count).isInstanceOf(Integer.class));
        return errors;
    }

    private static double number(Map<String, Object> listener, String field) {
        Object value = listener.get(field);
        assertThat(value).as(field).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }

    private Http http() {
        return new Http(httpPort);
    }

    private int port(String service, Transport transport) {
        return Ports.of(listeners, service, transport);
    }

}
