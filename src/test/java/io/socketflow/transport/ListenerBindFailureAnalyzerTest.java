package io.socketflow.transport;

import java.io.IOException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures a bind can meet that a test cannot provoke on any machine without its DNS or its privileges.
 */
class ListenerBindFailureAnalyzerTest {

    private final ListenerId chatTcp = new ListenerId("chat", Transport.TCP);

    @Test
    void aBindAddressThatDoesNotResolveIsNamedAsSuch() {
        FailureAnalysis analysis = analyze("no-such-host.invalid", 8080,
                new UnknownHostException("no-such-host.invalid: Name or service not known"));
        assertThat(analysis.getDescription()).isEqualTo("The chat TCP listener could not bind no-such-host.invalid:8080 "
                + "(tcp): no-such-host.invalid is neither an IP address nor a host name that resolves.");
        assertThat(analysis.getAction()).startsWith("Set socketflow.chat.tcp.bind-address to an address of this machine");
    }

    @Test
    void aPrivilegedPortSaysWhyItWasRefused() {
        FailureAnalysis analysis = analyze("0.0.0.0", 80, new IOException("bind(..) failed: Permission denied"));
        assertThat(analysis.getDescription()).contains("the port needs privileges this process does not have");
        assertThat(analysis.getAction()).contains("socketflow.chat.tcp.port");
    }

    private FailureAnalysis analyze(String address, int port, Exception failure) {
        return new ListenerBindFailureAnalyzer().analyze(ListenerBindException.of(chatTcp, address, port, failure));
    }

}
