package io.socketflow.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.messaging.support.GenericMessage;

/**
 * {@code client chat}: full duplex over collaborating adapters on one client connection: a TCP inbound adapter
 * prints chat lines as they arrive while a TCP outbound adapter sends stdin lines.
 *
 * <p>The session ends when the server closes the connection. Leaving first ({@code /quit}, the tutorial words
 * {@code bye} and {@code Exit}, or the end of stdin, which half-closes the connection) makes that a clean end; the
 * server then has {@code --timeout} to close before the client does. A close the client did not ask for is
 * reported as one.
 */
final class ChatSession {


    private final ClientRequest request;

    private final Target target;

    private final ReplyPrinter printer;

    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private volatile boolean leaving;

    ChatSession(ClientRequest request, Target target, ReplyPrinter printer) {
        this.request = request;
        this.target = target;
        this.printer = printer;
    }

    void run(ConfigurableApplicationContext context, IntegrationFlowContext flows, InputStream stdin) {
        SessionConnectionFactory connections = new SessionConnectionFactory(target,
                ClientCodec.stream(request.framing()), request);
        context.addApplicationListener(event -> {
            if (event instanceof TcpConnectionCloseEvent) {
                serverClosed();
            }
        });
        IntegrationFlowRegistration incoming = flows
                .registration(IntegrationFlow.from(Tcp.inboundAdapter(connections).id("chatClientIn"))
                        .handle(message -> printer.print((byte[]) message.getPayload()))
                        .get())
                .id("chatClientIncoming")
                .addBean("chatClientConnection", connections)
                .register();
        IntegrationFlowRegistration outgoing = flows
                .registration(flow -> flow.handle(Tcp.outboundAdapter(connections),
                        endpoint -> endpoint.id("chatClientOut")))
                .id("chatClientOutgoing")
                .register();
        try {
            TcpConnection connection = connections.getConnection();
            Thread typing = new Thread(() -> send(new InputLines(stdin), outgoing, connection),
                    "socketflow-chat-stdin");
            // stdin may block for ever; a session the server ends must not wait for it
            typing.setDaemon(true);
            typing.start();
            awaitEnd();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw ClientFailure.of(ex, target, request.timeout());
        }
        catch (RuntimeException ex) {
            throw ClientFailure.of(ex, target, request.timeout());
        }
        finally {
            outgoing.destroy();
            incoming.destroy();
        }
    }

    private void send(InputLines lines, IntegrationFlowRegistration outgoing, TcpConnection connection) {
        try {
            while (!ended.isDone() && lines.hasNext()) {
                byte[] line = lines.next();
                boolean last = isLeaving(line);
                leaving = last;
                outgoing.getInputChannel().send(new GenericMessage<>(line));
                if (last) {
                    giveServerTimeToClose();
                    return;
                }
            }
            leaving = true;
            connection.shutdownOutput();
            giveServerTimeToClose();
        }
        catch (IOException | RuntimeException ex) {
            ClientFailure failure = ClientFailure.of(ex, target, request.timeout());
            ended.completeExceptionally((failure.exitCode() == ExitCode.CONNECTION_CLOSED)
                    ? ClientFailure.closedByServer(target, ex) : failure);
        }
    }

    /** Once this side has left, the server's close ends the session; after {@code --timeout} the client's does. */
    private void giveServerTimeToClose() {
        ended.completeOnTimeout(null, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serverClosed() {
        if (leaving) {
            ended.complete(null);
        }
        else {
            ended.completeExceptionally(ClientFailure.closedByServer(target, null));
        }
    }

    private void awaitEnd() throws InterruptedException {
        try {
            ended.get();
        }
        catch (ExecutionException ex) {
            throw (ClientFailure) ex.getCause();
        }
    }

    /** The relay's own rule: {@code /quit}, or {@code bye} or {@code Exit} in any case, spaces around ignored. */
    private static boolean isLeaving(byte[] line) {
        String word = new String(line, StandardCharsets.UTF_8).strip();
        return word.equals("/quit") || word.equalsIgnoreCase("bye") || word.equalsIgnoreCase("exit");
    }

}
