package io.socketflow;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.socketflow.support.FailingStart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a person sees when the service cannot start: one short failure analysis, no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {


    @Test
    void portInUseStopsStartUpNamingServiceTransportAndPort(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.bytecount.tcp.port=" + port,
                    "--socketflow.bytecount.tcp.bind-address=127.0.0.1"));
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("The bytecount TCP listener could not bind 127.0.0.1:" + port
                            + " (tcp): the port is already in use.")
                    .contains("socketflow.bytecount.tcp.port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void bindAddressThatIsNotThisMachinesIsNamedAsSuch(CapturedOutput output) {
        // 192.0.2.0/24 is reserved for documentation (RFC 5737): never an address of this machine.
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.udp.bind-address=192.0.2.7"));
        assertThat(output).contains("The uppercase UDP listener could not bind 192.0.2.7:0 (udp): 192.0.2.7 is not an "
                + "address of this machine.")
                .contains("Set socketflow.uppercase.udp.bind-address to an address of this machine")
                .doesNotContain("already in use")
                .doesNotContain("\tat ");
    }

    @Test
    void twoListenersGivenOnePortAreNamedBothBeforeEitherBinds(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.port=28200",
                "--socketflow.bytecount.tcp.port=28200", "--socketflow.bytecount.tcp.bind-address=127.0.0.1"));
        assertThat(output).contains("socketflow.uppercase.tcp.port and socketflow.bytecount.tcp.port are both TCP port "
                + "28200 on 0.0.0.0 and 127.0.0.1; give each listener its own port")
                .doesNotContain("already in use")
                .doesNotContain("\tat ");
    }

    @Test
    void portOutOfRangeIsRejectedWithTheRange(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.port=70000"));
        assertThat(output).contains("Invalid setting socketflow.uppercase.tcp.port=70000: must be between 0 and 65535.")
                .doesNotContain("\tat ");
    }

    @Test
    void negativeEventLoopCountIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.io-threads=-1"));
        assertThat(output).contains("Invalid setting socketflow.io-threads=-1: must be greater than or equal to 0.")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownFramingIsRejectedListingTheValidOnes(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.framing=lines"));
        assertThat(output).contains("Invalid setting socketflow.uppercase.tcp.framing=lines")
                .contains("use text, line, length-prefix.")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownChatRelayIsRejectedListingTheValidOnes(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.chat.relay=foo"));
        assertThat(output).contains("Invalid setting socketflow.chat.relay=foo")
                .contains("use local, redis.")
                .doesNotContain("bean of type").doesNotContain("\tat ");
    }

    @Test
    void portThatIsNotANumberIsRejectedAsSuch(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.port=abc"));
        assertThat(output).contains("Invalid setting socketflow.uppercase.tcp.port=abc")
                .contains("must be a whole number")
                .doesNotContain("For input string").doesNotContain("\tat ");
    }

    @Test
    void httpPortOutOfRangeIsRejectedWithTheRange(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.startWithHttp("--server.port=70000"));
        assertThat(output).contains("Invalid setting server.port=70000: must be between 0 and 65535.")
                .doesNotContain("\tat ");
    }

    @Test
    void settingGivenNoValueIsRejectedAsEmpty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.framing="));
        assertThat(output).contains("Empty setting socketflow.uppercase.tcp.framing")
                .contains("give it a value, or leave it out for its default.")
                .doesNotContain("Unknown setting").doesNotContain("\tat ");
    }

    @Test
    void misspelledSettingIsRejected(CapturedOutput output) {
        assertThatException().isThrownBy(() -> FailingStart.start("--socketflow.uppercase.tcp.max-conections=5"));
        assertThat(output).contains("Unknown setting socketflow.uppercase.tcp.max-conections").doesNotContain("\tat ");
    }

}
