package io.socketflow.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socketflow.support.TcpTestClient;

/**
 * A chat member in a test: connects, learns its nickname from the welcome line, reads lines.
 */
final class ChatMember implements AutoCloseable {

    private static final Pattern GUEST = Pattern.compile("guest-\\d+");

    final TcpTestClient client;

    final String welcome;

    final String nick;

    ChatMember(int port) {
        this.client = TcpTestClient.local(port);
        this.welcome = client.readLine();
        Matcher guest = GUEST.matcher(welcome);
        if (!guest.find()) {
            throw new IllegalStateException("No nickname in the welcome line: " + welcome);
        }
        this.nick = guest.group();
    }

    ChatMember say(String text) {
        client.send(text);
        return this;
    }

    /** The next line, without its LF. */
    String line() {
        String line = client.readLine();
        return line.substring(0, line.length() - 1);
    }

    /** Skips lines until one equals {@code expected}; fails if the connection ends first. */
    void awaitLine(String expected) {
        String line;
        do {
            line = line();
        }
        while (!line.equals(expected));
    }

    @Override
    public void close() {
        client.close();
    }

}
