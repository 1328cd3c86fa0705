package io.socketflow.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A UDP client for tests, optionally bound to a given local port like the tutorial client.
 */
public final class UdpTestClient implements Closeable {

    private final DatagramSocket socket;

    private final InetAddress server;

    public UdpTestClient(int localPort) {
        this(InetAddress.getLoopbackAddress(), localPort);
    }

    /** A client bound to {@code host} (such as {@code ::1}) that sends to the server at the same address. */
    public UdpTestClient(InetAddress host, int localPort) {
        try {
            this.server = host;
            this.socket = new DatagramSocket(new InetSocketAddress(host, localPort));
            socket.setSoTimeout(5000);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public DatagramPacket exchange(byte[] payload, int port) {
        send(payload, port);
        return receive();
    }

    public String exchange(String text, int port) {
        return text(exchange(text.getBytes(StandardCharsets.UTF_8), port));
    }

    /** Sends without waiting for the reply, so several can be on their way at once. */
    public void send(String text, int port) {
        send(text.getBytes(StandardCharsets.UTF_8), port);
    }

    /** The next datagram that arrives, as text. */
    public String receiveText() {
        return text(receive());
    }

    private void send(byte[] payload, int port) {
        try {
            socket.send(new DatagramPacket(payload, payload.length, server, port));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private DatagramPacket receive() {
        try {
            byte[] buffer = new byte[70000];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return reply;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String text(DatagramPacket packet) {
        return new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
    }

    public static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }

}
