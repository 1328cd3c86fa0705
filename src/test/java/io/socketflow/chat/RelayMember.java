package io.socketflow.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A chat member for tests that span instances: a thread of its own reads every line as it comes, so a test can
 * wait for a line from another instance, or look back at everything the member heard, without a read timing out in
 * between.
 */
final class RelayMember implements AutoCloseable {

    private static final Pattern GUEST = Pattern.compile("guest-\\d+");

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** Queued when the server closes the connection. */
    private static final String END = "\u0000end";

    private final Socket socket;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final List<String> heard = new CopyOnWriteArrayList<>();

    final String welcome;

    volatile String nick;

    RelayMember(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setTcpNoDelay(true);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            Thread thread = new Thread(() -> read(reader), "relay-member-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        welcome = next();
        Matcher guest = GUEST.matcher(welcome);
        if (!guest.find()) {
            throw new IllegalStateException("No nickname in the welcome line: " + welcome);
        }
        nick = guest.group();
    }

    private void read(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                heard.add(line);
                lines.add(line);
            }
        }
        catch (IOException ex) {
            // closed or reset: the end as much as an orderly close
        }
        lines.add(END);
    }

    RelayMember say(String line) {
        try {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next line, without its LF; fails if none comes in time or the connection ends. */
    String next() {
        String line = poll(WAIT);
        if (line == null) {
            throw new AssertionError(nick() + " got no line within " + WAIT);
        }
        if (line.equals(END)) {
            throw new AssertionError("The server closed " + nick() + "'s connection");
        }
        return line;
    }

    /** Skips lines until one equals {@code expected}. */
    void awaitLine(String expected) {
        awaitLine(expected::equals, "\"" + expected + "\"");
    }

    /** Skips lines until one matches, and returns it. */
    String awaitLine(Predicate<String> wanted, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String line = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (line == null || line.equals(END)) {
                throw new AssertionError(nick() + " never got " + description
                        + ((line == null) ? " within " + WAIT : " before the server closed the connection"));
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Whether the server closes the connection after any lines still unread. */
    boolean closedByServer() {
        String line;
        do {
            line = poll(WAIT);
        }
        while (line != null && !line.equals(END));
        return line != null;
    }

    /** The first line received so far that matches, read or not. */
    Optional<String> heard(Predicate<String> wanted) {
        return heard.stream().filter(wanted).findFirst();
    }

    private @Nullable String poll(Duration wait) {
        try {
            return lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private String nick() {
        return (nick != null) ? nick : "a member";
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
