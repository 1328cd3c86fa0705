package io.socketflow;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a person sees when the service cannot start: one short failure analysis, no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private static final String[] FREE_PORTS = { "--server.port=0", "--socketflow.uppercase.tcp.port=0",
            "--socketflow.uppercase.udp.port=0", "--socketflow.bytecount.tcp.port=0",
            "--socketflow.bytecount.udp.port=0", "--socketflow.chat.tcp.port=0" };

    @Test
    void portInUseStopsStartUpNamingServiceTransportAndPort(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThatException().isThrownBy(() -> start("--socketflow.bytecount.tcp.port=" + port,
                    "--socketflow.bytecount.tcp.bind-address=127.0.0.1"));
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("The bytecount TCP listener could not bind 127.0.0.1:" + port)
                    .contains("socketflow.bytecount.tcp.port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void portOutOfRangeIsRejectedWithTheRange(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.uppercase.tcp.port=70000"));
        assertThat(output).contains("Invalid setting socketflow.uppercase.tcp.port=70000: must be between 0 and 65535.")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownFramingIsRejectedListingTheValidOnes(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.uppercase.tcp.framing=lines"));
        assertThat(output).contains("Invalid setting socketflow.uppercase.tcp.framing=lines")
                .contains("use text, line, length-prefix.")
                .doesNotContain("\tat ");
    }

    @Test
    void misspelledSettingIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.uppercase.tcp.max-conections=5"));
        assertThat(output).contains("Unknown setting socketflow.uppercase.tcp.max-conections").doesNotContain("\tat ");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(SocketflowApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> all = new ArrayList<>(List.of(args));
        for (String freePort : FREE_PORTS) {
            String key = freePort.substring(0, freePort.indexOf('='));
            if (all.stream().noneMatch(arg -> arg.startsWith(key + "="))) {
                all.add(freePort);
            }
        }
        try (ConfigurableApplicationContext context = application.run(all.toArray(String[]::new))) {
            throw new AssertionError("started although it should not have");
        }
    }

}
