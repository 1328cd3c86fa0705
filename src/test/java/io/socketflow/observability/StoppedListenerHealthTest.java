package io.socketflow.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.Http;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StoppedListenerHealthTest {

    @Test
    void listenerThatStoppedIsDownAndTheInstanceIsNotReady() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketflowApplication.class).run(
                "--server.port=0", "--socketflow.uppercase.tcp.port=0", "--socketflow.uppercase.udp.enabled=false",
                "--socketflow.bytecount.tcp.enabled=false", "--socketflow.bytecount.udp.enabled=false",
                "--socketflow.chat.tcp.enabled=false")) {
            Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
            context.getBean("uppercaseTcpServer", TcpServerListener.class).stop();
            await().untilAsserted(() -> {
                Http.Response readiness = http.get("/actuator/health/readiness");
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"uppercaseTcp\":{\"details\"").contains("\"status\":\"DOWN\"");
            });
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(http.get("/actuator/health").body()).doesNotContain("chatTcp").doesNotContain("bytecountUdp");
        }
    }

}
