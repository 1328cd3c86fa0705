package io.socketflow.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis for tests. {@link #shared()} is the one at 127.0.0.1:6379 when it answers PING, otherwise a
 * {@code redis-server} from the PATH started once for the test JVM on a free port. {@link #startOwn()} starts one
 * that only the calling test uses, so it may stop and restart it. Started servers keep nothing on disk
 * ({@code --save '' --appendonly no}); tests that share a server keep apart with a key and channel prefix of their own.
 */
public final class RedisServer implements AutoCloseable {

    private static final int DEFAULT_PORT = 6379;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static @Nullable RedisServer shared;

    private final int port;

    private final boolean owned;

    private @Nullable Process process;

    private RedisServer(int port, boolean owned) {
        this.port = port;
        this.owned = owned;
    }

    public static synchronized RedisServer shared() {
        if (shared == null) {
            if (answersPing(DEFAULT_PORT)) {
                shared = new RedisServer(DEFAULT_PORT, false);
            }
            else {
                RedisServer started = startOwn();
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
                shared = started;
            }
        }
        return shared;
    }

    /** A {@code redis-server} from the PATH on a free port, for this caller alone. */
    public static RedisServer startOwn() {
        RedisServer server = new RedisServer(freePort(), true);
        server.start();
        return server;
    }

    public int port() {
        return port;
    }

    /** The flags that point an application at this server. */
    public List<String> flags() {
        return List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + port);
    }

    /** Starts the server again on its port, empty, as a restarted Redis without persistence is. */
    public void start() {
        if (!owned) {
            throw new IllegalStateException("Only a Redis this test started can be started and stopped");
        }
        File log = new File("target/redis-server-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start redis-server (" + ex.getMessage() + "): install it"
                    + " (apt-get install redis-server) or run a Redis on 127.0.0.1:6379", ex);
        }
        await().atMost(START_TIMEOUT).until(() -> answersPing(port) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " exited; see " + log);
        }
    }

    /** Kills the server at once, as a crash would. */
    public void stop() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            try {
                running.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether a Redis answers PING on the port of 127.0.0.1. */
    public static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
