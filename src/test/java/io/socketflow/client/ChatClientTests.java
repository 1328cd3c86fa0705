package io.socketflow.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.chat.ChatRoom;
import io.socketflow.client.ClientRunner.Interactive;
import io.socketflow.client.ClientRunner.Result;
import io.socketflow.support.Http;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code client chat} against the service's chat relay: two members talking, leaving with {@code /quit}, the
 * tutorial's {@code bye} or the end of stdin, and the operator showing a member the door.
 */
@SocketflowTest
@TestPropertySource(properties = "socketflow.operator.token=test-token")
class ChatClientTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final Pattern WELCOME = Pattern.compile("\\* welcome (guest-\\d+), \\d+ online[^\n]*\n");

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chat;

    @Autowired
    ChatRoom room;

    @LocalServerPort
    int httpPort;

    private final List<Interactive> members = new ArrayList<>();

    @AfterEach
    void everyoneLeft() {
        members.forEach(Interactive::endInput);
        await().atMost(WAIT).until(() -> room.size() == 0);
    }

    @Test
    void twoMembersSeeEachOthersLinesAsTheyArrive() {
        Interactive first = join();
        String firstNick = awaitWelcome(first);
        Interactive second = join();
        String secondNick = awaitWelcome(second);
        await().atMost(WAIT).until(() -> first.stdout().endsWith("* " + secondNick + " joined\n"));

        first.type("hello\n");
        await().atMost(WAIT).until(() -> second.stdout().endsWith(firstNick + ": hello\n"));
        second.type("hi there\r\n");
        await().atMost(WAIT).until(() -> first.stdout().endsWith(secondNick + ": hi there\n"));
        first.type("/quit\n");
        Result firstResult = first.awaitExit(WAIT);
        await().atMost(WAIT).until(() -> second.stdout().endsWith("* " + firstNick + " left\n"));
        second.type("bye\n");
        Result secondResult = second.awaitExit(WAIT);

        assertThat(afterWelcome(firstResult.stdout()))
                .isEqualTo("* " + secondNick + " joined\n" + secondNick + ": hi there\n* bye\n");
        assertThat(firstResult.stderr()).isEmpty();
        assertThat(firstResult.exitCode()).isZero();
        assertThat(afterWelcome(secondResult.stdout()))
                .isEqualTo(firstNick + ": hello\n* " + firstNick + " left\n* bye\n");
        assertThat(secondResult.stderr()).isEmpty();
        assertThat(secondResult.exitCode()).isZero();
    }

    @Test
    void theEndOfStdinSendsWhatWasTypedAndLeavesCleanly() {
        Interactive listener = join();
        String listenerNick = awaitWelcome(listener);

        Result typist = ClientRunner.run("one\n\ntwo", "chat", "127.0.0.1", port());

        assertThat(typist.stdout()).matches(WELCOME.pattern());
        assertThat(typist.stderr()).isEmpty();
        assertThat(typist.exitCode()).isZero();
        await().atMost(WAIT).until(() -> afterWelcome(listener.stdout())
                .matches("\\* (guest-\\d+) joined\n\\1: one\n\\1: two\n\\* \\1 left\n"));
        listener.endInput();
        assertThat(listener.awaitExit(WAIT).exitCode()).as(listenerNick + " leaves cleanly").isZero();
    }

    @Test
    void aMemberTheServerDisconnectsGetsOneLineAndExitCode6() {
        Interactive member = join();
        String nick = awaitWelcome(member);

        Http.Response kick = new Http(httpPort).withToken("test-token").delete("/api/chat/members/" + nick);
        Result result = member.awaitExit(WAIT);

        assertThat(kick.status()).isEqualTo(204);
        assertThat(afterWelcome(result.stdout())).isEqualTo("* you were disconnected by the operator\n");
        assertThat(result.stderr())
                .isEqualTo("socketflow client: connection closed by the server: 127.0.0.1:" + port() + "\n");
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

    private Interactive join() {
        Interactive member = ClientRunner.start("chat", "127.0.0.1", port());
        members.add(member);
        return member;
    }

    private String port() {
        return String.valueOf(chat.port());
    }

    /** Waits for the member's welcome, its first line, and returns the nickname it names. */
    private static String awaitWelcome(Interactive member) {
        await().atMost(WAIT).until(() -> WELCOME.matcher(member.stdout()).lookingAt());
        Matcher welcome = WELCOME.matcher(member.stdout());
        assertThat(welcome.lookingAt()).isTrue();
        return welcome.group(1);
    }

    private static String afterWelcome(String stdout) {
        Matcher welcome = WELCOME.matcher(stdout);
        assertThat(welcome.lookingAt()).as("starts with the welcome: %s", stdout).isTrue();
        return stdout.substring(welcome.end());
    }

}
