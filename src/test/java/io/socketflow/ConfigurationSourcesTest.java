package io.socketflow;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.socketflow.config.Framing;
import io.socketflow.config.SocketflowProperties;
import io.socketflow.transport.TcpServerListener;
import io.socketflow.transport.UdpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same keys work as environment variables and as flags; a disabled listener is not started.
 */
class ConfigurationSourcesTest {

    @Test
    void environmentVariablesAndFlagsConfigureListeners() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "SOCKETFLOW_UPPERCASE_TCP_FRAMING", "length-prefix", "SOCKETFLOW_UPPERCASE_TCP_PORT", "0",
                "SOCKETFLOW_BYTECOUNT_UDP_ENABLED", "false")));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketflowApplication.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .run("--socketflow.uppercase.udp.port=0", "--socketflow.bytecount.tcp.port=0", "--socketflow.chat.tcp.enabled=false",
                        "--socketflow.uppercase.tcp.max-connections=7")) {
            SocketflowProperties properties = context.getBean(SocketflowProperties.class);
            assertThat(properties.uppercase().tcp().framing()).isEqualTo(Framing.LENGTH_PREFIX);
            assertThat(properties.uppercase().tcp().maxConnections()).isEqualTo(7);
            assertThat(context.getBeanNamesForType(TcpServerListener.class)).contains("uppercaseTcpServer",
                    "bytecountTcpServer");
            assertThat(context.getBeanNamesForType(UdpServerListener.class)).containsExactly("uppercaseUdpIn");
            assertThat(context.getBean("uppercaseTcpServer", TcpServerListener.class).port()).isPositive();
        }
    }

    @Test
    void aDurationGivenAsAPlainNumberIsInSecondsAsInTheClient() {
        SocketflowProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "socketflow.uppercase.tcp.idle-timeout", "30", "socketflow.uppercase.tcp.ssl.handshake-timeout", "3",
                "socketflow.bytecount.tcp.idle-timeout", "250ms", "socketflow.chat.redis.presence-ttl", "20",
                "socketflow.chat.redis.heartbeat", "5", "socketflow.chat.redis.recovery-interval", "2")))
                .bindOrCreate("socketflow", SocketflowProperties.class);
        assertThat(properties.uppercase().tcp().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.uppercase().tcp().ssl().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.bytecount().tcp().idleTimeout()).as("a unit still wins").isEqualTo(Duration.ofMillis(250));
        assertThat(properties.chat().redis().presenceTtl()).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.chat().redis().heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.chat().redis().recoveryInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SocketflowProperties defaults = new Binder()
                .bindOrCreate("socketflow", SocketflowProperties.class);
        assertThat(defaults.uppercase().tcp().port()).isEqualTo(12000);
        assertThat(defaults.uppercase().udp().port()).isEqualTo(12000);
        assertThat(defaults.bytecount().tcp().port()).isEqualTo(1060);
        assertThat(defaults.bytecount().udp().port()).isEqualTo(1060);
        assertThat(defaults.uppercase().tcp().framing()).isEqualTo(Framing.TEXT);
        assertThat(defaults.uppercase().tcp().maxMessageSize()).isEqualTo(65536);
        assertThat(defaults.uppercase().tcp().maxConnections()).isEqualTo(10000);
        assertThat(defaults.uppercase().tcp().idleTimeout()).hasMinutes(5);
        assertThat(defaults.uppercase().tcp().bindAddress()).isEqualTo("0.0.0.0");
    }

}
