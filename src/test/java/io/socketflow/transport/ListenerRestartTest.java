package io.socketflow.transport;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.TcpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener stopped and started again (as a paused test context is, or an operator through JMX) serves at once on
 * the port it reports.
 */
class ListenerRestartTest {

    @Test
    void restartedListenerServesOnThePortItReports() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketflowApplication.class)
                .web(WebApplicationType.NONE)
                .run("--socketflow.uppercase.tcp.port=0", "--socketflow.uppercase.tcp.bind-address=127.0.0.1",
                        "--socketflow.uppercase.udp.enabled=false", "--socketflow.bytecount.tcp.enabled=false",
                        "--socketflow.bytecount.udp.enabled=false", "--socketflow.chat.tcp.enabled=false")) {
            TcpServerListener listener = context.getBean("uppercaseTcpServer", TcpServerListener.class);
            try (TcpTestClient client = TcpTestClient.local(listener.port())) {
                assertThat(client.send("before\n").readLine()).isEqualTo("BEFORE\n");
            }
            context.stop();
            context.start();
            try (TcpTestClient client = TcpTestClient.local(listener.port())) {
                assertThat(client.send("after\n").readLine()).isEqualTo("AFTER\n");
            }
        }
    }

}
