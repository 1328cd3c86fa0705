package io.socketflow.observability;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Http;
import io.socketflow.support.Ports;
import io.socketflow.support.SocketflowTest;
import io.socketflow.support.TcpTestClient;
import io.socketflow.support.UdpTestClient;
import io.socketflow.transport.ServiceListener;
import io.socketflow.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator scraping the service sees: the metrics contract, health per listener, and nothing else exposed.
 */
@SocketflowTest
@TestPropertySource(properties = "socketflow.uppercase.tcp.max-message-bytes=16")
class ObservabilityTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    List<ServiceListener> listeners;

    @Test
    void trafficShowsUpInTheMetricsWithServiceAndTransportLabels() {
        double before = value("socketflow_messages_received_total", "uppercase", "tcp");
        try (TcpTestClient client = TcpTestClient.local(port("uppercase", Transport.TCP))) {
            client.send("one\r\ntwo\n");
            assertThat(client.readText(9)).isEqualTo("ONE\r\nTWO\n");
            assertThat(value("socketflow_connections_active", "uppercase", "tcp")).isEqualTo(1.0);
        }
        try (UdpTestClient udp = new UdpTestClient(0)) {
            assertThat(udp.exchange("abc", port("uppercase", Transport.UDP))).isEqualTo("ABC");
        }
        assertThat(value("socketflow_messages_received_total", "uppercase", "tcp")).isEqualTo(before + 2);
        assertThat(value("socketflow_bytes_received_total", "uppercase", "tcp")).isGreaterThanOrEqualTo(9.0);
        assertThat(value("socketflow_bytes_sent_total", "uppercase", "tcp")).isGreaterThanOrEqualTo(9.0);
        assertThat(value("socketflow_messages_sent_total", "uppercase", "udp")).isGreaterThanOrEqualTo(1.0);
        assertThat(value("socketflow_bytes_received_total", "uppercase", "udp")).isGreaterThanOrEqualTo(3.0);
        await().untilAsserted(() -> assertThat(value("socketflow_connections_active", "uppercase", "tcp")).isZero());
        assertThat(value("socketflow_connections_closed_total", "uppercase", "tcp"))
                .isEqualTo(value("socketflow_connections_opened_total", "uppercase", "tcp"));
        String scrape = scrape();
        assertThat(scrape).contains("socketflow_message_processing_seconds_bucket{service=\"uppercase\",transport=\"tcp\",le=\"1.0E-4\"}")
                .contains("socketflow_message_processing_seconds_bucket{service=\"uppercase\",transport=\"tcp\",le=\"1.0\"}")
                .contains("socketflow_message_processing_seconds_count{service=\"uppercase\",transport=\"udp\"}")
                .contains("socketflow_chat_members{service=\"chat\",transport=\"tcp\"}")
                .contains("spring_integration_send_seconds_count")
                .contains("name=\"uppercaseTcpOut\"");
    }

    @Test
    void errorsAreCountedByReason() {
        double before = errors("too_large");
        try (TcpTestClient client = TcpTestClient.local(port("uppercase", Transport.TCP))) {
            client.send("x".repeat(40) + "\n");
            assertThat(new String(client.readToEnd())).isEqualTo("ERROR message exceeds 16 bytes\n");
        }
        assertThat(errors("too_large")).isEqualTo(before + 1);

        double ioBefore = errors("io");
        TcpTestClient rude = TcpTestClient.local(port("uppercase", Transport.TCP));
        assertThat(rude.send("hi\n").readText(3)).isEqualTo("HI\n");
        rude.reset();
        await().untilAsserted(() -> assertThat(errors("io")).as("a reset").isEqualTo(ioBefore + 1));
    }

    @Test
    void aClientThatResetsRightAfterItsRequestIsAnIoError() {
        double ioBefore = errors("io");
        TcpTestClient rude = TcpTestClient.local(port("uppercase", Transport.TCP));
        rude.send("hi\n").reset();
        await().untilAsserted(() -> assertThat(errors("io")).as("the reset, whatever became of the reply")
                .isGreaterThan(ioBefore));
    }

    @Test
    void bytesAreCountedAsTheyCrossTheSocketEvenWhenNoReplyComesOfThem() {
        double uppercaseBefore = value("socketflow_bytes_received_total", "uppercase", "tcp");
        try (TcpTestClient client = TcpTestClient.local(port("uppercase", Transport.TCP))) {
            client.send("x".repeat(40) + "\n");
            assertThat(new String(client.readToEnd())).isEqualTo("ERROR message exceeds 16 bytes\n");
        }
        await().untilAsserted(() -> assertThat(value("socketflow_bytes_received_total", "uppercase", "tcp"))
                .as("the oversized line's 41 bytes").isEqualTo(uppercaseBefore + 41));

        double bytecountBefore = value("socketflow_bytes_received_total", "bytecount", "tcp");
        try (TcpTestClient client = TcpTestClient.local(port("bytecount", Transport.TCP))) {
            client.send("Hi\r\nExit\nnot answered\n");
            assertThat(new String(client.readToEnd())).isEqualTo("Your data was 2 bytes\r\nDisconnect\n");
        }
        await().untilAsserted(() -> assertThat(value("socketflow_bytes_received_total", "bytecount", "tcp"))
                .as("all 22 bytes, those read after Exit included").isEqualTo(bytecountBefore + 22));

        double udpBefore = value("socketflow_bytes_received_total", "uppercase", "udp");
        try (UdpTestClient udp = new UdpTestClient(0)) {
            assertThat(udp.exchange("abc\r\n", port("uppercase", Transport.UDP))).isEqualTo("ABC");
        }
        await().untilAsserted(() -> assertThat(value("socketflow_bytes_received_total", "uppercase", "udp"))
                .as("the datagram, terminator included").isEqualTo(udpBefore + 5));
    }

    @Test
    void labelsNeverCarryAConnectionOrAnAddress() {
        for (String line : scrape().lines().filter(l -> l.startsWith("socketflow_")).toList()) {
            assertThat(line).doesNotContain("127.0.0.1").doesNotContain("connectionId");
            Matcher labels = Pattern.compile("\\{(.*)}").matcher(line);
            if (labels.find()) {
                for (String label : labels.group(1).split(",")) {
                    assertThat(label.substring(0, label.indexOf('='))).isIn("service", "transport", "reason", "le");
                }
            }
        }
    }

    @Test
    void healthHasAComponentPerListenerAndReadinessIncludesThem() {
        Http.Response health = http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        for (String listener : new String[] { "uppercaseTcp", "uppercaseUdp", "bytecountTcp", "bytecountUdp",
                "chatTcp" }) {
            assertThat(health.body()).as("a top-level component").contains("\"" + listener + "\":{\"details\"");
            assertThat(http().get("/actuator/health/" + listener).status()).isEqualTo(200);
        }
        assertThat(http().get("/actuator/health/chatTcp").body())
                .isEqualTo("{\"details\":{\"service\":\"chat\",\"transport\":\"tcp\",\"bindAddress\":\"127.0.0.1\","
                        + "\"port\":" + port("chat", Transport.TCP) + "},\"status\":\"UP\"}");
        assertThat(http().get("/actuator/health/readiness").body()).contains("\"readinessState\"", "\"uppercaseTcp\"",
                "\"uppercaseUdp\"", "\"bytecountTcp\"", "\"bytecountUdp\"", "\"chatTcp\"");
        assertThat(http().get("/actuator/health/liveness").body()).doesNotContain("Tcp").doesNotContain("Udp")
                .contains("\"UP\"");
    }

    @Test
    void onlyHealthInfoMetricsAndPrometheusAreExposed() {
        for (String hidden : new String[] { "env", "beans", "heapdump", "shutdown", "threaddump", "configprops",
                "loggers", "mappings" }) {
            assertThat(http().get("/actuator/" + hidden).status()).as(hidden).isEqualTo(404);
        }
        assertThat(http().get("/actuator/metrics/socketflow.messages.received").status()).isEqualTo(200);
        Http.Response info = http().get("/actuator/info");
        assertThat(info.body()).contains("\"build\"").contains("\"artifact\":\"socketflow\"").contains("\"git\"");
    }

    private double errors(String reason) {
        Matcher matcher = Pattern.compile("socketflow_errors_total\\{reason=\"" + reason
                + "\",service=\"uppercase\",transport=\"tcp\"} (\\S+)").matcher(scrape());
        assertThat(matcher.find()).as("error series for " + reason).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private double value(String name, String service, String transport) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{service=\"" + service + "\",transport=\"" + transport
                + "\"} (\\S+)$").matcher(scrape());
        assertThat(matcher.find()).as(name + " for " + service + "/" + transport).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private String scrape() {
        Http.Response response = http().get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private Http http() {
        return new Http(httpPort);
    }

    private int port(String service, Transport transport) {
        return Ports.of(listeners, service, transport);
    }

}
