package io.socketflow.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
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
 * A UDP listener: an inbound channel adapter over Netty datagram channels on the shared {@link EventLoops}, bound at
 * creation like {@link TcpServerListener}, with {@link #replies()} as the flow's outbound end.
 *
 * <p>Written on Netty rather than on Spring Integration's unicast adapters because those receive and send one
 * datagram per system call on a thread of their own; here up to 16 datagrams come in with one {@code recvmmsg} and
 * the replies to a read burst are flushed together, as from a hand-tuned Netty server. Every datagram is a message, in order, the empty one included,
 * up to the largest a UDP packet can carry (Spring Integration's mapper drops empty datagrams and its receive buffer
 * truncates at 2048 bytes).
 *
 * <p>With the epoll transport the port has one socket per event loop ({@code SO_REUSEPORT}), so the listener uses
 * every {@code io-threads} thread as TCP connections do. The kernel picks a socket by the sender's address and port,
 * so each sender's datagrams are read, and answered, in order by one event loop.
 */
public final class UdpServerListener extends MessageProducerSupport implements ServiceListener {

    /** The largest UDP payload over IPv6 (65535 minus the 8-byte UDP header). */
    private static final int LARGEST_DATAGRAM = 65527;

    /** The largest over IPv4, whose 20-byte header counts too. */
    private static final int LARGEST_IPV4_DATAGRAM = 65507;

    private static final int DATAGRAMS_PER_READ = 16;

    /** What an empty datagram is sent from: the native send needs a direct buffer, of which none of the bytes go. */
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocateDirect(1).limit(0);

    private final ListenerId id;

    private final String bindAddress;

    private final int configuredPort;

    private final EventLoops eventLoops;

    /** The port's sockets, one per event loop (one without epoll); empty while stopped. */
    private volatile List<BoundSocket> sockets = List.of();

    private volatile int boundPort;

    private volatile ListenerObserver observer = ListenerObserver.NONE;

    UdpServerListener(ListenerId id, UdpListenerProperties properties, EventLoops eventLoops) {
        this.id = id;
        this.bindAddress = properties.bindAddress();
        this.configuredPort = properties.portNumber();
        this.eventLoops = eventLoops;
    }

    /** Binds the sockets; datagrams wait in their receive buffers until the listener starts. */
    void bind() {
        boolean epoll = eventLoops.sharesUdpPorts();
        List<EventLoop> readers = epoll ? eventLoops.each() : eventLoops.each().subList(0, 1);
        boolean sharedPort = readers.size() > 1;
        List<BoundSocket> bound = new ArrayList<>(readers.size());
        int port = configuredPort;
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            if (sharedPort) {
                port = portFreeForThisListener(address, port);
            }
            for (EventLoop eventLoop : readers) {
                bound.add(new BoundSocket(eventLoop, address, port, epoll, sharedPort));
            }
        }
        catch (Exception ex) {
            bound.forEach(BoundSocket::close);
            throw ListenerBindException.of(id, bindAddress, configuredPort, ex);
        }
        this.boundPort = bound.get(0).port();
        this.sockets = List.copyOf(bound);
    }

    /**
     * The port the sockets are to share, checked with a plain socket first: sockets that share a port would also let
     * another process of the same user share it unnoticed, where a port in use must stop the start-up. A port of 0
     * becomes the one the system picks.
     */
    private int portFreeForThisListener(InetAddress address, int port) {
        Channel probe = new Bootstrap().group(eventLoops.group())
                .channel(eventLoops.datagramChannelType())
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(address, port)).syncUninterruptibly().channel();
        try {
            return ((InetSocketAddress) probe.localAddress()).getPort();
        }
        finally {
            probe.close().syncUninterruptibly();
        }
    }

    @Override
    protected void doStart() {
        if (this.sockets.isEmpty()) {
            bind();
        }
        this.sockets.forEach(BoundSocket::startReading);
    }

    @Override
    protected void doStop() {
        List<BoundSocket> current = this.sockets;
        this.sockets = List.of();
        current.forEach(BoundSocket::close);
    }

    void observeWith(ListenerObserver observer) {
        this.observer = observer;
    }

    /**
     * The flow's outbound end: sends each reply ({@code byte[]}) to the {@link IpHeaders#PACKET_ADDRESS} of the
     * datagram it answers, from this listener's port, and counts it.
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
        BoundSocket socket = replySocket();
        Object destination = message.getHeaders().get(IpHeaders.PACKET_ADDRESS);
        if (socket == null || !(destination instanceof InetSocketAddress recipient)
                || !(message.getPayload() instanceof byte[] reply)) {
            throw new MessagingException(message, id + " cannot send this reply: it needs a byte[] payload, an "
                    + IpHeaders.PACKET_ADDRESS + " header and an open socket");
        }
        byte[] datagram = fitting(reply, recipient);
        socket.send(datagram, recipient);
        observer.sent(1, datagram.length);
    }

    /**
     * The reply, or, if it cannot be one datagram (uppercasing can lengthen text: {@code ŉ} becomes {@code ʼN}), an
     * error datagram saying so, counted as a {@code too_large} error: the send would fail, and the client would wait
     * for nothing.
     */
    private byte[] fitting(byte[] reply, InetSocketAddress recipient) {
        int largest = (recipient.getAddress() instanceof Inet4Address) ? LARGEST_IPV4_DATAGRAM : LARGEST_DATAGRAM;
        if (reply.length <= largest) {
            return reply;
        }
        observer.error(ListenerObserver.Error.TOO_LARGE);
        logger.debug(() -> id + " cannot send a reply of " + reply.length + " bytes to " + recipient);
        return ("ERROR reply exceeds " + largest + " bytes").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The socket to answer from: on an event loop, the one it reads, whose read burst the reply joins; elsewhere any
     * (they share the port).
     */
    private @Nullable BoundSocket replySocket() {
        List<BoundSocket> current = this.sockets;
        for (BoundSocket socket : current) {
            if (socket.isReadByThisThread()) {
                return socket;
            }
        }
        return current.isEmpty() ? null : current.get(0);
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
        List<BoundSocket> current = this.sockets;
        return isRunning() && !current.isEmpty() && current.stream().allMatch(BoundSocket::isActive);
    }

    /** One of the port's sockets, read and written by its event loop. */
    private final class BoundSocket {

        private final Channel channel;

        private final Datagrams datagrams;

        BoundSocket(EventLoop eventLoop, InetAddress address, int port, boolean epoll, boolean sharedPort) {
            DatagramReceiveBuffer reads = new DatagramReceiveBuffer(DATAGRAMS_PER_READ * (LARGEST_DATAGRAM + 1));
            this.datagrams = new Datagrams();
            Bootstrap bootstrap = new Bootstrap().group(eventLoop)
                    .channel(eventLoops.datagramChannelType())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, reads)
                    // Replies are copied into direct buffers for the native send: from a pool, not allocated and freed.
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .handler(datagrams);
            if (epoll) {
                // recvmmsg: up to DATAGRAMS_PER_READ datagrams per system call, each in a slot that holds the largest
                bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, LARGEST_DATAGRAM + 1)
                        .option(EpollChannelOption.SO_REUSEPORT, sharedPort);
            }
            this.channel = bootstrap.bind(new InetSocketAddress(address, port)).syncUninterruptibly().channel();
            // The receive buffer lives as long as the channel, however it closes (a stop, the event loops' shutdown).
            channel.closeFuture().addListener(closed -> reads.release());
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        boolean isActive() {
            return channel.isActive();
        }

        boolean isReadByThisThread() {
            return channel.eventLoop().inEventLoop();
        }

        void startReading() {
            channel.config().setAutoRead(true);
        }

        void close() {
            channel.close().syncUninterruptibly();
        }

        void send(byte[] reply, InetSocketAddress recipient) {
            if (reply.length == 0) {
                if (isReadByThisThread()) {
                    sendEmpty(recipient);
                }
                else {
                    channel.eventLoop().execute(() -> sendEmpty(recipient));
                }
                return;
            }
            // A direct buffer, which the native send takes as it is (it would copy a heap one into a new packet).
            ByteBuf bytes = channel.alloc().directBuffer(reply.length).writeBytes(reply);
            DatagramPacket packet = new DatagramPacket(bytes, recipient);
            if (datagrams.inReadBurst && isReadByThisThread()) {
                channel.write(packet, channel.voidPromise());
                datagrams.unflushed = true;
            }
            else {
                channel.writeAndFlush(packet, channel.voidPromise());
            }
        }

        /**
         * An empty datagram, which Netty's datagram channels skip on write (it takes zero bytes), goes out through the
         * epoll socket itself, after the replies queued before it.
         */
        private void sendEmpty(InetSocketAddress recipient) {
            if (datagrams.unflushed) {
                datagrams.unflushed = false;
                channel.flush();
            }
            if (channel instanceof UnixChannel unix && unix.fd() instanceof Socket socket) {
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

    }

    /**
     * A socket's reader, on its event loop: each datagram becomes a message, and the replies of one read burst are
     * flushed together.
     */
    private final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {

        private final SenderHeaders senderHeaders = new SenderHeaders();

        /** Whether the event loop is handling a read burst, whose replies are flushed together when it ends. */
        private boolean inReadBurst;

        private boolean unflushed;

        private final BurstClock burstClock = new BurstClock();

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            if (!inReadBurst) {
                inReadBurst = true;
                burstClock.begin();
            }
            ByteBuf datagram = packet.content();
            byte[] payload = ByteBufUtil.getBytes(datagram, datagram.readerIndex(), withoutTerminator(datagram));
            InetSocketAddress sender = packet.sender();
            Message<byte[]> message = new GenericMessage<>(payload,
                    SharedHeaders.of(senderHeaders.of(sender), burstClock.millis()));
            ListenerObserver observing = observer;
            observing.bytesReceived(datagram.readableBytes());
            observing.messageReceived();
            try {
                sendMessage(message);
            }
            catch (RuntimeException ex) {
                observing.error(ListenerObserver.Error.IO);
                logger.warn(ex, () -> id + " could not answer a datagram from " + sender);
            }
            finally {
                observing.processed(burstClock.messageHandled());
            }
        }

        /**
         * The datagram's length without a trailing LF or CRLF: sent by {@code echo | nc -u} and line-reading
         * clients, it ends the message as it would on TCP, and is neither part of the message nor echoed in the reply,
         * since a datagram is its own frame and UDP replies carry no terminator.
         */
        private static int withoutTerminator(ByteBuf datagram) {
            int length = datagram.readableBytes();
            int last = datagram.readerIndex() + length - 1;
            if (length > 0 && datagram.getByte(last) == '\n') {
                length--;
                if (length > 0 && datagram.getByte(last - 1) == '\r') {
                    length--;
                }
            }
            return length;
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
