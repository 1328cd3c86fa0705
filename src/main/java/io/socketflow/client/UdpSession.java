package io.socketflow.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.messaging.support.GenericMessage;

/**
 * {@code client udp}: the message leaves as one datagram through a UDP outbound adapter, from the socket the reply
 * is then read on, so the server answers the port the client bound ({@code --bind-port}, or a free one).
 *
 * <p>The receiving socket is a plain {@link DatagramSocket} because the client waits for exactly one datagram
 * with a timeout; it is connected to the server so that only the server's reply is taken and an ICMP port
 * unreachable comes back as a refused connection instead of a timeout.
 */
final class UdpSession {

    /** Larger than any UDP payload, so no reply is cut short. */
    private static final int RECEIVE_BUFFER = 65536;

    private final ClientRequest request;

    private final Target target;

    private final ReplyPrinter printer;

    UdpSession(ClientRequest request, Target target, ReplyPrinter printer) {
        this.request = request;
        this.target = target;
        this.printer = printer;
    }

    void run(IntegrationFlowContext flows, byte[] message) {
        try (DatagramSocket socket = bind()) {
            IntegrationFlowRegistration send = flows
                    .registration(flow -> flow.handle(
                            Udp.outboundAdapter(target.hostAddress(), target.port()).socketFunction(m -> socket),
                            endpoint -> endpoint.id("udpClientOut")))
                    .id("udpClient")
                    .register();
            try {
                if (message.length > 0) {
                    socket.connect(target.address(), target.port());
                    send.getInputChannel().send(new GenericMessage<>(message));
                }
                else {
                    // The JDK writes nothing for an empty datagram on a connected socket, and neither does the
                    // adapter on top of it; the tutorial client sends one, which uppercase and bytecount answer.
                    socket.send(new DatagramPacket(message, 0, target.address(), target.port()));
                }
                DatagramPacket reply = replyFromTarget(socket);
                int start = reply.getOffset();
                printer.print(Arrays.copyOfRange(reply.getData(), start, start + reply.getLength()));
            }
            catch (SocketTimeoutException ex) {
                throw ClientFailure.noReply(target, request.timeout(), ex);
            }
            catch (IOException | RuntimeException ex) {
                throw ClientFailure.of(ex, target, request.timeout());
            }
            finally {
                send.destroy();
            }
        }
    }

    /** The first datagram from the target; an unconnected socket may also get others, which are skipped. */
    private DatagramPacket replyFromTarget(DatagramSocket socket) throws IOException {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            DatagramPacket reply = new DatagramPacket(new byte[RECEIVE_BUFFER], RECEIVE_BUFFER);
            socket.receive(reply);
            if (socket.isConnected() || (reply.getAddress().equals(target.address())
                    && reply.getPort() == target.port())) {
                return reply;
            }
        }
    }

    private DatagramSocket bind() {
        try {
            return new DatagramSocket(new InetSocketAddress(request.bindPort()));
        }
        catch (SocketException ex) {
            throw ClientFailure.localPort(request.bindPort(), ex);
        }
    }

}
