package io.socketflow.client;

import org.junit.jupiter.api.Test;

import io.socketflow.client.ClientRunner.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees when asking for help or getting the command line wrong.
 */
class UsageTests {

    @Test
    void helpPrintsUsageOnStdoutAndSucceeds() {
        Result result = ClientRunner.run("", "--help");

        assertThat(result.stdout()).startsWith("usage: socketflow client tcp HOST PORT [MESSAGE]")
                .contains("exit codes: 0 ok");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aMistakeIsNamedOnStderrFollowedByUsageAndExitCode2() {
        Result result = ClientRunner.run("", "tcp", "localhost");

        assertThat(result.stderr()).startsWith("socketflow client: missing PORT\nusage: socketflow client tcp")
                .endsWith("Try 'socketflow client --help' for more.\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void noArgumentsIsAMistake() {
        Result result = ClientRunner.run("");

        assertThat(result.stderr()).startsWith("socketflow client: missing command (tcp, udp or chat)\n");
        assertThat(result.exitCode()).isEqualTo(2);
    }

}
