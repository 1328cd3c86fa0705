package io.socketflow.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.socketflow.client.ClientRunner.Result;
import io.socketflow.support.SocketflowTest;
import io.socketflow.transport.UdpServerListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client udp} against the service's uppercase and bytecount UDP listeners, and against UDP peers that
 * record or ignore what they get.
 */
@SocketflowTest
class UdpClientTests {

    @Autowired
    @Qualifier("uppercaseUdpIn")
    UdpServerListener uppercase;

    @Autowired
    @Qualifier("bytecountUdpIn")
    UdpServerListener bytecount;

    @Test
    void printsTheReplyDatagram() {
        Result result = ClientRunner.run("", "udp", "127.0.0.1", port(uppercase), "hello");

        assertThat(result.stdout()).isEqualTo("HELLO\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void anEmptyMessageIsAnEmptyDatagram() {
        Result counted = ClientRunner.run("", "udp", "127.0.0.1", port(bytecount), "");
        assertThat(counted.stdout()).isEqualTo("Your data was 0 bytes\n");
        assertThat(counted.exitCode()).isZero();

        Result uppercased = ClientRunner.run("", "udp", "127.0.0.1", port(uppercase), "");
        assertThat(uppercased.stdout()).isEqualTo("\n");
        assertThat(uppercased.exitCode()).isZero();
    }

    @Test
    void theTutorialsExitGetsDisconnectOverUdp() {
        Result result = ClientRunner.run("", "udp", "127.0.0.1", port(bytecount), "Exit");

        assertThat(result.stdout()).isEqualTo("Disconnect\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void theReplyComesBackToTheBindPort() throws IOException {
        int bindPort = freeUdpPort();

        Result result = ClientRunner.run("", "udp", "127.0.0.1", port(bytecount), "--bind-port",
                String.valueOf(bindPort), "Hi");

        // the client reads only on the bound port, from the server's address: the server replied to that port
        assertThat(result.stdout()).isEqualTo("Your data was 2 bytes\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void theDatagramLeavesFromTheBindPort() throws Exception {
        int bindPort = freeUdpPort();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Integer> sourcePort = CompletableFuture.supplyAsync(() -> answer(peer, "seen"));

            Result result = ClientRunner.run("", "udp", "127.0.0.1", String.valueOf(peer.getLocalPort()),
                    "--bind-port=" + bindPort, "hello");

            assertThat(sourcePort.get()).isEqualTo(bindPort);
            assertThat(result.stdout()).isEqualTo("seen\n");
            assertThat(result.exitCode()).isZero();
        }
    }

    @Test
    void noReplyWithinTheTimeoutIsOneLineAndExitCode5() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String port = String.valueOf(silent.getLocalPort());

            Result result = ClientRunner.run("", "udp", "127.0.0.1", port, "hello", "--timeout=250ms");

            assertThat(result.stderr())
                    .isEqualTo("socketflow client: no reply within 250ms from 127.0.0.1:" + port + "\n");
            assertThat(result.stdout()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(5);
        }
    }

    @Test
    void aPortWithoutListenerIsRefusedWithExitCode3() throws IOException {
        String port = String.valueOf(freeUdpPort());

        Result result = ClientRunner.run("", "udp", "127.0.0.1", port, "hello");

        assertThat(result.stderr()).isEqualTo("socketflow client: connection refused: 127.0.0.1:" + port + "\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void aBindPortInUseIsOneLineAndExitCode1() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(0)) {
            int port = taken.getLocalPort();

            Result result = ClientRunner.run("", "udp", "127.0.0.1", port(uppercase), "--bind-port",
                    String.valueOf(port), "hello");

            assertThat(result.stderr()).startsWith("socketflow client: cannot bind local port " + port + ": ");
            assertThat(result.stderr()).hasLineCount(1);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownHostIsOneLineAndExitCode4() {
        Result result = ClientRunner.run("", "udp", ClientRunner.UNKNOWN_HOST, "12000", "hello");

        assertThat(result.stderr()).isEqualTo("socketflow client: unknown host: no-such-host.invalid\n");
        assertThat(result.exitCode()).isEqualTo(4);
    }

    private static String port(UdpServerListener listener) {
        return String.valueOf(listener.port());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Receives one datagram, answers its sender with {@code reply}, and returns the sender's port. */
    private static int answer(DatagramSocket peer, String reply) {
        try {
            DatagramPacket request = new DatagramPacket(new byte[2048], 2048);
            peer.receive(request);
            byte[] answer = reply.getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(answer, answer.length, request.getSocketAddress()));
            return request.getPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
