package io.socketflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar socketflow.jar --help} tells how to run the service and the client, and starts nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceUsageTest {

    @Test
    void helpPrintsUsageInsteadOfStartingTheService(CapturedOutput output) {
        SocketflowApplication.main(new String[] { "--help" });

        assertThat(output.getOut()).startsWith("Usage: java -jar socketflow.jar [--setting=value ...]")
                .contains("client --help", "socketflow.<uppercase|bytecount|chat>.<tcp|udp>.<key>")
                .doesNotContain("Started SocketflowApplication");
    }

}
