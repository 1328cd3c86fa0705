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
        try {
            socket.send(new DatagramPacket(payload, payload.length, server, port));
            byte[] buffer = new byte[70000];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return reply;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String exchange(String text, int port) {
        DatagramPacket reply = exchange(text.getBytes(StandardCharsets.UTF_8), port);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    public static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }

}
