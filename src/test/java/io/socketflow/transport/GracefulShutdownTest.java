package io.socketflow.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketflow.SocketflowApplication;
import io.socketflow.support.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful shutdown while clients are mid-conversation: every request the server read is answered, then each
 * client reads a clean end of stream, never a reset (which would also throw away replies still on their way).
 */
class GracefulShutdownTest {

    private static final int CLIENTS = 6;

    @Test
    void clientsInLockStepGetEveryReplyThenAnEndOfStream() throws Exception {
        ConfigurableApplicationContext context = start();
        int port = port(context, "bytecount");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<AtomicInteger> replies = new ArrayList<>();
            List<Future<String>> endings = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                AtomicInteger received = new AtomicInteger();
                replies.add(received);
                endings.add(clients.submit(() -> converseUntilTheEnd(port, received)));
            }
            await().until(() -> replies.stream().allMatch(received -> received.get() >= 50));
            context.close();
            for (Future<String> ending : endings) {
                assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo("end of stream");
            }
        }
        finally {
            clients.shutdownNow();
        }
    }

    @Test
    void clientStreamingLinesGetsWholeRepliesInOrderThenAnEndOfStream() throws Exception {
        ConfigurableApplicationContext context = start();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Socket socket = connect(port(context, "uppercase"))) {
            AtomicBoolean endOfStream = new AtomicBoolean();
            Future<?> sending = sender.submit(() -> sendLinesUntil(socket, endOfStream));
            BufferedReader replies = reader(socket);
            int line = 0;
            for (; line < 1000; line++) {
                assertThat(replies.readLine()).isEqualTo("LINE " + line);
            }
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close);
            for (String reply = replies.readLine(); reply != null; reply = replies.readLine()) {
                assertThat(reply).isEqualTo("LINE " + line++);
            }
            endOfStream.set(true);
            sending.get(10, TimeUnit.SECONDS);
            stopping.get(10, TimeUnit.SECONDS);
        }
        finally {
            sender.shutdownNow();
        }
    }

    /** Sends numbered requests one at a time; returns how the conversation ended. */
    private static String converseUntilTheEnd(int port, AtomicInteger replies) {
        try (Socket socket = connect(port)) {
            OutputStream output = socket.getOutputStream();
            BufferedReader input = reader(socket);
            for (int request = 0;; request++) {
                String message = "request " + request;
                try {
                    output.write((message + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                catch (IOException ex) {
                    // The server ended its side while this request was on its way; its end of stream follows.
                }
                String reply = input.readLine();
                if (reply == null) {
                    return "end of stream";
                }
                assertThat(reply).isEqualTo("Your data was " + message.length() + " bytes");
                replies.incrementAndGet();
            }
        }
        catch (IOException ex) {
            return ex.toString();
        }
    }

    /** Streams numbered lines until the replies have ended, then half-closes, as a client that pipes a file would. */
    private static void sendLinesUntil(Socket socket, AtomicBoolean repliesEnded) {
        try {
            OutputStream output = socket.getOutputStream();
            for (int line = 0; !repliesEnded.get(); line++) {
                output.write(("line " + line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            socket.shutdownOutput();
        }
        catch (IOException ex) {
            throw new IllegalStateException("The server reset the connection while the client was sending", ex);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SocketflowApplication.class).web(WebApplicationType.NONE)
            .run("--socketflow.uppercase.tcp.port=0", "--socketflow.bytecount.tcp.port=0",
                    "--socketflow.uppercase.udp.enabled=false", "--socketflow.bytecount.udp.enabled=false",
                    "--socketflow.chat.tcp.enabled=false");
    }

    private static int port(ConfigurableApplicationContext context, String service) {
        List<ServiceListener> listeners = List.copyOf(context.getBeansOfType(ServiceListener.class).values());
        return Ports.of(listeners, service, Transport.TCP);
    }

}
