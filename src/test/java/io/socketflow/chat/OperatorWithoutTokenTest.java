package io.socketflow.chat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.socketflow.support.Http;
import io.socketflow.support.SocketflowTest;

import static org.assertj.core.api.Assertions.assertThat;

@SocketflowTest
class OperatorWithoutTokenTest {

    @LocalServerPort
    int httpPort;

    @Test
    void withNoTokenConfiguredEveryWriteIsRefusedAndReadsWork() {
        Http http = new Http(httpPort);
        assertThat(http.get("/api/chat/members").status()).isEqualTo(200);
        Http.Response broadcast = http.withToken("anything").post("/api/chat/messages", "{\"text\":\"x\"}");
        assertThat(broadcast.status()).isEqualTo(403);
        assertThat(broadcast.body()).contains("socketflow.operator.token");
        assertThat(http.delete("/api/chat/members/guest-1").status()).isEqualTo(403);
    }

}
