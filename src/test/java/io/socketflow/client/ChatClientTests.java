package io.socketflow.client;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.socketflow.client.ClientRunner.Interactive;
import io.socketflow.client.ClientRunner.Result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code client chat} against a relay that speaks SPEC §6 (see {@link TinyChatRelay}): two members talking,
 * leaving with {@code /quit} or the end of stdin, and a server that hangs up.
 */
class ChatClientTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TinyChatRelay relay;

    @BeforeEach
    void startRelay() throws IOException {
        relay = new TinyChatRelay();
    }

    @AfterEach
    void stopRelay() throws IOException {
        relay.close();
    }

    @Test
    void twoMembersSeeEachOthersLinesAsTheyArrive() {
        Interactive first = ClientRunner.start("chat", "127.0.0.1", relay.port());
        await().atMost(WAIT).until(() -> first.stdout().equals("* welcome guest-1, 1 online\n"));
        Interactive second = ClientRunner.start("chat", "127.0.0.1", relay.port());
        await().atMost(WAIT).until(() -> second.stdout().equals("* welcome guest-2, 2 online\n"));
        await().atMost(WAIT).until(() -> first.stdout().endsWith("* guest-2 joined\n"));

        first.type("hello\n");
        await().atMost(WAIT).until(() -> second.stdout().endsWith("guest-1: hello\n"));
        second.type("hi there\r\n");
        await().atMost(WAIT).until(() -> first.stdout().endsWith("guest-2: hi there\n"));
        first.type("/quit\n");
        Result firstResult = first.awaitExit(WAIT);
        await().atMost(WAIT).until(() -> second.stdout().endsWith("* guest-1 left\n"));
        second.endInput();
        Result secondResult = second.awaitExit(WAIT);

        assertThat(firstResult.stdout()).isEqualTo(
                "* welcome guest-1, 1 online\n* guest-2 joined\nguest-2: hi there\n* bye\n");
        assertThat(firstResult.stderr()).isEmpty();
        assertThat(firstResult.exitCode()).isZero();
        assertThat(secondResult.stdout()).isEqualTo("* welcome guest-2, 2 online\nguest-1: hello\n* guest-1 left\n");
        assertThat(secondResult.stderr()).isEmpty();
        assertThat(secondResult.exitCode()).isZero();
    }

    @Test
    void theEndOfStdinSendsWhatWasTypedAndLeavesCleanly() {
        Interactive listener = ClientRunner.start("chat", "127.0.0.1", relay.port());
        await().atMost(WAIT).until(() -> listener.stdout().startsWith("* welcome guest-1"));

        Result typist = ClientRunner.run("one\n\ntwo", "chat", "127.0.0.1", relay.port());

        assertThat(typist.stdout()).isEqualTo("* welcome guest-2, 2 online\n");
        assertThat(typist.stderr()).isEmpty();
        assertThat(typist.exitCode()).isZero();
        await().atMost(WAIT).until(() -> listener.stdout()
                .equals("* welcome guest-1, 1 online\n* guest-2 joined\nguest-2: one\nguest-2: two\n* guest-2 left\n"));
        listener.endInput();
        assertThat(listener.awaitExit(WAIT).exitCode()).isZero();
    }

    @Test
    void aServerThatHangsUpIsOneLineAndExitCode6() {
        Interactive member = ClientRunner.start("chat", "127.0.0.1", relay.port());
        await().atMost(WAIT).until(() -> member.stdout().startsWith("* welcome guest-1"));

        relay.disconnectEveryone();
        Result result = member.awaitExit(WAIT);

        assertThat(result.stdout()).isEqualTo("* welcome guest-1, 1 online\n");
        assertThat(result.stderr()).isEqualTo("socketflow client: connection closed by the server: 127.0.0.1:"
                + relay.port() + "\n");
        assertThat(result.exitCode()).isEqualTo(6);
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitCode3() throws IOException {
        String port = TcpClientTests.freePort();

        Result result = ClientRunner.run("hello\n", "chat", "127.0.0.1", port);

        assertThat(result.stderr()).isEqualTo("socketflow client: connection refused: 127.0.0.1:" + port + "\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(3);
    }

}
