package io.socketflow.client;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpOutboundGatewaySpec;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * {@code client tcp}: each message goes through an outbound gateway on the session's one connection, and its reply
 * is printed before the next is sent. A message {@code Exit} ends the session after its reply, as the tutorial
 * client does (bytecount answers it with {@code Disconnect} and closes).
 */
final class TcpSession {

    private static final String REFUSAL = "ERROR too many connections";

    private final ClientRequest request;

    private final Target target;

    private final ReplyPrinter printer;

    TcpSession(ClientRequest request, Target target, ReplyPrinter printer) {
        this.request = request;
        this.target = target;
        this.printer = printer;
    }

    void run(IntegrationFlowContext flows, Iterator<byte[]> messages) {
        SessionConnectionFactory connection = new SessionConnectionFactory(target,
                ClientCodec.requestReply(request.framing()), request);
        IntegrationFlowRegistration exchange = flows
                .registration(flow -> flow.handle(gateway(connection), endpoint -> endpoint.id("tcpClientGateway")))
                .id("tcpClient")
                .addBean("tcpClientConnection", connection)
                .register();
        try {
            while (messages.hasNext()) {
                byte[] message = messages.next();
                Message<?> reply = exchange.getMessagingTemplate().sendAndReceive(new GenericMessage<>(message));
                if (reply == null) {
                    throw ClientFailure.noReply(target, request.timeout(), null);
                }
                byte[] payload = (byte[]) reply.getPayload();
                if (isRefusal(payload)) {
                    throw ClientFailure.refusedByServer(target, "too many connections");
                }
                printer.print(payload);
                if (endsSession(message)) {
                    return;
                }
            }
        }
        catch (RuntimeException ex) {
            throw ClientFailure.of(ex, target, request.timeout());
        }
        finally {
            exchange.destroy();
        }
    }

    private TcpOutboundGatewaySpec gateway(SessionConnectionFactory connection) {
        TcpOutboundGatewaySpec gateway = Tcp.outboundGateway(connection).remoteTimeout(request.timeout().toMillis());
        // A blocking connection reads a reply before the close that follows it; no need to wait for one after.
        gateway.getObject().setSecondChanceDelay(0);
        return gateway;
    }

    /**
     * The line a socketflow server sends, then closes, to a connection past its {@code max-connections}: no reply to a
     * message (uppercase would have uppercased it), so the connection was refused, not answered.
     */
    private static boolean isRefusal(byte[] reply) {
        return reply.length < 32 && new String(reply, StandardCharsets.UTF_8).stripTrailing().equals(REFUSAL);
    }

    /** The server's own rule for {@code Exit}: any case, surrounding whitespace ignored. */
    private static boolean endsSession(byte[] message) {
        return message.length < 64 && new String(message, StandardCharsets.UTF_8).strip().equalsIgnoreCase("Exit");
    }

}
