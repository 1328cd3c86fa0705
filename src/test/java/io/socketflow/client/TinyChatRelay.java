package io.socketflow.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat relay as SPEC §6 describes it, as small as the client tests need: a welcome notice starting with
 * {@code * } and naming the member, {@code guest-N: text} to the others, joined and left notices, {@code /quit}
 * answered with {@code * bye} and a close. Stands in until the service's chat relay exists.
 */
final class TinyChatRelay implements AutoCloseable {

    private final ServerSocket server;

    private final Map<Socket, String> members = new ConcurrentHashMap<>();

    private final AtomicInteger guests = new AtomicInteger();

    TinyChatRelay() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tiny-chat-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String port() {
        return String.valueOf(server.getLocalPort());
    }

    /** Closes every member's connection, as a server that goes away would. */
    void disconnectEveryone() {
        members.keySet().forEach(TinyChatRelay::closeQuietly);
    }

    @Override
    public void close() throws IOException {
        server.close();
        disconnectEveryone();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket member = server.accept();
                String nick = "guest-" + guests.incrementAndGet();
                broadcast(member, "* " + nick + " joined");
                members.put(member, nick);
                write(member, "* welcome " + nick + ", " + members.size() + " online");
                Thread reader = new Thread(() -> serve(member, nick), "tiny-chat-" + nick);
                reader.setDaemon(true);
                reader.start();
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void serve(Socket member, String nick) {
        try (member) {
            InputStream input = member.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int read = input.read(); read >= 0; read = input.read()) {
                if (read != '\n') {
                    line.append((char) read);
                    continue;
                }
                String text = line.toString().strip();
                line.setLength(0);
                if (text.equals("/quit")) {
                    write(member, "* bye");
                    return;
                }
                if (!text.isEmpty()) {
                    broadcast(member, nick + ": " + text);
                }
            }
        }
        catch (IOException ex) {
            // the member is gone
        }
        finally {
            members.remove(member);
            broadcast(member, "* " + nick + " left");
        }
    }

    private void broadcast(Socket from, String line) {
        members.keySet().stream().filter(member -> member != from).forEach(member -> write(member, line));
    }

    private static void write(Socket member, String line) {
        try {
            OutputStream output = member.getOutputStream();
            synchronized (member) {
                output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                output.flush();
            }
        }
        catch (IOException ex) {
            closeQuietly(member);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

}
