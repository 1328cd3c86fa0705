package io.socketflow.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

import io.socketflow.config.UdpListenerProperties;

/**
 * A UDP listener: an inbound channel adapter over a Netty datagram channel on the shared {@link EventLoops}, bound at
 * creation like {@link TcpServerListener}, with {@link #replies()} as the flow's outbound end.
 *
 * <p>Written on Netty rather than on Spring Integration's unicast adapters because those receive and send one
 * datagram per system call on a thread of their own; here up to 16 datagrams come in with one {@code recvmmsg} and
 * the replies to a read burst are flushed together, as from a hand-tuned Netty server. Every datagram is a message, in order, the empty one included,
 * up to the largest a UDP packet can carry (Spring Integration's mapper drops empty datagrams and its receive buffer
 * truncates at 2048 bytes).
 */
public final class UdpServerListener extends MessageProducerSupport implements ServiceListener {

    /** The largest UDP payload over IPv6 (65535 minus the 8-byte UDP header); IPv4 allows 65507. */
    private static final int LARGEST_DATAGRAM = 65527;

    private static final int DATAGRAMS_PER_READ = 16;

    /** What an empty datagram is sent from: the native send needs a direct buffer, of which none of the bytes go. */
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocateDirect(1).limit(0);

    private final ListenerId id;

    private final String bindAddress;

    private final int configuredPort;

    private final EventLoops eventLoops;

    private volatile @Nullable Channel channel;

    private volatile int boundPort;

    private volatile ListenerObserver observer = ListenerObserver.NONE;

    /** Whether the event loop is handling a read burst, whose replies are flushed together when it ends. */
    private boolean inReadBurst;

    /** The read burst's messages' timestamp: one clock reading for a burst that lasts microseconds. */
    private long burstMillis;

    /**
     * When the last message's processing ended ({@link System#nanoTime()}): the next message of the burst starts
     * there, so one clock reading per message times it.
     */
    private long processedUntil;

    private boolean unflushed;

    UdpServerListener(ListenerId id, UdpListenerProperties properties, EventLoops eventLoops) {
        this.id = id;
        this.bindAddress = properties.bindAddress();
        this.configuredPort = properties.portNumber();
        this.eventLoops = eventLoops;
    }

    /** Binds the socket; datagrams wait in its receive buffer until the listener starts. */
    void bind() {
        DatagramReceiveBuffer reads = new DatagramReceiveBuffer(DATAGRAMS_PER_READ * (LARGEST_DATAGRAM + 1));
        Bootstrap bootstrap = new Bootstrap().group(eventLoops.group())
                .channel(eventLoops.datagramChannelType())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.RCVBUF_ALLOCATOR, reads)
                // Replies are copied into direct buffers for the native send: from a pool, not allocated and freed.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new Datagrams());
        if (eventLoops.datagramChannelType() == EpollDatagramChannel.class) {
            // recvmmsg: up to DATAGRAMS_PER_READ datagrams per system call, each in a slot that holds the largest
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, LARGEST_DATAGRAM + 1);
        }
        try {
            Channel bound = bootstrap.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), configuredPort))
                    .syncUninterruptibly().channel();
            // The receive buffer lives as long as the channel, however it closes (a stop, the event loops' shutdown).
            bound.closeFuture().addListener(closed -> reads.release());
            this.boundPort = ((InetSocketAddress) bound.localAddress()).getPort();
            this.channel = bound;
        }
        catch (Exception ex) {
            throw ListenerBindException.of(id, bindAddress, configuredPort, ex);
        }
    }

    @Override
    protected void doStart() {
        if (this.channel == null) {
            bind();
        }
        Channel current = this.channel;
        if (current != null) {
            current.config().setAutoRead(true);
        }
    }

    @Override
    protected void doStop() {
        Channel current = this.channel;
        this.channel = null;
        if (current != null) {
            current.close().syncUninterruptibly();
        }
    }

    void observeWith(ListenerObserver observer) {
        this.observer = observer;
    }

    /**
     * The flow's outbound end: sends each reply ({@code byte[]}) to the {@link IpHeaders#PACKET_ADDRESS} of the
     * datagram it answers, from this listener's socket, and counts it.
     */
    public MessageHandler replies() {
        return new AbstractMessageHandler() {

            @Override
            protected void handleMessageInternal(Message<?> message) {
                send(message);
            }

        };
    }

    private void send(Message<?> message) {
        Channel current = this.channel;
        Object destination = message.getHeaders().get(IpHeaders.PACKET_ADDRESS);
        if (current == null || !(destination instanceof InetSocketAddress recipient)
                || !(message.getPayload() instanceof byte[] reply)) {
            throw new MessagingException(message, id + " cannot send this reply: it needs a byte[] payload, an "
                    + IpHeaders.PACKET_ADDRESS + " header and an open socket");
        }
        if (reply.length == 0) {
            if (current.eventLoop().inEventLoop()) {
                sendEmpty(current, recipient);
            }
            else {
                current.eventLoop().execute(() -> sendEmpty(current, recipient));
            }
            observer.sent(1, 0);
            return;
        }
        // A direct buffer, which the native send takes as it is (it would copy a heap one into a new packet).
        ByteBuf bytes = current.alloc().directBuffer(reply.length).writeBytes(reply);
        DatagramPacket packet = new DatagramPacket(bytes, recipient);
        if (current.eventLoop().inEventLoop() && inReadBurst) {
            current.write(packet, current.voidPromise());
            unflushed = true;
        }
        else {
            current.writeAndFlush(packet, current.voidPromise());
        }
        observer.sent(1, reply.length);
    }

    /**
     * An empty datagram, which Netty's datagram channels skip on write (it takes zero bytes), goes out through the
     * epoll socket itself, after the replies queued before it.
     */
    private void sendEmpty(Channel current, InetSocketAddress recipient) {
        if (unflushed) {
            unflushed = false;
            current.flush();
        }
        if (current instanceof UnixChannel unix && unix.fd() instanceof Socket socket) {
            try {
                socket.sendTo(NO_BYTES.duplicate(), 0, 0, recipient.getAddress(), recipient.getPort());
            }
            catch (IOException ex) {
                observer.error(ListenerObserver.Error.IO);
                logger.debug(() -> id + " could not send an empty datagram to " + recipient + ": " + ex);
            }
        }
        else {
            logger.debug(() -> id + " cannot send an empty datagram without the epoll transport");
        }
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

    @Override
    public boolean isListening() {
        Channel current = this.channel;
        return isRunning() && current != null && current.isActive();
    }

    /** Each datagram becomes a message on the event loop; the replies of one read burst are flushed together. */
    private final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {

        private final SenderHeaders senderHeaders = new SenderHeaders();

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            if (!inReadBurst) {
                inReadBurst = true;
                burstMillis = System.currentTimeMillis();
                processedUntil = System.nanoTime();
            }
            byte[] payload = ByteBufUtil.getBytes(packet.content());
            InetSocketAddress sender = packet.sender();
            Message<byte[]> message = new GenericMessage<>(payload,
                    SharedHeaders.of(senderHeaders.of(sender), burstMillis));
            ListenerObserver observing = observer;
            observing.received(payload.length);
            try {
                sendMessage(message);
            }
            catch (RuntimeException ex) {
                observing.error(ListenerObserver.Error.IO);
                logger.warn(ex, () -> id + " could not answer a datagram from " + sender);
            }
            finally {
                long now = System.nanoTime();
                observing.processed(now - processedUntil);
                processedUntil = now;
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            inReadBurst = false;
            if (unflushed) {
                unflushed = false;
                context.flush();
            }
            if (!context.channel().isWritable()) {
                // Replies wait for the socket's send buffer: read no more requests until they are out.
                context.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext context) {
            if (context.channel().isWritable() && isRunning()) {
                context.channel().config().setAutoRead(true);
            }
        }

        /** A send that failed (an ICMP port unreachable from a client that left) harms nothing; it is counted. */
        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            observer.error(ListenerObserver.Error.IO);
            logger.debug(() -> id + " datagram error: " + cause);
        }

    }

}
