package io.socketflow.client;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import io.socketflow.SocketflowApplication;
import io.socketflow.client.ClientRunner.Result;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client tcp --framing length-prefix} against an uppercase listener in {@code length-prefix} framing.
 */
@SpringBootTest(classes = SocketflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "server.port=0", "socketflow.uppercase.tcp.port=0",
                "socketflow.uppercase.tcp.bind-address=127.0.0.1", "socketflow.uppercase.tcp.framing=length-prefix",
                "socketflow.uppercase.udp.enabled=false", "socketflow.bytecount.tcp.enabled=false",
                "socketflow.bytecount.udp.enabled=false" })
class LengthPrefixClientTests {

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Test
    void aMessageIsOneFrameAndSoIsItsReply() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(), "--framing=length-prefix", "two\nlines");

        assertThat(result.stdout()).isEqualTo("TWO\nLINES\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void eachStdinLineIsOneFrame() {
        Result result = ClientRunner.run("one\ntwo\r\n\nthree", "tcp", "127.0.0.1", port(), "--framing",
                "length-prefix");

        assertThat(result.stdout()).isEqualTo("ONE\nTWO\n\nTHREE\n");
        assertThat(result.exitCode()).isZero();
    }

    private String port() {
        return String.valueOf(uppercase.port());
    }

}
