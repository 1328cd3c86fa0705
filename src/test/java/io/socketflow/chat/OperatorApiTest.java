package io.socketflow.chat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.support.Http;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SocketflowTest
@TestPropertySource(properties = "socketflow.operator.token=test-token")
class OperatorApiTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("chatTcpServer")
    TcpServerListener chatServer;

    @Autowired
    ChatRoom room;

    @Test
    void membersAreListedWithAddressSinceAndBytes() {
        try (ChatMember alice = new ChatMember(chatServer.port()); ChatMember bob = new ChatMember(chatServer.port())) {
            alice.awaitLine("* " + bob.nick + " joined");
            alice.say("hello\n");
            assertThat(bob.line()).isEqualTo(alice.nick + ": hello");
            Http.Response response = http().get("/api/chat/members");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("\"nick\":\"" + alice.nick + "\"")
                    .contains("\"address\":\"127.0.0.1:")
                    .containsPattern("\"since\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z\"")
                    .contains("\"bytesIn\":6");
        }
        await().until(() -> room.size() == 0);
    }

    @Test
    void operatorBroadcastReachesEveryMember() {
        try (ChatMember alice = new ChatMember(chatServer.port())) {
            Http.Response response = http().withToken("test-token").post("/api/chat/messages", "{\"text\":\"maintenance at noon\"}");
            assertThat(response.status()).isEqualTo(HttpStatus.ACCEPTED.value());
            assertThat(alice.line()).isEqualTo("* operator: maintenance at noon");
            http().withToken("test-token").post("/api/chat/messages", "{\"text\":\"one\\r\\ntwo\\rthree\\n  \\nfour\"}");
            for (String line : new String[] { "one", "two", "three", "four" }) {
                assertThat(alice.line()).isEqualTo("* operator: " + line);
            }
        }
        await().until(() -> room.size() == 0);
    }

    @Test
    void operatorDisconnectsAMemberByNick() {
        try (ChatMember alice = new ChatMember(chatServer.port()); ChatMember bob = new ChatMember(chatServer.port())) {
            alice.awaitLine("* " + bob.nick + " joined");
            assertThat(http().withToken("test-token").delete("/api/chat/members/" + bob.nick).status()).isEqualTo(204);
            assertThat(bob.line()).isEqualTo("* you were disconnected by the operator");
            assertThat(bob.client.closedByServer()).isTrue();
            assertThat(alice.line()).isEqualTo("* " + bob.nick + " left");
        }
        await().until(() -> room.size() == 0);
    }

    @Test
    void writesWithoutOrWithAWrongTokenAreRefused() {
        Http.Response unauthorized = http().post("/api/chat/messages", "{\"text\":\"x\"}");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(unauthorized.header("Content-Type")).as("as every other error of the API")
                .isEqualTo("application/problem+json");
        assertThat(unauthorized.body()).contains("\"status\":401", "\"instance\":\"/api/chat/messages\"",
                "\"detail\":\"Send Authorization: Bearer <operator token>\"");
        assertThat(http().withToken("nope").post("/api/chat/messages", "{\"text\":\"x\"}").status()).isEqualTo(403);
        assertThat(http().withToken("nope").delete("/api/chat/members/guest-1").status()).isEqualTo(403);
    }

    @Test
    void badRequestsGetClearAnswers() {
        Http authorized = http().withToken("test-token");
        Http.Response badJson = authorized.post("/api/chat/messages", "{\"text\":");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body()).contains("JSON");
        assertThat(authorized.post("/api/chat/messages", "{\"words\":\"x\"}").status()).isEqualTo(400);
        Http.Response tooLong = authorized.post("/api/chat/messages", "{\"text\":\"" + "x".repeat(5000) + "\"}");
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.body()).contains("4096");
        Http.Response unknown = authorized.delete("/api/chat/members/nobody-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("nobody-here");
    }

    private Http http() {
        return new Http(httpPort);
    }

}
