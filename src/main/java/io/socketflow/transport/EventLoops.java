package io.socketflow.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty event loops every listener accepts, reads and writes on: native epoll on Linux, NIO elsewhere. A few threads
 * serve all connections, each connection on one of them for its whole life, which keeps its messages in order.
 */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup group;

    private final Class<? extends ServerChannel> serverChannelType;

    private final Class<? extends Channel> datagramChannelType;

    private final String description;

    private EventLoops(EventLoopGroup group, Class<? extends ServerChannel> serverChannelType,
            Class<? extends Channel> datagramChannelType, String description) {
        this.group = group;
        this.serverChannelType = serverChannelType;
        this.datagramChannelType = datagramChannelType;
        this.description = description;
    }

    /**
     * Turns Netty's buffer-leak detector off unless {@code -Dio.netty.leakDetection.level} asks for it: by default it
     * records a stack trace for one buffer in 128, 2 % of the server's CPU with small requests. The service's main
     * method calls this; the tests keep Netty's sampling, so a leak still shows there.
     */
    public static void leakDetectionOffUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    static EventLoops create(int threads, String threadName) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(threadName, true);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, threadFactory, handlers);
        return new EventLoops(group, epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class,
                epoll ? EpollDatagramChannel.class : NioDatagramChannel.class,
                threads + " " + (epoll ? "epoll" : "NIO") + " event loop" + (threads == 1 ? "" : "s"));
    }

    EventLoopGroup group() {
        return group;
    }

    /** Each of the group's event loops, to put one channel on each. */
    List<EventLoop> each() {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(executor -> loops.add((EventLoop) executor));
        return loops;
    }

    /** Whether several sockets can share a UDP port ({@code SO_REUSEPORT}, with the epoll transport). */
    boolean sharesUdpPorts() {
        return datagramChannelType == EpollDatagramChannel.class;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return serverChannelType;
    }

    Class<? extends Channel> datagramChannelType() {
        return datagramChannelType;
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

}
