package io.socketflow.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socketflow.client.ClientRequest.Protocol;
import io.socketflow.config.Framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the client reads its command line.
 */
class ClientArgumentsTests {

    @Test
    void tcpWithAMessageAndTheDefaults() {
        ClientRequest request = parse("tcp", "localhost", "12000", "hello");

        assertThat(request).isEqualTo(new ClientRequest(Protocol.TCP, "localhost", 12000, "hello", Framing.TEXT,
                Duration.ofSeconds(5), 0, null));
    }

    @Test
    void tcpWithoutAMessageReadsStdin() {
        assertThat(parse("tcp", "localhost", "1060").message()).isNull();
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSignAnywhereAfterTheCommand() {
        ClientRequest spaced = parse("tcp", "--framing", "length-prefix", "localhost", "12000", "--timeout", "500ms");
        ClientRequest joined = parse("tcp", "localhost", "--timeout=500ms", "12000", "--framing=length-prefix");

        assertThat(spaced).isEqualTo(joined);
        assertThat(spaced.framing()).isEqualTo(Framing.LENGTH_PREFIX);
        assertThat(spaced.timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void timeoutsAreDurationsOrPlainSeconds() {
        assertThat(parse("tcp", "h", "1", "--timeout", "5s").timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parse("tcp", "h", "1", "--timeout", "250ms").timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(parse("tcp", "h", "1", "--timeout", "2").timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(parse("tcp", "h", "1", "--timeout", "1m").timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void connectTimeoutsRoundUpToWholeSeconds() {
        assertThat(parse("tcp", "h", "1", "--timeout", "250ms").connectTimeoutSeconds()).isEqualTo(1);
        assertThat(parse("tcp", "h", "1", "--timeout", "2s").connectTimeoutSeconds()).isEqualTo(2);
        assertThat(parse("tcp", "h", "1", "--timeout", "2001ms").connectTimeoutSeconds()).isEqualTo(3);
    }

    @Test
    void udpTakesABindPort() {
        ClientRequest request = parse("udp", "127.0.0.1", "12000", "--bind-port", "40000", "hello");

        assertThat(request.protocol()).isEqualTo(Protocol.UDP);
        assertThat(request.bindPort()).isEqualTo(40000);
        assertThat(request.message()).isEqualTo("hello");
    }

    @Test
    void aDoubleDashEndsTheOptionsSoAMessageMayStartWithDashes() {
        assertThat(parse("tcp", "h", "1", "--", "--help").message()).isEqualTo("--help");
        assertThat(ClientArguments.asksForHelp(List.of("tcp", "h", "1", "--", "--help"))).isFalse();
    }

    @Test
    void helpIsAskedForAnywhere() {
        assertThat(ClientArguments.asksForHelp(List.of("--help"))).isTrue();
        assertThat(ClientArguments.asksForHelp(List.of("udp", "-h"))).isTrue();
        assertThat(ClientArguments.asksForHelp(List.of("tcp", "h", "1", "hello"))).isFalse();
    }

    @Test
    void chatTakesNoMessage() {
        assertThat(parse("chat", "localhost", "8080").protocol()).isEqualTo(Protocol.CHAT);
        assertUsage("chat takes no MESSAGE: it sends stdin lines", "chat", "localhost", "8080", "hi");
    }

    @Test
    void mistakesAreNamed() {
        assertUsage("missing command (tcp, udp or chat)");
        assertUsage("unknown command 'ftp': tcp, udp or chat", "ftp", "h", "21");
        assertUsage("missing HOST", "tcp");
        assertUsage("missing PORT", "tcp", "localhost");
        assertUsage("PORT must be a number from 1 to 65535, was '0'", "tcp", "localhost", "0");
        assertUsage("PORT must be a number from 1 to 65535, was 'http'", "tcp", "localhost", "http");
        assertUsage("unexpected argument 'world' (quote a MESSAGE that has spaces)", "tcp", "h", "1", "hello", "world");
        assertUsage("udp needs a MESSAGE", "udp", "h", "1");
        assertUsage("unknown option --verbose", "tcp", "h", "1", "--verbose");
        assertUsage("--timeout needs a value", "tcp", "h", "1", "--timeout");
        assertUsage("--timeout is given twice", "tcp", "h", "1", "--timeout=1s", "--timeout=2s");
        assertUsage("--timeout must be a duration such as 5s, 500ms or 2, was 'soon'", "tcp", "h", "1", "--timeout",
                "soon");
        assertUsage("--timeout must be positive, was '0'", "tcp", "h", "1", "--timeout", "0");
        assertUsage("--framing must be text, line or length-prefix, was 'crlf'", "tcp", "h", "1", "--framing", "crlf");
        assertUsage("--bind-port does not apply to tcp", "tcp", "h", "1", "--bind-port", "4000");
        assertUsage("--framing does not apply to udp", "udp", "h", "1", "--framing", "line", "hi");
        assertUsage("--bind-port must be a number from 0 to 65535, was '70000'", "udp", "h", "1", "--bind-port=70000",
                "hi");
    }

    private static ClientRequest parse(String... args) {
        return ClientArguments.parse(List.of(args));
    }

    private static void assertUsage(String message, String... args) {
        assertThatExceptionOfType(UsageException.class).isThrownBy(() -> parse(args)).withMessage(message);
    }

}
