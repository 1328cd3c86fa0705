package io.socketflow.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketflow.config.TcpListenerProperties;

/**
 * A TCP listener: Spring Integration's blocking server connection factory (a thread per connection, which keeps
 * each connection's messages in order) with the listener's framing codec, {@link ConnectionGuard} and
 * {@link ConnectionEdge} (PROXY protocol, TLS).
 *
 * <p>The server socket is bound when the listener is created, on the thread that builds the application
 * context, so a port in use stops start-up with a {@link ListenerBindException} instead of an error logged later
 * by the accept thread.
 */
public final class TcpServerListener extends TcpNetServerConnectionFactory implements ServiceListener, DisposableBean {

    private final ListenerId id;

    private final ConnectionGuard guard;

    private volatile @Nullable ServerSocket bound;

    private volatile int boundPort;

    private @Nullable ScheduledFuture<?> idleSweep;

    private final ConnectionEdge edge;

    TcpServerListener(ListenerId id, TcpListenerProperties properties, @Nullable SslBundleContextSupport tls,
            MeterRegistry meterRegistry, Executor connectionThreads) {
        super(properties.portNumber());
        this.id = id;
        this.edge = new ConnectionEdge(id, properties, tls, meterRegistry, this::getTaskScheduler);
        FramingCodec codec = FramingCodec.of(properties.framing(), properties.maxMessageSize());
        this.guard = new ConnectionGuard(id, properties.maxConnections(), properties.idleTimeout(), codec,
                this::getApplicationEventPublisher);
        setLocalAddress(properties.bindAddress());
        setBacklog(properties.backlog());
        setSoTcpNoDelay(true);
        setLookupHost(false);
        setSerializer(codec);
        setDeserializer(codec);
        setTcpNetConnectionSupport(new FramedConnectionSupport(edge));
        setTaskExecutor(connectionThreads);
        TcpConnectionInterceptorFactoryChain interceptors = new TcpConnectionInterceptorFactoryChain();
        interceptors.setInterceptor(guard);
        setInterceptorFactoryChain(interceptors);
    }

    void bind() {
        String address = getLocalAddress();
        int port = super.getPort();
        ServerSocket socket = null;
        try {
            socket = getTcpSocketFactorySupport().getServerSocketFactory().createServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), getBacklog());
            this.boundPort = socket.getLocalPort();
            this.bound = socket;
        }
        catch (IOException ex) {
            closeQuietly(socket);
            throw new ListenerBindException(id, address, port, ex);
        }
    }

    @Override
    protected ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress whichNic) throws IOException {
        ServerSocket socket = this.bound;
        this.bound = null;
        if (socket != null && !socket.isClosed()) {
            return socket;
        }
        bind();
        ServerSocket rebound = this.bound;
        this.bound = null;
        return rebound;
    }

    @Override
    public void start() {
        if (!isRunning() && this.bound == null) {
            // Started again after a stop: bind now, so port() names the new socket as soon as start() returns.
            bind();
        }
        super.start();
        if (guard.hasIdleTimeout() && idleSweep == null) {
            idleSweep = getTaskScheduler().scheduleWithFixedDelay(guard::closeIdleConnections, guard.sweepInterval());
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> sweep = idleSweep;
        if (sweep != null) {
            sweep.cancel(false);
            idleSweep = null;
        }
        super.stop();
        guard.closeAll();
    }

    @Override
    public void destroy() {
        closeQuietly(this.bound);
        this.bound = null;
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
        closeQuietly(getServerSocket());
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

    private static void closeQuietly(@Nullable ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

}
