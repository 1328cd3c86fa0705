package io.socketflow.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.socketflow.client.ClientRunner.Result;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.TcpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client tcp} against the service's uppercase and bytecount listeners, and against sockets that misbehave on
 * purpose.
 */
@SocketflowTest
class TcpClientTests {

    @Autowired
    @Qualifier("uppercaseTcpServer")
    TcpServerListener uppercase;

    @Autowired
    @Qualifier("bytecountTcpServer")
    TcpServerListener bytecount;

    @Test
    void printsTheReplyToTheMessage() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(uppercase), "hello");

        assertThat(result.stdout()).isEqualTo("HELLO\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void thePublicEntryPointReturnsTheExitCodeAndWritesToTheGivenStreams() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exitCode = ClientCommand.run(new String[] { "tcp", "127.0.0.1", port(uppercase) },
                new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(stdout),
                new PrintStream(stderr));

        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("ONE\nTWO\n");
        assertThat(stderr.size()).isZero();
        assertThat(exitCode).isZero();
    }

    @Test
    void acceptsOptionsInEitherForm() {
        Result result = ClientRunner.run("", "tcp", "--timeout=2s", "localhost", port(uppercase), "--framing", "text",
                "straße");

        assertThat(result.stdout()).isEqualTo("STRASSE\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void messageWithNewlinesGoesAsItsLinesAndEveryReplyIsPrinted() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(uppercase), "one\ntwo\r\n\nthree\n");

        assertThat(result.stdout()).isEqualTo("ONE\nTWO\n\nTHREE\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void messageWithExitAmongItsLinesEndsTheSessionThere() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(bytecount), "Hi\nExit\nnot sent");

        assertThat(result.stdout()).isEqualTo("Your data was 2 bytes\nDisconnect\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void sendsEachStdinLineAndPrintsEachReply() {
        Result result = ClientRunner.run("one\r\n\ntwo\nthree", "tcp", "127.0.0.1", port(uppercase));

        assertThat(result.stdout()).isEqualTo("ONE\n\nTWO\nTHREE\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void printsReplyBytesExactlyEvenWhenTheyAreNotValidUtf8() {
        byte[] notUtf8 = { (byte) 0xff, 'a', (byte) 0xc3, '\n' };

        Result result = ClientRunner.run(notUtf8, "tcp", "127.0.0.1", port(uppercase));

        assertThat(result.stdoutBytes()).containsExactly(0xff, 'A', 0xc3, '\n');
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void exitEndsTheSessionAfterTheServerSaysDisconnect() {
        Result result = ClientRunner.run("Hi\nTesting Connection\n\nExit\nnever sent\n", "tcp", "127.0.0.1",
                port(bytecount));

        assertThat(result.stdout())
                .isEqualTo("Your data was 2 bytes\nYour data was 18 bytes\nYour data was 0 bytes\nDisconnect\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anEmptyStdinSendsNothingAndSucceeds() {
        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port(uppercase));

        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitCode3() throws IOException {
        String port = freePort();

        Result result = ClientRunner.run("", "tcp", "127.0.0.1", port, "hello");

        assertThat(result.stderr()).isEqualTo("socketflow client: connection refused: 127.0.0.1:" + port + "\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void anUnknownHostIsOneLineAndExitCode4() {
        Result result = ClientRunner.run("", "tcp", ClientRunner.UNKNOWN_HOST, "12000", "hello");

        assertThat(result.stderr()).isEqualTo("socketflow client: unknown host: no-such-host.invalid\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(4);
    }

    @Test
    void noReplyWithinTheTimeoutIsOneLineAndExitCode5() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(silent.getLocalPort());

            Result result = ClientRunner.run("", "tcp", "127.0.0.1", port, "hello", "--timeout", "300ms");

            assertThat(result.stderr())
                    .isEqualTo("socketflow client: no reply within 300ms from 127.0.0.1:" + port + "\n");
            assertThat(result.stdout()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(5);
        }
    }

    @Test
    void aConnectionClosedBeforeTheReplyIsOneLineAndExitCode6() throws Exception {
        try (ServerSocket hangsUp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(hangsUp.getLocalPort());
            Thread server = new Thread(() -> readOneLineAndClose(hangsUp), "hangs-up");
            server.start();

            Result result = ClientRunner.run("", "tcp", "127.0.0.1", port, "hello", "--timeout", "10s");

            assertThat(result.stderr())
                    .isEqualTo("socketflow client: connection closed by the server before the reply: 127.0.0.1:"
                            + port + "\n");
            assertThat(result.stdout()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(6);
            server.join();
        }
    }

    @Test
    void repliesBeforeTheCloseArePrintedAndTheUnansweredLineFails() throws Exception {
        try (ServerSocket answersOnce = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(answersOnce.getLocalPort());
            Thread server = new Thread(() -> answerOnceAndClose(answersOnce), "answers-once");
            server.start();

            Result result = ClientRunner.run("first\nsecond\n", "tcp", "127.0.0.1", port, "--timeout", "10s");

            assertThat(result.stdout()).isEqualTo("FIRST\n");
            assertThat(result.stderr())
                    .isEqualTo("socketflow client: connection closed by the server before the reply: 127.0.0.1:"
                            + port + "\n");
            assertThat(result.exitCode()).isEqualTo(6);
            server.join();
        }
    }

    static String port(TcpServerListener listener) {
        return String.valueOf(listener.port());
    }

    /** A port nothing listens on: bound, then released. */
    static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return String.valueOf(socket.getLocalPort());
        }
    }

    private static void readOneLineAndClose(ServerSocket server) {
        try (Socket connection = server.accept()) {
            readLine(connection.getInputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void answerOnceAndClose(ServerSocket server) {
        try (Socket connection = server.accept()) {
            String line = readLine(connection.getInputStream());
            byte[] reply = (line.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8);
            connection.getOutputStream().write(reply);
            connection.getOutputStream().flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String readLine(InputStream input) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int read = input.read(); read >= 0 && read != '\n'; read = input.read()) {
            line.append((char) read);
        }
        return line.toString();
    }

}
