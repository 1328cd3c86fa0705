package io.socketflow.transport;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.socketflow.support.FailingStart;
import io.socketflow.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * TLS settings that cannot work stop start-up with one short report naming the setting, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsStartupFailureTest {


    @Test
    void unknownBundleIsReportedWithTheConfiguredOnes(CapturedOutput output) {
        TestCertificates certificates = TestCertificates.get();
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.chat.tcp.ssl.bundle=sever",
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
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.ssl.bundle=server",
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
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.bytecount.tcp.ssl.bundle=trust-only",
                "--spring.ssl.bundle.pem.trust-only.truststore.certificate=file:" + certificates.path("ca.pem")));
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The bytecount TCP listener cannot use SSL bundle 'trust-only'")
                .contains("no key store").doesNotContain("\tat ");
    }

    @Test
    void clientAuthWithoutABundleIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.ssl.client-auth=want"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("socketflow.uppercase.tcp")
                .contains("ssl.client-auth=want needs ssl.bundle").doesNotContain("\tat ");
    }

    @Test
    void misspelledTlsSettingIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.ssl.bundel=server"));
        assertThat(output).contains("socketflow.uppercase.tcp.ssl.bundel").doesNotContain("\tat ");
    }

}
