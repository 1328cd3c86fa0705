package io.socketflow.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpSender;

import io.socketflow.config.TcpListenerProperties;

/**
 * A TCP listener: a Spring Integration server connection factory whose connections are Netty channels on the shared
 * {@link EventLoops}, so the inbound gateways and adapters of the flows work as with Spring Integration's own
 * factories. Each connection passes its {@link ChannelEdge} (PROXY protocol, TLS), is admitted by the listener's
 * {@link ConnectionGuard}, and has its bytes cut into messages by the listener's {@link FramingCodec}.
 *
 * <p>Written on Netty rather than on Spring Integration's blocking or NIO factories because those cost a thread
 * wake-up, extra system calls and header copies per message: about twice the CPU per request of a hand-tuned Netty
 * server (the README's performance section has the profile).
 *
 * <p>The server socket is bound when the listener is created, on the thread that builds the application context, so
 * a port in use stops start-up with a {@link ListenerBindException}; connections are accepted from {@link #start()}.
 */
public final class TcpServerListener extends AbstractServerConnectionFactory implements ServiceListener, DisposableBean {

    /**
     * Above this much unwritten output a writer on another thread (a chat member's) waits for the client to read.
     * Room for four of the chat's 64 KB batches, so a reading member's writes keep pace with a flooding sender.
     */
    private static final WriteBufferWaterMark WRITE_WATERMARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

    /**
     * In {@code text} framing, how long a line cut where a read ended waits for the rest when its client streams lines
     * (it has ended a line before): a large write reaches the server in pieces, and a piece cut mid-line would
     * otherwise be answered as a message of its own. A client that has sent no line end is answered at once.
     */
    private static final Duration STREAMING_LINE_WAIT = Duration.ofMillis(50);

    /**
     * How long {@link #stop()} waits, in a graceful shutdown, for its connections' clients to end their side after the
     * server has ended its own; a connection still open after its linger (2 s) is closed anyway.
     */
    private static final Duration GRACEFUL_CLOSE = Duration.ofMillis(2500);

    /**
     * One read (of up to 64 KB) per connection per turn of its event loop: a client that floods cannot starve the
     * other connections on the loop, nor the writes queued for them by other threads.
     */
    private static final RecvByteBufAllocator ONE_READ_PER_TURN = new AdaptiveRecvByteBufAllocator()
            .maxMessagesPerRead(1);

    private final ListenerId id;

    private final ConnectionGuard guard;

    private final ChannelEdge edge;

    private final FramingCodec codec;

    private final EventLoops eventLoops;

    private final Executor blockingWork;

    private volatile @Nullable Channel serverChannel;

    /** How many of this listener's connections still have an open channel, for a graceful shutdown to wait on. */
    private final AtomicInteger openChannels = new AtomicInteger();

    private volatile int boundPort;

    private @Nullable ScheduledFuture<?> idleSweep;

    /** The outbound adapters that write to this listener's connections, as registered when it started. */
    private volatile List<TcpSender> senders = List.of();

    private final List<ConnectionLifecycle> lifecycles = new CopyOnWriteArrayList<>();

    private final ConnectionOwner owner = new ConnectionOwner() {

        @Override
        public @Nullable TcpListener listener() {
            return getListener();
        }

        @Override
        public void opened(ChannelConnection connection) {
            for (TcpSender sender : senders) {
                sender.addNewConnection(connection);
            }
            for (ConnectionLifecycle lifecycle : lifecycles) {
                lifecycle.opened(connection);
            }
        }

        @Override
        public void closed(ChannelConnection connection) {
            for (TcpSender sender : senders) {
                sender.removeDeadConnection(connection);
            }
            for (ConnectionLifecycle lifecycle : lifecycles) {
                lifecycle.closed(connection);
            }
        }

        @Override
        public void socketClosed(ChannelConnection connection) {
            openChannels.decrementAndGet();
        }

    };

    TcpServerListener(ListenerId id, TcpListenerProperties properties, @Nullable SslBundleContextSupport tls,
            MeterRegistry meterRegistry, EventLoops eventLoops, Executor blockingWork) {
        super(properties.portNumber());
        this.id = id;
        this.eventLoops = eventLoops;
        this.blockingWork = blockingWork;
        this.edge = new ChannelEdge(id, properties, tls, meterRegistry);
        this.codec = FramingCodec.of(properties.framing(), properties.maxMessageSize());
        this.guard = new ConnectionGuard(id, properties.maxConnections(), properties.idleTimeout(), codec);
        setLocalAddress(properties.bindAddress());
        setBacklog(properties.backlog());
        setSerializer(codec);
        setTaskExecutor(blockingWork);
    }

    /** Binds the server socket; connections wait in the backlog until {@link #start()}. */
    void bind() {
        String address = bindAddress();
        int port = super.getPort();
        ServerBootstrap bootstrap = new ServerBootstrap().group(eventLoops.group())
                .channel(eventLoops.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, getBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                // No TCP_NODELAY option: Netty's socket channels (epoll and NIO) turn Nagle off themselves, and
                // asking again was a second setsockopt per connection.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_WATERMARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, ONE_READ_PER_TURN)
                .childHandler(new ChannelInitializer<Channel>() {

                    @Override
                    protected void initChannel(Channel channel) {
                        edge.install(channel.pipeline());
                        channel.pipeline().addLast(new FrameDecoder(codec, STREAMING_LINE_WAIT, guard::bytesArrived),
                                new ConnectionHandler(edge, TcpServerListener.this::opened));
                    }

                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(InetAddress.getByName(address), port))
                    .syncUninterruptibly().channel();
            this.boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
            this.serverChannel = channel;
        }
        catch (Exception ex) {
            throw ListenerBindException.of(id, address, port, ex);
        }
    }

    /** An accepted channel has passed its edge: it becomes a connection of this factory, admitted or refused. */
    private ChannelConnection opened(Channel channel, @Nullable InetSocketAddress client) {
        ChannelConnection connection = new ChannelConnection(channel, client, codec, guard, owner, blockingWork);
        // Counted down when the pipeline tells the connection its channel closed (channelInactive), rather than by a
        // close-future listener: one object and one notification less per connection.
        openChannels.incrementAndGet();
        connection.run();
        return connection;
    }

    /**
     * Tells {@code lifecycle} of every connection this listener admits and closes from now on, after those it was told
     * of before; for connections from the start, call it before {@link #start()}.
     */
    public void observeConnections(ConnectionLifecycle lifecycle) {
        lifecycles.add(lifecycle);
    }

    /** Closes an admitted connection, such as a chat member's; false if there is none open by that id. */
    @Override
    public boolean closeConnection(String connectionId) {
        ChannelConnection connection = guard.connection(connectionId);
        if (connection == null) {
            return false;
        }
        connection.close();
        return true;
    }

    @Override
    public List<String> getOpenConnectionIds() {
        return guard.connectionIds();
    }

    /** Started by the lifecycle and by each adapter on this factory; only the first start does anything. */
    @Override
    public void start() {
        if (isRunning()) {
            return;
        }
        if (this.serverChannel == null) {
            // Started again after a stop: bind now, so port() names the new socket as soon as start() returns.
            bind();
        }
        this.senders = List.copyOf(getSenders());
        super.start();
        if (guard.hasIdleTimeout() && idleSweep == null) {
            idleSweep = getTaskScheduler().scheduleWithFixedDelay(guard::closeIdleConnections, guard.sweepInterval());
        }
    }

    /** Run by {@link AbstractServerConnectionFactory#start()}: accepting starts. */
    @Override
    public void run() {
        Channel channel = this.serverChannel;
        if (channel == null || getListener() == null) {
            return;
        }
        channel.config().setAutoRead(true);
        setListening(true);
        publishServerListeningEvent(boundPort);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> sweep = idleSweep;
        if (sweep != null) {
            sweep.cancel(false);
            idleSweep = null;
        }
        stopAccepting();
        if (guard.closesGracefully()) {
            guard.closeAll();
            BoundedWait.until(() -> openChannels.get() == 0, GRACEFUL_CLOSE);
        }
        super.stop();
        guard.closeAll();
    }

    /**
     * The application is stopping: connections closed from now on end gracefully (their replies out, then FIN, then
     * the close once the client's side has ended), and {@link #stop()} gives them up to {@link #GRACEFUL_CLOSE}.
     */
    void shutDown() {
        guard.shutDown();
    }

    @Override
    public void destroy() {
        stopAccepting();
    }

    @Override
    public @Nullable SocketAddress getServerSocketAddress() {
        Channel channel = this.serverChannel;
        return (channel != null) ? channel.localAddress() : null;
    }

    @Override
    public ListenerId id() {
        return id;
    }

    @Override
    public String bindAddress() {
        String address = getLocalAddress();
        return (address != null) ? address : "0.0.0.0";
    }

    @Override
    public int port() {
        return boundPort;
    }

    /** How connections start on this listener (TLS, PROXY protocol), for its start-up log line. */
    String edgeDescription() {
        return edge.describe();
    }

    /**
     * Stops accepting: the server socket closes, so new clients are refused by the kernel, while the connections
     * already open carry on until {@link #stop()}.
     */
    void stopAccepting() {
        Channel channel = this.serverChannel;
        this.serverChannel = null;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        setListening(false);
    }

    int requestsInFlight() {
        return guard.requestsInFlight();
    }

    /** Where this listener reports its traffic; also for errors found above the transport, such as slow chat members. */
    public ListenerObserver observer() {
        return guard.observer();
    }

    void observeWith(ListenerObserver observer) {
        guard.observeWith(observer);
    }

    public int maxConnections() {
        return guard.maxConnections();
    }

    /** Connections admitted and still open. */
    public int openConnections() {
        return guard.openConnections();
    }

    /**
     * Connections whose sockets are still open: those {@link #openConnections()} counts, plus refused ones and closed
     * ones still waiting for their client to read what they were owed.
     */
    public int openSockets() {
        return openChannels.get();
    }

}
