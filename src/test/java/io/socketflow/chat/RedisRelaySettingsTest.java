package io.socketflow.chat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Settings of the Redis relay that cannot work stop start-up with a message naming them.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisRelaySettingsTest {

    @Test
    void heartbeatMustBeShorterThanThePresenceTtl(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.chat.redis.presence-ttl=5s",
                "--socketflow.chat.redis.heartbeat=5s"));
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("heartbeat must be positive and shorter than presence-ttl (PT5S), was PT5S")
                .doesNotContain("\tat ");
    }

    @Test
    void misspelledRelaySettingIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.chat.redis.channel-prefx=room"));
        assertThat(output).contains("socketflow.chat.redis.channel-prefx").doesNotContain("\tat ");
    }

    private static void start(String... settings) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(SocketflowApplication.class)
                .web(WebApplicationType.NONE);
        String[] arguments = Stream.concat(ChatInstance.flags("settings-test", 0, 0).stream(), Arrays.stream(settings))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = application.run(arguments)) {
            throw new AssertionError("started although it should not have");
        }
    }

}
