package io.socketflow.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.Arrays;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.MessagingException;

import io.socketflow.config.UdpListenerProperties;

/**
 * A UDP listener: Spring Integration's unicast receiving adapter, bound at creation like {@link TcpServerListener}.
 *
 * <p>Three parts are replaced because the protocol needs other behaviour: datagrams are handled in order on the
 * receiving thread (the default hands them to a pool with an unbounded queue), the receive buffer is reused and
 * holds the largest datagram (the default allocates 2048 bytes per packet and truncates), and every datagram is a
 * message, the empty one included, with no acknowledgement address read from its payload (the default mapper
 * drops empty datagrams and would send acks to an address the sender chose).
 */
public final class UdpServerListener extends UnicastReceivingChannelAdapter implements ServiceListener {

    /** The largest UDP payload over IPv6 (65535 minus the 8-byte UDP header); IPv4 allows 65507. */
    private static final int LARGEST_DATAGRAM = 65527;

    private final ListenerId id;

    private final String bindAddress;

    private final byte[] receiveBuffer = new byte[LARGEST_DATAGRAM + 1];

    private volatile int boundPort;

    private volatile ListenerObserver observer = ListenerObserver.NONE;

    UdpServerListener(ListenerId id, UdpListenerProperties properties, Executor receiveThread) {
        super(properties.portNumber());
        this.id = id;
        this.bindAddress = properties.bindAddress();
        setLocalAddress(bindAddress);
        setLookupHost(false);
        setReceiveBufferSize(receiveBuffer.length);
        setTaskExecutor(receiveThread);
    }

    void bind() {
        try {
            this.boundPort = getSocket().getLocalPort();
        }
        catch (MessagingException ex) {
            throw new ListenerBindException(id, bindAddress, super.getPort(),
                    (ex.getCause() != null) ? ex.getCause() : ex);
        }
    }

    @Override
    public DatagramSocket getSocket() {
        DatagramSocket socket = super.getSocket();
        this.boundPort = socket.getLocalPort();
        return socket;
    }

    @Override
    protected DatagramPacket receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        getSocket().receive(packet);
        return packet;
    }

    @Override
    protected boolean asyncSendMessage(DatagramPacket packet) {
        doSend(packet);
        return true;
    }

    @Override
    protected void doSend(DatagramPacket packet) {
        byte[] payload = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
        Message<byte[]> message = getMessageBuilderFactory().withPayload(payload)
                .setHeader(IpHeaders.PACKET_ADDRESS, packet.getSocketAddress())
                .setHeader(IpHeaders.IP_ADDRESS, packet.getAddress().getHostAddress())
                .setHeader(IpHeaders.PORT, packet.getPort())
                .build();
        ListenerObserver observing = observer;
        observing.received(payload.length);
        long start = System.nanoTime();
        try {
            sendMessage(message);
        }
        catch (RuntimeException ex) {
            observing.error(ListenerObserver.Error.IO);
            logger.warn(ex, () -> id + " could not answer a datagram from " + packet.getSocketAddress());
        }
        finally {
            observing.processed(System.nanoTime() - start);
        }
    }

    void observeWith(ListenerObserver observer) {
        this.observer = observer;
    }

    /** Counts the reply datagrams a flow sends, once the outbound adapter has sent them. */
    public ChannelInterceptor replyCounter() {
        return new ChannelInterceptor() {

            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent,
                    @Nullable Exception ex) {
                if (ex == null && message.getPayload() instanceof byte[] reply) {
                    observer.sent(1, reply.length);
                }
            }

        };
    }

    @Override
    public ListenerId id() {
        return id;
    }

    @Override
    public String bindAddress() {
        return bindAddress;
    }

    @Override
    public int port() {
        return boundPort;
    }

}
