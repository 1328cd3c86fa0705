package io.socketflow.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socketflow.client.ClientApplication.Jvm;
import io.socketflow.client.ClientCommand.HostResolver;

/**
 * Runs the client's entry point in this JVM with its own stdin, stdout and stderr.
 */
final class ClientRunner {

    /** The names the tests treat as unknown; any other goes to the system's resolver. */
    static final String UNKNOWN_HOST = "no-such-host.invalid";

    private static final HostResolver RESOLVER = host -> {
        if (host.equals(UNKNOWN_HOST)) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getByName(host);
    };

    private ClientRunner() {
    }

    /** Runs the client to its end with {@code stdin} as its whole input. */
    static Result run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Result run(byte[] stdin, String... args) {
        Streams streams = new Streams();
        int exitCode = command().execute(args, new ByteArrayInputStream(stdin), streams.out, streams.err);
        return streams.result(exitCode);
    }

    /** Starts the client in the background with a stdin the test types into. */
    static Interactive start(String... args) {
        return new Interactive(args);
    }

    /** Like {@link ClientCommand#run}, but with a resolver that knows {@link #UNKNOWN_HOST} without asking DNS. */
    private static ClientCommand command() {
        return new ClientCommand(RESOLVER, Jvm.SHARED);
    }

    record Result(int exitCode, byte[] stdoutBytes, String stderr) {

        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

    }

    private static final class Streams {

        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        private final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);

        private final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

        Result result(int exitCode) {
            return new Result(exitCode, stdout.toByteArray(), stderr.toString(StandardCharsets.UTF_8));
        }

    }

    static final class Interactive {

        private final Streams streams = new Streams();

        private final PipedOutputStream keyboard = new PipedOutputStream();

        private final CompletableFuture<Integer> exit;

        private Interactive(String[] args) {
            InputStream stdin;
            try {
                stdin = new PipedInputStream(keyboard, 64 * 1024);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.exit = CompletableFuture.supplyAsync(() -> command().execute(args, stdin, streams.out, streams.err),
                    runnable -> new Thread(runnable, "client-under-test").start());
        }

        void type(String line) {
            try {
                keyboard.write(line.getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        void endInput() {
            try {
                keyboard.close();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        String stdout() {
            return streams.stdout.toString(StandardCharsets.UTF_8);
        }

        boolean exited() {
            return exit.isDone();
        }

        /** Waits for the client to end, and closes its stdin so no reader is left behind. */
        Result awaitExit(Duration within) {
            try {
                int exitCode = exit.get(within.toMillis(), TimeUnit.MILLISECONDS);
                return streams.result(exitCode);
            }
            catch (Exception ex) {
                throw new AssertionError("The client did not exit within " + within, ex);
            }
            finally {
                endInput();
            }
        }

    }

}
