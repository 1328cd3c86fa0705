package io.socketflow.support;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code openssl s_client -quiet} as a real TLS client: lines written to its stdin go to the server, what the server
 * sends comes out of its stdout. Every wait gives up after ten seconds.
 */
public final class OpensslClient implements Closeable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Process process;

    private final OutputStream stdin;

    private final BufferedReader stdout;

    private OpensslClient(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Connects to {@code host:port}, verifying the server's certificate against {@code caFile}.
     *
     * @param extraArguments more {@code s_client} options, such as {@code -cert} and {@code -key}
     */
    public static OpensslClient connect(String host, int port, Path caFile, String... extraArguments) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port, "-quiet", "-verify_return_error",
                "-CAfile", caFile.toString()));
        command.addAll(List.of(extraArguments));
        try {
            return new OpensslClient(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public OpensslClient send(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next line from the server, without its LF; null once the server has closed. */
    public String readLine() {
        return await(CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }));
    }

    /** Waits for {@code s_client} to exit (it does when the server closes) and returns its exit code. */
    public int awaitExit() {
        return await(process.onExit()).exitValue();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("openssl s_client did not answer in " + TIMEOUT_SECONDS + "s", ex);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
