package io.socketflow.client;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import io.socketflow.client.ClientRunner.Result;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client tcp --framing ...} against listeners in the other framings: uppercase in {@code length-prefix},
 * bytecount in {@code line}.
 */
@SocketflowTest
@TestPropertySource(properties = { "socketflow.uppercase.tcp.framing=length-prefix",
        "socketflow.bytecount.tcp.framing=line" })
class FramingClientTests {

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Autowired
    @Qualifier("bytecountTcpServer")
    TcpServerListener bytecount;

    @Test
    void aLengthPrefixedMessageIsOneFrameAndSoIsItsReply() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(uppercase), "--framing=length-prefix",
                "two\nlines");

        assertThat(result.stdout()).isEqualTo("TWO\nLINES\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aFrameThatEndsItsLineIsPrintedWithoutAnEmptyLineAfterIt() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(uppercase), "--framing=length-prefix",
                "ends\n");

        assertThat(result.stdout()).isEqualTo("ENDS\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void eachStdinLineIsOneLengthPrefixedFrame() {
        Result result = ClientRunner.run("one\ntwo\r\n\nthree", "tcp", "127.0.0.1", port(uppercase), "--framing",
                "length-prefix");

        assertThat(result.stdout()).isEqualTo("ONE\nTWO\n\nTHREE\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void lineFramingCarriesTheTutorialSessionToDisconnect() {
        Result result = ClientRunner.run("Hi\nTesting Connection\nExit\n", "tcp", "127.0.0.1", port(bytecount),
                "--framing=line");

        assertThat(result.stdout()).isEqualTo("Your data was 2 bytes\nYour data was 18 bytes\nDisconnect\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    private static String port(TcpServerListener listener) {
        return String.valueOf(listener.port());
    }

}
