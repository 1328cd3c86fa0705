package io.socketflow.transport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * TLS settings that cannot work stop start-up with one short report naming the setting, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsStartupFailureTest {

    private static final String[] FREE_PORTS = { "--server.port=0", "--socketflow.uppercase.tcp.port=0",
            "--socketflow.uppercase.udp.port=0", "--socketflow.bytecount.tcp.port=0",
            "--socketflow.bytecount.udp.port=0", "--socketflow.chat.tcp.port=0" };

    @Test
    void unknownBundleIsReportedWithTheConfiguredOnes(CapturedOutput output) {
        TestCertificates certificates = TestCertificates.get();
        assertThatException().isThrownBy(() -> start("--socketflow.chat.tcp.ssl.bundle=sever",
                "--spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificates.path("server.pem"),
                "--spring.ssl.bundle.pem.server.keystore.private-key=file:" + certificates.path("server.key")));
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The chat TCP listener cannot use SSL bundle 'sever' (socketflow.chat.tcp.ssl.bundle)")
                .contains("no SSL bundle is called 'sever'; the configured ones are [server]")
                .contains("spring.ssl.bundle.pem.sever.*")
                .doesNotContain("\tat ");
    }

    @Test
    void clientAuthWithoutATrustStoreIsReported(CapturedOutput output) {
        TestCertificates certificates = TestCertificates.get();
        assertThatException().isThrownBy(() -> start("--socketflow.uppercase.tcp.ssl.bundle=server",
                "--socketflow.uppercase.tcp.ssl.client-auth=need",
                "--spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificates.path("server.pem"),
                "--spring.ssl.bundle.pem.server.keystore.private-key=file:" + certificates.path("server.key")));
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("client-auth is need but the bundle has no trust store")
                .contains("spring.ssl.bundle.pem.server.truststore.certificate")
                .doesNotContain("\tat ");
    }

    @Test
    void bundleWithoutAKeyIsReported(CapturedOutput output) {
        TestCertificates certificates = TestCertificates.get();
        assertThatException().isThrownBy(() -> start("--socketflow.bytecount.tcp.ssl.bundle=trust-only",
                "--spring.ssl.bundle.pem.trust-only.truststore.certificate=file:" + certificates.path("ca.pem")));
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The bytecount TCP listener cannot use SSL bundle 'trust-only'")
                .contains("no key store").doesNotContain("\tat ");
    }

    @Test
    void clientAuthWithoutABundleIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.uppercase.tcp.ssl.client-auth=want"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("socketflow.uppercase.tcp")
                .contains("ssl.client-auth=want needs ssl.bundle").doesNotContain("\tat ");
    }

    @Test
    void misspelledTlsSettingIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--socketflow.uppercase.tcp.ssl.bundel=server"));
        assertThat(output).contains("socketflow.uppercase.tcp.ssl.bundel").doesNotContain("\tat ");
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
